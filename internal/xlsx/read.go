package xlsx

import (
	"archive/zip"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"
)

// The reader streams a sheet's rows in bounded memory and in time linear in the size of
// the unpacked XML, whatever the workbook holds: a cell over the cap is read past, never
// built, and said; the shared text is bounded in count and in bytes; no XML tag may be
// longer than maxTag. Cells come typed, so that a number stays a number and a date reads
// as a date.

// Limits on what a workbook may hold.
const (
	// ExcelCell is the most characters Excel puts in a cell.
	ExcelCell = 32767
	// MaxStrings and MaxStringBytes bound the workbook's shared text, which is held while
	// the sheet is read: the most different texts, and their bytes in all.
	MaxStrings     = 1 << 20
	MaxStringBytes = 16 << 20
	// maxTag bounds an XML tag, attributes and all; maxPart a part decoded whole (the
	// workbook's list of sheets, its relationships, its styles).
	maxTag  = 64 << 10
	maxPart = 8 << 20
)

// Errors the reader gives for a file that is not a workbook it can read.
var (
	// ErrNotZip is a file that is not a zip file at all, as every .xlsx workbook is.
	ErrNotZip = errors.New("not a zip file, as an .xlsx workbook is")
	// ErrOpenDocument is an OpenDocument spreadsheet (.ods).
	ErrOpenDocument = errors.New("an OpenDocument spreadsheet (.ods), not an Excel workbook")
	// ErrNotWorkbook is a zip file that holds no Excel workbook.
	ErrNotWorkbook = errors.New("a zip file that holds no Excel workbook")
	// ErrDamaged is a workbook whose parts cannot be read: wrong XML, a broken zip entry.
	ErrDamaged = errors.New("a damaged workbook")
)

// CellKind is what a cell holds.
type CellKind int

const (
	CellEmpty  CellKind = iota
	CellText            // text, or a truth value as TRUE or FALSE, or an error such as #N/A
	CellNumber          // a number, as the workbook stores it
	CellDate            // a date or time, as ISO 8601 text
	// CellNoValue is a formula whose value was never saved (as some programs save them):
	// the reader cannot work it out.
	CellNoValue
)

// ReadCell is one cell as read. TooLong is set, and Text left empty, when the cell holds
// more than the reader's cap.
type ReadCell struct {
	Text    string
	Kind    CellKind
	TooLong bool
}

// Reader reads the rows of one sheet.
type Reader struct {
	Sheet string // the sheet's name
	// Hidden names the hidden sheets before it, which are not read; Sheets is how many the
	// workbook has.
	Hidden []string
	Sheets int
	// Rows is how many rows have been read so far.
	Rows int

	maxCell  int // characters
	maxRow   int // bytes of a row's text; 0 for no cap
	rowBytes int // bytes of text in the row being read
	// RowTooLong is set when the row just read holds more than the row cap: its cells past
	// the cap are too long, and empty.
	RowTooLong bool
	strings    []string
	tooLong    []bool // per shared string: over the cap
	dates      []bool // per cell style: a date format
	date1904   bool
	dec        *xml.Decoder
	lim        *runLimiter
	body       io.ReadCloser
	row        int // the last row read, as the spreadsheet numbers it
	cells      []ReadCell
}

// Limits cap what one cell and one row may hold; a zero is no cap of the reader's own: a
// cell then holds ExcelCell characters at most.
type Limits struct {
	Cell int // characters in a cell
	Row  int // bytes of text in a row, all its cells together
}

// Open reads the workbook's parts and readies its first visible sheet.
func Open(r io.ReaderAt, size int64, lim Limits) (*Reader, error) {
	return OpenSheet(r, size, -1, lim)
}

// OpenSheet is Open for the sheet at index n, from 0, hidden or not; n < 0 is the first
// visible sheet.
func OpenSheet(r io.ReaderAt, size int64, n int, lim Limits) (*Reader, error) {
	zr, err := zip.NewReader(r, size)
	if err != nil {
		return nil, fmt.Errorf("%w (%v)", ErrNotZip, err)
	}
	files := map[string]*zip.File{}
	for _, f := range zr.File {
		files[f.Name] = f
	}
	if isOpenDocument(files["mimetype"]) {
		return nil, ErrOpenDocument
	}
	if lim.Cell <= 0 {
		lim.Cell = ExcelCell
	}
	x := &Reader{maxCell: lim.Cell, maxRow: lim.Row}
	target, err := x.pickSheet(files, n)
	if err != nil {
		return nil, err
	}
	if x.dates, err = dateStyles(files["xl/styles.xml"]); err != nil {
		return nil, err
	}
	x.date1904 = date1904(files["xl/workbook.xml"])
	if f := files["xl/sharedStrings.xml"]; f != nil {
		if err := x.sharedStrings(f); err != nil {
			return nil, err
		}
	}
	f := files[target]
	if f == nil {
		return nil, fmt.Errorf("%w: the sheet %q is missing", ErrDamaged, x.Sheet)
	}
	if x.body, err = f.Open(); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrDamaged, err)
	}
	x.lim = newRunLimiter(x.body, x.runCap(), maxTag)
	x.dec = xml.NewDecoder(x.lim)
	return x, nil
}

