package report

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
	"github.com/muesli/termenv"

	"github.com/coachmentor/coachmentor/internal/bank"
	"github.com/coachmentor/coachmentor/internal/engine"
)

// TextOptions control the terminal rendering.
type TextOptions struct {
	Options
	// Profile is the colour profile; termenv.Ascii gives plain text.
	Profile termenv.Profile
	// Width is the column to wrap at; 0 means 80.
	Width int
	// Full adds the details the Markdown report has: every answer's points, the ranking,
	// every change and the sources. The questionnaire's results screen uses it.
	Full bool
	// Embedded leaves out the name, the "Recommendation: ..." line and the lean bar, for
	// screens that show them in a fixed header of their own.
	Embedded bool
	// NoAnswers is what to do when nothing is answered; by default, how to give answers to
	// `coachmentor recommend`.
	NoAnswers string
	// Spoken gives the lean in words rather than as a bar, which a screen reader would read
	// out block by block.
	Spoken bool
}

// Styles are the text report's styles. They use the terminal's own 16 colours, which suit
// light and dark backgrounds alike and need no query of the terminal.
type Styles struct {
	Heading   lipgloss.Style
	Verdict   lipgloss.Style
	Coaching  lipgloss.Style
	Mentoring lipgloss.Style
	Track     lipgloss.Style
	Faint     lipgloss.Style
	Bold      lipgloss.Style
}

// NewStyles builds the styles for a renderer.
func NewStyles(r *lipgloss.Renderer) Styles {
	return Styles{
		Heading:   r.NewStyle().Bold(true).Underline(true),
		Verdict:   r.NewStyle().Bold(true),
		Coaching:  r.NewStyle().Foreground(lipgloss.ANSIColor(6)),
		Mentoring: r.NewStyle().Foreground(lipgloss.ANSIColor(5)),
		Track:     r.NewStyle().Faint(true),
		Faint:     r.NewStyle().Faint(true),
		Bold:      r.NewStyle().Bold(true),
	}
}

// Text writes the brief for a terminal: the verdict, the lean, why, the best type and its
// next steps; then, in full, the details, or else the nearest changes and what was not
// answered.
func Text(w io.Writer, b *bank.Bank, r *engine.Result, opts TextOptions) error {
	rend := lipgloss.NewRenderer(w)
	rend.SetColorProfile(opts.Profile)
	rend.SetHasDarkBackground(true) // decided here so the terminal is never asked
	width := opts.Width
	if width <= 0 {
		width = 80
	}
	t := &textWriter{st: NewStyles(rend), width: min(width, 100), opts: opts, br: NewBrief(b, r, opts.Options)}
	if !opts.Embedded {
		t.verdict()
	}
	t.summary()
	t.why()
	t.best()
	if opts.Full {
		t.details()
	} else {
		t.changes(5)
		t.unanswered()
	}
	t.footer()
	bw := bufio.NewWriter(w)
	if _, err := bw.WriteString(t.out.String()); err != nil {
		return err
	}
	return bw.Flush()
}

// textWriter builds the text report a section at a time.
type textWriter struct {
	st    Styles
	width int
	opts  TextOptions
	br    *Brief
	out   strings.Builder
}

func (t *textWriter) line(s string) { t.out.WriteString(s + "\n") }

// wrap wraps s for a line that starts at column indent.
func (t *textWriter) wrap(indent int, s string) string { return Wrap(s, t.width-indent) }

// pad indents every line of s.
func pad(indent int, s string) string {
	p := strings.Repeat(" ", indent)
	return p + strings.ReplaceAll(s, "\n", "\n"+p)
}

// hang wraps s to start at column indent, where the line's first part already ends.
func (t *textWriter) hang(indent int, s string) string {
	return pad(indent, t.wrap(indent, s))[indent:]
}

// para writes a paragraph indented by indent.
func (t *textWriter) para(indent int, s string) { t.line(pad(indent, t.wrap(indent, s))) }

func (t *textWriter) heading(s string) { t.line(t.st.Heading.Render(s)) }

func (t *textWriter) verdict() {
	br := t.br
	if br.For != "" {
		t.line(t.st.Faint.Render("For: " + br.For))
	}
	if br.Date != "" {
		t.line(t.st.Faint.Render("Date: " + br.Date))
	}
	v := br.Verdict
	t.line(t.hang(0, t.st.Verdict.Render("Recommendation: "+v.Heading)+" — "+v.Detail))
	if !t.opts.Spoken {
		t.line("")
		t.line(LeanBar(t.st.Coaching, t.st.Mentoring, br.result, min(40, t.width-22), "Coaching", "Mentoring"))
	}
}

