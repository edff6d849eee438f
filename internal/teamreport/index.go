package teamreport

import (
	"bytes"
	"fmt"
	"html"
	"io"
	"net/url"
	"strings"

	"github.com/coachmentor/coachmentor/internal/bank"
	"github.com/coachmentor/coachmentor/internal/report"
	"github.com/coachmentor/coachmentor/internal/team"
	"github.com/coachmentor/coachmentor/internal/textsafe"
)

// Index is the index of a folder of reports: a line per report with the kept columns,
// then who could not be scored and the names that were taken. In Markdown, or as a web
// page.
type Index struct {
	b    *bank.Bank
	html bool
	// kept are the kept columns it shows (not the id, which it shows anyway), and keptAt
	// where each is among a member's kept cells.
	kept   []string
	keptAt []int
}

// IndexOptions say what an index shows.
type IndexOptions struct {
	Bank *bank.Bank
	// Columns are the kept columns it shows (not the id column, whose cell it shows as
	// the id), and At where each is among a member's kept cells.
	Columns []string
	At      []int
}

func newIndex(o IndexOptions, html bool) *Index {
	return &Index{b: o.Bank, html: html, kept: o.Columns, keptAt: o.At}
}

// MarkdownIndex and HTMLIndex make the index of a folder of Markdown or HTML reports.
func MarkdownIndex(o IndexOptions) team.Index { return newIndex(o, false) }
func HTMLIndex(o IndexOptions) team.Index     { return newIndex(o, true) }

// Entry is a member's line of the index.
func (x *Index) Entry(buf []byte, m *team.Member) []byte {
	r := m.Results[0]
	cells := []string{m.RespondentID()}
	for _, i := range x.keptAt {
		cells = append(cells, m.KeptCell(i))
	}
	rec := report.Title(r.Recommendation)
	if r.Decided() {
		rec += " " + report.Num(r.Confidence)
	}
	best := "none"
	switch {
	case len(r.TopTie) > 1:
		best = "a tie: " + report.Names(report.TypeNames(r.TopTie))
	case report.HasTypeSignal(r):
		best = r.TopType().Name
	}
	cells = append(cells, rec, best)
	if x.html {
		buf = fmt.Appendf(buf, `<tr><td><a href="%s">%s</a></td>`, url.PathEscape(m.File), htmlText(m.DisplayName()))
		for i, c := range cells {
			if i > 0 && i <= len(x.keptAt) { // a roster's own text, perhaps long
				buf = append(buf, `<td class="long">`+htmlText(c)+"</td>"...)
				continue
			}
			buf = append(buf, "<td>"+htmlText(c)+"</td>"...)
		}
		return append(buf, "</tr>\n"...)
	}
	buf = fmt.Appendf(buf, "| [%s](<%s>) |", report.MDCell(m.DisplayName()), m.File)
	for _, c := range cells {
		buf = append(buf, " "+report.MDCell(c)+" |"...)
	}
	return append(buf, '\n')
}

// htmlText is text from a user or a file, safe in HTML, on one line.
func htmlText(s string) string { return html.EscapeString(textsafe.Line(s)) }

func (x *Index) Head(w io.Writer, s team.Summary, reports int, teamFile string) error {
	var md bytes.Buffer
	fmt.Fprintf(&md, "# Coaching or mentoring: reports\n\n%s for %s, question bank %s, hash `%s`.",
		report.Count(reports, "report"), report.Count(s.Respondents, "respondent"), report.MDEscape(x.b.Version), x.b.Hash)
	if s.Invalid > 0 {
		fmt.Fprintf(&md, " %d could not be scored (below).", s.Invalid)
	}
	if teamFile != "" {
		fmt.Fprintf(&md, " The team's results: [%s](<%s>).", report.MDEscape(teamFile), teamFile)
	}
	md.WriteString("\n\n")
	header := append([]string{"Report", "Id"}, x.kept...)
	header = append(header, "Recommendation", "Best fit")
	if x.html {
		io.WriteString(w, report.WidePageHead("Coaching or mentoring: reports"))
		report.MarkdownHTML(w, md.Bytes())
		io.WriteString(w, "<table>\n<thead><tr>")
		for _, h := range header {
			io.WriteString(w, "<th>"+htmlText(h)+"</th>")
		}
		_, err := io.WriteString(w, "</tr></thead>\n<tbody>\n")
		return err
	}
	md.WriteString("|")
	for _, h := range header {
		md.WriteString(" " + report.MDCell(h) + " |")
	}
	md.WriteString("\n|" + strings.Repeat(" --- |", len(header)) + "\n")
	_, err := w.Write(md.Bytes())
	return err
}

func (x *Index) Foot(w io.Writer, s team.Summary, shared []string, moreShared int) error {
	var md bytes.Buffer
	md.WriteString("\n")
	if s.Invalid > 0 {
		md.WriteString("## Could not be scored\n\n")
		for _, u := range s.Unscored {
			fmt.Fprintf(&md, "- %s (line %d): %s\n", report.MDEscape(u.ID), u.Line, report.MDEscape(u.Problem))
		}
		if more := s.Invalid - len(s.Unscored); more > 0 {
			fmt.Fprintf(&md, "- … and %d more (the run's messages name each)\n", more)
		}
		md.WriteString("\n")
	}
	if len(shared) > 0 {
		md.WriteString("## Names that were taken\n\nEach person has a report of their own; where two would have had the same file name, the later one took another:\n\n")
		for _, n := range shared {
			md.WriteString("- " + report.MDEscape(n) + "\n")
		}
		if moreShared > 0 {
			fmt.Fprintf(&md, "- … and %d more\n", moreShared)
		}
		md.WriteString("\n")
	}
	if !x.html {
		_, err := w.Write(md.Bytes())
		return err
	}
	io.WriteString(w, "</tbody>\n</table>\n")
	report.MarkdownHTML(w, md.Bytes())
	_, err := io.WriteString(w, report.PageFoot)
	return err
}
