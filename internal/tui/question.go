package tui

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/huh"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"

	"github.com/coachmentor/coachmentor/internal/answers"
	"github.com/coachmentor/coachmentor/internal/bank"
	"github.com/coachmentor/coachmentor/internal/engine"
	"github.com/coachmentor/coachmentor/internal/report"
)

// Layout of a question page.
const (
	// panelWidth is the live panel's width; it shows when the page is wide enough.
	panelWidth     = 34
	panelMinWindow = 96 // the page's width, inside the window's padding
	maxBodyWidth   = 76
)

// question asks one question: its answers, with nothing chosen until a key chooses, the
// chosen answer's description, and where the answers point so far, in a panel beside it
// or in brief under it.
type question struct {
	c       *Common
	q       *bank.Question
	editing bool // opened from the review
	given   []string
	field   *choice
	value   string // the answer under the cursor: an option id, "unsure", or "" for none
	// unfolded shows the whole help text even where the window is short of room.
	unfolded      bool
	width, height int
}

// newQuestion opens question q. given holds the answers so far, by question, as the model
// keeps them; it is read, never changed.
func newQuestion(c *Common, q *bank.Question, given []string, editing bool) *question {
	p := &question{c: c, q: q, editing: editing, given: given, value: given[q.Index]}
	opts := make([]huh.Option[string], 0, len(q.Options)+1)
	for _, o := range q.Options {
		opts = append(opts, huh.NewOption(o.Label, o.ID))
	}
	opts = append(opts, huh.NewOption(answers.NotSure, bank.Unsure))
	p.field = newBlankChoice(c.Styles.Form, q.ID, q.Prompt, q.Help, &p.value, opts...)
	p.field.numbered = true
	p.field.Focus()
	return p
}

func (p *question) SetSize(width, height int) {
	p.width, p.height = width, height
	p.layout()
}

// showPanel is whether the page is wide enough for the live panel beside the question.
func (p *question) showPanel() bool { return p.width >= panelMinWindow }

// bodyWidth is the width of the question's column.
func (p *question) bodyWidth() int {
	w := p.width
	if p.showPanel() {
		w -= panelWidth + 2
	}
	return max(20, min(w, maxBodyWidth))
}

// layout fits the field to the page: the answers come first. Where they do not all fit
// under the whole help text, the help text folds to one line (h shows the rest), and
// where they still do not fit, they scroll.
func (p *question) layout() {
	f := p.field
	f.WithWidth(p.bodyWidth())
	room := max(5, p.height-1-p.hintHeight()) // less the question's title above and the hint under it
	if !p.showPanel() && room-briefHeight >= minOptionRows {
		// The lean in brief keeps its two lines under the answers, which scroll if they
		// must: on the question that decides the type, the longest, it matters most.
		room -= briefHeight
	}
	f.folded = !p.unfolded && f.headerLines(false)+f.optionCount() > room
	f.setHeight(room)
}

// hintHeight is the most lines the hint under the answers takes, whichever is highlighted,
// so that the answers do not move as the cursor does.
func (p *question) hintHeight() int {
	w := p.bodyWidth()
	h := lipgloss.Height(report.Wrap(nothingChosen, w))
	for _, o := range p.q.Options {
		h = max(h, lipgloss.Height(report.Wrap(o.Description, w)))
	}
	return h
}

func (p *question) Update(msg tea.Msg) (event, tea.Cmd) {
	k, ok := msg.(tea.KeyMsg)
	if !ok {
		return event{}, nil
	}
	keys := p.c.Keys
	switch {
	case key.Matches(k, keys.Next):
		v := p.value
		if v == "" { // enter with nothing chosen: not sure
			v = bank.Unsure
		}
		return event{kind: evAnswer, value: v}, nil
	case key.Matches(k, keys.Back):
		return event{kind: evBack}, nil
	case key.Matches(k, keys.More) && p.folded():
		p.unfolded = true
		p.layout()
		return event{}, nil
	}
	p.field.Update(k)
	return event{}, nil
}

// folded is whether the help text is folded to a line.
func (p *question) folded() bool { return p.field.folded }

func (p *question) ShortHelp() []key.Binding {
	k := p.c.Keys
	keys := []key.Binding{k.Up, k.Down, k.Pick, k.Next, k.Back}
	if p.folded() {
		keys = append(keys, k.More)
	}
	return append(keys, k.Help)
}

func (p *question) FullHelp() [][]key.Binding {
	k := p.c.Keys
	return [][]key.Binding{{k.Up, k.Down, k.Pick, k.Next}, {k.Back, k.More}, {k.Interrupt, k.Close}}
}

// live is the result with the highlighted answer in place: what choosing it would do.
func (p *question) live() *engine.Result {
	sel := selectionOf(p.c.Bank, p.given)
	o, _ := p.q.Option(p.value)
	sel[p.q.Index] = o
	return p.c.Scorer().Evaluate(sel)
}

