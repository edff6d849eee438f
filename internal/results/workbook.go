package results

import (
	"io"
	"strconv"
	"strings"

	"github.com/coachmentor/coachmentor/internal/bank"
	"github.com/coachmentor/coachmentor/internal/report"
	"github.com/coachmentor/coachmentor/internal/team"
	"github.com/coachmentor/coachmentor/internal/xlsx"
)

// Workbook is the results as an Excel workbook: a results sheet with a row per respondent
// and the kept columns, going on in a second sheet past a sheet's last row, then a summary
// sheet with the totals, per group too. Rows are rendered as typed cells on every core and
// put on the sheet in input order as they come (Emit).
type Workbook struct {
	b     *bank.Bank
	kept  []string
	group string
	x     *xlsx.Writer
	// header is the results sheet's first row, repeated on a sheet that goes on from it.
	header []xlsx.Cell
	// MaxRows is where a results sheet ends: xlsx.MaxRows, lower in tests.
	MaxRows int
}

// Sheet names.
const (
	ResultsSheet = "Results"
	SummarySheet = "Summary"
)

// NewWorkbook makes the workbook format.
func NewWorkbook(o Options) *Workbook {
	return &Workbook{b: o.Bank, kept: o.Kept, group: o.Group, MaxRows: xlsx.MaxRows}
}

// Begin starts the workbook on w, with the results sheet's header.
func (f *Workbook) Begin(w io.Writer, _ *team.Summary) error {
	x, err := xlsx.NewWriter(w, ResultsSheet)
	if err != nil {
		return err
	}
	f.x = x
	names := append(append([]string{"id"}, f.kept...), strings.Split(ResultColumns, ",")...)
	for _, n := range append(names, "status", "error", "bank") {
		f.header = append(f.header, xlsx.Cell{Text: n, Bold: true})
	}
	return f.x.Row(f.header...)
}

// Emit puts a chunk's rows on the results sheet, going on in a new one when it is full.
func (f *Workbook) Emit(_ io.Writer, out *team.Out) error {
	return out.Rows(func(cells []xlsx.Cell) error {
		if f.x.Rows() >= f.MaxRows {
			if err := f.x.AddSheet(ResultsSheet); err != nil {
				return err
			}
			if err := f.x.Row(f.header...); err != nil {
				return err
			}
		}
		return f.x.Row(cells...)
	})
}

func text(s string) xlsx.Cell { return xlsx.Cell{Text: s} }

func number(x float64) xlsx.Cell {
	x = report.Round(x)
	return xlsx.Cell{Kind: xlsx.Number, Number: x, Text: strconv.FormatFloat(x, 'f', -1, 64)}
}

// value is a cell read from the roster: a number there is a number here, with the value
// (and the text) it had.
func value(s string, isNumber bool) xlsx.Cell {
	if isNumber {
		if x, err := strconv.ParseFloat(s, 64); err == nil {
			return xlsx.Cell{Kind: xlsx.Number, Number: x, Text: s}
		}
	}
	return text(s)
}

func (f *Workbook) start(out *team.Out, m *team.Member) {
	out.Cells = append(out.Cells, value(m.RespondentID(), m.IDNumber && m.ID != ""))
	for i := range f.kept {
		out.Cells = append(out.Cells, value(m.KeptCell(i), m.KeptIsNumber(i)))
	}
}

func (f *Workbook) Row(out *team.Out, m *team.Member) {
	r := m.Results[0]
	f.start(out, m)
	out.Cells = append(out.Cells, text(r.Recommendation), number(r.Confidence), number(r.Coaching), number(r.Mentoring))
	top := report.TopN(r, 3)
	for i := range 3 {
		id := ""
		if i < len(top) {
			id = top[i].Type.ID
		}
		out.Cells = append(out.Cells, text(id))
	}
	out.Cells = append(out.Cells, text(strings.Join(team.TieIDs(r), " ")), text(report.ConfidenceWord(r)),
		number(float64(len(r.Answered))), text(team.StatusOK), text(""), text(team.BankCell(f.b)))
	out.EndRow()
}

func (f *Workbook) Invalid(out *team.Out, m *team.Member, problem string) {
	f.start(out, m)
	for range strings.Count(ResultColumns, ",") + 1 {
		out.Cells = append(out.Cells, text(""))
	}
	out.Cells = append(out.Cells, text(team.StatusInvalid), text(problem), text(team.BankCell(f.b)))
	out.EndRow()
}

// End writes the summary sheet, the team's tally then each group's, and finishes the
// workbook.
func (f *Workbook) End(_ io.Writer, s team.Summary, _ bool) error {
	if err := f.x.AddSheet(SummarySheet); err != nil {
		return err
	}
	bold := func(s string) xlsx.Cell { return xlsx.Cell{Text: s, Bold: true} } // a sheet's first row
	rows := [][]xlsx.Cell{{bold("Question bank"), bold(team.BankCell(f.b))}}
	rows = f.tally(rows, "Everyone", s.Tally)
	for _, name := range s.GroupNames() {
		rows = append(rows, nil)
		rows = f.tally(rows, f.group+": "+team.GroupLabel(name), *s.Groups[name])
	}
	for _, r := range rows {
		if err := f.x.Row(r...); err != nil {
			return err
		}
	}
	return f.x.Close()
}

func (f *Workbook) tally(rows [][]xlsx.Cell, title string, t team.Tally) [][]xlsx.Cell {
	valid := t.Respondents - t.Invalid
	share := func(n int) xlsx.Cell {
		x := 0.0
		if valid > 0 {
			x = float64(n) / float64(valid)
		}
		x, _ = strconv.ParseFloat(strconv.FormatFloat(x, 'f', 4, 64), 64)
		return xlsx.Cell{Kind: xlsx.Number, Number: x, Percent: true}
	}
	count := func(n int) xlsx.Cell { return number(float64(n)) }
	rows = append(rows, nil, []xlsx.Cell{text(title)},
		[]xlsx.Cell{text("Respondents"), count(t.Respondents)},
		[]xlsx.Cell{text("Could not be scored"), count(t.Invalid)},
		nil, []xlsx.Cell{text("Recommendation"), text("Respondents"), text("Share")})
	for _, rec := range team.Recommendations {
		rows = append(rows, []xlsx.Cell{text(report.Title(rec)), count(t.ByRecommendation[rec]), share(t.ByRecommendation[rec])})
	}
	rows = append(rows, nil, []xlsx.Cell{text("Best-fitting type"), text("Family"), text("Respondents"), text("Share")})
	for _, bt := range team.BestTypes(f.b, t.ByType) {
		rows = append(rows, []xlsx.Cell{text(bt.Name), text(bt.Family), count(bt.N), share(bt.N)})
	}
	if t.Invalid > 0 {
		rows = append(rows, nil, []xlsx.Cell{text("Could not be scored"), text("Line"), text("Why")})
		for _, u := range t.Unscored {
			rows = append(rows, []xlsx.Cell{text(u.ID), count(u.Line), text(u.Problem)})
		}
	}
	return rows
}