// runCap is the most bytes of XML text a cell of maxCell characters can take: a character
// escaped as &#x10FFFF; takes ten.
func (x *Reader) runCap() int { return 10*x.maxCell + 16 }

// isOpenDocument reports whether a zip file's mimetype part says it is an OpenDocument
// spreadsheet.
func isOpenDocument(f *zip.File) bool {
	if f == nil {
		return false
	}
	rc, err := f.Open()
	if err != nil {
		return false
	}
	defer rc.Close()
	b, _ := io.ReadAll(io.LimitReader(rc, 128))
	return strings.HasPrefix(string(b), "application/vnd.oasis.opendocument")
}

// Close ends the reading.
func (x *Reader) Close() error { return x.body.Close() }

// Unpacked is how many bytes of the sheet's XML have been read.
func (x *Reader) Unpacked() int64 { return x.lim.total }

// ErrNoSheet is OpenSheet's error for a sheet past the last.
var ErrNoSheet = errors.New("no such sheet")

// decodePart decodes a part that is read whole, at most maxPart bytes of it.
func decodePart(f *zip.File, v any) error {
	if f == nil {
		return ErrNotWorkbook
	}
	rc, err := f.Open()
	if err != nil {
		return fmt.Errorf("%w: %s: %v", ErrDamaged, f.Name, err)
	}
	defer rc.Close()
	lr := &io.LimitedReader{R: rc, N: maxPart + 1}
	if err := xml.NewDecoder(newRunLimiter(lr, maxTag, maxTag)).Decode(v); err != nil {
		if lr.N <= 0 {
			return fmt.Errorf("%w: %s is over %d MiB", ErrDamaged, f.Name, maxPart>>20)
		}
		return fmt.Errorf("%w: %s: %v", ErrDamaged, f.Name, err)
	}
	return nil
}

// Next returns the next row with anything in it, and its number as the spreadsheet shows
// it; io.EOF after the last. Cells left out before the last one are Empty. The row's cells
// are used again by the next call.
func (x *Reader) Next() ([]ReadCell, int, error) {
	for {
		tok, err := x.dec.Token()
		if err == io.EOF {
			return nil, 0, io.EOF
		}
		if err != nil {
			return nil, 0, x.damaged(err)
		}
		start, ok := tok.(xml.StartElement)
		if !ok || start.Name.Local != "row" {
			continue
		}
		x.row++
		if n, err := strconv.Atoi(attr(start, "r")); err == nil && n > 0 {
			x.row = n
		}
		if err := x.readCells(); err != nil {
			return nil, 0, err
		}
		x.Rows++
		return x.cells, x.row, nil
	}
}

// damaged is the error for XML the sheet cannot be read past.
func (x *Reader) damaged(err error) error {
	if x.row > 0 {
		return fmt.Errorf("%w: the sheet %q, after row %d: %v", ErrDamaged, x.Sheet, x.row, err)
	}
	return fmt.Errorf("%w: the sheet %q: %v", ErrDamaged, x.Sheet, err)
}

// readCells reads a row's cells, up to the end of the row.
func (x *Reader) readCells() error {
	x.cells = x.cells[:0]
	x.rowBytes, x.RowTooLong = 0, false
	col := 0
	for {
		tok, err := x.dec.Token()
		if err != nil {
			return x.damaged(err)
		}
		switch t := tok.(type) {
		case xml.EndElement:
			if t.Name.Local == "row" {
				return nil
			}
		case xml.StartElement:
			if t.Name.Local != "c" {
				continue
			}
			col++
			if c := columnOf(attr(t, "r")); c > 0 {
				col = c
			}
			if col > maxColumns {
				return fmt.Errorf("%w: row %d has a cell past the last column Excel has (%s)", ErrDamaged, x.row, ColumnName(maxColumns))
			}
			c, err := x.value(t, x.RowTooLong)
			if err != nil {
				return err
			}
			if x.rowBytes += len(c.Text); x.maxRow > 0 && x.rowBytes > x.maxRow {
				x.RowTooLong, c = true, ReadCell{Kind: CellText, TooLong: true}
			}
			for len(x.cells) < col-1 {
				x.cells = append(x.cells, ReadCell{})
			}
			if col-1 < len(x.cells) { // a cell named twice: the later one
				x.cells[col-1] = c
				continue
			}
			x.cells = append(x.cells, c)
		}
	}
}

