package xlsx

import (
	"archive/zip"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"path"
	"strings"
	"unicode/utf8"
)

// ErrTooMuchText is the error for shared text past MaxStrings texts or MaxStringBytes bytes.
type ErrTooMuchText struct {
	Count bool // the number of texts was passed, rather than their bytes
}

func (e ErrTooMuchText) Error() string {
	if e.Count {
		return fmt.Sprintf("more than %d different texts in the workbook", MaxStrings)
	}
	return fmt.Sprintf("more than %d MiB of text shared between its cells", MaxStringBytes>>20)
}

// pickSheet finds the sheet to read (the n-th, or the first visible one when n < 0),
// notes its name and the hidden sheets before it, and gives the part that holds it.
func (x *Reader) pickSheet(files map[string]*zip.File, n int) (string, error) {
	var wb struct {
		Sheets []struct {
			Name  string `xml:"name,attr"`
			State string `xml:"state,attr"`
			ID    string `xml:"http://schemas.openxmlformats.org/officeDocument/2006/relationships id,attr"`
		} `xml:"sheets>sheet"`
	}
	var rels struct {
		Rels []struct {
			ID     string `xml:"Id,attr"`
			Target string `xml:"Target,attr"`
		} `xml:"Relationship"`
	}
	f := files["xl/workbook.xml"]
	if f == nil {
		return "", ErrNotWorkbook
	}
	if err := decodePart(f, &wb); err != nil {
		return "", err
	}
	if len(wb.Sheets) == 0 {
		return "", fmt.Errorf("%w: it lists no sheets", ErrDamaged)
	}
	x.Sheets = len(wb.Sheets)
	if n < 0 {
		n = 0
		for n < len(wb.Sheets) && wb.Sheets[n].State != "" && wb.Sheets[n].State != "visible" {
			x.Hidden = append(x.Hidden, wb.Sheets[n].Name)
			n++
		}
		if n == len(wb.Sheets) {
			return "", fmt.Errorf("%w: every sheet is hidden", ErrDamaged)
		}
	}
	if n >= len(wb.Sheets) {
		return "", ErrNoSheet
	}
	x.Sheet = wb.Sheets[n].Name
	if err := decodePart(files["xl/_rels/workbook.xml.rels"], &rels); err != nil {
		return "", err
	}
	for _, r := range rels.Rels {
		if r.ID == wb.Sheets[n].ID {
			if strings.HasPrefix(r.Target, "/") {
				return strings.TrimPrefix(r.Target, "/"), nil
			}
			return path.Join("xl", r.Target), nil
		}
	}
	return "", fmt.Errorf("%w: the sheet %q has no part", ErrDamaged, x.Sheet)
}

// sharedStrings reads the table of text that cells refer to by number, within the limits:
// a text over the cell cap is noted as too long and not kept; a table past MaxStrings
// texts or MaxStringBytes bytes is an error that says which. A text of several runs of
// formatting is their text together.
func (x *Reader) sharedStrings(f *zip.File) error {
	rc, err := f.Open()
	if err != nil {
		return fmt.Errorf("%w: %v", ErrDamaged, err)
	}
	defer rc.Close()
	lim := newRunLimiter(rc, x.runCap(), maxTag)
	dec := xml.NewDecoder(lim)
	var cur strings.Builder
	var total int
	var dropped int64
	inT := false
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			var tl ErrTagTooLong
			if errors.As(err, &tl) {
				return fmt.Errorf("%w: its shared text has %v", ErrDamaged, err)
			}
			return fmt.Errorf("%w: its shared text: %v", ErrDamaged, err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "si":
				cur.Reset()
				dropped = lim.dropped
			case "t":
				inT = true
			case "rPh": // phonetic hints are not the text
				if err := dec.Skip(); err != nil {
					return fmt.Errorf("%w: its shared text: %v", ErrDamaged, err)
				}
			}
		case xml.EndElement:
			switch t.Name.Local {
			case "si":
				if len(x.strings) >= MaxStrings {
					return ErrTooMuchText{Count: true}
				}
				s := unescape(cur.String())
				long := lim.dropped != dropped || utf8.RuneCountInString(s) > x.maxCell
				if long {
					s = ""
				}
				if total += len(s); total > MaxStringBytes {
					return ErrTooMuchText{}
				}
				x.strings = append(x.strings, s)
				x.tooLong = append(x.tooLong, long)
			case "t":
				inT = false
			}
		case xml.CharData:
			if inT && cur.Len() <= x.runCap() {
				cur.Write(t)
			}
		}
	}
}