func (p *question) View() string {
	st := p.c.Styles
	var s strings.Builder
	s.WriteString(st.Heading.Render(p.q.Title))
	if p.editing {
		s.WriteString(st.Faint.Render("  (editing)"))
	}
	s.WriteString("\n")
	s.WriteString(p.field.View())
	s.WriteString("\n" + st.Hint.Render(report.Wrap(p.hint(), p.bodyWidth())))
	body := s.String()
	if p.showPanel() {
		return lipgloss.JoinHorizontal(lipgloss.Top, p.c.Styles.Plain.Width(p.bodyWidth()+2).Render(body), p.panel())
	}
	// Too narrow for the panel: the lean in brief under the question, in the lines layout
	// kept for it, after a blank line if there is room for one.
	lean := p.brief()
	switch room := p.height - lipgloss.Height(body) - lipgloss.Height(lean); {
	case room >= 1:
		body += "\n\n" + lean
	case room == 0:
		body += "\n" + lean
	}
	return body
}

// hint says what the highlighted answer means, or that nothing is chosen yet.
func (p *question) hint() string {
	if o, ok := p.q.Option(p.value); ok {
		return o.Description
	}
	if p.value == bank.Unsure {
		return "Leaves this question out: it carries no weight."
	}
	return nothingChosen
}

// nothingChosen is the hint while no answer is highlighted.
const nothingChosen = "Nothing chosen yet: ↑/↓ or a key to choose; enter alone skips it."

// Layout of the lean in brief, for pages too narrow for the panel.
const (
	briefHeight   = 2 // the bar, and the verdict with the best fit
	minOptionRows = 5 // the fewest rows of answers worth keeping the brief for
)

// brief is the panel's content in two lines, for pages too narrow for the panel. A tie
// names every tied type where the line has room, and otherwise says how many of each
// family tie, so that no family's types are hidden.
func (p *question) brief() string {
	st := p.c.Styles
	r := p.live()
	verdict := liveVerdict(r)
	w := p.bodyWidth()
	switch {
	case len(r.TopTie) > 1:
		named := verdict + "; best fit a tie: " + report.Names(report.TypeNames(r.TopTie))
		verdict += "; best fit a tie of " + familyCount(r.TopTie)
		if lipgloss.Width(named) <= w {
			verdict = named
		}
	case report.HasTypeSignal(r):
		verdict += "; best fit " + r.TopType().Name
	}
	head := st.PanelHead.Render("With this answer") + "  " + leanBar(st, r, min(26, w-22), "C", "M")
	return head + "\n" + st.Faint.Render(ansi.Truncate(verdict, w, "…"))
}

// familyCount says how many of some types are of each family, e.g. "3 types: 2 coaching,
// 1 mentoring".
func familyCount(types []*bank.Type) string {
	c := 0
	for _, t := range types {
		if t.Family == bank.Coaching {
			c++
		}
	}
	return fmt.Sprintf("%d types: %d coaching, %d mentoring", len(types), c, len(types)-c)
}

// panel is the live lean: where the answers so far point, with the highlighted answer.
func (p *question) panel() string {
	st := p.c.Styles
	r := p.live()
	inner := panelWidth - 4
	var s strings.Builder
	s.WriteString(st.PanelHead.Render("With this answer") + "\n")
	s.WriteString(leanBar(st, r, inner-4, "C", "M") + "\n")
	s.WriteString(report.Wrap(report.Title(r.Recommendation)+": "+st.Faint.Render(liveDetail(r)), inner) + "\n")
	s.WriteString("\n" + st.PanelHead.Render("Top types") + "\n")
	if !report.HasTypeSignal(r) {
		s.WriteString(st.Faint.Render("None stands out yet."))
	} else {
		var lines []string
		for _, ts := range report.Leaders(r, 3) {
			style := st.Coaching
			if ts.Type.Family == bank.Mentoring {
				style = st.Mentoring
			}
			name := fmt.Sprintf("%d. %s", ts.Rank, ts.Type.Name)
			score := report.Num(ts.Score)
			lines = append(lines, style.Render(name)+strings.Repeat(" ", max(1, inner-lipgloss.Width(name)-len(score)))+score)
		}
		s.WriteString(strings.Join(lines, "\n"))
	}
	return st.Panel.Width(panelWidth - 2).Render(s.String())
}

// liveVerdict is the lean in a few words: "Coaching, fair confidence (0.52)" or
// "Undecided, 3 more answers needed".
func liveVerdict(r *engine.Result) string {
	return report.Title(r.Recommendation) + ", " + liveDetail(r)
}

// liveDetail is what follows the recommendation in the live panel.
func liveDetail(r *engine.Result) string {
	if !r.Decided() {
		return report.Count(r.AnswersNeeded, "more answer") + " needed"
	}
	return report.ConfidenceWord(r) + " confidence (" + report.Num(r.Confidence) + ")"
}

// leanBar draws the balance in the screen's colours.
func leanBar(st Styles, r *engine.Result, width int, left, right string) string {
	return report.LeanBar(st.Coaching, st.Mentoring, r, width, left, right)
}

// selectionOf is the answers as the engine takes them.
func selectionOf(b *bank.Bank, given []string) engine.Selection {
	sel := make(engine.Selection, len(b.Questions))
	for i, a := range given {
		if o, ok := b.Questions[i].Option(a); ok {
			sel[i] = o
		}
	}
	return sel
}
