// Package compare runs every respondent of a team through two banks and shows whose
// recommendation or best-fitting type changes, and which of their answers weigh
// differently: what a change to the rubric would do to a real team before it is adopted.
// As a Markdown report, JSON Lines or CSV.
package compare

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/coachmentor/coachmentor/internal/bank"
	"github.com/coachmentor/coachmentor/internal/engine"
	"github.com/coachmentor/coachmentor/internal/report"
	"github.com/coachmentor/coachmentor/internal/team"
)

// weightDiff describes how one answer weighs in each bank, e.g.
// "goal=growth: mentoring 3 → 1, One-on-one mentoring 3 → 2"; "" if it weighs the same.
func weightDiff(a, b *bank.Bank, qid string, oa, ob *bank.Option) string {
	switch {
	case oa == nil && ob == nil:
		return ""
	case oa == nil:
		return fmt.Sprintf("%s=%s: only in B", qid, ob.ID)
	case ob == nil:
		return fmt.Sprintf("%s=%s: only in A", qid, oa.ID)
	}
	var parts []string
	if oa.Coaching != ob.Coaching {
		parts = append(parts, fmt.Sprintf("coaching %s → %s", report.Num(oa.Coaching), report.Num(ob.Coaching)))
	}
	if oa.Mentoring != ob.Mentoring {
		parts = append(parts, fmt.Sprintf("mentoring %s → %s", report.Num(oa.Mentoring), report.Num(ob.Mentoring)))
	}
	seen := map[string]bool{}
	for _, tw := range append(append([]bank.TypeWeight(nil), oa.Types...), ob.Types...) {
		if seen[tw.Type] {
			continue
		}
		seen[tw.Type] = true
		if wa, wb := oa.TypeWeight(tw.Type), ob.TypeWeight(tw.Type); wa != wb {
			name := tw.Type
			if t, ok := a.Type(tw.Type); ok {
				name = t.Name
			} else if t, ok := b.Type(tw.Type); ok {
				name = t.Name
			}
			parts = append(parts, fmt.Sprintf("%s %s → %s", name, report.Num(wa), report.Num(wb)))
		}
	}
	if len(parts) == 0 {
		return ""
	}
	return qid + "=" + oa.ID + ": " + strings.Join(parts, ", ")
}

// why lists the answers of a respondent that weigh differently in the two banks.
func why(a, b *bank.Bank, ra, rb *engine.Result) []string {
	inB := map[string]*bank.Option{}
	for _, ans := range rb.Answered {
		inB[ans.Question.ID] = ans.Option
	}
	var out []string
	for _, ans := range ra.Answered {
		if d := weightDiff(a, b, ans.Question.ID, ans.Option, inB[ans.Question.ID]); d != "" {
			out = append(out, d)
		}
		delete(inB, ans.Question.ID)
	}
	for _, q := range b.Questions { // answers only the new bank asks about, in its order
		if o, ok := inB[q.ID]; ok {
			out = append(out, weightDiff(a, b, q.ID, nil, o))
		}
	}
	return append(out, scoringDiffs(a, b)...)
}

// scoringDiffs lists the ways the banks turn points into a result differently: the blend
// threshold, the answers needed and the family share.
func scoringDiffs(a, b *bank.Bank) []string {
	var out []string
	if a.MinShare != b.MinShare {
		out = append(out, fmt.Sprintf("blend threshold (min_share) %s → %s", report.Num(a.MinShare), report.Num(b.MinShare)))
	}
	if a.MinAnswers != b.MinAnswers {
		out = append(out, fmt.Sprintf("answers needed to decide (min_answers) %d → %d", a.MinAnswers, b.MinAnswers))
	}
	if a.FamilyShare != b.FamilyShare {
		out = append(out, fmt.Sprintf("share of family points each type gets (family_share) %s → %s", report.Num(a.FamilyShare), report.Num(b.FamilyShare)))
	}
	return out
}

