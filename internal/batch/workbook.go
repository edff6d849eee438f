package batch

import (
	"bytes"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/coachmentor/coachmentor/internal/bank"
	"github.com/coachmentor/coachmentor/internal/engine"
	"github.com/coachmentor/coachmentor/internal/report"
	"github.com/coachmentor/coachmentor/internal/xlsx"
)

// A workbook is written as the other formats are, row by row in input order, but the rows
// go to a sheet rather than a stream. The workbook format renders each row as a record of
// cells (below), on every core; a workbook writer takes the records in order and puts
// them on the sheet as they come. The results sheet has a row per
// respondent with the kept columns; a summary sheet follows with the totals, per group too.

// Records are cells ended by recordEnd and separated by cellEnd; a cell starts with its
// type, numberCell or textCell. A record that starts with sheetMark names the sheet the
// records after it go to.
const (
	recordEnd   = '\x1e'
	cellEnd     = '\x1f'
	sheetMark   = '\x1d'
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
	cells := []string{"id"}
	cells = append(cells, f.kept...)
	cells = append(cells, strings.Split(csvResultColumns, ",")...)
	cells = append(cells, "status", "error", "bank")
	var buf []byte
	for _, c := range cells {
		buf = appendText(buf, c)
	}
	_, err := w.Write(endRecord(buf))
	return err
}

func appendText(buf []byte, s string) []byte {
	buf = append(buf, textCell)
	buf = append(buf, strings.Map(func(r rune) rune {
		if r == recordEnd || r == cellEnd || r == sheetMark {
			return ' '
		}
		return r
	}, s)...)
	return append(buf, cellEnd)
}

func appendNumber(buf []byte, x float64) []byte {
	buf = append(buf, numberCell)
	buf = strconv.AppendFloat(buf, report.Round(x), 'f', -1, 64)
	return append(buf, cellEnd)
}

func endRecord(buf []byte) []byte {
	if n := len(buf); n > 0 && buf[n-1] == cellEnd {
		buf = buf[:n-1]
	}
	return append(buf, recordEnd)
}

func (f *workbookFormat) start(buf []byte, row *Row) []byte {
	buf = appendText(buf, respondentID(row))
	for i := range f.kept {
		buf = appendText(buf, cell(row.Kept, i))
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
	buf = appendText(buf, bankCell(f.b))
	return endRecord(buf)
}

func (f *workbookFormat) renderInvalid(buf []byte, row *Row, problem string) []byte {
	buf = f.start(buf, row)
	for range strings.Count(csvResultColumns, ",") + 1 {
		buf = appendText(buf, "")
	}
	buf = appendText(buf, statusInvalid)
	buf = appendText(buf, problem)
	buf = appendText(buf, bankCell(f.b))
	return endRecord(buf)
}

// totals writes the summary sheet: the team's tally, then each group's.
func (f *workbookFormat) totals(w io.Writer, s Summary, _ bool) error {
	var buf []byte
	buf = append(buf, sheetMark)
	buf = append(buf, summarySheet...)
	buf = append(buf, recordEnd)
	row := func(cells ...any) {
		for _, c := range cells {
			switch v := c.(type) {
			case int:
				buf = appendNumber(buf, float64(v))
			case percent:
				buf = append(buf, percentCell)
				buf = strconv.AppendFloat(buf, float64(v), 'f', 4, 64)
				buf = append(buf, cellEnd)
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
// done when it is closed.
type workbookWriter struct {
	x       *xlsx.Writer
	row     int
	pending []byte // a record not yet ended
	err     error
}

func newWorkbookWriter(out io.Writer) (*workbookWriter, error) {
	x, err := xlsx.NewWriter(out, resultsSheet, summarySheet)
	if err != nil {
		return nil, err
	}
	return &workbookWriter{x: x}, nil
}

func (w *workbookWriter) Write(p []byte) (int, error) {
	if w.err != nil {
		return 0, w.err
	}
	n := len(p)
	for len(p) > 0 {
		i := bytes.IndexByte(p, recordEnd)
		if i < 0 {
			w.pending = append(w.pending, p...)
			break
		}
		rec := p[:i]
		if len(w.pending) > 0 {
			rec = append(w.pending, rec...)
			w.pending = w.pending[:0]
		}
		if w.err = w.record(rec); w.err != nil {
			return 0, w.err
		}
		p = p[i+1:]
	}
	return n, nil
}

// record puts one record on the sheet, or turns to the next sheet.
func (w *workbookWriter) record(rec []byte) error {
	if len(rec) > 0 && rec[0] == sheetMark {
		w.row = 0
		return w.x.Next()
	}
	w.row++
	var cells []xlsx.Cell
	if len(rec) > 0 {
		for _, c := range bytes.Split(rec, []byte{cellEnd}) {
			cell := xlsx.Cell{Text: string(c[1:]), Bold: w.row == 1}
			switch c[0] {
			case numberCell, percentCell:
				cell.Kind, cell.Percent = xlsx.Number, c[0] == percentCell
				cell.Number, _ = strconv.ParseFloat(string(c[1:]), 64)
			}
			cells = append(cells, cell)
		}
	}
	return w.x.Row(cells...)
}

// Close finishes the workbook.
func (w *workbookWriter) Close() error {
	if w.err != nil {
		return w.err
	}
	return w.x.Close()
}
