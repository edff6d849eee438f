package batch

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"

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
}

// ErrNotWorkbook is OpenWorkbook's error for a zip file that is no Excel workbook.
var ErrNotWorkbook = errors.New("not a workbook Excel saves (.xlsx); an OpenDocument spreadsheet (.ods) or another zip file cannot be read: save it as .xlsx or as CSV UTF-8")

// MaxWorkbook is the largest workbook read from a stream, which is read whole first: a zip
// file is read from its end.
const MaxWorkbook = 256 << 20

// OpenWorkbook reads a team from the first sheet of an .xlsx workbook: a file as it is, a
// stream whole into memory first.
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
	x, err := xlsx.Open(at, size)
	if errors.Is(err, xlsx.ErrNotWorkbook) {
		return nil, ErrNotWorkbook
	}
	if err != nil {
		return nil, err
	}
	wr := &xlsxReader{x: x, vocab: o.Vocab}
	if err := wr.open(o.Columns); err != nil {
		x.Close()
		return nil, err
	}
	return wr, nil
}

func (w *xlsxReader) open(cols Columns) error {
	for {
		header, row, err := w.x.Next()
		if err == io.EOF {
			return fmt.Errorf("the sheet %q is empty; expected a header row of question ids", w.x.Sheet)
		}
		if err != nil {
			return err
		}
		if blank(header) {
			continue
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

func (w *xlsxReader) Warnings() []string { return w.warnings }

func (w *xlsxReader) Next() (*Row, error) {
	for {
		rec, line, err := w.x.Next()
		if err != nil {
			return nil, err // io.EOF at the end
		}
		if blank(rec) {
			continue // an empty row, as sheets have between and below tables
		}
		w.n++
		row := w.slab.row()
		row.N, row.Line, row.vocab = w.n, line, w.vocab
		if w.t.isHeader(padded(rec, len(w.t.header))) {
			w.n--
			row.N, row.repeat = 0, true
			return row, nil
		}
		w.t.fill(row, rec, true)
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

// Close ends the reading of the workbook.
func (w *xlsxReader) Close() error { return w.x.Close() }
