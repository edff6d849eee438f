// Package xlsx writes and reads Excel workbooks (.xlsx): the little of the format that a
// table of results and a roster need. A workbook is a zip file of XML parts; the writer
// streams each sheet's rows into its part as they come, so a workbook of any size is
// written in bounded memory, and the reader streams the first sheet's rows.
//
// It is written here rather than taken from excelize, which does much more: measured on
// this program, importing excelize added 5 ms to every start of every command (its
// package initialisation) and 9 MB to the binary, and it builds the whole workbook in
// memory when it is saved (157 MiB at 1,000,000 rows). The tests check every workbook
// written here with excelize.
package xlsx

import (
	"archive/zip"
	"bufio"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"
)

// Cell is one cell to write: text, or a number shown as it is or as a percentage.
type Cell struct {
	Text    string
	Number  float64
	Kind    Kind
	Bold    bool
	Percent bool // a Number shown as a percentage
}

// Kind says whether a cell holds text or a number.
type Kind int

const (
	Text Kind = iota
	Number
)

// Limits of a sheet, as Excel has them.
const (
	// MaxRows is the most rows a sheet holds.
	MaxRows = 1 << 20
	// maxSheetName is the longest name a sheet may have.
	maxSheetName = 31
)

// Writer writes a workbook a sheet at a time. The parts that list the sheets are written
// when it is closed, so that a sheet may be added as the rows need it.
type Writer struct {
	zw     *zip.Writer
	sheets []string
	part   *bufio.Writer
	row    int
	err    error
	// Cut counts the cells whose text was cut to ExcelCell characters.
	Cut int
}

// NewWriter starts a workbook with a first sheet of the given name. The first row of every
// sheet stays in view as the sheet scrolls.
func NewWriter(w io.Writer, first string) (*Writer, error) {
	x := &Writer{zw: zip.NewWriter(w)}
	return x, x.AddSheet(first)
}

// SheetName makes a name one Excel takes: none of : \ / ? * [ ], no apostrophe at either
// end, at most 31 characters, not blank.
func SheetName(name string) string {
	name = strings.Map(func(r rune) rune {
		if strings.ContainsRune(`:\/?*[]`, r) || r < 0x20 {
			return ' '
		}
		return r
	}, name)
	name = strings.TrimSpace(strings.Trim(name, "'"))
	if utf8.RuneCountInString(name) > maxSheetName {
		name = string([]rune(name)[:maxSheetName])
	}
	if name == "" {
		name = "Sheet"
	}
	return name
}

// AddSheet ends the sheet being written and starts another, named as SheetName makes the
// name, with " (2)" and so on after a name already taken (Excel compares names without
// case).
func (x *Writer) AddSheet(name string) error {
	if err := x.endSheet(); err != nil {
		return err
	}
	name = SheetName(name)
	for n, base := 2, name; slices.ContainsFunc(x.sheets, func(s string) bool { return strings.EqualFold(s, name) }); n++ {
		suffix := fmt.Sprintf(" (%d)", n)
		name = string([]rune(base)[:min(utf8.RuneCountInString(base), maxSheetName-len(suffix))]) + suffix
	}
	x.sheets = append(x.sheets, name)
	f, err := x.zw.Create(fmt.Sprintf("xl/worksheets/sheet%d.xml", len(x.sheets)))
	if err != nil {
		return err
	}
	x.part, x.row = bufio.NewWriterSize(f, 64<<10), 0
	_, err = x.part.WriteString(xmlHead + `<worksheet xmlns="` + mainNS + `"><sheetViews><sheetView workbookViewId="0"` + selected(len(x.sheets)-1) +
		`><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews><sheetData>`)
	return err
}

// Rows is how many rows the sheet being written has.
func (x *Writer) Rows() int { return x.row }

func selected(sheet int) string {
	if sheet == 0 {
		return ` tabSelected="1"`
	}
	return ""
}

