// Package team is what every output of a team's results is made from: a member (a row of
// the roster with its results), the tally of the whole team and of its groups, and Format,
// which every team output implements. The batch pipeline drives a Format; the formats
// (the results as JSON Lines, CSV or a workbook, the team report, the comparison) live in
// packages of their own and know nothing of how the rows were read or scored.
package team

import (
	"bytes"
	"encoding/json"
	"io"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/coachmentor/coachmentor/internal/bank"
	"github.com/coachmentor/coachmentor/internal/engine"
	"github.com/coachmentor/coachmentor/internal/report"
	"github.com/coachmentor/coachmentor/internal/textsafe"
	"github.com/coachmentor/coachmentor/internal/xlsx"
)

// Member is one respondent as the outputs see them: who they are in the roster and their
// results. A member is lent to a format for one call: it is reused for the next row.
type Member struct {
	// N is the respondent's position in the input, from 1; Line the input's line.
	N, Line int
	// ID is the id column or key, "" if the input has none; Name the name, when it is not
	// the id.
	ID, Name string
	// Kept holds the kept columns' cells, in the order of the run's kept columns.
	Kept []string
	// IDNumber and KeptNumber say which of the id and the kept cells were numbers in a
	// workbook read, to be numbers again in a workbook written.
	IDNumber   bool
	KeptNumber []bool
	// Group is the cell of the group column, if any.
	Group string
	// File is the member's report in the folder of reports (--out-dir), if any.
	File string
	// Results hold one result per bank: the first bank's, then the compared bank's. A
	// result with no recommendation is one the compared bank could not give: OtherErr
	// says why.
	Results  []*engine.Result
	OtherErr string
}

// RespondentID is the id a member is reported under: its id, or its position.
func (m *Member) RespondentID() string {
	if m.ID != "" {
		return m.ID
	}
	return strconv.Itoa(m.N)
}

// DisplayName is how reports name a member: by name if the row has one, else by id.
func (m *Member) DisplayName() string {
	if m.Name != "" {
		return m.Name
	}
	return m.RespondentID()
}

// KeptCell is the i-th kept cell, or "" past the row's end.
func (m *Member) KeptCell(i int) string {
	if i < len(m.Kept) {
		return m.Kept[i]
	}
	return ""
}

// KeptIsNumber reports whether the i-th kept cell was a number in a workbook read.
func (m *Member) KeptIsNumber(i int) bool { return i < len(m.KeptNumber) && m.KeptNumber[i] }

// Format writes a team's results in one output format. The pipeline calls Begin, then Row
// or Invalid for every row (on many goroutines at once, each into its own Out, so they
// must not change the format), hands each chunk's Out back in input order (Emitter, or the
// bytes as they are), and calls End.
type Format interface {
	// Begin writes what comes before the rows; totals are the team's when a first pass
	// counted them (TotalsFirst), nil otherwise.
	Begin(w io.Writer, totals *Summary) error
	// Row renders a scored member into out.
	Row(out *Out, m *Member)
	// Invalid renders a member who could not be scored, and why: every row of the input
	// has its place in the output.
	Invalid(out *Out, m *Member, problem string)
	// End writes what follows the rows: the totals counted as the rows went, unless Begin
	// had them already (shown).
	End(w io.Writer, s Summary, shown bool) error
}

// TotalsFirst is a Format that begins with totals over every row: they are counted in a
// first pass where the input can be read again, and otherwise follow the rows.
type TotalsFirst interface{ TotalsFirst() bool }

// Sections are the parts of a report that frame its rows: a head; the totals, before the
// rows when they were counted first and after them otherwise; the rows' own head; and a
// foot (nil for none). Begin and End put them in that order, for every such report.
type Sections struct {
	Head     func(w io.Writer) error
	Totals   func(w io.Writer, s Summary, first bool) error
	RowsHead func(w io.Writer, totals *Summary) error
	Foot     func(w io.Writer) error
}

// Begin writes the head, the totals if they were counted first, and the rows' head.
func (s Sections) Begin(w io.Writer, totals *Summary) error {
	if err := s.Head(w); err != nil {
		return err
	}
	if totals != nil {
		if err := s.Totals(w, *totals, true); err != nil {
			return err
		}
	}
	return s.RowsHead(w, totals)
}

// End writes the totals if they did not come first, and the foot.
func (s Sections) End(w io.Writer, sum Summary, shown bool) error {
	if !shown {
		if err := s.Totals(w, sum, false); err != nil {
			return err
		}
	}
	if s.Foot == nil {
		return nil
	}
	return s.Foot(w)
}

// Sizer is a Format that can tell about the most bytes Row writes, ids aside, so that
// output buffers are made big enough at once.
type Sizer interface{ RowSize() int }

// Emitter is a Format that puts each chunk's output in place itself (a workbook's cells on
// its sheet) rather than having its bytes written as they are.
type Emitter interface {
	Emit(w io.Writer, out *Out) error
}

