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

// Text writes a readable summary: the verdict, the lean, the top types, why, what would
// change it and the next steps for the top type.
func Text(w io.Writer, b *bank.Bank, r *engine.Result, opts TextOptions) error {
	rend := lipgloss.NewRenderer(w)
	rend.SetColorProfile(opts.Profile)
	rend.SetHasDarkBackground(true) // decided here so the terminal is never asked
	st := NewStyles(rend)
	width := opts.Width
	if width <= 0 {
		width = 80
	}
	width = min(width, 100)
	wrap := func(indent int, s string) string {
		return Wrap(s, width-indent)
	}
	pad := func(indent int, s string) string {
		p := strings.Repeat(" ", indent)
		return p + strings.ReplaceAll(s, "\n", "\n"+p)
	}
	// hang wraps s to start at column indent, where the line's first part already ends.
	hang := func(indent int, s string) string {
		return pad(indent, wrap(indent, s))[indent:]
	}

	var out strings.Builder
	line := func(s string) { out.WriteString(s + "\n") }

	if !opts.Embedded {
		if opts.For != "" {
			line(st.Faint.Render("For: " + opts.For))
		}
		line(st.Verdict.Render("Recommendation: "+Title(r.Recommendation)) + fmt.Sprintf(" (confidence %s)", Num(r.Confidence)))
		line("")
		line(LeanBar(st.Coaching, st.Mentoring, r, min(40, width-22), "Coaching", "Mentoring"))
	}
	line(fmt.Sprintf("%s coaching · coaching %s, mentoring %s", Percent(r.Lean()), PointCount(r.Coaching), PointCount(r.Mentoring)))
	line("")
	switch {
	case len(r.Answered) == 0:
		line(wrap(0, "No questions answered yet, so neither approach leads. Give answers with flags, --answer or --answers; `coachmentor questions` lists them."))
	case r.Recommendation == engine.Blend:
		line(wrap(0, b.Blend.Summary))
	default:
		line(wrap(0, b.Family(r.Recommendation).Summary))
	}
	if note := FamilyNote(r); note != "" {
		line(wrap(0, note))
	}
	line("")

	line(st.Heading.Render("Top types"))
	if !HasTypeSignal(r) {
		line("  No type stands out yet: answer the goal and who takes part.")
	} else {
		top := TopN(r, 3)
		nameW := 0
		for _, ts := range top {
			nameW = max(nameW, len(ts.Type.Name))
		}
		for i, ts := range top {
			fam := st.Coaching
			if ts.Type.Family == bank.Mentoring {
				fam = st.Mentoring
			}
			line(fmt.Sprintf("  %d. %s %5s  %s", i+1, fam.Render(fmt.Sprintf("%-*s", nameW, ts.Type.Name)), Num(ts.Score), st.Faint.Render(ts.Type.Family)))
			if opts.Full {
				line(pad(5, wrap(5, ts.Type.Summary+" When it fits: "+ts.Type.Fits)))
			}
		}
		if opts.Full && len(r.Types) > len(top) {
			var rest []string
			for _, ts := range r.Types[len(top):] {
				rest = append(rest, fmt.Sprintf("%s %s", ts.Type.Name, Num(ts.Score)))
			}
			line("  " + hang(4, st.Faint.Render("Then: "+strings.Join(rest, ", "))))
		}
	}
	line("")

	if len(r.Answered) > 0 {
		line(st.Heading.Render("Why"))
		for _, a := range r.Answered {
			line(fmt.Sprintf("  %s  %s", pointsCell(st, a.Option), hang(17, a.Question.Title+": "+a.Option.Label)))
		}
		line("")
	}

	line(st.Heading.Render("What would change it"))
	shown := 5
	if opts.Full {
		shown = len(r.Changes)
	}
	switch {
	case len(r.Answered) == 0:
		line("  Any answer: nothing is answered yet.")
	case len(r.Changes) == 0:
		line("  No single answer would change the recommendation or the top type.")
	}
	for i, c := range r.Changes {
		if len(r.Answered) == 0 {
			break
		}
		if i == shown {
			line(st.Faint.Render(fmt.Sprintf("  … and %d more: see --format markdown", len(r.Changes)-shown)))
			break
		}
		// A hanging indent, so that each change starts a line of its own.
		line("  " + hang(4, fmt.Sprintf("%s: “%s” instead of “%s” → %s", c.Question.Title, AnswerLabel(c.To), AnswerLabel(c.From), Outcome(c))))
	}
	if t := r.Tipping; t != nil && len(r.Answered) > 0 && (len(t.Changes) > 1 || len(r.Changes) == 0) {
		line(pad(2, wrap(2, fmt.Sprintf("The recommendation holds unless at least %d answers change.", len(t.Changes)))))
	}
	if len(r.Fixed) > 0 {
		names := make([]string, len(r.Fixed)) // by title, as the changes above them are
		for i, q := range r.Fixed {
			names[i] = q.Title
		}
		line("  " + hang(4, st.Faint.Render("Cannot change it: "+strings.Join(names, ", "))))
	}
	line("")

	if len(r.Unanswered) > 0 {
		ids := make([]string, len(r.Unanswered))
		for i, q := range r.Unanswered {
			ids[i] = q.ID
		}
		line(hang(2, fmt.Sprintf("Not answered (%d): %s", len(ids), strings.Join(ids, ", "))))
		line("")
	}

	if HasTypeSignal(r) {
		t := r.TopType()
		line(st.Heading.Render("Next steps: " + t.Name))
		line(pad(2, wrap(2, t.Summary)))
		for _, f := range [][2]string{{"Length", t.Setup.Length}, {"Cadence", t.Setup.Cadence}, {"Guide", t.Setup.Guide}, {"Success", t.Setup.Success}} {
			const labelW = 9
			line("  " + st.Faint.Render(fmt.Sprintf("%-*s", labelW, f[0])) + hang(2+labelW, f[1]))
		}
		for i, s := range t.Setup.Steps {
			line("  " + fmt.Sprintf("%d. ", i+1) + hang(5, s))
		}
		line("")
	}

	if opts.Full {
		if cited := Cited(b, r); len(cited) > 0 {
			line(st.Heading.Render("Sources"))
			for _, src := range cited {
				ref := src.Publisher
				if src.Title != "" {
					ref += ", " + src.Title
				}
				if src.URL != "" {
					ref += " " + src.URL
				}
				line(pad(2, wrap(2, ref)))
			}
			line("")
		}
		line(st.Faint.Render(fmt.Sprintf("Question bank %s (%s).", b.Version, b.Hash)))
	} else {
		line(st.Faint.Render(fmt.Sprintf("Question bank %s (%s). Full report: --format markdown.", b.Version, b.Hash)))
	}

	bw := bufio.NewWriter(w)
	if _, err := bw.WriteString(out.String()); err != nil {
		return err
	}
	return bw.Flush()
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