// maxColumns is the number of columns Excel has, XFD.
const maxColumns = 16384

// value reads a cell: what it holds, of which kind. skip reads past its text without
// keeping it, for a row already past its cap.
func (x *Reader) value(c xml.StartElement, skip bool) (ReadCell, error) {
	kind, style := attr(c, "t"), attr(c, "s")
	var v, inline strings.Builder
	in, inRun, formula, hasV := "", false, false, false
	before := x.lim.dropped
	for {
		tok, err := x.dec.Token()
		if err != nil {
			return ReadCell{}, x.damaged(err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			in = t.Name.Local
			switch in {
			case "f":
				formula = true
			case "v":
				hasV = true
			case "rPh": // phonetic hints are not the text
				if err := x.dec.Skip(); err != nil {
					return ReadCell{}, x.damaged(err)
				}
				in = ""
			case "is", "r":
				inRun = true
			}
		case xml.EndElement:
			if t.Name.Local == "c" {
				if x.lim.dropped != before {
					return ReadCell{TooLong: true, Kind: CellText}, nil
				}
				if formula && !hasV {
					return ReadCell{Kind: CellNoValue}, nil
				}
				return x.cell(kind, style, v.String(), inline.String())
			}
			in = ""
		case xml.CharData:
			switch {
			case skip:
			case in == "v":
				v.Write(t)
			case in == "t" && (inRun || kind == "inlineStr"):
				inline.Write(t)
			}
		}
	}
}

// cell makes a cell of a value as the workbook stores it.
func (x *Reader) cell(kind, style, v, inline string) (ReadCell, error) {
	var c ReadCell
	switch kind {
	case "s":
		i, err := strconv.Atoi(strings.TrimSpace(v))
		if err != nil || i < 0 || i >= len(x.strings) {
			return c, fmt.Errorf("%w: row %d refers to text that is not there", ErrDamaged, x.row)
		}
		c = ReadCell{Text: x.strings[i], Kind: CellText, TooLong: x.tooLong[i]}
	case "inlineStr":
		c = ReadCell{Text: unescape(inline), Kind: CellText}
	case "str", "e":
		c = ReadCell{Text: v, Kind: CellText} // a formula's text, an error such as #N/A
	case "b":
		c = ReadCell{Text: "FALSE", Kind: CellText}
		if strings.TrimSpace(v) == "1" {
			c.Text = "TRUE"
		}
	case "d":
		c = ReadCell{Text: strings.TrimSpace(v), Kind: CellDate} // already ISO 8601
	default:
		v = strings.TrimSpace(v)
		c = ReadCell{Text: v, Kind: CellNumber}
		if s, err := strconv.Atoi(style); err == nil && s >= 0 && s < len(x.dates) && x.dates[s] {
			if iso, ok := isoDate(v, x.date1904); ok {
				c = ReadCell{Text: iso, Kind: CellDate}
			}
		}
	}
	if c.Text == "" && !c.TooLong {
		c.Kind = CellEmpty
	}
	if utf8.RuneCountInString(c.Text) > x.maxCell {
		c = ReadCell{Kind: CellText, TooLong: true}
	}
	return c, nil
}

// unescape decodes Excel's _xHHHH_, in which it keeps characters XML cannot hold, such as
// control characters; _x005F_ before one is a literal underscore.
func unescape(s string) string {
	if !strings.Contains(s, "_x") {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		if escapeLike(s[i:]) {
			n, _ := strconv.ParseUint(s[i+2:i+6], 16, 16)
			b.WriteRune(rune(n))
			i += 7
			continue
		}
		b.WriteByte(s[i])
		i++
	}
	return b.String()
}

func attr(e xml.StartElement, name string) string {
	for _, a := range e.Attr {
		if a.Name.Local == name {
			return a.Value
		}
	}
	return ""
}

// columnOf is the column of a cell reference such as "C5": 3; 0 if it has none.
func columnOf(ref string) int {
	n := 0
	for i := 0; i < len(ref) && i < 4; i++ { // XFD, the last column, has three letters
		r := ref[i]
		if r < 'A' || r > 'Z' {
			break
		}
		n = n*26 + int(r-'A'+1)
	}
	return n
}
