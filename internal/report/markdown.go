package report

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"github.com/coachmentor/coachmentor/internal/bank"
	"github.com/coachmentor/coachmentor/internal/engine"
)

// Markdown writes the report a manager can send as it is: the brief (the verdict, the
// reasons, the best type and its next steps) and then the details. The charts come last,
// so that the report reads well where Mermaid is not drawn.
func Markdown(w io.Writer, b *bank.Bank, r *engine.Result, opts Options) error {
	return NewBrief(b, r, opts).Markdown(w)
}

// Markdown writes the brief as Markdown.
func (br *Brief) Markdown(w io.Writer) error {
	bw := bufio.NewWriter(w)
	m := &mdWriter{w: bw}
	m.line("# Coaching or mentoring?")
	m.blank()
	var meta []string
	if br.For != "" {
		meta = append(meta, "**For:** "+MDEscape(br.For))
	}
	if br.Date != "" {
		meta = append(meta, "**Date:** "+MDEscape(br.Date))
	}
	if len(meta) > 0 {
		m.line(strings.Join(meta, " · "))
		m.blank()
	}
	br.markdownBody(m, 2)
	m.line("---")
	m.blank()
	m.line(fmt.Sprintf("Question bank %s, hash `%s`. Made with coachmentor.", MDEscape(br.Bank.Version), br.Bank.Hash))
	if err := m.err; err != nil {
		return err
	}
	return bw.Flush()
}

// markdownBody writes everything below the title, with headings from level h.
func (br *Brief) markdownBody(m *mdWriter, h int) {
	hd := strings.Repeat("#", h)
	v := br.Verdict
	m.line(hd + " Recommendation: " + v.Heading)
	m.blank()
	if v.Recommendation == engine.Undecided {
		m.line(MDEscape(v.Summary) + " " + MDEscape(v.Points))
	} else {
		m.line(fmt.Sprintf("%s confidence (**%s** of 1), %s. %s %s", capital(v.Word), Num(v.Confidence), v.Evidence, v.Points, MDEscape(v.Summary)))
	}
	m.blank()
	for _, note := range v.Notes {
		m.line("> " + MDEscape(note))
		m.blank()
	}
	if len(v.Combine) > 0 {
		m.line("How to combine them:")
		m.blank()
		mdSteps(m, v.Combine)
	}
	if len(br.Reasons) > 0 {
		m.line(hd + "# Why")
		m.blank()
		for _, rs := range br.Reasons {
			m.line(fmt.Sprintf("- **%s: %s.** %s", MDEscape(rs.Question.Title), MDEscape(rs.Option.Label), MDEscape(rs.Text)))
		}
		m.blank()
	}
	br.markdownBest(m, hd+"#")
	br.markdownDetails(m, hd)
}

func (br *Brief) markdownBest(m *mdWriter, hd string) {
	switch len(br.Best) {
	case 0:
		m.line(MDEscape(br.NoBest))
		m.blank()
	case 1:
		bt := br.Best[0]
		m.line(hd + " Best fit: " + MDEscape(bt.Type.Name))
		m.blank()
		m.line(MDEscape(bt.Type.Summary) + " **When it fits:** " + MDEscape(bt.Type.Fits))
		m.blank()
		for _, row := range bt.Setup {
			m.line("- **" + row.Label + ":** " + MDEscape(row.Value) + practiceNote(row.Practice))
		}
		m.blank()
		if len(bt.Steps) > 0 {
			m.line(br.StepsHeading() + ":")
			m.blank()
			mdSteps(m, bt.Steps)
		}
	default:
		// A tie: each type in short, so that the brief stays a page; the changes below say
		// which answers would tell them apart.
		m.line(hd + " Tied for the best fit: " + MDEscape(Names(TypeNames(TopTypes(br.result)))))
		m.blank()
		for _, bt := range br.Best {
			m.line(hd + "# " + MDEscape(bt.Type.Name))
			m.blank()
			line := MDEscape(bt.Type.Summary) + " **When it fits:** " + MDEscape(bt.Type.Fits)
			for _, row := range bt.Setup {
				line += " **" + row.Label + ":** " + MDEscape(row.Value) + practiceNote(row.Practice) + "."
			}
			m.line(line)
			m.blank()
			if len(bt.Steps) > 0 {
				var steps []string
				for i, s := range bt.Steps {
					steps = append(steps, fmt.Sprintf("%d. %s (%s)", i+1, MDEscape(s.Text), MDEscape(s.From)))
				}
				m.line("**" + br.StepsHeading() + ":** " + strings.Join(steps, " "))
				m.blank()
			}
		}
	}
}