// requirementDiffs lists the types whose requirements differ.
func requirementDiffs(a, b *bank.Bank) []string {
	var out []string
	for _, tb := range b.Types {
		ta, ok := a.Type(tb.ID)
		if !ok {
			continue
		}
		na, nb := "nothing", "nothing"
		if len(ta.Requires) > 0 {
			na = strings.TrimPrefix(report.Needs(a, ta), "needs ")
		}
		if len(tb.Requires) > 0 {
			nb = strings.TrimPrefix(report.Needs(b, tb), "needs ")
		}
		if na != nb {
			out = append(out, fmt.Sprintf("type %s needs %s → %s", tb.ID, na, nb))
		}
	}
	return out
}

// rubricDiffs lists every answer that weighs differently, for the head of the report.
func rubricDiffs(a, b *bank.Bank) []string {
	var out []string
	for _, qa := range a.Questions {
		qb, ok := b.Question(qa.ID)
		if !ok {
			out = append(out, fmt.Sprintf("question %s: only in A", qa.ID))
			continue
		}
		for _, oa := range qa.Options {
			ob, _ := qb.Option(oa.ID)
			if d := weightDiff(a, b, qa.ID, oa, ob); d != "" {
				out = append(out, d)
			}
		}
		for _, ob := range qb.Options {
			if _, ok := qa.Option(ob.ID); !ok {
				out = append(out, weightDiff(a, b, qa.ID, nil, ob))
			}
		}
	}
	for _, qb := range b.Questions {
		if _, ok := a.Question(qb.ID); !ok {
			out = append(out, fmt.Sprintf("question %s: only in B", qb.ID))
		}
	}
	out = append(out, requirementDiffs(a, b)...)
	return append(out, scoringDiffs(a, b)...)
}

func bankLabel(b *bank.Bank) string {
	return fmt.Sprintf("%s, version %s, hash `%s`", report.MDEscape(b.File), report.MDEscape(b.Version), b.Hash)
}

func outcomeText(r *engine.Result) (rec, top string) {
	rec = strings.ToLower(report.Title(r.Recommendation))
	if r.Decided() {
		rec += " " + report.Num(r.Confidence)
	}
	top = "none"
	switch {
	case len(r.TopTie) > 1:
		top = "a tie: " + report.Names(report.TypeNames(r.TopTie))
	case report.HasTypeSignal(r):
		top = r.TopType().Name
	}
	return rec, top
}

// Markdown is a report of the respondents whose result changes; its totals come first
// where the input can be read twice.
type Markdown struct{ a, b *bank.Bank }

// NewMarkdown compares a with b in Markdown.
func NewMarkdown(a, b *bank.Bank) *Markdown { return &Markdown{a, b} }

func (f *Markdown) TotalsFirst() bool { return true }

func (f *Markdown) sections() team.Sections {
	return team.Sections{Head: f.head, Totals: f.totals, RowsHead: f.rowsHead}
}

func (f *Markdown) Begin(w io.Writer, totals *team.Summary) error {
	return f.sections().Begin(w, totals)
}

func (f *Markdown) End(w io.Writer, s team.Summary, shown bool) error {
	return f.sections().End(w, s, shown)
}

func (f *Markdown) head(w io.Writer) error {
	fmt.Fprintf(w, "# Rubric comparison\n\n- **A:** %s\n- **B:** %s\n\n", bankLabel(f.a), bankLabel(f.b))
	diffs := rubricDiffs(f.a, f.b)
	fmt.Fprintf(w, "## What differs\n\n")
	if len(diffs) == 0 {
		fmt.Fprintf(w, "The two banks weigh every answer the same.\n\n")
	}
	for _, d := range diffs {
		fmt.Fprintf(w, "- %s\n", report.MDEscape(d))
	}
	if len(diffs) > 0 {
		fmt.Fprintln(w)
	}
	return nil
}

