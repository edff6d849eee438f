package batch

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/coachmentor/coachmentor/internal/bank"
	"github.com/coachmentor/coachmentor/internal/engine"
	"github.com/coachmentor/coachmentor/internal/report"
	"github.com/coachmentor/coachmentor/internal/textsafe"
)

// formatter renders scored rows in one output format.
type formatter interface {
	// totalsFirst reports whether the output begins with totals over every row: they are
	// counted in a first pass where the input can be read again, and otherwise follow the
	// rows.
	totalsFirst() bool
	head(w io.Writer) error
	// totals writes the totals; first is whether the rows come after them.
	totals(w io.Writer, s Summary, first bool) error
	// rowsHead writes what comes right before the rows, in a format with totals: after
	// the totals, or with totals nil when they follow the rows.
	rowsHead(w io.Writer, totals *Summary) error
	// render appends a row's output; res holds one result per bank, a result with no
	// recommendation for a bank that could not score the row (row.otherErr says why).
	render(buf []byte, row *Row, res []*engine.Result) []byte
	// rowSize is about the most bytes render writes for a row, ids aside, or 0 if the
	// format cannot tell.
	rowSize() int
}

// streamed gives a format that writes each row as it comes, with no totals, the formatter
// methods it has no use for; a format overrides those it does.
type streamed struct{}

func (streamed) totalsFirst() bool                     { return false }
func (streamed) head(io.Writer) error                  { return nil }
func (streamed) totals(io.Writer, Summary, bool) error { return nil }
func (streamed) rowsHead(io.Writer, *Summary) error    { return nil }
func (streamed) rowSize() int                          { return 0 }

func newFormatter(opts Options) (formatter, error) {
	if opts.Compare != nil {
		switch opts.Format {
		case "", report.FormatMarkdown:
			return &compareMarkdown{a: opts.Bank, b: opts.Compare}, nil
		case report.FormatJSON, report.FormatJSONL:
			return &compareJSON{a: opts.Bank, b: opts.Compare}, nil
		case report.FormatCSV:
			return &compareCSV{a: opts.Bank, b: opts.Compare}, nil
		}
		return nil, fmt.Errorf("invalid --format %s with --compare; use markdown, json or csv", textsafe.Quote(string(opts.Format)))
	}
	switch opts.Format {
	case "", report.FormatJSONL, report.FormatJSON:
		return &jsonlFormat{enc: report.NewEncoder(opts.Bank)}, nil
	case report.FormatCSV:
		return &csvFormat{}, nil
	case report.FormatMarkdown:
		return &teamMarkdown{b: opts.Bank}, nil
	}
	return nil, fmt.Errorf("invalid --format %s; use jsonl, csv or markdown", textsafe.Quote(string(opts.Format)))
}

// tieKey is how a tie for the top type is counted among the best-fitting types.
const tieKey = "(tie)"

// topID is the best-fitting type's id for counting: "" when no type stands out, tieKey when
// types tie for it.
func topID(r *engine.Result) string {
	switch {
	case !report.HasTypeSignal(r):
		return ""
	case len(r.TopTie) > 1:
		return tieKey
	}
	return r.TopType().ID
}

func changed(a, b *engine.Result) bool {
	return a.Recommendation != b.Recommendation || topID(a) != topID(b) || !slices.Equal(tieIDs(a), tieIDs(b))
}

// topTypeID is the best-fitting type's id, the first in bank order in a tie (which tieIDs
// lists), "" when no type stands out.
func topTypeID(r *engine.Result) string {
	if !report.HasTypeSignal(r) {
		return ""
	}
	return r.TopType().ID
}

// tieIDs are the ids of the types that tie for the top, if any.
func tieIDs(r *engine.Result) []string {
	ids := make([]string, len(r.TopTie))
	for i, t := range r.TopTie {
		ids[i] = t.ID
	}
	return ids
}

// respondentID is the id a row is reported under: its id, or its position.
func respondentID(row *Row) string {
	if row.ID != "" {
		return row.ID
	}
	return strconv.Itoa(row.N)
}

// JSON Lines: the object `recommend --format json` gives, plus id, one per line.
type jsonlFormat struct {
	streamed
	enc *report.Encoder
}

func (f *jsonlFormat) rowSize() int { return f.enc.SizeHint() }

func (f *jsonlFormat) render(buf []byte, row *Row, res []*engine.Result) []byte {
	return append(f.enc.Append(buf, res[0], respondentID(row), ""), '\n')
}

func appendJSONLine(buf []byte, v any) []byte {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil { // cannot happen: the documents hold plain data
		panic(err)
	}
	return append(buf, b.Bytes()...)
}

// CSV: one line per respondent, for a spreadsheet.
type csvFormat struct{ streamed }

func (f *csvFormat) head(w io.Writer) error {
	_, err := io.WriteString(w, "id,recommendation,confidence,coaching,mentoring,type_1,type_2,type_3,top_tie,confidence_label,answered\n")
	return err
}

func (f *csvFormat) render(buf []byte, row *Row, res []*engine.Result) []byte {
	r := res[0]
	buf = appendCSVField(buf, respondentID(row))
	buf = append(buf, ',')
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
	return append(buf, '\n')
}

