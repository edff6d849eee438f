package report

import (
	"bufio"
	"fmt"
	"io"
	"regexp"
	"strings"

	"github.com/coachmentor/coachmentor/internal/bank"
	"github.com/coachmentor/coachmentor/internal/engine"
	"github.com/coachmentor/coachmentor/internal/textsafe"
)

// Markdown writes a report a manager can send as it is. The charts come after the text,
// so that the report reads well where Mermaid is not drawn.
func Markdown(w io.Writer, b *bank.Bank, r *engine.Result, opts Options) error {
	return markdown(w, b, r, opts, false)
}

// markdown is Markdown, with the charts' data for an HTML page if forHTML is set.
func markdown(w io.Writer, b *bank.Bank, r *engine.Result, opts Options, forHTML bool) error {
	bw := bufio.NewWriter(w)
	m := &mdWriter{w: bw, html: forHTML}
	m.line("# Coaching or mentoring?")
	m.blank()
	if opts.For != "" {
		m.line("**For:** " + MDEscape(opts.For))
		m.blank()
	}
	if opts.Date != "" {
		m.line("**Date:** " + MDEscape(opts.Date))
		m.blank()
	}
	writeMarkdownBody(m, b, r, 2)
	writeChart(m, r)
	m.line("---")
	m.blank()
	m.line(fmt.Sprintf("Question bank %s, hash `%s`. Made with coachmentor.", MDEscape(b.Version), b.Hash))
	if err := m.err; err != nil {
		return err
	}
	return bw.Flush()
}

// writeMarkdownBody writes everything below the title, with headings at level h; the team
// report reuses it for each person.
func writeMarkdownBody(m *mdWriter, b *bank.Bank, r *engine.Result, h int) {
	hd := strings.Repeat("#", h)
	writeVerdict(m, b, r, hd)
	writeAnswers(m, b, r, hd)
	writeTypes(m, b, r, hd)
	m.line(hd + " What would change it")
	m.blank()
	if len(r.Answered) == 0 {
		m.line("Any answer would: nothing is answered yet.")
		m.blank()
	} else {
		writeChanges(m, r)
	}
	if len(r.Unanswered) > 0 {
		m.line(hd + " Not answered")
		m.blank()
		m.line("These carried no weight; answering them could make the recommendation firmer or change it.")
		m.blank()
		for _, q := range r.Unanswered {
			m.line(fmt.Sprintf("- **%s** (`%s`): %s", MDEscape(q.Title), q.ID, MDEscape(q.Prompt)))
		}
		m.blank()
	}
	if len(b.Essentials) > 0 {
		m.line(hd + " What makes either work")
		m.blank()
		for _, e := range b.Essentials {
			m.line("- " + MDEscape(e))
		}
		if tag := SourceTag(b, b.EssentialsSources); tag != "" {
			m.blank()
			m.line("Source: " + MDEscape(strings.Trim(tag, "()")) + ".")
		}
		m.blank()
	}
	if cited := Cited(b, r); len(cited) > 0 {
		m.line(hd + " Sources")
		m.blank()
		for _, s := range cited {
			m.line("- " + sourceLine(s))
		}
		m.blank()
	}
}

func writeVerdict(m *mdWriter, b *bank.Bank, r *engine.Result, hd string) {
	m.line(fmt.Sprintf("%s Recommendation: %s", hd, Title(r.Recommendation)))
	m.blank()
	points := fmt.Sprintf("Coaching %s, mentoring %s (%s coaching).", PointCount(r.Coaching), PointCount(r.Mentoring), Percent(r.Lean()))
	switch {
	case !r.Decided():
		m.line(MDEscape(Undecided(b, r)) + " So far: " + points)
	default:
		m.line(fmt.Sprintf("%s confidence (**%s** of 1), %s. %s", capital(ConfidenceWord(r)), Num(r.Confidence), AnsweredCount(b, r), points))
		m.blank()
		if r.Recommendation == engine.Blend {
			m.line(MDEscape(b.Blend.Summary))
		} else {
			m.line(MDEscape(b.Family(r.Recommendation).Summary))
		}
	}
	m.blank()
	for _, note := range []string{FamilyNote(r), Tie(r)} {
		if note != "" {
			m.line("> " + MDEscape(note))
			m.blank()
		}
	}
	if r.Recommendation == engine.Blend && len(b.Blend.Steps) > 0 {
		m.line("How to combine them:")
		m.blank()
		for _, s := range b.Blend.Steps {
			m.line("- " + MDEscape(s))
		}
		m.blank()
	}
}