func (x *Writer) endSheet() error {
	if x.part == nil {
		return nil
	}
	x.part.WriteString("</sheetData></worksheet>")
	err := x.part.Flush()
	x.part = nil
	return err
}

// ErrSheetFull is Row's error past a sheet's MaxRows rows.
var ErrSheetFull = fmt.Errorf("a sheet holds at most %d rows", MaxRows)

// Row writes the next row of the sheet.
func (x *Writer) Row(cells ...Cell) error {
	if x.err != nil {
		return x.err
	}
	if x.row >= MaxRows {
		return ErrSheetFull
	}
	x.row++
	b := x.part
	fmt.Fprintf(b, `<row r="%d">`, x.row)
	for i, c := range cells {
		ref := ColumnName(i+1) + strconv.Itoa(x.row)
		style := ""
		switch {
		case c.Bold:
			style = ` s="1"`
		case c.Percent:
			style = ` s="2"`
		}
		if c.Kind == Number {
			b.WriteString(`<c r="` + ref + `"` + style + `><v>` + strconv.FormatFloat(c.Number, 'f', -1, 64) + `</v></c>`)
			continue
		}
		if c.Text == "" {
			continue // an empty cell is left out
		}
		b.WriteString(`<c r="` + ref + `" t="inlineStr"` + style + `><is><t xml:space="preserve">`)
		if x.escapeCell(b, c.Text) {
			x.Cut++
		}
		b.WriteString(`</t></is></c>`)
	}
	_, x.err = b.WriteString("</row>")
	return x.err
}

// Close ends the last sheet and writes the parts that list the sheets.
func (x *Writer) Close() error {
	if err := x.endSheet(); err != nil {
		return err
	}
	for _, p := range []struct{ name, body string }{
		{"[Content_Types].xml", contentTypes(len(x.sheets))},
		{"_rels/.rels", rootRels},
		{"xl/workbook.xml", workbook(x.sheets)},
		{"xl/_rels/workbook.xml.rels", workbookRels(len(x.sheets))},
		{"xl/styles.xml", styles},
	} {
		f, err := x.zw.Create(p.name)
		if err != nil {
			return err
		}
		if _, err := io.WriteString(f, p.body); err != nil {
			return err
		}
	}
	return x.zw.Close()
}

// escapeCell writes a cell's text as Excel reads it back: XML's own escapes, and every
// character XML 1.0 cannot hold (a control character, a lone surrogate) as Excel's
// _xHHHH_; text that already reads as _xHHHH_ has its underscore escaped, so that Excel
// does not decode it. Past ExcelCell characters the text is cut, with an ellipsis; it
// reports whether it was.
func (x *Writer) escapeCell(w *bufio.Writer, s string) bool {
	n := 0
	for i, r := range s {
		if n == ExcelCell-1 && i < len(s) && utf8.RuneCountInString(s[i:]) > 1 {
			w.WriteString("…")
			return true
		}
		n++
		switch {
		case r == '_' && escapeLike(s[i:]):
			w.WriteString("_x005F_")
		case r == '&':
			w.WriteString("&amp;")
		case r == '<':
			w.WriteString("&lt;")
		case r == '>':
			w.WriteString("&gt;")
		case r == '\t' || r == '\n' || r == '\r' || r >= 0x20 && r < 0x7F || r > 0x9F && r < 0xD800 || r >= 0xE000 && r < 0xFFFE || r >= 0x10000 && r <= utf8.MaxRune:
			w.WriteRune(r)
		case r < 0x10000:
			fmt.Fprintf(w, "_x%04X_", r)
		}
	}
	return false
}

// escapeLike reports whether s starts with what Excel reads as an escaped character:
// _x, four hexadecimal digits, _.
func escapeLike(s string) bool {
	if len(s) < 7 || s[0] != '_' || s[1] != 'x' || s[6] != '_' {
		return false
	}
	for _, c := range s[2:6] {
		if !strings.ContainsRune("0123456789abcdefABCDEF", c) {
			return false
		}
	}
	return true
}

