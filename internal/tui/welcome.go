package tui

import (
	"fmt"
	"math"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/huh"
	"github.com/charmbracelet/lipgloss"

	"github.com/coachmentor/coachmentor/internal/bank"
	"github.com/coachmentor/coachmentor/internal/report"
	"github.com/coachmentor/coachmentor/internal/textsafe"
)

// welcome is the first screen: what the questionnaire does, and, when there are answers
// from an unfinished run, the choice to resume or start afresh.
type welcome struct {
	c       *Common
	prefill string // e.g. "3 answers pre-filled from team.yaml."
	resume  *choice
	value   string // the choice under the cursor
}

// resumeInfo is what the welcome screen says about unfinished answers.
type resumeInfo struct {
	count int
	at    time.Time
	other []string
}

func newWelcome(c *Common, prefill string, r *resumeInfo) *welcome {
	w := &welcome{c: c, prefill: prefill}
	if r != nil && r.count > 0 {
		w.value = "resume"
		w.resume = newChoice(c.Styles.Form, "", "You have unfinished answers",
			fmt.Sprintf("%s saved %s.%s", report.Count(r.count, "answer"), r.at.Format("2 January 2006 at 15:04"), OtherBankNote(r.other)),
			&w.value, huh.NewOption("Resume where I left off", "resume"), huh.NewOption("Start fresh", "fresh"))
		w.resume.Focus()
	}
	return w
}

// OtherBankNote says, after the count of saved answers, that answers to questions this
// bank does not ask stay saved; "" if there are none.
func OtherBankNote(other []string) string {
	switch len(other) {
	case 0:
		return ""
	case 1:
		return fmt.Sprintf(" 1 more, for a question this bank does not ask (%s), stays saved for the bank that asks it.", textsafe.Line(other[0]))
	}
	return fmt.Sprintf(" %d more, for questions this bank does not ask (%s), stay saved for the bank that asks them.", len(other), textsafe.Line(strings.Join(other, ", ")))
}

func (w *welcome) SetSize(width, height int) {
	if w.resume != nil {
		w.resume.WithWidth(width)
	}
}

func (w *welcome) Update(msg tea.Msg) (event, tea.Cmd) {
	k, ok := msg.(tea.KeyMsg)
	if !ok {
		return event{}, nil
	}
	if w.resume == nil {
		if key.Matches(k, w.c.Keys.Start) {
			return event{kind: evStart}, nil
		}
		return event{}, nil
	}
	if key.Matches(k, w.c.Keys.Next) {
		return event{kind: evStart, value: w.value}, nil
	}
	w.resume.Update(k)
	return event{}, nil
}

func (w *welcome) ShortHelp() []key.Binding {
	k := w.c.Keys
	if w.resume == nil {
		return []key.Binding{k.Start, k.Interrupt, k.Help}
	}
	return []key.Binding{k.Up, k.Down, k.Next, k.Interrupt, k.Help}
}

func (w *welcome) FullHelp() [][]key.Binding {
	k := w.c.Keys
	if w.resume == nil {
		return [][]key.Binding{{k.Start}, {k.Interrupt, k.Close}}
	}
	return [][]key.Binding{{k.Up, k.Down, k.Next}, {k.Interrupt, k.Close}}
}

// View leaves out, in turn, the two descriptions, the line about the keys (the help line
// has them) and the introduction, until the screen fits, so that the choice to resume or
// start afresh is always whole.
func (w *welcome) View() string {
	var text string
	for leave := range welcomeParts {
		if text = w.text(leave); lipgloss.Height(text) <= w.c.Height {
			break
		}
	}
	return text
}

// How much of the welcome screen to leave out, least first.
const (
	leaveNothing = iota
	leaveDescriptions
	leaveKeys
	leaveIntroduction
	welcomeParts
)

func (w *welcome) text(leave int) string {
	b, st, width := w.c.Bank, w.c.Styles, min(w.c.Width, maxBodyWidth)
	n := len(b.Questions)
	minutes := max(1, int(math.Ceil(float64(n)*15/60)))
	parts := []string{st.Title.Render("Coaching or mentoring?")}
	if leave < leaveIntroduction {
		about := "the person or team you want to develop"
		if w.c.For != "" {
			about = w.c.For + ": who they are and what they need"
		}
		parts = append(parts, report.Wrap(fmt.Sprintf("Answer %d short questions (about %d minutes) about %s. You get coaching, mentoring or a blend, the type that fits best, and why.", n, minutes, about), width))
	}
	if leave < leaveDescriptions {
		const labelW = 11
		var families []string
		for _, id := range []string{bank.Coaching, bank.Mentoring} {
			f := b.Family(id)
			style := st.Coaching
			if id == bank.Mentoring {
				style = st.Mentoring
			}
			text := strings.ReplaceAll(report.Wrap(f.Summary, width-labelW), "\n", "\n"+strings.Repeat(" ", labelW))
			families = append(families, style.Bold(true).Render(fmt.Sprintf("%-*s", labelW, f.Name))+text)
		}
		parts = append(parts, strings.Join(families, "\n"))
	}
	if leave < leaveKeys {
		parts = append(parts, st.Faint.Render(report.Wrap("↑/↓ or a number to choose · enter to confirm · shift+tab back · ctrl+c keeps your answers and exits. Every question has “Not sure”, and nothing is chosen for you.", width)))
	}
	if w.prefill != "" {
		parts = append(parts, st.Status.Render(w.prefill))
	}
	if w.resume != nil {
		parts = append(parts, w.resume.View())
	} else {
		parts = append(parts, st.Prompt.Render("Press enter to start."))
	}
	return strings.Join(parts, "\n\n")
}
