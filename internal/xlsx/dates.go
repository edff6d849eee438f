package xlsx

import (
	"archive/zip"
	"math"
	"strconv"
	"strings"
	"time"
)

// A workbook keeps a date as a number of days (a serial) and says it is a date only
// through the cell's number format. The reader reads the formats, so that a date or a
// time reads as ISO 8601 text ("2024-03-01", "2024-03-01T10:00:00", "10:00:00") rather
// than as the serial 45352.41666666666.

// dateStyles reads xl/styles.xml and says, for each cell style (a cell's s attribute),
// whether its number format shows a date or a time.
func dateStyles(f *zip.File) ([]bool, error) {
	if f == nil {
		return nil, nil
	}
	var ss struct {
		NumFmts []struct {
			ID   int    `xml:"numFmtId,attr"`
			Code string `xml:"formatCode,attr"`
		} `xml:"numFmts>numFmt"`
		Xfs []struct {
			NumFmt int `xml:"numFmtId,attr"`
		} `xml:"cellXfs>xf"`
	}
	if err := decodePart(f, &ss); err != nil {
		return nil, err
	}
	custom := map[int]bool{}
	for _, nf := range ss.NumFmts {
		custom[nf.ID] = dateCode(nf.Code)
	}
	out := make([]bool, len(ss.Xfs))
	for i, xf := range ss.Xfs {
		isDate, ok := custom[xf.NumFmt]
		if !ok {
			isDate = builtinDate(xf.NumFmt)
		}
		out[i] = isDate
	}
	return out, nil
}

// builtinDate reports whether one of Excel's built-in number formats shows a date or time:
// 14 to 22 and 45 to 47 everywhere, 27 to 36 and 50 to 58 in East Asian versions.
func builtinDate(id int) bool {
	return id >= 14 && id <= 22 || id >= 27 && id <= 36 || id >= 45 && id <= 47 || id >= 50 && id <= 58
}

// dateCode reports whether a custom number format shows a date or time: it has a date or
// time part (y, m, d, h or s) outside quoted text, escaped characters and bracketed colors
// or conditions ([h], [mm] and [ss], elapsed time, count).
func dateCode(code string) bool {
	section, _, _ := strings.Cut(code, ";") // the format for positive numbers
	for i := 0; i < len(section); i++ {
		switch c := section[i]; c {
		case '"':
			if j := strings.IndexByte(section[i+1:], '"'); j >= 0 {
				i += j + 1
			}
		case '\\', '_', '*':
			i++ // the next character is shown as it is, or is padding
		case '[':
			j := strings.IndexByte(section[i:], ']')
			if j < 0 {
				return false
			}
			inner := strings.ToLower(section[i+1 : i+j])
			if strings.Trim(inner, "hms") == "" && inner != "" {
				return true
			}
			i += j
		default:
			switch c | 0x20 { // lower case
			case 'y', 'm', 'd', 'h', 's':
				return true
			}
		}
	}
	return false
}

// isoDate writes a serial of a date format as ISO 8601: the date alone when it has no
// time of day, the time alone when it has no date, both otherwise. Times are rounded to
// the second. date1904 is the workbook's other date system, which counts from 1904.
func isoDate(v string, date1904 bool) (string, bool) {
	serial, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
	if err != nil || serial < 0 || serial > 2958465 || math.IsNaN(serial) { // after 9999-12-31
		return "", false
	}
	days := math.Floor(serial)
	secs := int64(math.Round((serial - days) * 86400))
	if secs == 86400 {
		days, secs = days+1, 0
	}
	var epoch time.Time
	switch {
	case date1904:
		epoch = time.Date(1904, 1, 1, 0, 0, 0, 0, time.UTC)
	case days < 60:
		// Excel counts a 29 February 1900 that never was; before it, days count from the
		// last day of 1899.
		epoch = time.Date(1899, 12, 31, 0, 0, 0, 0, time.UTC)
	default:
		epoch = time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)
	}
	t := epoch.AddDate(0, 0, int(days)).Add(time.Duration(secs) * time.Second)
	switch {
	case days == 0 && !date1904:
		return t.Format(time.TimeOnly), true
	case secs == 0:
		return t.Format(time.DateOnly), true
	}
	return t.Format("2006-01-02T15:04:05"), true
}

// date1904 reports whether a workbook counts dates from 1904, as old Macintosh workbooks
// do.
func date1904(f *zip.File) bool {
	var wb struct {
		Pr struct {
			Date1904 string `xml:"date1904,attr"`
		} `xml:"workbookPr"`
	}
	if decodePart(f, &wb) != nil {
		return false
	}
	return wb.Pr.Date1904 == "1" || wb.Pr.Date1904 == "true"
}
