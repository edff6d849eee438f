// Package tui is the guided questionnaire: a bubbletea model that asks the bank's questions
// one per page, shows the live lean between coaching and mentoring beside them, lets the
// person review and change answers, and ends on a scrollable results screen from which the
// report can be saved or copied.
//
// Each screen is a component (welcome, question, review, results) with its own Update,
// View, SetSize and keys, sharing one Common; the model routes messages to the open screen
// and owns the answers and the navigation between screens. Nothing here reads the process's
// terminal, environment or folder: what the screens need comes in the Config, so that the
// same model can run over SSH, one program per session.
//
// The model only gathers answers and shows results. Scoring is the engine's and wording is
// the report package's, so the questionnaire gives exactly what `coachmentor recommend`
// gives for the same answers.
package tui

import (
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"github.com/coachmentor/coachmentor/internal/answers"
	"github.com/coachmentor/coachmentor/internal/bank"
	"github.com/coachmentor/coachmentor/internal/engine"
	"github.com/coachmentor/coachmentor/internal/report"
)

// Minimum window size; below it a short message asks for a larger window.
const (
	MinWidth  = 60
	MinHeight = 18
	// maxInnerWidth is the widest the screens get: a question and the panel side by side.
	// The header and help line stop there too, rather than run across a wide window.
	maxInnerWidth = maxBodyWidth + 2 + panelWidth
)

// Model is the questionnaire.
type Model struct {
	cfg    Config
	common *Common
	help   help.Model

	answers []string // per question: an option id, "unsure", or "" if never answered
	screen  screen
	page    component
	index   int // the open question
	result  *engine.Result

	window            [2]int // the window's width and height
	showAll           bool   // the full list of keys
	keepSeq           int
	keepErr           string
	submitErr         string
	submitting        bool
	submitted         bool
	interrupted, done bool
	toTeam            bool
	saved             []string // reports written, in order
}

// New returns the questionnaire's model.
func New(cfg Config) *Model {
	if cfg.Files.Now == nil {
		cfg.Files.Now = time.Now
	}
	r := cfg.Renderer
	if r == nil {
		r = lipgloss.DefaultRenderer()
	}
	st := NewStyles(r)
	m := &Model{
		cfg: cfg,
		common: &Common{
			Styles: st, Keys: DefaultKeyMap(), Bank: cfg.Bank, Scorer: sync.OnceValue(func() *engine.Scorer { return engine.New(cfg.Bank) }), For: cfg.For,
		},
		help:    newHelp(st),
		answers: make([]string, len(cfg.Bank.Questions)),
		window:  [2]int{80, 24},
	}
	m.fill(cfg.Answers)
	if cfg.Team {
		m.start()
	} else {
		m.openWelcome()
	}
	return m
}

// ToTeam reports whether the manager went back to the team screen.
func (m *Model) ToTeam() bool { return m.toTeam }

// fill copies answers into the model, ignoring any the bank does not know.
func (m *Model) fill(given map[string]string) {
	for qid, a := range given {
		q, err := answers.FindQuestion(m.cfg.Bank, qid)
		if err != nil {
			continue
		}
		if o, err := answers.FindOption(q, a); err == nil {
			m.answers[q.Index] = bank.Unsure
			if o != nil {
				m.answers[q.Index] = o.ID
			}
		}
	}
}

// Interrupted reports whether the person pressed Ctrl+C.
func (m *Model) Interrupted() bool { return m.interrupted }

// Finished reports whether the person quit from the results, with nothing left to keep.
func (m *Model) Finished() bool { return m.done }

// Answers returns the answers given so far, `unsure` included.
func (m *Model) Answers() map[string]string {
	out := map[string]string{}
	for i, a := range m.answers {
		if a != "" {
			out[m.cfg.Bank.Questions[i].ID] = a
		}
	}
	return out
}

// Selection returns the answers as the engine takes them.
func (m *Model) Selection() engine.Selection { return selectionOf(m.cfg.Bank, m.answers) }

// Saved lists the reports written.
func (m *Model) Saved() []string { return m.saved }

// Result is the result on the results screen, nil before it.
func (m *Model) Result() *engine.Result { return m.result }

// Init does nothing: nothing runs while the questionnaire waits for a key.
func (m *Model) Init() tea.Cmd { return nil }