// escape writes text as XML character data, leaving out what XML 1.0 cannot hold: for the
// workbook's own parts.
func escape(w *bufio.Writer, s string) {
	for _, r := range s {
		switch {
		case r == '&':
			w.WriteString("&amp;")
		case r == '<':
			w.WriteString("&lt;")
		case r == '>':
			w.WriteString("&gt;")
		case r == '"':
			w.WriteString("&quot;")
		case r == '\t' || r == '\n' || r == '\r' || r >= 0x20 && r < 0xD800 || r >= 0xE000 && r < 0xFFFE || r >= 0x10000 && r <= utf8.MaxRune:
			w.WriteRune(r)
		}
	}
}

// columnNames are the first columns' letters, made once when first needed (not at
// start-up, which every command pays for): a row names each of its cells.
var columnNames = sync.OnceValue(func() *[128]string {
	var names [128]string
	for i := range names {
		names[i] = columnName(i)
	}
	return &names
})

// ColumnName is a column's letters: 1 is A, 27 is AA.
func ColumnName(n int) string {
	if names := columnNames(); n < len(names) {
		return names[n]
	}
	return columnName(n)
}

func columnName(n int) string {
	var b []byte
	for n > 0 {
		n--
		b = append([]byte{byte('A' + n%26)}, b...)
		n /= 26
	}
	return string(b)
}

const (
	xmlHead = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n"
	mainNS  = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
	relNS   = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
	pkgRels = "http://schemas.openxmlformats.org/package/2006/relationships"
)

func contentTypes(sheets int) string {
	var b strings.Builder
	b.WriteString(xmlHead + `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
		`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
		`<Default Extension="xml" ContentType="application/xml"/>` +
		`<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>` +
		`<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>`)
	for i := 1; i <= sheets; i++ {
		fmt.Fprintf(&b, `<Override PartName="/xl/worksheets/sheet%d.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`, i)
	}
	b.WriteString(`</Types>`)
	return b.String()
}

const rootRels = xmlHead + `<Relationships xmlns="` + pkgRels + `">` +
	`<Relationship Id="rId1" Type="` + relNS + `/officeDocument" Target="xl/workbook.xml"/></Relationships>`

func workbook(sheets []string) string {
	var b strings.Builder
	b.WriteString(xmlHead + `<workbook xmlns="` + mainNS + `" xmlns:r="` + relNS + `"><sheets>`)
	for i, name := range sheets {
		b.WriteString(`<sheet name="`)
		w := bufio.NewWriter(&b)
		escape(w, name)
		w.Flush()
		fmt.Fprintf(&b, `" sheetId="%d" r:id="rId%d"/>`, i+1, i+1)
	}
	b.WriteString(`</sheets></workbook>`)
	return b.String()
}

func workbookRels(sheets int) string {
	var b strings.Builder
	b.WriteString(xmlHead + `<Relationships xmlns="` + pkgRels + `">`)
	for i := 1; i <= sheets; i++ {
		fmt.Fprintf(&b, `<Relationship Id="rId%d" Type="%s/worksheet" Target="worksheets/sheet%d.xml"/>`, i, relNS, i)
	}
	fmt.Fprintf(&b, `<Relationship Id="rId%d" Type="%s/styles" Target="styles.xml"/></Relationships>`, sheets+1, relNS)
	return b.String()
}

// styles are the three cell styles: plain, bold (a header) and a percentage with two
// decimals (number format 10, built into Excel).
const styles = xmlHead + `<styleSheet xmlns="` + mainNS + `">` +
	`<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts>` +
	`<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>` +
	`<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>` +
	`<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>` +
	`<cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>` +
	`<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>` +
	`<xf numFmtId="10" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>` +
	`<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>`
