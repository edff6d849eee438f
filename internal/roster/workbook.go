package roster

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"

	"github.com/coachmentor/coachmentor/internal/textsafe"
	"github.com/coachmentor/coachmentor/internal/xlsx"
)

// xlsxReader reads the first sheet of a workbook as csvReader reads a CSV file: the first
// row with anything in it is the header, and the same header rules and errors apply. Rows
// are numbered as the spreadsheet shows them.
type xlsxReader struct {
	x        *xlsx.Reader
	t        *table
	vocab    *Vocabulary
	warnings []string
	n        int
	slab     rowSlab
	text     []string // a row's cells as text, used again for every row
}

// MaxWorkbook is the largest workbook read from a stream, which is read whole first: a zip
// file is read from its end.
const MaxWorkbook = 256 << 20

// workbookError says what a file that is not a readable workbook is, and what to do.
func workbookError(err error) error {
	var tm xlsx.ErrTooMuchText
	switch {
	case errors.Is(err, xlsx.ErrNotZip):
		return fmt.Errorf("not an Excel workbook (.xlsx): it is not a zip file, as every .xlsx is; if it is CSV or JSON Lines, say so with --input csv or --input jsonl")
	case errors.Is(err, xlsx.ErrOpenDocument):
		return fmt.Errorf("an OpenDocument spreadsheet (.ods), which cannot be read: save it as .xlsx or as CSV UTF-8")
	case errors.Is(err, xlsx.ErrNotWorkbook):
		return fmt.Errorf("a zip file that holds no Excel workbook: save the roster as .xlsx or as CSV UTF-8")
	case errors.As(err, &tm):
		return fmt.Errorf("the workbook has %v, the most a roster may hold: save the sheet as CSV UTF-8, which is read as it streams", tm)
	case errors.Is(err, xlsx.ErrDamaged):
		return fmt.Errorf("%v; open it in Excel or LibreOffice and save it again, or save it as CSV UTF-8", err)
	}
	return err
}

// OpenWorkbook reads a team from the first visible sheet of an .xlsx workbook: a file as
// it is, a stream whole into memory first.
func OpenWorkbook(r io.Reader, o ReadOptions) (Reader, error) {
	var at io.ReaderAt
	var size int64
	if f, ok := r.(*os.File); ok {
		st, err := f.Stat()
		if err != nil {
			return nil, err
		}
		at, size = f, st.Size()
	} else {
		data, err := io.ReadAll(io.LimitReader(r, MaxWorkbook+1))
		if err != nil {
			return nil, err
		}
		if len(data) > MaxWorkbook {
			return nil, fmt.Errorf("a workbook of more than %d MiB from a stream; give its file name instead", MaxWorkbook>>20)
		}
		at, size = bytes.NewReader(data), int64(len(data))
	}
	x, err := xlsx.Open(at, size, xlsx.Limits{Cell: MaxField, Row: MaxLine})
	if err != nil {
		return nil, workbookError(err)
	}
	wr := &xlsxReader{x: x, vocab: o.Vocab}
	if x.Sheets > 1 { // say which sheet is read, and what is not
		note := fmt.Sprintf(" reading the sheet %s, the first of %d", textsafe.Quote(x.Sheet), x.Sheets)
		if len(x.Hidden) > 0 {
			quoted := make([]string, len(x.Hidden))
			for i, h := range x.Hidden {
				quoted[i] = textsafe.Quote(h)
			}
			note = fmt.Sprintf(" reading the sheet %s, the first that is not hidden (hidden: %s)", textsafe.Quote(x.Sheet), strings.Join(quoted, ", "))
		}
		wr.warnings = append(wr.warnings, note)
	}
	if err := wr.open(o.Columns); err != nil {
		x.Close()
		return nil, err
	}
	return wr, nil
}

func (w *xlsxReader) open(cols Columns) error {
	for {
		cells, row, err := w.x.Next()
		if err == io.EOF {
			return fmt.Errorf("the sheet %s is empty; expected a header row of question ids", textsafe.Quote(w.x.Sheet))
		}
		if err != nil {
			return workbookError(err)
		}
		header := w.texts(cells)
		if blank(header) {
			continue
		}
		if problem := w.cellProblem(cells, row); problem != "" {
			return fmt.Errorf("the sheet %s, row %d (the header): %s", textsafe.Quote(w.x.Sheet), row, problem)
		}
		if w.t, err = newTable(header, w.vocab, cols, ","); err != nil {
			return fmt.Errorf("row %d: %w", row, err)
		}
		if warning := w.t.warning(); warning != "" {
			w.warnings = append(w.warnings, fmt.Sprintf("%d: %s", row, warning))
		}
		return nil
	}
}

