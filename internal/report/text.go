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
	// Full adds what the Markdown report has: the top three types described, every change
	// and the sources. The questionnaire's results screen uses it.
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

// Text writes a readable summary: the verdict, the lean, the top types, why (each answer's
// reason and its source), what would change it and the next steps for the top type.
func Text(w io.Writer, b *bank.Bank, r *engine.Result, opts TextOptions) error {
	rend := lipgloss.NewRenderer(w)
	rend.SetColorProfile(opts.Profile)
	rend.SetHasDarkBackground(true) // decided here so the terminal is never asked
	width := opts.Width
	if width <= 0 {
		width = 80
	}
	t := &textWriter{st: NewStyles(rend), width: min(width, 100), opts: opts, b: b, r: r}
	if !opts.Embedded {
		t.verdict()
	}
	t.summary()
	t.types()
	t.why()
	t.changes()
	t.unanswered()
	t.nextSteps()
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
	b     *bank.Bank
	r     *engine.Result
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
	r := t.r
	if t.opts.For != "" {
		t.line(t.st.Faint.Render("For: " + t.opts.For))
	}
	if t.opts.Date != "" {
		t.line(t.st.Faint.Render("Date: " + t.opts.Date))
	}
	t.line(t.hang(0, t.st.Verdict.Render("Recommendation: "+Title(r.Recommendation))+" — "+verdictDetail(t.b, r)))
	if !t.opts.Spoken {
		t.line("")
		t.line(LeanBar(t.st.Coaching, t.st.Mentoring, r, min(40, t.width-22), "Coaching", "Mentoring"))
	}
}

// verdictDetail follows the recommendation: the confidence and the evidence, or what would
// decide it.
func verdictDetail(b *bank.Bank, r *engine.Result) string {
	if !r.Decided() {
		return NeedMore(r) + " (" + AnsweredCount(b, r) + ")"
	}
	return Confidence(b, r)
}

func (t *textWriter) summary() {
	r := t.r
	lean := fmt.Sprintf("%s coaching · coaching %s, mentoring %s", Percent(r.Lean()), PointCount(r.Coaching), PointCount(r.Mentoring))
	if t.opts.Spoken {
		lean = fmt.Sprintf("Coaching %s, mentoring %s (coaching %s, mentoring %s).", Percent(r.Lean()), Percent(1-r.Lean()), PointCount(r.Coaching), PointCount(r.Mentoring))
	}
	if !r.Decided() {
		lean = "So far: " + lean
	}
	t.line(lean)
	t.line("")
	switch {
	case len(r.Answered) == 0:
		hint := t.opts.NoAnswers
		if hint == "" {
			hint = "Give answers with flags, --answer or --answers; `coachmentor questions` lists them."
		}
		t.para(0, Undecided(t.b, r)+" "+hint)
	case !r.Decided():
		t.para(0, Undecided(t.b, r))
	case r.Recommendation == engine.Blend:
		t.para(0, t.b.Blend.Summary)
	default:
		t.para(0, t.b.Family(r.Recommendation).Summary)
	}
	for _, note := range []string{FamilyNote(r), Tie(r)} {
		if note != "" {
			t.line("")
			t.para(0, note)
		}
	}
	t.line("")
}

func (t *textWriter) types() {
	r, st := t.r, t.st
	t.heading("Top types")
	if !HasTypeSignal(r) {
		t.line("  No type stands out yet: answer who is developed and what they most need.")
		t.line("")
		return
	}
	top := TopN(r, 3)
	nameW := 0
	for _, ts := range top {
		nameW = max(nameW, len(ts.Type.Name))
	}
	for _, ts := range top {
		fam := st.Coaching
		if ts.Type.Family == bank.Mentoring {
			fam = st.Mentoring
		}
		t.line(fmt.Sprintf("  %d. %s %5s  %s", ts.Rank, fam.Render(fmt.Sprintf("%-*s", nameW, ts.Type.Name)), Num(ts.Score), st.Faint.Render(ts.Type.Family)))
		if t.opts.Full {
			t.para(5, ts.Type.Summary+" When it fits: "+ts.Type.Fits)
		}
	}
	if t.opts.Full && len(r.Types) > len(top) {
		var rest []string
		for _, ts := range r.Types[len(top):] {
			entry := fmt.Sprintf("%s %s", ts.Type.Name, Num(ts.Score))
			if ts.RuledOut {
				entry += " (ruled out: " + Needs(t.b, ts.Type) + ")"
			}
			rest = append(rest, entry)
		}
		t.line("  " + t.hang(4, st.Faint.Render("Then: "+strings.Join(rest, ", "))))
	}
	t.line("")
}