func (t *textWriter) summary() {
	br, r := t.br, t.br.result
	lean := fmt.Sprintf("%s coaching · coaching %s, mentoring %s", Percent(r.Lean()), PointCount(r.Coaching), PointCount(r.Mentoring))
	if t.opts.Spoken {
		lean = fmt.Sprintf("Coaching %s, mentoring %s (coaching %s, mentoring %s).", Percent(r.Lean()), Percent(1-r.Lean()), PointCount(r.Coaching), PointCount(r.Mentoring))
	}
	if !r.Decided() {
		lean = "So far: " + lean
	}
	t.line(lean)
	t.line("")
	summary := br.Verdict.Summary
	if len(r.Answered) == 0 {
		hint := t.opts.NoAnswers
		if hint == "" {
			hint = "Give answers with flags, --answer or --answers; `coachmentor questions` lists them."
		}
		summary += " " + hint
	}
	t.para(0, summary)
	for _, note := range br.Verdict.Notes {
		t.line("")
		t.para(0, note)
	}
	t.line("")
	if steps := br.Verdict.Combine; len(steps) > 0 {
		t.heading("How to combine them")
		t.steps(steps)
		t.line("")
	}
}

func (t *textWriter) why() {
	if len(t.br.Reasons) == 0 {
		return
	}
	t.heading("Why")
	for _, rs := range t.br.Reasons {
		t.line(fmt.Sprintf("  %s  %s", pointsCell(t.st, rs.Option), t.hang(17, rs.Question.Title+": "+rs.Option.Label)))
		t.line(pad(17, t.wrap(17, rs.Text)))
	}
	t.line("")
}

func (t *textWriter) best() {
	br, st := t.br, t.st
	if len(br.Best) == 0 {
		t.heading("Best fit")
		t.para(2, br.NoBest)
		t.line("")
		return
	}
	for _, bt := range br.Best {
		head := "Best fit: "
		if len(br.Best) > 1 {
			head = "Tied for the best fit: "
		}
		t.heading(head + bt.Type.Name)
		t.para(2, bt.Type.Summary+" When it fits: "+bt.Type.Fits)
		const labelW = 9
		for _, row := range bt.Setup {
			value := row.Value
			if row.Practice {
				value += st.Faint.Render(" (" + CommonPractice + ")")
			}
			t.line("  " + st.Faint.Render(fmt.Sprintf("%-*s", labelW, row.Label)) + t.hang(2+labelW, value))
		}
		if len(bt.Steps) > 0 {
			t.line("  " + br.StepsHeading() + ":")
			t.steps(bt.Steps)
		}
		t.line("")
	}
}

// steps writes numbered steps, each with where it comes from.
func (t *textWriter) steps(steps []Step) {
	for i, s := range steps {
		t.line("  " + fmt.Sprintf("%d. ", i+1) + t.hang(5, s.Text+t.st.Faint.Render(" ("+s.From+")")))
	}
}

// details is what the full report adds: every answer's points, the ranking, every change,
// what makes either work and the sources.
func (t *textWriter) details() {
	br, st := t.br, t.st
	d := br.Details
	if len(d.Answers) > 0 {
		t.heading("Answers and their points")
		for _, a := range br.result.Answered {
			t.line(fmt.Sprintf("  %s  %s", pointsCell(st, a.Option), t.hang(17, a.Question.Title+": "+a.Option.Label)))
		}
		t.line("")
	}
	if len(d.Types) > 0 {
		t.heading("Types, best first")
	}
	for _, row := range d.Types {
		fam := st.Coaching
		if row.Type.Family == bank.Mentoring {
			fam = st.Mentoring
		}
		rank, points := fmt.Sprintf("%2d.", row.Rank), Num(row.Score)
		if row.RuledOut { // no rank among the types that fit, and no points
			rank, points = "  –", "ruled out: needs "+row.Needs
		}
		t.line(fmt.Sprintf("  %s %s", rank, t.hang(6, fam.Render(row.Type.Name)+"  "+st.Faint.Render(points))))
	}
	if len(d.Types) > 0 {
		t.line("")
	}
	t.changes(len(d.Changes))
	t.unanswered()
	if len(d.Essentials) > 0 {
		t.heading("What makes either work")
		text := strings.Join(d.Essentials, " ")
		if d.EssentialsFrom != "" {
			text += " (" + d.EssentialsFrom + ")"
		}
		t.para(2, text)
		t.line("")
	}
	if len(d.Sources) > 0 {
		t.heading("Sources")
		for _, src := range d.Sources {
			ref := src.Publisher
			if src.Title != "" {
				ref += ", " + src.Title
			}
			if src.URL != "" {
				ref += " " + src.URL
			}
			t.para(2, ref)
		}
		t.line("")
	}
}