// Update routes a message to the open screen and acts on what it reports.
func (m *Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.window = [2]int{msg.Width, msg.Height}
		m.layout()
		return m, nil
	case keptMsg:
		m.keepErr = msg.err
		return m, nil
	case submittedMsg:
		m.submitting = false
		if m.submitErr = msg.err; msg.err == "" {
			m.submitted = true
			m.openResults()
			return m, m.forget()
		}
		if r, ok := m.page.(*review); ok {
			r.note = "Not handed in: " + msg.err + ". Press enter to try again."
			m.layout()
		}
		return m, nil
	case tea.KeyMsg:
		k := m.common.Keys
		if key.Matches(msg, k.Interrupt) {
			m.interrupted = true
			return m, tea.Quit
		}
		if m.tooSmall() || m.submitting {
			return m, nil // nothing else until the answers are in
		}
		if m.showAll {
			if key.Matches(msg, k.Close) {
				m.showAll = false
				m.layout()
			}
			return m, nil // the list of keys is open: nothing else happens
		}
		if key.Matches(msg, k.Help) && !m.typing() {
			m.showAll = true
			m.layout()
			return m, nil
		}
		if m.cfg.Team && key.Matches(msg, k.ToTeam) && m.screen != screenResults {
			m.toTeam = true // the answers are kept as they are given
			return m, tea.Quit
		}
	}
	ev, cmd := m.page.Update(msg)
	return m, tea.Batch(cmd, m.act(ev))
}

// typing reports whether keys are going into a text field, where "?" is just a character.
func (m *Model) typing() bool {
	r, ok := m.page.(*results)
	return ok && r.mode == naming
}

// act does what a screen's event asks, at once: the next screen is open before the next
// message is handled.
func (m *Model) act(ev event) tea.Cmd {
	switch ev.kind {
	case evStart:
		if ev.value == "fresh" {
			clear(m.answers)
			m.fill(m.cfg.Answers)
		} else if ev.value == "resume" {
			m.fill(m.cfg.Resume)
		}
		m.start()
		return m.keep()
	case evAnswer:
		m.answers[m.index] = ev.value
		if q, ok := m.page.(*question); ok && !q.editing && m.index < len(m.answers)-1 {
			m.openQuestion(m.index+1, false)
		} else {
			m.openReview()
		}
		return m.keep()
	case evBack:
		m.back()
	case evOpen:
		if q, ok := m.cfg.Bank.Question(ev.value); ok {
			m.openQuestion(q.Index, true)
		}
	case evResults:
		if m.cfg.Submit != nil {
			return m.submit()
		}
		m.openResults()
	case evEdit:
		m.openReview()
	case evRestart:
		clear(m.answers)
		m.result = nil
		m.openQuestion(0, false)
		return m.keep()
	case evSaved:
		m.saved = append(m.saved, ev.value)
		return m.forget()
	case evQuit:
		m.done = true
		return tea.Sequence(m.forget(), tea.Quit)
	}
	return nil
}

// start opens the first question not yet answered, or the review if all are.
func (m *Model) start() {
	for i, a := range m.answers {
		if a == "" {
			m.openQuestion(i, false)
			return
		}
	}
	m.openReview()
}

// back goes to the previous question, or from the first one to the welcome screen; from
// an edited question or the review, to the review or the last question.
func (m *Model) back() {
	switch p := m.page.(type) {
	case *review:
		m.openQuestion(len(m.answers)-1, false)
	case *question:
		switch {
		case p.editing:
			m.openReview()
		case m.index == 0:
			m.openWelcome()
		default:
			m.openQuestion(m.index-1, false)
		}
	}
}

func (m *Model) openWelcome() {
	prefill := ""
	if n := len(m.cfg.Answers); n > 0 {
		prefill = fmt.Sprintf("%s pre-filled from %s.", report.Count(n, "answer"), m.cfg.PrefillFrom)
	}
	var r *resumeInfo
	if len(m.cfg.Resume) > 0 {
		r = &resumeInfo{count: len(m.cfg.Resume), at: m.cfg.ResumedAt, other: m.cfg.ResumeOther}
	}
	m.open(screenWelcome, newWelcome(m.common, prefill, r))
}

func (m *Model) openQuestion(i int, editing bool) {
	m.index = i
	m.open(screenQuestion, newQuestion(m.common, m.cfg.Bank.Questions[i], m.answers, editing))
}

func (m *Model) openReview() { m.open(screenReview, newReview(m.common, m.answers)) }

func (m *Model) openResults() {
	m.result = m.common.Scorer().Evaluate(m.Selection())
	given := 0
	for _, a := range m.answers {
		if a != "" {
			given++
		}
	}
	if m.submitted && m.cfg.HideResults {
		m.open(screenResults, newThanks(m.common))
		return
	}
	p := newResults(m.common, m.cfg.Files, m.result, given)
	p.final = m.submitted
	m.open(screenResults, p)
}