// practiceNote marks what is common practice rather than from the sources.
func practiceNote(practice bool) string {
	if practice {
		return " (" + CommonPractice + ")"
	}
	return ""
}

// StepsHeading introduces the next steps: for one arrangement, or for a program.
func (br *Brief) StepsHeading() string {
	if br.ForMany {
		return "Next steps, for a program, since many people share the need"
	}
	return "Next steps"
}

func mdSteps(m *mdWriter, steps []Step) {
	for i, s := range steps {
		m.line(fmt.Sprintf("%d. %s (%s)", i+1, MDEscape(s.Text), MDEscape(s.From)))
	}
	m.blank()
}

func (br *Brief) markdownDetails(m *mdWriter, hd string) {
	d := br.Details
	m.line(hd + " Details")
	m.blank()
	if len(d.Answers) > 0 {
		m.line(hd + "# Answers and their points")
		m.blank()
		m.line("| Question | Answer | Favors | Points |")
		m.line("| --- | --- | --- | --- |")
		for _, a := range d.Answers {
			m.line(fmt.Sprintf("| %s | %s | %s | %s |", MDCell(a.Question), MDCell(a.Answer), a.Favours, MDCell(a.Points)))
		}
		m.blank()
	}
	var ranked, out []string
	for _, t := range d.Types {
		if t.RuledOut {
			out = append(out, MDEscape(t.Type.Name)+" (needs "+MDEscape(t.Needs)+")")
			continue
		}
		ranked = append(ranked, fmt.Sprintf("%d. %s %s (%s)", t.Rank, MDEscape(t.Type.Name), Num(t.Score), t.Type.Family))
	}
	if len(d.Types) > 0 {
		line := "**Types, best first:** " + strings.Join(ranked, "; ") + "."
		if len(out) > 0 {
			line += " Ruled out by the answers, whatever their points: " + strings.Join(out, "; ") + "."
		}
		m.line(line)
		m.blank()
	}
	br.markdownChanges(m, hd+"#")
	if len(d.Unanswered) > 0 {
		m.line(hd + "# Not answered")
		m.blank()
		var qs []string
		for _, q := range d.Unanswered {
			qs = append(qs, fmt.Sprintf("**%s** (`%s`)", MDEscape(q.Title), q.ID))
		}
		m.line("These carried no weight; answering them could make the recommendation firmer or change it: " + strings.Join(qs, ", ") + ".")
		m.blank()
	}
	if len(d.Essentials) > 0 {
		line := "**What makes either work:** " + strings.Join(mdEach(d.Essentials), " ")
		if d.EssentialsFrom != "" {
			line += " (" + MDEscape(d.EssentialsFrom) + ")"
		}
		m.line(line)
		m.blank()
	}
	if len(d.Sources) > 0 {
		var refs []string
		for _, s := range d.Sources {
			refs = append(refs, sourceLine(s))
		}
		m.line("**Sources:** " + strings.Join(refs, "; ") + ".")
		m.blank()
	}
}

func (br *Brief) markdownChanges(m *mdWriter, hd string) {
	d := br.Details
	m.line(hd + " What would change it")
	m.blank()
	if need := br.NeedMore(); need != "" {
		m.line(MDEscape(need))
		m.blank()
	}
	if d.NoChange != "" {
		m.line(d.NoChange)
		m.blank()
	}
	if len(d.Changes) > 0 {
		m.line("| Question | New answer | Result | Balance moves |")
		m.line("| --- | --- | --- | --- |")
		for _, c := range d.Changes {
			m.line(fmt.Sprintf("| %s | %s | %s | %s |", MDCell(c.Question), alternatives(c.Alternatives, MDCell), MDCell(c.Outcome), c.Shift))
		}
		m.blank()
		m.line(MDEscape(d.ChangesNote()))
		m.blank()
	}
	if t := d.Tipping; t != nil {
		m.line(MDEscape(TippingSentence(t)))
		m.blank()
	}
	if len(d.Fixed) > 0 {
		m.line("No answer to these questions would change either: " + MDEscape(strings.Join(d.Fixed, ", ")) + ".")
		m.blank()
	}
}

