package tui

import (
	"fmt"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	"github.com/charmbracelet/bubbles/viewport"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"github.com/coachmentor/coachmentor/internal/engine"
	"github.com/coachmentor/coachmentor/internal/report"
)

// Files is how the results screen saves and copies reports. It is given to the screen,
// never taken from the process, so that a server can give each session its own, or none.
type Files struct {
	// Dir is the folder a report is saved in unless the name says otherwise; Home is what
	// "~/" stands for. Save is nil where reports may not be saved.
	Dir, Home string
	// Save writes a report file; it must refuse to replace a file unless force is true.
	Save func(path string, data []byte, force bool) error
	// Exists reports whether a file exists.
	Exists func(path string) bool
	// Clipboard puts text on the clipboard through the terminal (OSC 52), or says why this
	// terminal cannot take it; nil, it cannot either. It is called from a command, never
	// from View: the frames stay what the screen shows.
	Clipboard func(text string) error
	// Now is the clock, for the report's date and its default name.
	Now func() time.Time
	// CopiedNote, if set, is what the screen says after a copy, where it cannot know that
	// the terminal took it (over SSH, say).
	CopiedNote string
}

// results is the last screen: the recommendation and the full text report, scrolled, from
// which the Markdown report is saved or the text report copied. What would be lost is
// asked about first.
type results struct {
	c      *Common
	files  Files
	r      *engine.Result
	given  int // answers given, for "clear 14 answers?"
	vp     viewport.Model
	mode   resultsMode
	input  textinput.Model
	target string // the file being confirmed or saved
	status string
	path   string // shown after status, shortened to fit
	isErr  bool
	saved  bool // this result's report has been saved
	final  bool // the answers are handed in: nothing more to change, nothing to lose
	width  int
	height int
}

type resultsMode int

const (
	browsing   resultsMode = iota
	naming                 // typing a file name
	replacing              // the file exists: replace it?
	saving                 // the save is under way
	quitting               // quit without saving?
	restarting             // clear every answer?
)

// savedMsg reports the outcome of saving.
type savedMsg struct {
	status string
	path   string // shown after status, shortened to fit
	err    bool
	saved  bool
}

// resultsHead is the height of the screen's head: the verdict, its detail, the lean bar
// and a blank line.
const resultsHead = 4

func newResults(c *Common, files Files, r *engine.Result, given int) *results {
	p := &results{c: c, files: files, r: r, given: given, vp: viewport.New(0, 0)}
	p.vp.KeyMap.HalfPageUp.SetEnabled(false) // u and d are left alone
	p.vp.KeyMap.HalfPageDown.SetEnabled(false)
	return p
}

func (p *results) SetSize(width, height int) {
	p.width, p.height = width, height
	p.layout()
}

func (p *results) layout() {
	if p.mode == naming {
		// The file name scrolls within what is left of its line after the label, less a
		// cell for the cursor, so that the line never runs past the window.
		p.input.Width = max(10, min(60, p.width-len(nameLabel)-1))
		p.input.SetCursor(p.input.Position())
	}
	top := p.vp.YOffset
	p.vp.Width = p.width
	p.vp.Height = max(3, p.height-resultsHead-1-p.footHeight())
	p.vp.SetContent(p.content())
	p.vp.SetYOffset(top)
}

// footHeight is the lines under the position line: a blank line and the prompt or status.
func (p *results) footHeight() int {
	switch {
	case p.mode == naming:
		return 3 + btoi(p.isErr) // the folder, the name, an error
	case p.mode != browsing || p.status != "":
		return 2
	}
	return 0
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}

// content is the text report in full, as the screen shows it under its own head.
func (p *results) content() string {
	var b strings.Builder
	_ = report.Text(&b, p.c.Bank, p.r, report.TextOptions{
		Options:   report.Options{For: p.c.For},
		Profile:   p.c.Styles.Profile,
		Width:     min(p.width, 100),
		Full:      true,
		Embedded:  true,
		NoAnswers: "Press e to go back and answer the questions.",
	})
	return strings.TrimRight(b.String(), "\n")
}

func (p *results) Update(msg tea.Msg) (event, tea.Cmd) {
	switch msg := msg.(type) {
	case savedMsg:
		p.mode = browsing
		p.saved = p.saved || msg.saved
		p.setStatus(msg.status, msg.path, msg.err)
		if msg.saved {
			return event{kind: evSaved, value: msg.path}, nil
		}
		return event{}, nil
	case copiedMsg:
		p.copied(msg)
		return event{}, nil
	case tea.KeyMsg:
		return p.key(msg)
	}
	return event{}, nil
}

func (p *results) key(msg tea.KeyMsg) (event, tea.Cmd) {
	k := p.c.Keys
	switch p.mode {
	case naming:
		return p.naming(msg)
	case replacing:
		if key.Matches(msg, k.Yes) {
			return event{}, p.save(p.target, true)
		}
		if key.Matches(msg, k.No) {
			p.mode = naming
			p.layout()
		}
		return event{}, nil
	case quitting, restarting:
		mode := p.mode
		if key.Matches(msg, k.Yes) {
			if mode == quitting {
				return event{kind: evQuit}, nil
			}
			return event{kind: evRestart}, nil
		}
		if key.Matches(msg, k.No) {
			p.mode = browsing
			p.setStatus("", "", false)
		}
		return event{}, nil
	case saving:
		return event{}, nil
	}
	switch {
	case key.Matches(msg, k.Quit):
		if p.saved || p.final {
			return event{kind: evQuit}, nil
		}
		p.ask(quitting)
	case p.final && (key.Matches(msg, k.Restart) || key.Matches(msg, k.Edit) || key.Matches(msg, k.Save) && p.files.Save == nil):
		// handed in: the answers are as they are
	case key.Matches(msg, k.Restart):
		p.ask(restarting)
	case key.Matches(msg, k.Save):
		if p.files.Save == nil {
			p.setStatus("Reports cannot be saved here; press c to copy it instead.", "", true)
			break
		}
		p.openPrompt()
	case key.Matches(msg, k.Copy):
		return event{}, p.copy()
	case key.Matches(msg, k.Edit):
		return event{kind: evEdit}, nil
	case key.Matches(msg, k.Top):
		p.vp.GotoTop()
	case key.Matches(msg, k.Bottom):
		p.vp.GotoBottom()
	default:
		var cmd tea.Cmd
		p.vp, cmd = p.vp.Update(msg)
		return event{}, cmd
	}
	return event{}, nil
}