// texts is a row's cells as text, in a slice used again for every row.
func (w *xlsxReader) texts(cells []xlsx.ReadCell) []string {
	w.text = w.text[:0]
	for _, c := range cells {
		w.text = append(w.text, c.Text)
	}
	return w.text
}

// cellProblem says why a row's cells cannot be read as they are, or "": a cell over the
// cap, a row over the line's cap, a formula whose value was never saved.
func (w *xlsxReader) cellProblem(cells []xlsx.ReadCell, line int) string {
	if w.x.RowTooLong {
		return fmt.Sprintf("the row holds more than %d KiB of text", MaxLine>>10)
	}
	for i, c := range cells {
		switch {
		case c.TooLong:
			return fmt.Sprintf("the cell %s%d%s holds more than %d characters", xlsx.ColumnName(i+1), line, w.column(i), MaxField)
		case c.Kind == xlsx.CellNoValue:
			return fmt.Sprintf("the cell %s%d%s holds a formula whose value was never saved; open the workbook in Excel or LibreOffice and save it, so that its values are stored", xlsx.ColumnName(i+1), line, w.column(i))
		}
	}
	return ""
}

// column names a column by its header, for messages: ` ("scope")`; "" for the header row.
func (w *xlsxReader) column(i int) string {
	if w.t == nil || i >= len(w.t.header) {
		return ""
	}
	return " (" + textsafe.Quote(w.t.header[i]) + ")"
}

func (w *xlsxReader) Vocabulary() *Vocabulary { return w.vocab }

func (w *xlsxReader) Warnings() []string { return w.warnings }

func (w *xlsxReader) Next() (*Row, error) {
	for {
		cells, line, err := w.x.Next()
		if err != nil {
			if err == io.EOF {
				return nil, err
			}
			return nil, workbookError(err)
		}
		rec := w.texts(cells)
		if blank(rec) && !w.x.RowTooLong {
			continue // an empty row, as sheets have between and below tables
		}
		w.n++
		row := w.slab.row()
		row.N, row.Line, row.vocab = w.n, line, w.vocab
		if w.t.isHeader(padded(rec, len(w.t.header))) {
			w.n--
			row.N, row.Repeat = 0, true
			return row, nil
		}
		w.t.fill(row, rec, true)
		w.t.numbers(row, cells)
		if problem := w.cellProblem(cells, line); problem != "" {
			row.Err = errors.New(problem) // what the row holds comes before its shape
		}
		return row, nil
	}
}

// padded is a record with empty cells added to make n, as a sheet leaves them out.
func padded(rec []string, n int) []string {
	for len(rec) < n {
		rec = append(rec, "")
	}
	return rec
}

// ReadNote says how much of the sheet was read: its rows and the XML they took.
func (w *xlsxReader) ReadNote() string {
	return fmt.Sprintf("read %s of the sheet %s (%s of XML)", countWord(w.x.Rows, "row"), textsafe.Quote(w.x.Sheet), sizeWord(w.x.Unpacked()))
}

// Close ends the reading of the workbook.
func (w *xlsxReader) Close() error { return w.x.Close() }

// countWord says how many of something, with thousands apart: "1 row", "8,400,000 rows".
func countWord(n int, noun string) string {
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	if n == 1 {
		return s + " " + noun
	}
	return s + " " + noun + "s"
}

// sizeWord is a number of bytes as people read it: "850 bytes", "1.2 MB", "3.4 GB".
func sizeWord(n int64) string {
	switch {
	case n < 1000:
		return strconv.FormatInt(n, 10) + " bytes"
	case n < 1000*1000:
		return strconv.FormatFloat(float64(n)/1000, 'f', 1, 64) + " kB"
	case n < 1000*1000*1000:
		return strconv.FormatFloat(float64(n)/1000/1000, 'f', 1, 64) + " MB"
	}
	return strconv.FormatFloat(float64(n)/1000/1000/1000, 'f', 1, 64) + " GB"
}