// TippingSentence says how many answers would have to change, with the example.
func TippingSentence(t *TippingRow) string {
	var parts []string
	for _, c := range t.Changes {
		parts = append(parts, c[0]+": "+c[1])
	}
	s := fmt.Sprintf("No single answer changes the recommendation; it would take at least %d, for example %s, which would make it %s.",
		t.Count, strings.Join(parts, "; "), t.Outcome)
	if t.Stays != "" {
		s = fmt.Sprintf("No single answer changes the recommendation. Changing at least %d (for example %s) would move the balance, but the best type would keep it a blend.",
			t.Count, strings.Join(parts, "; "))
	}
	return s
}

// alternatives names new answers in prose: "“A”" or "any of “A”, “B” or “C”".
func alternatives(labels []string, quote func(string) string) string {
	q := make([]string, len(labels))
	for i, l := range labels {
		q[i] = quote(l)
	}
	if len(q) == 1 {
		return q[0]
	}
	return "any of " + strings.Join(q[:len(q)-1], ", ") + " or " + q[len(q)-1]
}

// mdEach escapes each of a list of texts.
func mdEach(list []string) []string {
	out := make([]string, len(list))
	for i, s := range list {
		out[i] = MDEscape(s)
	}
	return out
}

// capital is s with its first letter in capitals.
func capital(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
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

// mdWriter writes lines and remembers the first error.
type mdWriter struct {
	w   *bufio.Writer
	err error
}

func (m *mdWriter) line(s string) {
	if m.err != nil {
		return
	}
	_, m.err = m.w.WriteString(s + "\n")
}

func (m *mdWriter) blank() { m.line("") }

// MarkdownBrief writes a short section on one respondent, for a team report: the verdict,
// the best types, the reasons that weigh most, the nearest changes and what was not
// answered, from the same brief as the person's own report.
func MarkdownBrief(w io.Writer, b *bank.Bank, r *engine.Result, name string) error {
	br := NewBrief(b, r, Options{})
	bw := bufio.NewWriter(w)
	m := &mdWriter{w: bw}
	m.line("### " + MDEscape(name))
	m.blank()
	v := br.Verdict
	line := fmt.Sprintf("**%s** (%s confidence %s), %s coaching.", v.Heading, v.Word, Num(v.Confidence), Percent(r.Lean()))
	if v.Recommendation == engine.Undecided {
		line = fmt.Sprintf("**Undecided**: %s, %s.", v.Evidence, MDEscape(NeedMore(r)))
	}
	if HasTypeSignal(r) {
		var best []string
		for _, ts := range TopN(r, 3) {
			best = append(best, fmt.Sprintf("%s %s", MDEscape(ts.Type.Name), Num(ts.Score)))
		}
		line += " Best fits: " + strings.Join(best, ", ") + "."
	}
	for _, note := range v.Notes {
		line += " " + MDEscape(note)
	}
	m.line(line)
	m.blank()
	if len(br.Reasons) > 0 {
		var why []string
		for _, rs := range br.Reasons {
			why = append(why, fmt.Sprintf("%s: %s (%s)", MDEscape(rs.Question.Title), MDEscape(rs.Option.Label), favoursPoints(rs.Option)))
		}
		m.line("- **Weighs most:** " + strings.Join(why, "; ") + ".")
		var changes []string
		for _, c := range br.Details.Changes[:min(3, len(br.Details.Changes))] {
			changes = append(changes, fmt.Sprintf("%s: %s → %s", MDEscape(c.Question), alternatives(c.Alternatives, MDEscape), MDEscape(c.Outcome)))
		}
		switch {
		case len(changes) > 0:
			m.line("- **Would change it:** " + strings.Join(changes, "; ") + ".")
		case br.Details.Tipping != nil:
			m.line(fmt.Sprintf("- **Would change it:** no single answer; at least %d would have to change.", br.Details.Tipping.Count))
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