func (t *textWriter) why() {
	r := t.r
	if len(r.Answered) == 0 {
		return
	}
	t.heading("Why")
	for _, a := range r.Answered {
		t.line(fmt.Sprintf("  %s  %s", pointsCell(t.st, a.Option), t.hang(17, a.Question.Title+": "+a.Option.Label)))
		t.line(pad(17, t.wrap(17, Reason(t.b, a.Question, a.Option))))
	}
	t.line("")
}

func (t *textWriter) changes() {
	r := t.r
	t.heading("What would change it")
	if len(r.Answered) == 0 {
		t.line("  Any answer: nothing is answered yet.")
		t.line("")
		return
	}
	if !r.Decided() {
		t.para(2, strings.ToUpper(NeedMore(r)[:1])+NeedMore(r)[1:]+".")
	}
	groups := GroupChanges(r.Changes)
	if len(groups) == 0 && r.Decided() {
		t.line("  No single answer would change the recommendation or the top type.")
	}
	shown := 5
	if t.opts.Full {
		shown = len(groups)
	}
	for i, g := range groups {
		if i == shown {
			t.line(t.st.Faint.Render(fmt.Sprintf("  … and %d more: see --format markdown", len(groups)-shown)))
			break
		}
		// A hanging indent, so that each change starts a line of its own.
		t.line("  " + t.hang(4, fmt.Sprintf("%s: %s instead of “%s” → %s", g.Question.Title, g.Alternatives(curly), AnswerLabel(g.From), g.Outcome())))
	}
	if tp := r.Tipping; tp != nil && (len(tp.Changes) > 1 || len(r.Changes) == 0) {
		t.para(2, fmt.Sprintf("The recommendation holds unless at least %d answers change.", len(tp.Changes)))
	}
	if len(r.Fixed) > 0 && r.Decided() { // undecided, no one answer decides it anyway
		t.line("  " + t.hang(4, t.st.Faint.Render("Cannot change it: "+strings.Join(titles(r.Fixed), ", "))))
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
	if n := len(t.r.Unanswered); n > 0 {
		t.line(t.hang(2, fmt.Sprintf("Not answered (%d): %s", n, strings.Join(titles(t.r.Unanswered), ", "))))
		t.line("")
	}
}

func (t *textWriter) nextSteps() {
	if !HasTypeSignal(t.r) {
		return
	}
	for _, typ := range TopTypes(t.r) {
		t.heading("Next steps: " + typ.Name)
		t.para(2, typ.Summary)
		const labelW = 9
		for _, f := range SetupRows(typ) {
			value := f[2]
			if typ.Setup.IsPractice(f[0]) {
				value += t.st.Faint.Render(" (common practice)")
			}
			t.line("  " + t.st.Faint.Render(fmt.Sprintf("%-*s", labelW, f[1])) + t.hang(2+labelW, value))
		}
		for i, s := range typ.Setup.Steps {
			t.line("  " + fmt.Sprintf("%d. ", i+1) + t.hang(5, s))
		}
		t.line("")
	}
}

func (t *textWriter) footer() {
	b := t.b
	if !t.opts.Full {
		t.line(t.st.Faint.Render(fmt.Sprintf("Question bank %s (%s). Full report: --format markdown.", b.Version, b.Hash)))
		return
	}
	if cited := Cited(b, t.r); len(cited) > 0 {
		t.heading("Sources")
		for _, src := range cited {
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
