package tui

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/cursor"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/muesli/termenv"

	"github.com/coachmentor/coachmentor/internal/report"
	"github.com/coachmentor/coachmentor/internal/safefile"
)

// The results screen's files: copying the report, naming it and saving it.

// copy puts the text report on the clipboard through the terminal, in a command: the
// screen says how it went when the copy is done.
func (p *results) copy() tea.Cmd {
	if p.files.Clipboard == nil {
		msg := "Not copied: this terminal cannot take a copy; press s to save the report instead."
		if p.files.Save == nil {
			msg = "Not copied: this terminal cannot take a copy."
		}
		p.setStatus(msg, "", true)
		return nil
	}
	clip, text := p.files.Clipboard, p.plainText()
	return func() tea.Msg { return copiedMsg{err: clip(text)} }
}

// copiedMsg says how a copy went.
type copiedMsg struct{ err error }

func (p *results) copied(msg copiedMsg) {
	if msg.err != nil {
		p.setStatus("Not copied: "+msg.err.Error(), "", true)
		return
	}
	note := p.files.CopiedNote
	if note == "" {
		note = "Copied the text report to the clipboard."
	}
	p.setStatus(note, "", false)
}

// plainText is the full text report without styling, as `coachmentor recommend` writes it,
// dated.
func (p *results) plainText() string {
	var b strings.Builder
	_ = report.Text(&b, p.c.Bank, p.r, report.TextOptions{
		Options: report.Options{For: p.c.For, Date: p.date()},
		Profile: termenv.Ascii,
		Width:   80,
		Full:    true,
	})
	return b.String()
}

func (p *results) date() string {
	if p.files.Now == nil {
		return ""
	}
	return p.files.Now().Format(time.DateOnly)
}

// nameLabel comes before the file name in the save prompt.
const nameLabel = "File name: "

func (p *results) openPrompt() {
	in := textinput.New()
	in.Prompt = ""
	in.CharLimit = 4096
	in.SetValue(reportName(p.c.For, p.files.Now()))
	in.Cursor.SetMode(cursor.CursorStatic) // no blinking: nothing runs while waiting
	in.TextStyle = p.c.Styles.Prompt.UnsetBold()
	in.Cursor.Style = p.c.Styles.Prompt
	in.Focus()
	p.input = in
	p.mode = naming
	p.setStatus("", "", false)
}

func (p *results) naming(msg tea.KeyMsg) (event, tea.Cmd) {
	k := p.c.Keys
	switch {
	case key.Matches(msg, k.Cancel):
		p.mode = browsing
		p.setStatus("Not saved.", "", false)
		return event{}, nil
	case key.Matches(msg, k.Confirm):
		path, err := p.resolve(p.input.Value())
		if err != nil {
			p.isErr, p.status = true, capitalize(err.Error())+"."
			p.layout()
			return event{}, nil
		}
		if p.files.Exists != nil && p.files.Exists(path) {
			p.mode, p.target = replacing, path
			p.status, p.isErr = "", false
			p.layout()
			return event{}, nil
		}
		return event{}, p.save(path, false)
	}
	var cmd tea.Cmd
	p.input, cmd = p.input.Update(msg)
	if p.isErr {
		p.isErr, p.status = false, ""
		p.layout()
	}
	return event{}, cmd
}

// resolve turns a typed name into the path to save to: "~/" is the home folder, a
// relative name is in the folder the prompt shows, and a name without .md gets it.
func (p *results) resolve(name string) (string, error) {
	return resolvePath(p.files, name, []string{".md", ".markdown"})
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

// save writes the Markdown report, `recommend --format markdown`'s, dated.
func (p *results) save(path string, force bool) tea.Cmd {
	var buf bytes.Buffer
	if err := report.Markdown(&buf, p.c.Bank, p.r, report.Options{For: p.c.For, Date: p.date()}); err != nil {
		p.mode = browsing
		p.setStatus("Not saved: "+err.Error(), "", true)
		return nil
	}
	p.mode = saving
	p.setStatus("Saving…", "", false)
	data, save := buf.Bytes(), p.files.Save
	return func() tea.Msg {
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