// Out is what Row and Invalid render: bytes for a stream, or rows of typed cells for a
// sheet. The pipeline hands an Out to a chunk of rows, then to the Emitter or the stream.
type Out struct {
	Bytes []byte
	Cells []xlsx.Cell
	// Ends are where each row of Cells ends.
	Ends []int
}

// Reset empties out, keeping its room.
func (o *Out) Reset() {
	o.Bytes, o.Cells, o.Ends = o.Bytes[:0], o.Cells[:0], o.Ends[:0]
}

// Len is about how much out holds, to size the next buffers.
func (o *Out) Len() int { return len(o.Bytes) + 16*len(o.Cells) }

// EndRow ends a row of cells.
func (o *Out) EndRow() { o.Ends = append(o.Ends, len(o.Cells)) }

// Rows calls f with each row of cells, in order.
func (o *Out) Rows(f func(cells []xlsx.Cell) error) error {
	start := 0
	for _, end := range o.Ends {
		if err := f(o.Cells[start:end]); err != nil {
			return err
		}
		start = end
	}
	return nil
}

// Recommendations are the four a result can give, in the order reports count them.
var Recommendations = []string{engine.Coaching, engine.Mentoring, engine.Blend, engine.Undecided}

// TieKey is how a tie for the top type is counted among the best-fitting types.
const TieKey = "(tie)"

// TopID is the best-fitting type's id for counting: "" when no type stands out, TieKey
// when types tie for it.
func TopID(r *engine.Result) string {
	switch {
	case !report.HasTypeSignal(r):
		return ""
	case len(r.TopTie) > 1:
		return TieKey
	}
	return r.TopType().ID
}

// TopTypeID is the best-fitting type's id, the first in bank order in a tie (which TieIDs
// lists), "" when no type stands out.
func TopTypeID(r *engine.Result) string {
	if !report.HasTypeSignal(r) {
		return ""
	}
	return r.TopType().ID
}

// TieIDs are the ids of the types that tie for the top, if any.
func TieIDs(r *engine.Result) []string {
	ids := make([]string, len(r.TopTie))
	for i, t := range r.TopTie {
		ids[i] = t.ID
	}
	return ids
}

// Changed reports whether two banks' results for one member differ as the outputs count
// them: the recommendation, the best-fitting type or the types tied for it.
func Changed(a, b *engine.Result) bool {
	return a.Recommendation != b.Recommendation || TopID(a) != TopID(b) || !slices.Equal(TieIDs(a), TieIDs(b))
}

// Statuses of a row in the results.
const (
	StatusOK      = "ok"
	StatusInvalid = "invalid"
)

// BankCell names a bank as the text report does: "3.0.0 (08b49717dd48)".
func BankCell(b *bank.Bank) string { return b.Version + " (" + b.Hash + ")" }

// AppendCSVField appends a CSV field, quoted when it needs it, and defuses text a
// spreadsheet would run as a formula.
func AppendCSVField(buf []byte, s string) []byte {
	s = textsafe.CellText(s)
	if !strings.ContainsAny(s, ",\"\r\n") {
		return append(buf, s...)
	}
	buf = append(buf, '"')
	buf = append(buf, strings.ReplaceAll(s, `"`, `""`)...)
	return append(buf, '"')
}

// AppendJSONLine appends v as a line of JSON, its HTML characters as they are.
func AppendJSONLine(buf []byte, v any) []byte {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil { // cannot happen: the documents hold plain data
		panic(err)
	}
	return append(buf, b.Bytes()...)
}

// BestType is a line of a tally's types: a type that was someone's best fit, a tie, or
// none standing out.
type BestType struct {
	Name, Family string
	N            int
}

// BestTypes lists the types that were anyone's best fit, most often first, ties in bank
// order, then how many had a tie for it, then how many had no type standing out.
func BestTypes(b *bank.Bank, counts map[string]int) []BestType {
	var out []BestType
	for _, t := range b.Types {
		if n := counts[t.ID]; n > 0 {
			out = append(out, BestType{t.Name, t.Family, n})
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].N > out[j].N })
	if n := counts[TieKey]; n > 0 {
		out = append(out, BestType{"A tie between types", "", n})
	}
	if n := counts[""]; n > 0 {
		out = append(out, BestType{"No type stands out", "", n})
	}
	return out
}

// Index writes the index of a folder of reports, a person's report per line: Entry for
// each, on many goroutines at once, then Head and Foot around the lines, in order.
type Index interface {
	Entry(buf []byte, m *Member) []byte
	// Head writes what comes before the lines: how many reports, for how many, and the
	// team's results (teamFile, "" if none) when they are in the folder too.
	Head(w io.Writer, s Summary, reports int, teamFile string) error
	// Foot writes what follows: who could not be scored, and the names that were taken,
	// the first of them with how many more.
	Foot(w io.Writer, s Summary, shared []string, moreShared int) error
}