// changes lists up to shown groups of changes, smallest first.
func (t *textWriter) changes(shown int) {
	br := t.br
	d := br.Details
	t.heading("What would change it")
	if need := br.NeedMore(); need != "" {
		t.para(2, need)
	}
	if d.NoChange != "" {
		t.para(2, d.NoChange)
	}
	for i, c := range d.Changes {
		if i == shown {
			t.line(t.st.Faint.Render(fmt.Sprintf("  … and %d more: see --format markdown", len(d.Changes)-shown)))
			break
		}
		// A hanging indent, so that each change starts a line of its own.
		t.line("  " + t.hang(4, fmt.Sprintf("%s: %s → %s", c.Question, alternatives(c.Alternatives, curly), c.Outcome)))
	}
	if d.Tipping != nil {
		t.para(2, TippingSentence(d.Tipping))
	}
	if len(d.Fixed) > 0 {
		t.line("  " + t.hang(4, t.st.Faint.Render("Cannot change it: "+strings.Join(d.Fixed, ", "))))
	}
	t.line("")
}

// curly puts a label in curly quotes.
func curly(s string) string { return "“" + s + "”" }

// titles lists the questions' titles.
func titles(qs []*bank.Question) []string {
	out := make([]string, len(qs))
	for i, q := range qs {
		out[i] = q.Title
	}
	return out
}

func (t *textWriter) unanswered() {
	if qs := t.br.Details.Unanswered; len(qs) > 0 {
		t.line(t.hang(2, fmt.Sprintf("Not answered (%d): %s", len(qs), strings.Join(titles(qs), ", "))))
		t.line("")
	}
}

func (t *textWriter) footer() {
	b := t.br.Bank
	if !t.opts.Full {
		t.line(t.st.Faint.Render(fmt.Sprintf("Question bank %s (%s). Full report: --format markdown.", b.Version, b.Hash)))
		return
	}
	t.line(t.st.Faint.Render(fmt.Sprintf("Question bank %s (%s).", b.Version, b.Hash)))
}

// LeanBar draws the balance between coaching (left) and mentoring (right) in width cells,
// the coaching share filled, between the two labels.
func LeanBar(coaching, mentoring lipgloss.Style, r *engine.Result, width int, left, right string) string {
	width = max(width, 4)
	filled := int(r.Lean()*float64(width) + 0.5)
	return coaching.Render(left+" "+strings.Repeat("█", filled)) +
		mentoring.Render(strings.Repeat("░", width-filled)+" "+right)
}

// pointsCell is an answer's family points in a fixed-width cell, e.g. "coaching +3".
func pointsCell(st Styles, o *bank.Option) string {
	style := st.Faint
	switch o.Favours() {
	case bank.Coaching:
		style = st.Coaching
	case bank.Mentoring:
		style = st.Mentoring
	}
	return style.Render(fmt.Sprintf("%-13s", favoursPoints(o)))
}

// Wrap breaks text at spaces so that no line is wider than width cells; styling escapes
// take no width. A word longer than the line is left whole. Unlike general-purpose
// wrappers it never breaks at a hyphen, so flags such as --answer stay intact.
func Wrap(s string, width int) string {
	var out strings.Builder
	for i, para := range strings.Split(s, "\n") {
		if i > 0 {
			out.WriteByte('\n')
		}
		col := 0
		for j, word := range strings.Fields(para) {
			w := ansi.StringWidth(word)
			switch {
			case j == 0:
			case col+1+w > width:
				out.WriteByte('\n')
				col = 0
			default:
				out.WriteByte(' ')
				col++
			}
			out.WriteString(word)
			col += w
		}
	}
	return out.String()
}