func (f *Markdown) totals(w io.Writer, s team.Summary, first bool) error {
	valid := s.Respondents - s.Invalid
	if first {
		fmt.Fprintf(w, "## Who changes\n\n")
	} else {
		fmt.Fprintln(w)
	}
	fmt.Fprintf(w, "%d of %d respondents get a different recommendation or top type with B", s.Changed, valid)
	if s.NotCompared > 0 {
		fmt.Fprintf(w, ", %d of them because B cannot score their answers", s.NotCompared)
	}
	if s.Invalid > 0 {
		fmt.Fprintf(w, "; %d could not be scored", s.Invalid)
	}
	_, err := fmt.Fprintf(w, ".\n\n")
	return err
}

func (f *Markdown) rowsHead(w io.Writer, totals *team.Summary) error {
	switch {
	case totals == nil:
		fmt.Fprintf(w, "## Who changes\n\nThe totals follow the table: the team was read from a stream, which is read once.\n\n")
	case totals.Changed == 0:
		return nil
	}
	_, err := fmt.Fprintf(w, "| Respondent | Recommendation A → B | Top type A → B | Answers that weigh differently |\n| --- | --- | --- | --- |\n")
	return err
}

// Invalid adds nothing: the report lists who changes, and counts who could not be scored.
func (f *Markdown) Invalid(*team.Out, *team.Member, string) {}

func (f *Markdown) Row(out *team.Out, m *team.Member) {
	out.Bytes = f.appendRow(out.Bytes, m)
}

func (f *Markdown) appendRow(buf []byte, m *team.Member) []byte {
	res := m.Results
	ra, ta := outcomeText(res[0])
	if m.OtherErr != "" { // B cannot score the row: say why rather than drop it
		return fmt.Appendf(buf, "| %s | %s → cannot be scored | %s → none | %s |\n", report.MDCell(m.RespondentID()), ra, report.MDCell(ta),
			report.MDCell("in B, "+m.OtherErr))
	}
	if !team.Changed(res[0], res[1]) {
		return buf
	}
	rb, tb := outcomeText(res[1])
	reasons := why(f.a, f.b, res[0], res[1])
	cells := make([]string, len(reasons))
	for i, r := range reasons {
		cells[i] = report.MDEscape(r)
	}
	why := strings.Join(cells, "; ") // each part is escaped already
	if why == "" {
		why = " "
	}
	return fmt.Appendf(buf, "| %s | %s | %s | %s |\n", report.MDCell(m.RespondentID()), fromTo(ra, rb), fromTo(report.MDCell(ta), report.MDCell(tb)), why)
}

// fromTo is "a → b", or "a (unchanged)" when they are the same, so that what changed
// stands out in a row that is there for the other column.
func fromTo(a, b string) string {
	if a == b {
		return a + " (unchanged)"
	}
	return a + " → " + b
}

// JSON is one JSON object per respondent, a line each.
type JSON struct{ a, b *bank.Bank }

// NewJSON compares a with b as JSON Lines.
func NewJSON(a, b *bank.Bank) *JSON { return &JSON{a, b} }

func (f *JSON) Begin(io.Writer, *team.Summary) error    { return nil }
func (f *JSON) End(io.Writer, team.Summary, bool) error { return nil }

// Side is one bank's outcome for a respondent, as the JSON form writes it.
type Side struct {
	Recommendation string   `json:"recommendation"`
	Confidence     float64  `json:"confidence"`
	TopType        string   `json:"top_type"`
	TopTie         []string `json:"top_tie"`
	// Error says why the bank cannot score the respondent; the rest is then empty.
	Error string `json:"error,omitempty"`
}

// Doc is a respondent's line of the JSON form: the outcome under each bank and why they differ.
type Doc struct {
	ID      string   `json:"id"`
	Status  string   `json:"status"`
	Changed bool     `json:"changed"`
	A       Side     `json:"a"`
	B       Side     `json:"b"`
	Why     []string `json:"why"`
}

