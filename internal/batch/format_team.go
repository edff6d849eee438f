package batch

import (
	"bytes"
	"fmt"
	"io"
	"sort"

	"github.com/coachmentor/coachmentor/internal/bank"
	"github.com/coachmentor/coachmentor/internal/engine"
	"github.com/coachmentor/coachmentor/internal/report"
)

// recommendations are the four a result can give, in the order reports count them.
var recommendations = []string{engine.Coaching, engine.Mentoring, engine.Blend, engine.Undecided}

// The team report: the distribution of recommendations and types (and, with --group-by,
// of each group), who could not be scored, then a short section per respondent; the
// totals follow the sections when the team was read from a stream, which can be read only
// once. It is Markdown, or the same Markdown made a web page a piece at a time, so that
// a team of any size streams.
type teamReport struct {
	b     *bank.Bank
	html  bool
	group string // the column the team is grouped by, if any
	date  string // put under the title, if set
}

func (f *teamReport) totalsFirst() bool { return true }

// write writes a piece of the report, made as Markdown, as the report's format.
func (f *teamReport) write(w io.Writer, md []byte) error {
	if !f.html {
		_, err := w.Write(md)
		return err
	}
	return report.MarkdownHTML(w, md)
}

// appendPiece is write for a row's piece, into its output buffer.
func (f *teamReport) appendPiece(buf, md []byte) []byte {
	if !f.html {
		return append(buf, md...)
	}
	var b bytes.Buffer
	report.MarkdownHTML(&b, md) // into memory: cannot fail
	return append(buf, b.Bytes()...)
}

func (f *teamReport) head(w io.Writer) error {
	const title = "Coaching or mentoring: team report"
	if f.html {
		if _, err := io.WriteString(w, report.PageHead(title)); err != nil {
			return err
		}
	}
	head := "# " + title + "\n\n"
	if f.date != "" {
		head += "**Date:** " + report.MDEscape(f.date) + "\n\n"
	}
	return f.write(w, []byte(head))
}

func (f *teamReport) foot(w io.Writer) error {
	if !f.html {
		return nil
	}
	_, err := io.WriteString(w, report.PageFoot)
	return err
}

func (f *teamReport) rowsHead(w io.Writer, totals *Summary) error {
	var b bytes.Buffer
	if totals == nil {
		b.WriteString("The totals follow the respondents: the team was read from a stream, which is read once.\n\n")
	}
	b.WriteString("## Respondents\n\n")
	return f.write(w, b.Bytes())
}

func (f *teamReport) totals(w io.Writer, s Summary, first bool) error {
	var b bytes.Buffer
	if !first {
		b.WriteString("## Totals\n\n")
	}
	fmt.Fprintf(&b, "%d respondents", s.Respondents)
	if s.Invalid > 0 {
		fmt.Fprintf(&b, ", of whom %d could not be scored", s.Invalid)
	}
	fmt.Fprintf(&b, ". Question bank %s, hash `%s`.\n\n", report.MDEscape(f.b.Version), f.b.Hash)
	f.tally(&b, s.Tally, "##", "Recommendations", "Best-fitting types")
	if f.group != "" && len(s.Groups) > 0 {
		fmt.Fprintf(&b, "## By %s\n\n", report.MDEscape(f.group))
		for _, name := range s.GroupNames() {
			g := s.Groups[name]
			fmt.Fprintf(&b, "### %s\n\n%s", report.MDEscape(GroupLabel(name)), report.Count(g.Respondents, "respondent"))
			if g.Invalid > 0 {
				fmt.Fprintf(&b, ", of whom %d could not be scored", g.Invalid)
			}
			b.WriteString(".\n\n")
			f.tally(&b, *g, "####", "Recommendations in "+GroupLabel(name), "Best-fitting types in "+GroupLabel(name))
		}
	}
	return f.write(w, b.Bytes())
}

// tally writes a tally's recommendations and best-fitting types, each as a table and a
// chart, and who could not be scored; hd is the level of its headings.
func (f *teamReport) tally(b *bytes.Buffer, t Tally, hd, recTitle, typesTitle string) {
	valid := t.Respondents - t.Invalid
	fmt.Fprintf(b, "%s Recommendations\n\n| Recommendation | Respondents | Share |\n| --- | ---: | ---: |\n", hd)
	for _, rec := range recommendations {
		fmt.Fprintf(b, "| %s | %d | %s%% |\n", report.Title(rec), t.ByRecommendation[rec], pct(t.ByRecommendation[rec], valid))
	}
	if valid > 0 {
		c := report.Chart{Title: recTitle, Pie: true}
		for _, rec := range recommendations {
			if n := t.ByRecommendation[rec]; n > 0 {
				c.Labels, c.Values, c.Families = append(c.Labels, report.Title(rec)), append(c.Values, float64(n)), append(c.Families, rec)
			}
		}
		b.WriteString("\n" + c.Fence(f.html))
	}
	best := bestTypes(f.b, t.ByType)
	fmt.Fprintf(b, "\n%s Best-fitting types\n\n", hd)
	if len(best) == 0 {
		b.WriteString("None: no one could be scored.\n")
	} else {
		b.WriteString("| Type | Family | Respondents | Share |\n| --- | --- | ---: | ---: |\n")
	}
	for _, bt := range best {
		fmt.Fprintf(b, "| %s | %s | %d | %s%% |\n", report.MDCell(bt.name), bt.family, bt.n, pct(bt.n, valid))
	}
	if len(best) > 0 {
		c := report.Chart{Title: typesTitle, Axis: "Respondents"}
		for _, bt := range best {
			c.Labels, c.Values, c.Families = append(c.Labels, bt.name), append(c.Values, float64(bt.n)), append(c.Families, bt.family)
			c.Max = max(c.Max, float64(bt.n))
		}
		b.WriteString("\n" + c.Fence(f.html))
	}
	b.WriteString("\n")
	if t.Invalid > 0 {
		fmt.Fprintf(b, "%s Could not be scored\n\n", hd)
		for _, u := range t.Unscored {
			fmt.Fprintf(b, "- %s (line %d): %s\n", report.MDEscape(u.ID), u.Line, report.MDEscape(u.Problem))
		}
		if more := t.Invalid - len(t.Unscored); more > 0 {
			fmt.Fprintf(b, "- … and %d more (the run's messages name each)\n", more)
		}
		b.WriteString("\n")
	}
}

func (f *teamReport) rowSize() int { return 0 }

func (f *teamReport) render(buf []byte, row *Row, res []*engine.Result) []byte {
	var b bytes.Buffer
	report.MarkdownBrief(&b, f.b, res[0], displayName(row))
	return f.appendPiece(buf, b.Bytes())
}

func (f *teamReport) renderInvalid(buf []byte, row *Row, problem string) []byte {
	md := fmt.Sprintf("### %s\n\n**Could not be scored** (line %d of the input): %s.\n\n", report.MDEscape(displayName(row)), row.Line, report.MDEscape(problem))
	return f.appendPiece(buf, []byte(md))
}

// displayName is how reports name a row's person: by name if the row has one, else by id.
func displayName(row *Row) string {
	if row.Name != "" {
		return row.Name
	}
	return respondentID(row)
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
