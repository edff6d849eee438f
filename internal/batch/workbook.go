package batch

import (
	"encoding/binary"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/coachmentor/coachmentor/internal/bank"
	"github.com/coachmentor/coachmentor/internal/engine"
	"github.com/coachmentor/coachmentor/internal/report"
	"github.com/coachmentor/coachmentor/internal/xlsx"
)

// A workbook is written as the other formats are, row by row in input order, but the rows
// go to a sheet rather than a stream. The workbook format renders each row as a record of
// typed cells (below), on every core; a workbook writer takes the records in order and
// puts them on the sheet as they come. The results sheet has a row per respondent with the
// kept columns, going on in a second sheet past a sheet's last row; a summary sheet
// follows with the totals, per group too.
//
// A record is recordMark, its cells, each a kind byte and its text framed by its length (so
// that any text, control characters included, comes through as it was), and recordEnd. A
// record of sheetMark and a name turns to a new sheet for the records after it.
const (
	recordMark  = 'R'
	recordEnd   = 'E'
	sheetMark   = 'S'
	numberCell  = 'n'
	percentCell = 'p' // a share from 0 to 1, shown as a percentage
	textCell    = 's'
)

// Sheet names.
const (
	resultsSheet = "Results"
	summarySheet = "Summary"
)

type workbookFormat struct {
	b     *bank.Bank
	kept  []string
	group string
}

func (f *workbookFormat) totalsFirst() bool                  { return false }
func (f *workbookFormat) rowsHead(io.Writer, *Summary) error { return nil }
func (f *workbookFormat) foot(io.Writer) error               { return nil }
func (f *workbookFormat) rowSize() int                       { return 0 }

func (f *workbookFormat) head(w io.Writer) error {
	buf := beginRecord(nil)
	for _, c := range f.header() {
		buf = appendCell(buf, textCell, c)
	}
	_, err := w.Write(endRecord(buf))
	return err
}

// header is the results sheet's first row, repeated on a sheet that goes on from it.
func (f *workbookFormat) header() []string {
	cells := []string{"id"}
	cells = append(cells, f.kept...)
	cells = append(cells, strings.Split(csvResultColumns, ",")...)
	return append(cells, "status", "error", "bank")
}

// beginRecord starts a record and endRecord ends it.
func beginRecord(buf []byte) []byte { return append(buf, recordMark) }
func endRecord(buf []byte) []byte   { return append(buf, recordEnd) }

// appendCell appends a cell of a kind: its kind, its text's length, its text.
func appendCell(buf []byte, kind byte, s string) []byte {
	buf = append(buf, kind)
	buf = binary.AppendUvarint(buf, uint64(len(s)))
	return append(buf, s...)
}

func appendText(buf []byte, s string) []byte { return appendCell(buf, textCell, s) }

func appendNumber(buf []byte, x float64) []byte {
	return appendCell(buf, numberCell, strconv.FormatFloat(report.Round(x), 'f', -1, 64))
}

// appendValue appends a cell read from the roster: a number there is a number here, with
// the value it had.
func appendValue(buf []byte, s string, number bool) []byte {
	if number {
		if _, err := strconv.ParseFloat(s, 64); err == nil {
			return appendCell(buf, numberCell, s)
		}
	}
	return appendText(buf, s)
}

func (f *workbookFormat) start(buf []byte, row *Row) []byte {
	buf = beginRecord(buf)
	buf = appendValue(buf, respondentID(row), row.idNumber && row.ID != "")
	for i := range f.kept {
		buf = appendValue(buf, cell(row.Kept, i), i < len(row.keptNumber) && row.keptNumber[i])
	}
	return buf
}

func (f *workbookFormat) render(buf []byte, row *Row, res []*engine.Result) []byte {
	r := res[0]
	buf = f.start(buf, row)
	buf = appendText(buf, r.Recommendation)
	buf = appendNumber(buf, r.Confidence)
	buf = appendNumber(buf, r.Coaching)
	buf = appendNumber(buf, r.Mentoring)
	top := report.TopN(r, 3)
	for i := range 3 {
		id := ""
		if i < len(top) {
			id = top[i].Type.ID
		}
		buf = appendText(buf, id)
	}
	buf = appendText(buf, strings.Join(tieIDs(r), " "))
	buf = appendText(buf, report.ConfidenceWord(r))
	buf = appendNumber(buf, float64(len(r.Answered)))
	buf = appendText(buf, statusOK)
	buf = appendText(buf, "")
	return endRecord(appendText(buf, bankCell(f.b)))
}

func (f *workbookFormat) renderInvalid(buf []byte, row *Row, problem string) []byte {
	buf = f.start(buf, row)
	for range strings.Count(csvResultColumns, ",") + 1 {
		buf = appendText(buf, "")
	}
	buf = appendText(buf, statusInvalid)
	buf = appendText(buf, problem)
	return endRecord(appendText(buf, bankCell(f.b)))
}