// ask asks a yes-or-no question before something is lost.
func (p *results) ask(mode resultsMode) {
	p.mode = mode
	p.status, p.path, p.isErr = "", "", false
	p.layout()
}

func (p *results) setStatus(s, path string, isErr bool) {
	p.status, p.path, p.isErr = s, path, isErr
	p.layout()
}

func (p *results) ShortHelp() []key.Binding {
	k := p.c.Keys
	switch p.mode {
	case naming:
		return []key.Binding{k.Confirm, k.Cancel}
	case replacing, quitting, restarting:
		return []key.Binding{k.Yes, k.No}
	case saving:
		return nil
	}
	if p.final {
		return append(append([]key.Binding{k.Up, k.Down, k.PageDown}, p.fileKeys()...), k.Quit, k.Help)
	}
	return []key.Binding{k.Up, k.Down, k.PageDown, k.Save, k.Copy, k.Edit, k.Restart, k.Quit, k.Help}
}

func (p *results) FullHelp() [][]key.Binding {
	k := p.c.Keys
	if p.mode != browsing {
		return [][]key.Binding{p.ShortHelp()}
	}
	if p.final {
		return [][]key.Binding{{k.Up, k.Down, k.PageUp, k.PageDown, k.Top, k.Bottom}, p.fileKeys(), {k.Quit, k.Interrupt, k.Close}}
	}
	return [][]key.Binding{
		{k.Up, k.Down, k.PageUp, k.PageDown, k.Top, k.Bottom},
		{k.Save, k.Copy, k.Edit, k.Restart},
		{k.Quit, k.Interrupt, k.Close},
	}
}

// fileKeys are the keys for saving and copying, where the screen can.
func (p *results) fileKeys() []key.Binding {
	var keys []key.Binding
	if p.files.Save != nil {
		keys = append(keys, p.c.Keys.Save)
	}
	if p.files.Clipboard != nil {
		keys = append(keys, p.c.Keys.Copy)
	}
	return keys
}

func (p *results) View() string {
	st, r := p.c.Styles, p.r
	detail := report.Confidence(p.c.Bank, r)
	if !r.Decided() {
		detail = report.NeedMore(r) + " (" + report.AnsweredCount(p.c.Bank, r) + ")"
	}
	lines := []string{
		st.Verdict.Render("Recommendation: " + report.Title(r.Recommendation)),
		ansi.Truncate(st.Faint.Render(capitalize(detail)), p.width, "…"),
		leanBar(st, r, min(40, p.width-22), "Coaching", "Mentoring"),
		"",
		p.vp.View(),
		st.Faint.Render(p.position()),
	}
	if foot := p.foot(); foot != "" {
		lines = append(lines, "", foot)
	}
	return strings.Join(lines, "\n")
}

// position says whether there is more below, and how far down the report is shown.
func (p *results) position() string {
	if p.vp.TotalLineCount() <= p.vp.Height {
		return ""
	}
	pct := fmt.Sprintf("%d%%", int(p.vp.ScrollPercent()*100+0.5))
	if p.vp.AtBottom() {
		return "end of the report · " + pct
	}
	return "↓ more · " + pct
}

// foot is the prompt, question or status under the report.
func (p *results) foot() string {
	st := p.c.Styles
	switch p.mode {
	case naming:
		s := st.Prompt.Render("Save the Markdown report in ") + st.Faint.Render(shortenPath(p.files.Dir, p.width-28)) +
			"\n" + st.Prompt.Render(nameLabel) + p.input.View()
		if p.isErr {
			s += "\n" + st.Error.Render(p.status)
		}
		return s
	case replacing:
		return st.Prompt.Render("That file exists. Replace it? (y/N) ") + st.Faint.Render(shortenPath(p.target, p.width-38))
	case quitting:
		return st.Prompt.Render("Quit without saving the report? (y/N)")
	case restarting:
		return st.Prompt.Render(fmt.Sprintf("Start again and clear %s? (y/N)", report.Count(p.given, "answer")))
	}
	if p.status == "" {
		return ""
	}
	style := st.Status
	if p.isErr {
		style = st.Error
	}
	return style.Render(ansi.Truncate(p.status, p.width, "…") + shortenPath(p.path, p.width-ansi.StringWidth(p.status)))
}

// shortenPath fits a path into width cells, keeping its end, which names the file.
func shortenPath(path string, width int) string {
	if ansi.StringWidth(path) <= width {
		return path
	}
	return "…" + ansi.TruncateLeft(path, ansi.StringWidth(path)-max(1, width)+1, "")
}

// capitalize is s with its first letter in capitals.
func capitalize(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
