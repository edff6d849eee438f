package tui

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/huh"

	"github.com/coachmentor/coachmentor/internal/answers"
	"github.com/coachmentor/coachmentor/internal/bank"
	"github.com/coachmentor/coachmentor/internal/report"
)

// review lists every answer: pick one to change it, or go on to the results, which is
// where the cursor starts.
type review struct {
	c     *Common
	field *choice
	value string
	// note is why the answers were not handed in, shown above the list until they are.
	note  string
	width int
}

// resultsChoice is the review's first entry.
const resultsChoice = "\x00results" // not a question id: ids are letters, digits and hyphens

func newReview(c *Common, given []string) *review {
	r := &review{c: c, value: resultsChoice}
	opts := []huh.Option[string]{huh.NewOption("See the results", resultsChoice)}
	for i, q := range c.Bank.Questions {
		opts = append(opts, huh.NewOption(fmt.Sprintf("%s: %s", q.Title, answerLabel(q, given[i])), q.ID))
	}
	r.field = newChoice(c.Styles.Form, "", "Review your answers", "Pick one to change it, or go on to the results.", &r.value, opts...)
	r.field.Focus()
	return r
}

// answerLabel is how the review names an answer.
func answerLabel(q *bank.Question, a string) string {
	switch a {
	case "":
		return "not answered"
	case bank.Unsure:
		return answers.NotSure
	}
	if o, ok := q.Option(a); ok {
		return o.Label
	}
	return a
}

func (r *review) SetSize(width, height int) {
	r.width = width
	r.field.WithWidth(width)
	r.field.setHeight(max(5, height-r.noteHeight()))
}

// noteHeight is the lines the note takes, with the blank line under it.
func (r *review) noteHeight() int {
	if r.note == "" {
		return 0
	}
	return strings.Count(report.Wrap(r.note, max(20, r.width)), "\n") + 2
}

func (r *review) Update(msg tea.Msg) (event, tea.Cmd) {
	k, ok := msg.(tea.KeyMsg)
	if !ok {
		return event{}, nil
	}
	switch {
	case key.Matches(k, r.c.Keys.Next):
		if r.value == resultsChoice {
			return event{kind: evResults}, nil
		}
		return event{kind: evOpen, value: r.value}, nil
	case key.Matches(k, r.c.Keys.Back):
		return event{kind: evBack}, nil
	}
	r.field.Update(k)
	return event{}, nil
}

func (r *review) View() string {
	if r.note == "" {
		return r.field.View()
	}
	return r.c.Styles.Hint.Render(report.Wrap(r.note, max(20, r.width))) + "\n\n" + r.field.View()
}

func (r *review) ShortHelp() []key.Binding {
	k := r.c.Keys
	return []key.Binding{k.Up, k.Down, k.Next, k.Back, k.Help}
}

func (r *review) FullHelp() [][]key.Binding {
	k := r.c.Keys
	return [][]key.Binding{{k.Up, k.Down, k.Next}, {k.Back}, {k.Interrupt, k.Close}}
}