// submit hands the answers in, as a command; the results open when it is done.
func (m *Model) submit() tea.Cmd {
	m.submitting, m.submitErr = true, ""
	s := Submission{Answers: m.Answers(), For: m.cfg.For, Result: m.common.Scorer().Evaluate(m.Selection())}
	submit := m.cfg.Submit
	return func() tea.Msg { return submittedMsg{err: errText(submit(s))} }
}

// submittedMsg reports how handing the answers in went.
type submittedMsg struct{ err string }

// open makes p the open screen, laid out for the window.
func (m *Model) open(s screen, p component) {
	m.screen, m.page = s, p
	m.layout()
}

// keep saves the answers so far, as a command, if there is a keeper.
func (m *Model) keep() tea.Cmd {
	if m.cfg.Keep == nil {
		return nil
	}
	m.keepSeq++
	p := Progress{Answers: m.Answers(), For: m.cfg.For, Seq: m.keepSeq}
	if m.screen == screenQuestion {
		p.Question = m.index + 1
	}
	keep := m.cfg.Keep
	return func() tea.Msg { return keptMsg{err: errText(keep(p))} }
}

// forget clears the kept answers: the report is saved, or the person has said they may go.
func (m *Model) forget() tea.Cmd {
	if m.cfg.Forget == nil {
		return nil
	}
	m.keepSeq++ // any keep still under way is older
	forget := m.cfg.Forget
	return func() tea.Msg { return keptMsg{err: errText(forget())} }
}

// keptMsg reports how keeping the answers went.
type keptMsg struct{ err string }

func errText(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}

// Layout.

func (m *Model) tooSmall() bool { return m.window[0] < MinWidth || m.window[1] < MinHeight }

// innerWidth is the width inside the App padding, up to maxInnerWidth.
func (m *Model) innerWidth() int { return min(m.window[0]-4, maxInnerWidth) }

// chromeHeight is the height of the top padding, the header and the blank line under it,
// and the blank line and help at the bottom.
func (m *Model) chromeHeight() int { return 3 + 1 + lipgloss.Height(m.helpView()) }

// layout gives the open screen its room.
func (m *Model) layout() {
	m.common.Width = m.innerWidth()
	m.common.Height = max(1, m.window[1]-m.chromeHeight())
	m.page.SetSize(m.common.Width, m.common.Height)
}

// View draws the header, the open screen and the help line.
func (m *Model) View() string {
	w, h := m.window[0], m.window[1]
	if m.tooSmall() {
		return lipgloss.Place(max(w, 1), max(h, 1), lipgloss.Center, lipgloss.Center,
			fmt.Sprintf("coachmentor needs a window of at least %d×%d.\nThis one is %d×%d: please make it larger.\n\nCtrl+C keeps your answers and exits.",
				MinWidth, MinHeight, w, h))
	}
	body := m.page.View()
	if lines := strings.Split(body, "\n"); len(lines) > m.common.Height {
		body = strings.Join(lines[:m.common.Height], "\n") // never push the help line off the screen
	}
	view := m.common.Styles.App.Render(lipgloss.JoinVertical(lipgloss.Left, m.headerView(), "", body))
	helpLine := m.helpView()
	// Keep the help line at the bottom of the window.
	if gap := h - lipgloss.Height(view) - lipgloss.Height(helpLine); gap > 0 {
		view += strings.Repeat("\n", gap)
	}
	return view + "\n" + m.common.Styles.Plain.PaddingLeft(2).Render(helpLine)
}

func (m *Model) headerView() string {
	n := len(m.cfg.Bank.Questions)
	label, done := "", -1.0
	switch m.screen {
	case screenQuestion:
		label, done = fmt.Sprintf("Question %d of %d", m.index+1, n), float64(m.index)/float64(n)
	case screenReview:
		label, done = "Review", 1
		switch {
		case m.submitting:
			label = "Handing in your answers…"
		case m.submitErr != "":
			label = "Not handed in"
		}
	case screenResults:
		label = "Results"
	}
	if m.keepErr != "" {
		label += " · answers not kept"
	}
	return header(m.common.Styles, m.innerWidth(), m.cfg.For, label, done)
}

func (m *Model) helpView() string {
	b := bindings{short: m.page.ShortHelp(), full: m.page.FullHelp()}
	if m.cfg.Team && m.screen != screenResults {
		b.short = append(slices.Clone(b.short), m.common.Keys.ToTeam)
		b.full = append(slices.Clone(b.full), []key.Binding{m.common.Keys.ToTeam})
	}
	return helpView(m.help, b, m.innerWidth(), m.showAll, m.common.Keys.dropOrder())
}
