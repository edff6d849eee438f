// Package results writes a team's results a row per respondent, in input order, so that
// they join back to the roster: JSON Lines (the object `recommend --format json` gives,
// with the id, a status and the kept columns), CSV for a spreadsheet, and an Excel
// workbook with a summary sheet. A row that could not be scored keeps its place, with
// status "invalid" and why.
package results

import (
	"io"
	"strconv"
	"strings"

	"github.com/coachmentor/coachmentor/internal/bank"
	"github.com/coachmentor/coachmentor/internal/report"
	"github.com/coachmentor/coachmentor/internal/team"
)

// Options are what every results format needs.
type Options struct {
	Bank *bank.Bank
	// Kept are the roster's columns carried through, by name, in order.
	Kept []string
	// Group is the column the summary is grouped by, if any (the workbook's summary).
	Group string
	// Date, if set, goes on every result (JSON Lines).
	Date string
}

// JSONL is the results as JSON Lines: the object `recommend --format json` gives, plus
// id, status and the kept columns, one per line; "for" is the row's name when it has one
// besides its id.
type JSONL struct {
	enc  *report.Encoder
	kept []string
}

// NewJSONL makes the JSON Lines format.
func NewJSONL(o Options) *JSONL {
	enc := report.NewEncoder(o.Bank)
	enc.SetDate(o.Date)
	return &JSONL{enc: enc, kept: o.Kept}
}

func (f *JSONL) Begin(io.Writer, *team.Summary) error    { return nil }
func (f *JSONL) End(io.Writer, team.Summary, bool) error { return nil }
func (f *JSONL) RowSize() int                            { return f.enc.SizeHint() }

func (f *JSONL) Row(out *team.Out, m *team.Member) {
	var extra [256]byte
	head := append(extra[:0], `"status":"ok",`...)
	head = f.appendKept(head, m)
	out.Bytes = append(f.enc.AppendWith(out.Bytes, m.Results[0], m.RespondentID(), m.Name, head), '\n')
}

// appendKept appends "columns":{...}, with the kept columns in their order.
func (f *JSONL) appendKept(buf []byte, m *team.Member) []byte {
	if len(f.kept) == 0 {
		return buf
	}
	buf = append(buf, `"columns":{`...)
	for i, name := range f.kept {
		if i > 0 {
			buf = append(buf, ',')
		}
		buf = report.AppendJSONString(buf, name)
		buf = append(buf, ':')
		buf = report.AppendJSONString(buf, m.KeptCell(i))
	}
	return append(buf, "},"...)
}

// Invalid writes the row's id, status invalid, why, its line in the input, the kept
// columns and the name: what is needed to find it in the roster and put it right.
func (f *JSONL) Invalid(out *team.Out, m *team.Member, problem string) {
	buf := append(out.Bytes, `{"id":`...)
	buf = report.AppendJSONString(buf, m.RespondentID())
	buf = append(buf, `,"status":"invalid","error":`...)
	buf = report.AppendJSONString(buf, problem)
	buf = append(buf, `,"line":`...)
	buf = strconv.AppendInt(buf, int64(m.Line), 10)
	buf = append(buf, ',')
	buf = f.appendKept(buf, m)
	if m.Name != "" {
		buf = append(buf, `"for":`...)
		buf = report.AppendJSONString(buf, m.Name)
		buf = append(buf, ',')
	}
	buf = buf[:len(buf)-1] // the last member's comma
	out.Bytes = append(buf, "}\n"...)
}

// CSV is one line per respondent, for a spreadsheet. The columns before status keep their
// places; the kept columns, when there are any, come after id.
type CSV struct {
	b    *bank.Bank
	kept []string
}

// NewCSV makes the CSV format.
func NewCSV(o Options) *CSV { return &CSV{b: o.Bank, kept: o.Kept} }

// ResultColumns are the result's columns, in order, in CSV and in the workbook.
const ResultColumns = "recommendation,confidence,coaching,mentoring,type_1,type_2,type_3,top_tie,confidence_label,answered"

func (f *CSV) Begin(w io.Writer, _ *team.Summary) error {
	buf := []byte("id,")
	for _, k := range f.kept {
		buf = team.AppendCSVField(buf, k)
		buf = append(buf, ',')
	}
	buf = append(buf, ResultColumns+",status,error,bank\n"...)
	_, err := w.Write(buf)
	return err
}

func (f *CSV) End(io.Writer, team.Summary, bool) error { return nil }

func (f *CSV) start(buf []byte, m *team.Member) []byte {
	buf = team.AppendCSVField(buf, m.RespondentID())
	buf = append(buf, ',')
	for i := range f.kept {
		buf = team.AppendCSVField(buf, m.KeptCell(i))
		buf = append(buf, ',')
	}
	return buf
}

func (f *CSV) Row(out *team.Out, m *team.Member) {
	r := m.Results[0]
	buf := f.start(out.Bytes, m)
	buf = append(buf, r.Recommendation...)
	buf = append(buf, ',')
	buf = strconv.AppendFloat(buf, report.Round(r.Confidence), 'f', -1, 64)
	buf = append(buf, ',')
	buf = strconv.AppendFloat(buf, report.Round(r.Coaching), 'f', -1, 64)
	buf = append(buf, ',')
	buf = strconv.AppendFloat(buf, report.Round(r.Mentoring), 'f', -1, 64)
	top := report.TopN(r, 3)
	for i := range 3 { // always three columns, empty where fewer types have points
		buf = append(buf, ',')
		if i < len(top) {
			buf = append(buf, top[i].Type.ID...)
		}
	}
	buf = append(buf, ',')
	for i, t := range r.TopTie { // ids only: no comma or quote to escape
		if i > 0 {
			buf = append(buf, ' ')
		}
		buf = append(buf, t.ID...)
	}
	buf = append(buf, ',')
	buf = append(buf, report.ConfidenceWord(r)...)
	buf = append(buf, ',')
	buf = strconv.AppendInt(buf, int64(len(r.Answered)), 10)
	buf = append(buf, ",ok,,"...)
	buf = team.AppendCSVField(buf, team.BankCell(f.b))
	out.Bytes = append(buf, '\n')
}

func (f *CSV) Invalid(out *team.Out, m *team.Member, problem string) {
	buf := f.start(out.Bytes, m)
	buf = append(buf, strings.Repeat(",", strings.Count(ResultColumns, ","))...)
	buf = append(buf, ",invalid,"...)
	buf = team.AppendCSVField(buf, problem)
	buf = append(buf, ',')
	buf = team.AppendCSVField(buf, team.BankCell(f.b))
	out.Bytes = append(buf, '\n')
}
