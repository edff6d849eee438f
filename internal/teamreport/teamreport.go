// Package teamreport writes the team report, beside the person's report it is made of:
// the distribution of recommendations and types (and, with a group column, of each
// group), who could not be scored, then a short section per respondent. It is Markdown,
// or the same Markdown made a web page a piece at a time, so that a team of any size
// streams. It also writes the index of a folder of reports.
package teamreport

import (
	"bytes"
	"fmt"
	"io"

	"github.com/coachmentor/coachmentor/internal/bank"
	"github.com/coachmentor/coachmentor/internal/report"
	"github.com/coachmentor/coachmentor/internal/team"
)

// Report is the team report. Its totals come first where the input can be read twice;
// they follow the sections when the team was read from a stream, which can be read once.
type Report struct {
	b     *bank.Bank
	html  bool
	group string // the column the team is grouped by, if any
	date  string // put under the title, if set
}

// Options say what goes in the report.
type Options struct {
	Bank  *bank.Bank
	Group string // the column the team is grouped by, if any
	Date  string // put under the title, if set
}

// Markdown is the team report in Markdown.
func Markdown(o Options) *Report { return &Report{b: o.Bank, group: o.Group, date: o.Date} }

// HTML is the team report as a web page that stands alone and prints.
func HTML(o Options) *Report { return &Report{b: o.Bank, html: true, group: o.Group, date: o.Date} }

func (f *Report) TotalsFirst() bool { return true }

func (f *Report) sections() team.Sections {
	return team.Sections{Head: f.head, Totals: f.totals, RowsHead: f.rowsHead, Foot: f.foot}
}

// Begin writes the title and, when they were counted first, the totals.
func (f *Report) Begin(w io.Writer, totals *team.Summary) error {
	return f.sections().Begin(w, totals)
}

// End writes the totals if they did not come first, and the page's end.
func (f *Report) End(w io.Writer, s team.Summary, shown bool) error {
	return f.sections().End(w, s, shown)
}

// write writes a piece of the report, made as Markdown, as the report's format.
func (f *Report) write(w io.Writer, md []byte) error {
	if !f.html {
		_, err := w.Write(md)
		return err
	}
	return report.MarkdownHTML(w, md)
}

// appendPiece is write for a row's piece, into its output buffer.
func (f *Report) appendPiece(buf, md []byte) []byte {
	if !f.html {
		return append(buf, md...)
	}
	var b bytes.Buffer
	report.MarkdownHTML(&b, md) // into memory: cannot fail
	return append(buf, b.Bytes()...)
}

func (f *Report) head(w io.Writer) error {
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

func (f *Report) foot(w io.Writer) error {
	if !f.html {
		return nil
	}
	_, err := io.WriteString(w, report.PageFoot)
	return err
}

func (f *Report) rowsHead(w io.Writer, totals *team.Summary) error {
	var b bytes.Buffer
	if totals == nil {
		b.WriteString("The totals follow the respondents: the team was read from a stream, which is read once.\n\n")
	}
	b.WriteString("## Respondents\n\n")
	return f.write(w, b.Bytes())
}

func (f *Report) totals(w io.Writer, s team.Summary, first bool) error {
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
			fmt.Fprintf(&b, "### %s\n\n%s", report.MDEscape(team.GroupLabel(name)), report.Count(g.Respondents, "respondent"))
			if g.Invalid > 0 {
				fmt.Fprintf(&b, ", of whom %d could not be scored", g.Invalid)
			}
			b.WriteString(".\n\n")
			f.tally(&b, *g, "####", "Recommendations in "+team.GroupLabel(name), "Best-fitting types in "+team.GroupLabel(name))
		}
	}
	return f.write(w, b.Bytes())
}

// tally writes a tally's recommendations and best-fitting types, each as a table and a
// chart, and who could not be scored; hd is the level of its headings.
func (f *Report) tally(b *bytes.Buffer, t team.Tally, hd, recTitle, typesTitle string) {
	valid := t.Respondents - t.Invalid
	fmt.Fprintf(b, "%s Recommendations\n\n| Recommendation | Respondents | Share |\n| --- | ---: | ---: |\n", hd)
	for _, rec := range team.Recommendations {
		fmt.Fprintf(b, "| %s | %d | %s%% |\n", report.Title(rec), t.ByRecommendation[rec], pct(t.ByRecommendation[rec], valid))
	}
	if valid > 0 {
		c := report.Chart{Title: recTitle, Pie: true}
		for _, rec := range team.Recommendations {
			if n := t.ByRecommendation[rec]; n > 0 {
				c.Labels, c.Values, c.Families = append(c.Labels, report.Title(rec)), append(c.Values, float64(n)), append(c.Families, rec)
			}
		}
		b.WriteString("\n" + c.Fence(f.html))
	}
	best := team.BestTypes(f.b, t.ByType)
	fmt.Fprintf(b, "\n%s Best-fitting types\n\n", hd)
	if len(best) == 0 {
		b.WriteString("None: no one could be scored.\n")
	} else {
		b.WriteString("| Type | Family | Respondents | Share |\n| --- | --- | ---: | ---: |\n")
	}
	for _, bt := range best {
		fmt.Fprintf(b, "| %s | %s | %d | %s%% |\n", report.MDCell(bt.Name), bt.Family, bt.N, pct(bt.N, valid))
	}
	if len(best) > 0 {
		c := report.Chart{Title: typesTitle, Axis: "Respondents"}
		for _, bt := range best {
			c.Labels, c.Values, c.Families = append(c.Labels, bt.Name), append(c.Values, float64(bt.N)), append(c.Families, bt.Family)
			c.Max = max(c.Max, float64(bt.N))
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

// Row writes a respondent's section: their brief report.
func (f *Report) Row(out *team.Out, m *team.Member) {
	var b bytes.Buffer
	report.MarkdownBrief(&b, f.b, m.Results[0], m.DisplayName())
	out.Bytes = f.appendPiece(out.Bytes, b.Bytes())
}

// Invalid writes the section of a respondent who could not be scored, and why.
func (f *Report) Invalid(out *team.Out, m *team.Member, problem string) {
	md := fmt.Sprintf("### %s\n\n**Could not be scored** (line %d of the input): %s.\n\n", report.MDEscape(m.DisplayName()), m.Line, report.MDEscape(problem))
	out.Bytes = f.appendPiece(out.Bytes, []byte(md))
}

func pct(n, of int) string {
	if of == 0 {
		return "0"
	}
	return report.Num(float64(n) * 100 / float64(of))
}