// capital is s with its first letter in capitals.
func capital(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

func writeAnswers(m *mdWriter, b *bank.Bank, r *engine.Result, hd string) {
	m.line(hd + " Answers")
	m.blank()
	if len(r.Answered) == 0 {
		m.line("None yet.")
		m.blank()
		return
	}
	m.line("| Question | Answer | Favors | Points |")
	m.line("| --- | --- | --- | --- |")
	for _, a := range r.Answered {
		m.line(fmt.Sprintf("| %s | %s | %s | %s |", MDCell(a.Question.Title), MDCell(a.Option.Label),
			favoursLabel(a.Option), MDCell(Points(b, a.Option))))
	}
	m.blank()
	m.line(hd + " Why")
	m.blank()
	for _, a := range r.Answered {
		m.line(fmt.Sprintf("- **%s: %s.** %s", MDEscape(a.Question.Title), MDEscape(a.Option.Label), MDEscape(Reason(b, a.Question, a.Option))))
	}
	m.blank()
}

func writeTypes(m *mdWriter, b *bank.Bank, r *engine.Result, hd string) {
	m.line(hd + " Types, best first")
	m.blank()
	m.line("| Rank | Type | Family | Score |")
	m.line("| ---: | --- | --- | ---: |")
	for _, ts := range r.Types {
		name := MDCell(ts.Type.Name)
		if ts.RuledOut {
			name += " (ruled out: " + MDEscape(Needs(b, ts.Type)) + ")"
		}
		m.line(fmt.Sprintf("| %d | %s | %s | %s |", ts.Rank, name, ts.Type.Family, Num(ts.Score)))
	}
	m.blank()
	if !HasTypeSignal(r) {
		m.line("No type stands out yet: answer who is developed and what they most need to narrow it down.")
		m.blank()
		return
	}
	steps := TopTypes(r)
	for i, ts := range TopN(r, max(3, len(steps))) {
		writeType(m, ts.Type, ts.Rank, hd+"#", i < len(steps))
	}
}

// outcomeNoun names a recommendation after "make it": coaching, mentoring or a blend.
func outcomeNoun(rec string) string {
	if rec == engine.Blend {
		return "a blend"
	}
	return rec
}

func writeType(m *mdWriter, t *bank.Type, rank int, hd string, steps bool) {
	m.line(fmt.Sprintf("%s %d. %s", hd, rank, MDEscape(t.Name)))
	m.blank()
	m.line(MDEscape(t.Summary) + " **When it fits:** " + MDEscape(t.Fits))
	m.blank()
	for _, f := range SetupRows(t) {
		label := f[1]
		if f[0] == "guide" {
			label = "Who guides"
		}
		note := ""
		if t.Setup.IsPractice(f[0]) {
			note = " (common practice)"
		}
		m.line("- **" + label + ":** " + MDEscape(f[2]) + note)
	}
	m.blank()
	if steps && len(t.Setup.Steps) > 0 {
		m.line("Next steps:")
		m.blank()
		for i, s := range t.Setup.Steps {
			m.line(fmt.Sprintf("%d. %s", i+1, MDEscape(s)))
		}
		m.blank()
	}
}

func writeChanges(m *mdWriter, r *engine.Result) {
	if !r.Decided() {
		m.line(MDEscape(capital(NeedMore(r))) + ".")
		m.blank()
	}
	groups := GroupChanges(r.Changes)
	switch {
	case len(groups) == 0 && r.Decided():
		m.line("No single answer would change the recommendation or the top type.")
	case len(groups) > 0:
		m.line("Each row changes one answer and leaves the rest as they are; the smallest changes come first.")
		m.blank()
		m.line("| Question | Instead of | Answer | Result | Balance moves |")
		m.line("| --- | --- | --- | --- | --- |")
		for _, g := range groups {
			m.line(fmt.Sprintf("| %s | %s | %s | %s | %s |", MDCell(g.Question.Title), MDCell(AnswerLabel(g.From)),
				g.Alternatives(MDCell), MDCell(g.Outcome()), g.Shift()))
		}
	}
	m.blank()
	if t := r.Tipping; t != nil && (len(t.Changes) > 1 || len(r.Changes) == 0) {
		m.line(fmt.Sprintf("To change the recommendation, at least %d answers would have to change. For example, these would make it %s:",
			len(t.Changes), outcomeNoun(t.Recommendation)))
		m.blank()
		for _, c := range t.Changes {
			m.line(fmt.Sprintf("- %s: %s instead of %s", MDEscape(c.Question.Title), MDEscape(AnswerLabel(c.To)), MDEscape(AnswerLabel(c.From))))
		}
		m.blank()
	}
	if len(r.Fixed) > 0 && r.Decided() { // undecided, no one answer decides it anyway
		m.line("No answer to these questions would change either: " + mdTitles(r.Fixed) + ".")
		m.blank()
	}
}

// writeChart draws the scores: Mermaid, which GitHub, GitLab and many editors render
// (elsewhere they read as a plain list of numbers, after the text), or SVG on a web page.
func writeChart(m *mdWriter, r *engine.Result) {
	if r.Coaching+r.Mentoring > 0 {
		m.chart(Chart{Title: "Coaching and mentoring points", Pie: true,
			Labels: []string{"Coaching", "Mentoring"}, Values: []float64{r.Coaching, r.Mentoring}})
	}
	if HasTypeSignal(r) {
		c := Chart{Title: "Points per type", Axis: "Points", Max: r.Types[0].Score}
		for _, ts := range r.Types {
			c.Labels = append(c.Labels, ts.Type.Name)
			c.Values = append(c.Values, max(0, ts.Score))
			c.Families = append(c.Families, ts.Type.Family)
		}
		m.chart(c)
	}
}

func sourceLine(s *bank.Source) string {
	line := MDEscape(s.Publisher)
	if s.Title != "" {
		title := MDEscape(s.Title)
		if s.URL != "" {
			title = "[" + title + "](" + mdURL(s.URL) + ")"
		}
		line += ", " + title
	} else if s.URL != "" {
		line += ", <" + mdURL(s.URL) + ">"
	}
	return line
}

// mdTitles lists the questions' titles, escaped.
func mdTitles(qs []*bank.Question) string {
	names := make([]string, len(qs))
	for i, q := range qs {
		names[i] = MDEscape(q.Title)
	}
	return strings.Join(names, ", ")
}

// MDEscape makes text safe as inline Markdown: characters that would start emphasis,
// links, code, HTML, an entity or a table cell are escaped with a backslash, as Markdown
// does (not as HTML entities, which read as "&amp;" wherever Markdown is not rendered), and
// line breaks become spaces.
func MDEscape(s string) string {
	s = textsafe.Line(s)
	if !strings.ContainsAny(s, "\\`*_[]|~<&") && (s == "" || !strings.ContainsRune("#+-=>", rune(s[0]))) {
		return s // most names and labels: nothing to escape, nothing to copy
	}
	var b strings.Builder
	b.Grow(len(s) + 8)
	for i, r := range s {
		switch r {
		case '\\', '`', '*', '_', '[', ']', '|', '~', '<':
			b.WriteByte('\\')
			b.WriteRune(r)
		case '&':
			// Only an entity such as &amp; would be read as something else.
			if entity.MatchString(s[i:]) {
				b.WriteByte('\\')
			}
			b.WriteRune(r)
		case '#', '+', '-', '=', '>':
			// Only at the start could these make a heading, a list or a rule.
			if i == 0 {
				b.WriteByte('\\')
			}
			b.WriteRune(r)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// entity matches the start of an HTML entity or character reference.
var entity = regexp.MustCompile(`^&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});`)

// MDCell is MDEscape for a table cell, never empty.
func MDCell(s string) string {
	e := MDEscape(s)
	if e == "" {
		return " "
	}
	return e
}

// MermaidLabel keeps a label from closing its quotes or the code block.
func MermaidLabel(s string) string {
	s = textsafe.Line(s)
	return strings.NewReplacer(`"`, "'", "`", "'", "\\", "/").Replace(s)
}

// mdURL keeps a URL from closing its link.
func mdURL(u string) string {
	return strings.NewReplacer("(", "%28", ")", "%29", " ", "%20", "<", "%3C", ">", "%3E").Replace(u)
}

// mdWriter writes lines and remembers the first error.
type mdWriter struct {
	w    *bufio.Writer
	html bool // charts as data for a web page, not Mermaid
	err  error
}

// chart writes a chart and the blank line after it.
func (m *mdWriter) chart(c Chart) {
	if m.err == nil {
		_, m.err = m.w.WriteString(c.Fence(m.html))
	}
	m.blank()
}

func (m *mdWriter) line(s string) {
	if m.err != nil {
		return
	}
	_, m.err = m.w.WriteString(s + "\n")
}

func (m *mdWriter) blank() { m.line("") }

// MarkdownBrief writes a short section on one respondent, for a team report: the verdict,
// the best types, each answer's lean, the nearest changes and what was not answered.
func MarkdownBrief(w io.Writer, b *bank.Bank, r *engine.Result, name string) error {
	bw := bufio.NewWriter(w)
	m := &mdWriter{w: bw}
	m.line("### " + MDEscape(name))
	m.blank()
	line := fmt.Sprintf("**%s** (%s confidence %s), %s coaching.", Title(r.Recommendation), ConfidenceWord(r), Num(r.Confidence), Percent(r.Lean()))
	if !r.Decided() {
		line = fmt.Sprintf("**Undecided**: %s, %s.", AnsweredCount(b, r), MDEscape(NeedMore(r)))
	}
	if HasTypeSignal(r) {
		var best []string
		for _, ts := range TopN(r, 3) {
			best = append(best, fmt.Sprintf("%s %s", MDEscape(ts.Type.Name), Num(ts.Score)))
		}
		line += " Best fits: " + strings.Join(best, ", ") + "."
	}
	if tie := Tie(r); tie != "" {
		line += " " + MDEscape(tie)
	}
	m.line(line)
	m.blank()
	if len(r.Answered) > 0 {
		var why []string
		for _, a := range r.Answered {
			why = append(why, fmt.Sprintf("%s: %s (%s)", MDEscape(a.Question.Title), MDEscape(a.Option.Label), favoursPoints(a.Option)))
		}
		m.line("- **Answers:** " + strings.Join(why, "; ") + ".")
		var changes []string
		groups := GroupChanges(r.Changes)
		for _, g := range groups[:min(3, len(groups))] {
			changes = append(changes, fmt.Sprintf("%s: %s → %s", MDEscape(g.Question.Title), g.Alternatives(MDEscape), MDEscape(g.Outcome())))
		}
		switch {
		case len(changes) > 0:
			m.line("- **Would change it:** " + strings.Join(changes, "; ") + ".")
		case r.Tipping != nil:
			m.line(fmt.Sprintf("- **Would change it:** no single answer; at least %d would have to change.", len(r.Tipping.Changes)))
		}
	}
	if len(r.Unanswered) > 0 {
		m.line("- **Not answered:** " + mdTitles(r.Unanswered) + ".")
	}
	m.blank()
	if m.err != nil {
		return m.err
	}
	return bw.Flush()
}

// favoursPoints is an answer's family points, e.g. "coaching +3" or "types only".
func favoursPoints(o *bank.Option) string {
	switch o.Favours() {
	case bank.Coaching:
		return "coaching " + Signed(o.Coaching-o.Mentoring)
	case bank.Mentoring:
		return "mentoring " + Signed(o.Mentoring-o.Coaching)
	case "both":
		return "both " + Signed(o.Coaching)
	}
	return "types only"
}
