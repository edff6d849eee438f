package tui

import (
	"bytes"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/cursor"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"github.com/coachmentor/coachmentor/internal/report"
	"github.com/coachmentor/coachmentor/internal/safefile"
)

// savePrompt asks where to save the Markdown report.
type savePrompt struct {
	input      textinput.Model
	confirming bool   // the file exists: asking whether to replace it
	path       string // the resolved path being confirmed
	err        string
}

// saveLabel comes before the file name in the save prompt.
const saveLabel = "Save the Markdown report as: "

// savedMsg reports the outcome of saving.
type savedMsg struct {
	status string
	path   string // shown after status, shortened to fit
	err    bool
	saved  bool
}

func (m *Model) updateResults(msg tea.KeyMsg) (tea.Model, tea.Cmd) {
	if p := m.prompt; p != nil {
		if p.confirming {
			switch {
			case key.Matches(msg, m.keys.Yes):
				return m, m.save(p.path, true)
			case key.Matches(msg, m.keys.No):
				p.confirming = false
				p.err = ""
			}
			return m, nil
		}
		switch {
		case key.Matches(msg, m.keys.Cancel):
			m.prompt = nil
			m.setStatus("Not saved.", "", false)
			m.layout()
			return m, nil
		case msg.Type == tea.KeyEnter:
			name := strings.TrimSpace(p.input.Value())
			if name == "" {
				p.err = "Type a file name."
				return m, nil
			}
			path := name
			if !filepath.IsAbs(path) {
				path = filepath.Join(m.cfg.Dir, path)
			}
			if m.cfg.Exists != nil && m.cfg.Exists(path) {
				p.confirming, p.path, p.err = true, path, ""
				return m, nil
			}
			return m, m.save(path, false)
		}
		var cmd tea.Cmd
		p.input, cmd = p.input.Update(msg)
		p.err = ""
		return m, cmd
	}

	switch {
	case key.Matches(msg, m.keys.Quit):
		m.done = true
		return m, tea.Quit
	case key.Matches(msg, m.keys.Save):
		m.openSavePrompt()
		return m, nil
	case key.Matches(msg, m.keys.Edit):
		m.status = ""
		return m, m.openReview()
	case key.Matches(msg, m.keys.Restart):
		return m, m.restart()
	}
	var cmd tea.Cmd
	m.viewport, cmd = m.viewport.Update(msg)
	return m, cmd
}

func (m *Model) openSavePrompt() {
	in := textinput.New()
	in.Prompt = ""
	in.CharLimit = 4096
	in.SetValue(reportName(m.cfg.For, m.cfg.Now()))
	in.Cursor.SetMode(cursor.CursorStatic) // no blinking: nothing runs while waiting
	in.Focus()
	m.prompt = &savePrompt{input: in}
	m.status = ""
	m.layout()
}

// reportName is the file name the save prompt offers: dated, and with the person's or
// team's name when there is one, so that a day's reports for several people do not
// collide.
func reportName(who string, now time.Time) string {
	if name := safefile.Name(who); name != "" {
		return fmt.Sprintf("coachmentor-report-%s-%s.md", name, now.Format("2006-01-02"))
	}
	return fmt.Sprintf("coachmentor-report-%s.md", now.Format("2006-01-02"))
}

// save writes the Markdown report: the same report `recommend --format markdown` writes.
func (m *Model) save(path string, force bool) tea.Cmd {
	var buf bytes.Buffer
	if err := report.Markdown(&buf, m.cfg.Bank, m.result, report.Options{For: m.cfg.For}); err != nil {
		return func() tea.Msg { return savedMsg{status: "Not saved: " + err.Error(), err: true} }
	}
	data := buf.Bytes()
	save := m.cfg.Save
	return func() tea.Msg {
		if save == nil {
			return savedMsg{status: "Saving is not available here.", err: true}
		}
		err := save(path, data, force)
		var exists *safefile.ExistsError
		switch {
		case errors.As(err, &exists):
			return savedMsg{status: "Not saved, the file exists: ", path: path, err: true}
		case err != nil:
			return savedMsg{status: "Not saved: " + err.Error(), err: true}
		}
		return savedMsg{status: "Saved the report to ", path: path, saved: true}
	}
}

func (p *savePrompt) view(st Styles, width int) string {
	if p.confirming {
		return st.Prompt.Render("That file exists. Replace it? (y/N)") + "\n" + st.Faint.Render(shortenPath(p.path, width))
	}
	s := st.Prompt.Render(saveLabel) + p.input.View()
	if p.err != "" {
		s += "\n" + st.Error.Render(p.err)
	}
	return s
}

// shortenPath fits a path into width cells, keeping its end, which names the file.
func shortenPath(path string, width int) string {
	if ansi.StringWidth(path) <= width {
		return path
	}
	return "…" + ansi.TruncateLeft(path, ansi.StringWidth(path)-width+1, "")
}