func (f *JSON) Row(out *team.Out, m *team.Member) {
	res := m.Results
	outcome := func(r *engine.Result) Side {
		return Side{Recommendation: r.Recommendation, Confidence: report.Round(r.Confidence), TopType: team.TopTypeID(r), TopTie: team.TieIDs(r)}
	}
	doc := Doc{ID: m.RespondentID(), Status: team.StatusOK, Changed: true, A: outcome(res[0]), B: Side{TopTie: []string{}, Error: m.OtherErr}, Why: []string{}}
	if m.OtherErr == "" {
		doc.Changed, doc.B, doc.Why = team.Changed(res[0], res[1]), outcome(res[1]), why(f.a, f.b, res[0], res[1])
		if doc.Why == nil {
			doc.Why = []string{}
		}
	}
	out.Bytes = team.AppendJSONLine(out.Bytes, doc)
}

// Invalid keeps the row's place: its id, status invalid and why.
func (f *JSON) Invalid(out *team.Out, m *team.Member, problem string) {
	out.Bytes = team.AppendJSONLine(out.Bytes, struct {
		ID     string `json:"id"`
		Status string `json:"status"`
		Error  string `json:"error"`
		Line   int    `json:"line"`
	}{m.RespondentID(), team.StatusInvalid, problem, m.Line})
}

// appendOutcomeCSV appends a result's recommendation, confidence and top type, as CSV cells.
func appendOutcomeCSV(buf []byte, r *engine.Result) []byte {
	buf = append(buf, r.Recommendation...)
	buf = append(buf, ',')
	buf = strconv.AppendFloat(buf, report.Round(r.Confidence), 'f', -1, 64)
	buf = append(buf, ',')
	return append(buf, team.TopTypeID(r)...)
}

// CSV is one line per respondent, for a spreadsheet: both outcomes side by side.
type CSV struct{ a, b *bank.Bank }

// NewCSV compares a with b as CSV.
func NewCSV(a, b *bank.Bank) *CSV { return &CSV{a, b} }

func (f *CSV) End(io.Writer, team.Summary, bool) error { return nil }

func (f *CSV) Begin(w io.Writer, _ *team.Summary) error {
	_, err := io.WriteString(w, "id,changed,recommendation_a,confidence_a,top_type_a,recommendation_b,confidence_b,top_type_b,why,top_tie_a,top_tie_b,status,error\n")
	return err
}

func (f *CSV) Row(out *team.Out, m *team.Member) {
	out.Bytes = f.appendRow(out.Bytes, m)
}

func (f *CSV) appendRow(buf []byte, m *team.Member) []byte {
	res := m.Results
	buf = team.AppendCSVField(buf, m.RespondentID())
	buf = append(buf, ',')
	if m.OtherErr != "" { // B cannot score the row: its columns are empty, and why says so
		buf = append(buf, "true,"...)
		buf = appendOutcomeCSV(buf, res[0])
		buf = append(buf, ",,,,"...)
		buf = team.AppendCSVField(buf, "in B, "+m.OtherErr)
		buf = append(buf, ',')
		buf = append(buf, strings.Join(team.TieIDs(res[0]), " ")...)
		return append(buf, ",,ok,\n"...)
	}
	buf = strconv.AppendBool(buf, team.Changed(res[0], res[1]))
	for _, r := range res[:2] {
		buf = append(buf, ',')
		buf = appendOutcomeCSV(buf, r)
	}
	buf = append(buf, ',')
	buf = team.AppendCSVField(buf, strings.Join(why(f.a, f.b, res[0], res[1]), "; "))
	for _, r := range res[:2] {
		buf = append(buf, ',')
		buf = append(buf, strings.Join(team.TieIDs(r), " ")...) // ids: nothing to quote
	}
	return append(buf, ",ok,\n"...)
}

// Invalid keeps the row's place: its id, empty outcomes, status invalid and why.
func (f *CSV) Invalid(out *team.Out, m *team.Member, problem string) {
	buf := team.AppendCSVField(out.Bytes, m.RespondentID())
	buf = append(buf, ",,,,,,,,,,,invalid,"...)
	buf = team.AppendCSVField(buf, problem)
	out.Bytes = append(buf, '\n')
}