// totals writes the summary sheet: the team's tally, then each group's.
func (f *workbookFormat) totals(w io.Writer, s Summary, _ bool) error {
	buf := appendCell(nil, sheetMark, summarySheet)
	row := func(cells ...any) {
		buf = beginRecord(buf)
		for _, c := range cells {
			switch v := c.(type) {
			case int:
				buf = appendNumber(buf, float64(v))
			case percent:
				buf = appendCell(buf, percentCell, strconv.FormatFloat(float64(v), 'f', 4, 64))
			default:
				buf = appendText(buf, fmt.Sprint(v))
			}
		}
		buf = endRecord(buf)
	}
	row("Question bank", bankCell(f.b))
	f.tally(row, "Everyone", s.Tally)
	for _, name := range s.GroupNames() {
		row()
		f.tally(row, f.group+": "+GroupLabel(name), *s.Groups[name])
	}
	_, err := w.Write(buf)
	return err
}

// percent is a share that the summary sheet shows as a percentage.
type percent float64

func (f *workbookFormat) tally(row func(...any), title string, t Tally) {
	valid := t.Respondents - t.Invalid
	share := func(n int) percent {
		if valid == 0 {
			return 0
		}
		return percent(float64(n) / float64(valid))
	}
	row()
	row(title)
	row("Respondents", t.Respondents)
	row("Could not be scored", t.Invalid)
	row()
	row("Recommendation", "Respondents", "Share")
	for _, rec := range recommendations {
		row(report.Title(rec), t.ByRecommendation[rec], share(t.ByRecommendation[rec]))
	}
	row()
	row("Best-fitting type", "Family", "Respondents", "Share")
	for _, bt := range bestTypes(f.b, t.ByType) {
		row(bt.name, bt.family, bt.n, share(bt.n))
	}
	if t.Invalid > 0 {
		row()
		row("Could not be scored", "Line", "Why")
		for _, u := range t.Unscored {
			row(u.ID, u.Line, u.Problem)
		}
	}
}

// workbookWriter puts records on the sheets of a workbook as they come; the workbook is
// done when it is closed. Past a sheet's last row the results go on in a sheet of their
// own, "Results (2)", under the same header.
type workbookWriter struct {
	x       *xlsx.Writer
	header  []xlsx.Cell // the results sheet's first row
	sheet   string      // the sheet being written
	pending []byte      // a record not yet whole
	cells   []xlsx.Cell
	err     error
	// maxRows is where a results sheet ends: xlsx.MaxRows, lower in tests.
	maxRows int
}

func newWorkbookWriter(out io.Writer) (*workbookWriter, error) {
	x, err := xlsx.NewWriter(out, resultsSheet)
	if err != nil {
		return nil, err
	}
	return &workbookWriter{x: x, sheet: resultsSheet, maxRows: xlsx.MaxRows}, nil
}

func (w *workbookWriter) Write(p []byte) (int, error) {
	if w.err != nil {
		return 0, w.err
	}
	n := len(p)
	if len(w.pending) > 0 {
		p = append(w.pending, p...)
	}
	for {
		next, ok := w.whole(p)
		if !ok {
			break
		}
		if w.err = w.record(p[:next]); w.err != nil {
			return 0, w.err
		}
		p = p[next:]
	}
	w.pending = append(w.pending[:0], p...)
	return n, nil
}

// whole reports where the first record of p ends, if p holds all of it.
func (w *workbookWriter) whole(p []byte) (int, bool) {
	if len(p) == 0 {
		return 0, false
	}
	if p[0] == sheetMark { // a sheet's name
		n, k := binary.Uvarint(p[1:])
		if k <= 0 || uint64(len(p)-1-k) < n {
			return 0, false
		}
		return 1 + k + int(n), true
	}
	for i := 1; i < len(p); {
		if p[i] == recordEnd {
			return i + 1, true
		}
		n, k := binary.Uvarint(p[i+1:])
		if k <= 0 || uint64(len(p)-i-1-k) < n {
			return 0, false
		}
		i += 1 + k + int(n)
	}
	return 0, false
}

// record puts one record on the sheet, or turns to the next sheet.
func (w *workbookWriter) record(rec []byte) error {
	w.cells = w.cells[:0]
	if rec[0] == sheetMark {
		rec = append([]byte{textCell}, rec[1:]...) // the name, as a cell
		rec = append([]byte{sheetMark}, rec...)
	}
	for i := 1; i < len(rec) && rec[i] != recordEnd; {
		kind := rec[i]
		n, k := binary.Uvarint(rec[i+1:])
		text := string(rec[i+1+k : i+1+k+int(n)])
		i += 1 + k + int(n)
		c := xlsx.Cell{Text: text, Bold: w.x.Rows() == 0}
		switch kind {
		case numberCell, percentCell:
			c.Kind, c.Percent = xlsx.Number, kind == percentCell
			c.Number, _ = strconv.ParseFloat(text, 64)
		}
		w.cells = append(w.cells, c)
	}
	if rec[0] == sheetMark {
		w.sheet = w.cells[0].Text
		return w.x.AddSheet(w.sheet)
	}
	if w.header == nil && w.sheet == resultsSheet {
		w.header = slices.Clone(w.cells)
	}
	if w.x.Rows() >= w.maxRows && w.sheet == resultsSheet {
		// The results go on in a sheet of their own, under the same header.
		if err := w.x.AddSheet(resultsSheet); err != nil {
			return err
		}
		if err := w.x.Row(w.header...); err != nil {
			return err
		}
	}
	return w.x.Row(w.cells...)
}

// Close finishes the workbook.
func (w *workbookWriter) Close() error {
	if w.err != nil {
		return w.err
	}
	return w.x.Close()
}