// appendCSVField quotes a field when it needs it, and defuses text a spreadsheet would run
// as a formula.
func appendCSVField(buf []byte, s string) []byte {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		s = "'" + s
	}
	if !strings.ContainsAny(s, ",\"\r\n") {
		return append(buf, s...)
	}
	buf = append(buf, '"')
	buf = append(buf, strings.ReplaceAll(s, `"`, `""`)...)
	return append(buf, '"')
}

// recommendations are the four a result can give, in the order reports count them.
var recommendations = []string{engine.Coaching, engine.Mentoring, engine.Blend, engine.Undecided}

// The team report: the distribution of recommendations and types, then a short section
// per respondent; the distribution follows the sections when the team was read from a
// stream, which can be read only once.
type teamMarkdown struct{ b *bank.Bank }

func (f *teamMarkdown) totalsFirst() bool { return true }

func (f *teamMarkdown) head(w io.Writer) error {
	_, err := fmt.Fprintf(w, "# Coaching or mentoring: team report\n\n")
	return err
}

func (f *teamMarkdown) rowsHead(w io.Writer, totals *Summary) error {
	if totals == nil {
		fmt.Fprintf(w, "The totals follow the respondents: the team was read from a stream, which is read once.\n\n")
	}
	_, err := fmt.Fprintf(w, "## Respondents\n\n")
	return err
}

func (f *teamMarkdown) totals(w io.Writer, s Summary, first bool) error {
	if !first {
		fmt.Fprintf(w, "## Totals\n\n")
	}
	valid := s.Respondents - s.Invalid
	fmt.Fprintf(w, "%d respondents", s.Respondents)
	if s.Invalid > 0 {
		fmt.Fprintf(w, ", of whom %d could not be scored (see the messages of the run)", s.Invalid)
	}
	fmt.Fprintf(w, ". Question bank %s, hash `%s`.\n\n", report.MDEscape(f.b.Version), f.b.Hash)
	fmt.Fprintf(w, "## Recommendations\n\n| Recommendation | Respondents | Share |\n| --- | ---: | ---: |\n")
	for _, rec := range recommendations {
		fmt.Fprintf(w, "| %s | %d | %s%% |\n", report.Title(rec), s.ByRecommendation[rec], pct(s.ByRecommendation[rec], valid))
	}
	if valid > 0 {
		fmt.Fprintf(w, "\n```mermaid\npie showData title Recommendations\n")
		for _, rec := range recommendations {
			if n := s.ByRecommendation[rec]; n > 0 {
				fmt.Fprintf(w, "    %q : %d\n", report.Title(rec), n)
			}
		}
		fmt.Fprintf(w, "```\n")
	}
	fmt.Fprintf(w, "\n## Best-fitting types\n\n| Type | Family | Respondents | Share |\n| --- | --- | ---: | ---: |\n")
	best := bestTypes(f.b, s.ByType)
	for _, t := range best {
		fmt.Fprintf(w, "| %s | %s | %d | %s%% |\n", report.MDCell(t.name), t.family, t.n, pct(t.n, valid))
	}
	writeTypesChart(w, best)
	_, err := fmt.Fprintln(w)
	return err
}

// writeTypesChart draws the table of best-fitting types as a bar chart, in the same order.
func writeTypesChart(w io.Writer, best []bestType) {
	if len(best) == 0 {
		return
	}
	names, counts := make([]string, len(best)), make([]string, len(best))
	most := 0
	for i, t := range best {
		names[i] = `"` + report.MermaidLabel(t.name) + `"`
		counts[i] = strconv.Itoa(t.n)
		most = max(most, t.n)
	}
	fmt.Fprintf(w, "\n```mermaid\nxychart-beta horizontal\n    title \"Best-fitting types\"\n")
	fmt.Fprintf(w, "    x-axis [%s]\n    y-axis \"Respondents\" 0 --> %d\n    bar [%s]\n```\n",
		strings.Join(names, ", "), most, strings.Join(counts, ", "))
}

func (f *teamMarkdown) rowSize() int { return 0 }

func (f *teamMarkdown) render(buf []byte, row *Row, res []*engine.Result) []byte {
	var b bytes.Buffer
	report.MarkdownBrief(&b, f.b, res[0], respondentID(row))
	return append(buf, b.Bytes()...)
}

// bestType is a row of the team report's types: a type that was someone's best fit, or
// none standing out.
type bestType struct {
	name, family string
	n            int
}

// bestTypes lists the types that were anyone's best fit, most often first, ties in bank
// order, then how many had no type standing out, if any.
func bestTypes(b *bank.Bank, counts map[string]int) []bestType {
	var out []bestType
	for _, t := range b.Types {
		if n := counts[t.ID]; n > 0 {
			out = append(out, bestType{t.Name, t.Family, n})
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].n > out[j].n })
	if n := counts[tieKey]; n > 0 {
		out = append(out, bestType{"A tie between types", "", n})
	}
	if n := counts[""]; n > 0 {
		out = append(out, bestType{"No type stands out", "", n})
	}
	return out
}

func pct(n, of int) string {
	if of == 0 {
		return "0"
	}
	return report.Num(float64(n) * 100 / float64(of))
}
