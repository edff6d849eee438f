package tui

import (
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/coachmentor/coachmentor/internal/report"
)

// thanks is the last screen where the results are not shown: the answers are in.
type thanks struct {
	c             *Common
	width, height int
}

func newThanks(c *Common) *thanks { return &thanks{c: c} }

func (p *thanks) SetSize(width, height int) { p.width, p.height = width, height }

func (p *thanks) Update(msg tea.Msg) (event, tea.Cmd) {
	if msg, ok := msg.(tea.KeyMsg); ok && (key.Matches(msg, p.c.Keys.Quit) || key.Matches(msg, p.c.Keys.Start)) {
		return event{kind: evQuit}, nil
	}
	return event{}, nil
}

func (p *thanks) View() string {
	st := p.c.Styles
	who := ""
	if p.c.For != "" {
		who = ", " + p.c.For
	}
	return st.Title.Render("Thank you"+who+".") + "\n\n" +
		report.Wrap("Your answers are in. Whoever asked you to answer will go through the results with you. You may close this window now.", p.width)
}

func (p *thanks) ShortHelp() []key.Binding { return []key.Binding{p.c.Keys.Quit} }
func (p *thanks) FullHelp() [][]key.Binding {
	return [][]key.Binding{{p.c.Keys.Quit, p.c.Keys.Interrupt}}
}
