// Package tui is the guided questionnaire: a bubbletea model that asks the bank's questions
// one per page with huh forms, shows the live lean between coaching and mentoring beside
// them, lets the user review and change answers, and ends on a scrollable results screen
// from which the Markdown report can be saved.
//
// The model only gathers answers and shows results. Scoring is the engine's and wording is
// the report package's, so the questionnaire gives exactly what `coachmentor recommend`
// gives for the same answers.
package tui

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/progress"
	"github.com/charmbracelet/bubbles/viewport"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/huh"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"

	"github.com/coachmentor/coachmentor/internal/answers"
	"github.com/coachmentor/coachmentor/internal/bank"
	"github.com/coachmentor/coachmentor/internal/engine"
	"github.com/coachmentor/coachmentor/internal/report"
	"github.com/coachmentor/coachmentor/internal/textsafe"
)

// Minimum window size; below it a short message asks for a larger window.
const (
	MinWidth  = 60
	MinHeight = 18
	// panelWidth is the live panel's width; it shows when the window is wide enough.
	panelWidth     = 34
	panelMinWindow = 100
	maxBodyWidth   = 76
	maxBarWidth    = 30 // the header's progress bar
	// maxInnerWidth is the widest the screens get: a question and the panel side by side.
	// The header and help line stop there too, rather than run across a wide window.
	maxInnerWidth = maxBodyWidth + 2 + panelWidth
)

// Config is what the questionnaire starts from.
type Config struct {
	Bank *bank.Bank
	// For names the person or team; it appears on the screens and the report.
	For string
	// Answers pre-fills answers (question id to answer id), e.g. from --answers.
	Answers map[string]string
	// PrefillFrom names where Answers came from, for the welcome screen.
	PrefillFrom string
	// Resume offers saved answers from an earlier, unfinished run.
	Resume map[string]string
	// ResumedAt is when Resume was saved.
	ResumedAt time.Time
	// ResumeOther lists questions answered in the saved file that this bank does not ask;
	// their answers stay saved for the bank that does.
	ResumeOther []string
	// Dir is the folder reports are saved in by default.
	Dir string
	// Now is the clock, for the report's default file name.
	Now func() time.Time
	// Save writes a report file; it must refuse to replace a file unless force is true.
	Save func(path string, data []byte, force bool) error
	// Exists reports whether a file exists.
	Exists func(path string) bool
}

type screen int

const (
	screenWelcome screen = iota
	screenQuestion
	screenReview
	screenResults
)

// session holds the answers. The model is copied on every update, so it points here.
type session struct {
	answers []string // committed answer per question: an option id, "unsure", or "" if never answered
	scratch string   // the value under the cursor of the open form
	review  string   // the value under the cursor of the review form
	welcome string   // the choice on the welcome screen
}

// Model is the questionnaire.
type Model struct {
	cfg    Config
	scorer *engine.Scorer
	keys   KeyMap
	styles Styles
	help   help.Model
	s      *session

	width, height int
	screen        screen
	index         int  // the open question
	editing       bool // the question was opened from the review
	form          *huh.Form
	sel           *choice // the open form's one field
	result        *engine.Result
	viewport      viewport.Model
	bar           progress.Model
	prompt        *savePrompt
	status        string
	statusPath    string
	statusErr     bool

	interrupted bool
	done        bool
	saved       []string // reports written, in order
}

// New returns the questionnaire's model.
func New(cfg Config) *Model {
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	m := &Model{
		cfg:    cfg,
		scorer: engine.New(cfg.Bank),
		keys:   DefaultKeyMap(),
		styles: DefaultStyles(),
		help:   help.New(),
		s:      &session{answers: make([]string, len(cfg.Bank.Questions))},
		width:  80,
		height: 24,
	}
	m.bar = progress.New(progress.WithSolidFill(string(accent.Dark)), progress.WithoutPercentage())
	m.bar.Width = maxBarWidth // the header shortens it to what the line has room for
	m.fill(cfg.Answers)
	m.openWelcome()
	return m
}

// fill copies answers into the session, ignoring any the bank does not know.
func (m *Model) fill(given map[string]string) {
	for qid, a := range given {
		q, err := answers.FindQuestion(m.cfg.Bank, qid)
		if err != nil {
			continue
		}
		if o, err := answers.FindOption(q, a); err == nil {
			m.s.answers[q.Index] = bank.Unsure
			if o != nil {
				m.s.answers[q.Index] = o.ID
			}
		}
	}
}

// Interrupted reports whether the user pressed Ctrl+C.
func (m *Model) Interrupted() bool { return m.interrupted }

// Finished reports whether the user quit from the results.
func (m *Model) Finished() bool { return m.done }

// Answers returns the answers given so far, `unsure` included.
func (m *Model) Answers() map[string]string {
	out := map[string]string{}
	for i, a := range m.s.answers {
		if a != "" {
			out[m.cfg.Bank.Questions[i].ID] = a
		}
	}
	return out
}

// Selection returns the answers as the engine takes them.
func (m *Model) Selection() engine.Selection {
	sel := make(engine.Selection, len(m.cfg.Bank.Questions))
	for i, a := range m.s.answers {
		if o, ok := m.cfg.Bank.Questions[i].Option(a); ok {
			sel[i] = o
		}
	}
	return sel
}

// Saved lists the reports written.
func (m *Model) Saved() []string { return m.saved }

// Result is the result on the results screen, nil before it.
func (m *Model) Result() *engine.Result { return m.result }

// Init starts the first form.
func (m *Model) Init() tea.Cmd {
	if m.form != nil {
		return m.form.Init()
	}
	return nil
}

// Update handles a message.
func (m *Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.width, m.height = msg.Width, msg.Height
		m.layout()
		return m, nil
	case tea.KeyMsg:
		if key.Matches(msg, m.keys.Interrupt) {
			m.interrupted = true
			return m, tea.Quit
		}
		if m.tooSmall() {
			return m, nil
		}
		if key.Matches(msg, m.keys.Help) && m.prompt == nil {
			m.help.ShowAll = !m.help.ShowAll
			m.layout()
			return m, nil
		}
		switch m.screen {
		case screenWelcome:
			if m.form == nil && key.Matches(msg, m.keys.Next) {
				return m, m.start()
			}
		case screenQuestion:
			if key.Matches(msg, m.keys.Back) {
				return m, m.back()
			}
		case screenReview:
			if key.Matches(msg, m.keys.Back) {
				return m, m.openQuestion(len(m.cfg.Bank.Questions)-1, false)
			}
		case screenResults:
			return m.updateResults(msg)
		}
	case savedMsg:
		m.prompt = nil
		if msg.saved {
			m.saved = append(m.saved, msg.path)
		}
		m.setStatus(msg.status, msg.path, msg.err)
		m.layout()
		return m, nil
	}

	if m.form == nil {
		if m.screen == screenResults {
			var cmd tea.Cmd
			m.viewport, cmd = m.viewport.Update(msg)
			return m, cmd
		}
		return m, nil
	}
	f, cmd := m.form.Update(msg)
	m.form = f.(*huh.Form)
	if m.form.State == huh.StateCompleted {
		return m, m.completed()
	}
	return m, cmd
}

// completed moves on after the open form has been answered.
func (m *Model) completed() tea.Cmd {
	switch m.screen {
	case screenWelcome:
		if m.s.welcome == "fresh" {
			for i := range m.s.answers {
				m.s.answers[i] = ""
			}
			m.fill(m.cfg.Answers)
		} else {
			m.fill(m.cfg.Resume)
		}
		return m.start()
	case screenQuestion:
		m.s.answers[m.index] = m.s.scratch
		if m.s.scratch == "" { // enter with nothing chosen: not sure
			m.s.answers[m.index] = bank.Unsure
		}
		if m.editing || m.index == len(m.cfg.Bank.Questions)-1 {
			return m.openReview()
		}
		return m.openQuestion(m.index+1, false)
	case screenReview:
		if m.s.review == "results" {
			return m.openResults()
		}
		if q, ok := m.cfg.Bank.Question(m.s.review); ok {
			return m.openQuestion(q.Index, true)
		}
	}
	return nil
}

// start opens the first question not yet answered, or the review if all are.
func (m *Model) start() tea.Cmd {
	for i, a := range m.s.answers {
		if a == "" {
			return m.openQuestion(i, false)
		}
	}
	return m.openReview()
}

// back goes to the previous question, or from the first one to the welcome screen.
func (m *Model) back() tea.Cmd {
	if m.editing {
		return m.openReview()
	}
	if m.index == 0 {
		m.openWelcome()
		if m.form != nil {
			return m.form.Init()
		}
		return nil
	}
	return m.openQuestion(m.index-1, false)
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

func (m *Model) openWelcome() {
	m.screen, m.form, m.sel = screenWelcome, nil, nil
	if len(m.cfg.Resume) == 0 {
		return
	}
	m.s.welcome = "resume"
	m.sel = newChoice("", "You have unfinished answers",
		fmt.Sprintf("%s saved %s.%s", report.Count(len(m.cfg.Resume), "answer"), m.cfg.ResumedAt.Format("2 January 2006 at 15:04"), OtherBankNote(m.cfg.ResumeOther)),
		&m.s.welcome, huh.NewOption("Resume where I left off", "resume"), huh.NewOption("Start fresh", "fresh"))
	m.newForm()
}

func (m *Model) openQuestion(i int, editing bool) tea.Cmd {
	q := m.cfg.Bank.Questions[i]
	m.screen, m.index, m.editing = screenQuestion, i, editing
	m.s.scratch = m.s.answers[i]
	opts := make([]huh.Option[string], 0, len(q.Options)+1)
	for _, o := range q.Options {
		opts = append(opts, huh.NewOption(o.Label, o.ID))
	}
	opts = append(opts, huh.NewOption(answers.NotSure, bank.Unsure))
	m.sel = newBlankChoice(q.ID, q.Prompt, q.Help, &m.s.scratch, opts...)
	m.sel.numbered = true
	m.newForm()
	return m.form.Init()
}

func (m *Model) openReview() tea.Cmd {
	m.screen, m.editing = screenReview, false
	m.s.review = "results"
	opts := []huh.Option[string]{huh.NewOption("See the results", "results")}
	for i, q := range m.cfg.Bank.Questions {
		opts = append(opts, huh.NewOption(fmt.Sprintf("%s: %s", q.Title, m.answerLabel(i)), q.ID))
	}
	m.sel = newChoice("", "Review your answers", "Pick one to change it, or go on to the results.", &m.s.review, opts...)
	m.newForm()
	return m.form.Init()
}

func (m *Model) openResults() tea.Cmd {
	m.screen, m.form, m.sel = screenResults, nil, nil
	m.result = m.scorer.Evaluate(m.Selection())
	m.layout()
	m.viewport.GotoTop()
	return nil
}

// Restart clears every answer and starts again from the first question.
func (m *Model) restart() tea.Cmd {
	for i := range m.s.answers {
		m.s.answers[i] = ""
	}
	m.result, m.prompt, m.status = nil, nil, ""
	return m.openQuestion(0, false)
}

// newForm puts the open field, m.sel, in a new form, m.form.
func (m *Model) newForm() {
	km := huh.NewDefaultKeyMap()
	km.Quit = key.NewBinding(key.WithDisabled()) // Ctrl+C is the model's: it saves first
	km.Select.Prev = key.NewBinding(key.WithDisabled())
	m.form = huh.NewForm(huh.NewGroup(m.sel)).
		WithShowHelp(false).
		WithShowErrors(false).
		WithTheme(m.styles.Form).
		WithKeyMap(km)
	// Lay it out now rather than when the terminal next reports its size, so the first
	// frame is already laid out.
	m.layout()
}

// sizeForm fits the open form to the window.
func (m *Model) sizeForm() {
	m.sel.setHeight(m.fieldHeight())
	m.form = m.form.WithWidth(m.bodyWidth())
	f, _ := m.form.Update(tea.WindowSizeMsg{Width: m.bodyWidth(), Height: m.bodyHeight()})
	m.form = f.(*huh.Form)
}

func (m *Model) answerLabel(i int) string {
	a := m.s.answers[i]
	switch a {
	case "":
		return "not answered"
	case bank.Unsure:
		return answers.NotSure
	}
	if o, ok := m.cfg.Bank.Questions[i].Option(a); ok {
		return o.Label
	}
	return a
}

// live is the result with the open question's highlighted answer in place: what choosing
// it would do.
func (m *Model) live() *engine.Result {
	sel := m.Selection()
	if m.screen == screenQuestion {
		o, _ := m.cfg.Bank.Questions[m.index].Option(m.s.scratch)
		sel[m.index] = o
	}
	return m.scorer.Evaluate(sel)
}

func (m *Model) setStatus(s, path string, isErr bool) {
	m.status, m.statusPath, m.statusErr = s, path, isErr
}

// Layout.

func (m *Model) tooSmall() bool { return m.width < MinWidth || m.height < MinHeight }

func (m *Model) showPanel() bool {
	return m.width >= panelMinWindow && m.screen == screenQuestion
}

// innerWidth is the width inside the App padding, up to maxInnerWidth.
func (m *Model) innerWidth() int { return min(m.width-4, maxInnerWidth) }

// bodyWidth is the width of the main column.
func (m *Model) bodyWidth() int {
	w := m.width - 4 // App padding
	if m.showPanel() {
		w -= panelWidth + 2
	}
	return max(20, min(w, maxBodyWidth))
}

// fieldHeight is the most lines the open form's field may take: on a question, the body
// less the question's title above it and the answer's description under it; in the
// review, all of the body. The welcome screen's two choices need no limit.
func (m *Model) fieldHeight() int {
	switch m.screen {
	case screenQuestion:
		return max(5, m.bodyHeight()-3)
	case screenReview:
		return max(5, m.bodyHeight())
	}
	return 0
}

// bodyHeight is the height between the header and the help line.
func (m *Model) bodyHeight() int {
	return max(1, m.height-m.chromeHeight())
}

// chromeHeight is the height of the top padding, the header and the blank line under it,
// and the blank line and help at the bottom.
func (m *Model) chromeHeight() int {
	return 3 + 1 + lipgloss.Height(m.helpView())
}

func (m *Model) layout() {
	if m.form != nil {
		m.sizeForm()
	}
	if m.prompt != nil {
		// The file name scrolls within what is left of the line after the label, less a
		// cell for the cursor, so that the line never runs past the window.
		in := &m.prompt.input
		in.Width = max(10, min(60, m.innerWidth()-len(saveLabel)-1))
		in.SetCursor(in.Position()) // scrolls the name so that the cursor is in view
	}
	if m.screen == screenResults && m.result != nil {
		m.viewport.Width = m.innerWidth()
		extra := 0
		if m.prompt != nil || m.status != "" {
			extra = 3 // a blank line, the prompt or status, and room for an error under it
		}
		m.viewport.Height = max(3, m.height-m.chromeHeight()-resultsHead-extra)
		m.viewport.SetContent(m.resultsContent())
	}
}

func (m *Model) resultsContent() string {
	var b strings.Builder
	_ = report.Text(&b, m.cfg.Bank, m.result, report.TextOptions{
		Options:  report.Options{For: m.cfg.For},
		Profile:  lipgloss.ColorProfile(),
		Width:     min(m.width-4, 100),
		Full:      true,
		Embedded:  true,
		NoAnswers: "Press e to go back and answer the questions.",
	})
	return strings.TrimRight(b.String(), "\n")
}

// Views.

// View draws the current screen.
func (m *Model) View() string {
	if m.tooSmall() {
		return lipgloss.Place(max(m.width, 1), max(m.height, 1), lipgloss.Center, lipgloss.Center,
			fmt.Sprintf("coachmentor needs a window of at least %d×%d.\nThis one is %d×%d: please make it larger.\n\nCtrl+C saves your answers and exits.",
				MinWidth, MinHeight, m.width, m.height))
	}
	var body string
	switch m.screen {
	case screenWelcome:
		body = m.welcomeView()
	case screenQuestion:
		body = m.questionView()
	case screenReview:
		body = m.form.View()
	case screenResults:
		body = m.resultsView()
	}
	if lines := strings.Split(body, "\n"); len(lines) > m.bodyHeight() {
		body = strings.Join(lines[:m.bodyHeight()], "\n") // never push the help line off the screen
	}
	view := m.styles.App.Render(lipgloss.JoinVertical(lipgloss.Left, m.headerView(), "", body))
	// Keep the help line at the bottom of the window.
	gap := m.height - lipgloss.Height(view) - lipgloss.Height(m.helpView())
	if gap > 0 {
		view += strings.Repeat("\n", gap)
	}
	return view + "\n" + lipgloss.NewStyle().PaddingLeft(2).Render(m.helpView())
}

func (m *Model) helpView() string {
	m.help.Width = m.innerWidth()
	b := m.helpFor()
	if m.help.ShowAll {
		b.full = m.fitFullHelp(b.full)
	} else {
		b.short = m.fitShortHelp(b.short)
	}
	return m.help.View(b)
}

// fitFullHelp stacks the last column of keys under the one before it until the columns
// fit side by side, so that a narrow window shows every key rather than cutting columns
// off.
func (m *Model) fitFullHelp(groups [][]key.Binding) [][]key.Binding {
	measure := m.help
	measure.Width = 0 // the whole view, uncut
	for len(groups) > 1 && lipgloss.Width(measure.FullHelpView(groups)) > m.help.Width {
		n := len(groups)
		merged := append(slices.Clone(groups[n-2]), groups[n-1]...)
		groups = append(slices.Clone(groups[:n-2]), merged)
	}
	return groups
}

// fitShortHelp drops keys from the end of the short help line, "?" aside, until the line
// fits: the key that lists every other key is the last that should go. (The help model's
// own cutting drops "?" first, and when there is no room for its "…" it lets the line
// run past the window.)
func (m *Model) fitShortHelp(keys []key.Binding) []key.Binding {
	measure := m.help
	measure.Width = 0 // the whole line, uncut
	keys = slices.Clone(keys)
	for len(keys) > 1 && lipgloss.Width(measure.ShortHelpView(keys)) > m.help.Width {
		i := len(keys) - 1
		if slices.Equal(keys[i].Keys(), m.keys.Help.Keys()) {
			i--
		}
		keys = slices.Delete(keys, i, i+1)
	}
	return keys
}

func (m *Model) headerView() string {
	left := m.styles.Brand.Render("coachmentor")
	if m.cfg.For != "" {
		left += m.styles.Faint.Render(" · for " + m.cfg.For)
	}
	avail := m.innerWidth()
	// The bar takes the room the line has left, up to its width; it gives up room before
	// the name does, so a narrow window keeps "for Sam" whole and the bar shorter, down to
	// a few cells.
	withBar := func(label string, done float64) string {
		bar := m.bar
		bar.Width = max(6, min(maxBarWidth, avail-lipgloss.Width(left)-2-len(label)))
		return label + bar.ViewAs(done)
	}
	var right string
	n := len(m.cfg.Bank.Questions)
	switch m.screen {
	case screenQuestion:
		right = withBar(fmt.Sprintf("Question %d of %d  ", m.index+1, n), float64(m.index)/float64(n))
	case screenReview:
		right = withBar("Review  ", 1)
	case screenResults:
		right = m.styles.Faint.Render("Results")
	}
	if lipgloss.Width(left)+1+lipgloss.Width(right) > avail {
		left = ansi.Truncate(left, max(0, avail-1-lipgloss.Width(right)), "…")
	}
	gap := max(1, avail-lipgloss.Width(left)-lipgloss.Width(right))
	return left + strings.Repeat(" ", gap) + right
}

func (m *Model) welcomeView() string {
	// A short window leaves out, in turn, the two descriptions, the line about the keys
	// (the help line has them) and the introduction, so that the choice to resume or
	// start afresh is always whole.
	var text string
	room := m.bodyHeight()
	for leave := range welcomeParts {
		if text = m.welcomeText(leave); lipgloss.Height(text) <= room {
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

func (m *Model) welcomeText(leave int) string {
	b := m.cfg.Bank
	n := len(b.Questions)
	minutes := max(1, int(math.Ceil(float64(n)*15/60)))
	w := m.bodyWidth()
	parts := []string{m.styles.Title.Render("Coaching or mentoring?")}
	if leave < leaveIntroduction {
		parts = append(parts, report.Wrap(fmt.Sprintf("Answer %d short questions (about %d minutes) about the person or team you want to develop. You get coaching, mentoring or a blend, the type that fits best, and why.", n, minutes), w))
	}
	if leave < leaveDescriptions {
		const labelW = 11
		var families []string
		for _, id := range []string{bank.Coaching, bank.Mentoring} {
			f := b.Family(id)
			style := m.styles.Coaching
			if id == bank.Mentoring {
				style = m.styles.Mentoring
			}
			text := strings.ReplaceAll(report.Wrap(f.Summary, w-labelW), "\n", "\n"+strings.Repeat(" ", labelW))
			families = append(families, style.Bold(true).Render(fmt.Sprintf("%-*s", labelW, f.Name))+text)
		}
		parts = append(parts, strings.Join(families, "\n"))
	}
	if leave < leaveKeys {
		parts = append(parts, m.styles.Faint.Render(report.Wrap("↑/↓ choose · enter confirm · shift+tab back · ctrl+c saves your answers and exits. Every question has “Not sure”.", w)))
	}
	if given := len(m.cfg.Answers); given > 0 {
		parts = append(parts, m.styles.Status.Render(fmt.Sprintf("%s pre-filled from %s.", report.Count(given, "answer"), m.cfg.PrefillFrom)))
	}
	if m.form != nil {
		parts = append(parts, m.form.View())
	} else {
		parts = append(parts, m.styles.Prompt.Render("Press enter to start."))
	}
	return strings.Join(parts, "\n\n")
}

func (m *Model) questionView() string {
	q := m.cfg.Bank.Questions[m.index]
	var s strings.Builder
	s.WriteString(m.styles.Heading.Render(q.Title))
	if m.editing {
		s.WriteString(m.styles.Faint.Render("  (editing)"))
	}
	s.WriteString("\n")
	s.WriteString(m.form.View())
	switch o, ok := q.Option(m.s.scratch); {
	case ok:
		s.WriteString("\n" + m.styles.Hint.Render(report.Wrap(o.Description, m.bodyWidth())))
	case m.s.scratch == bank.Unsure:
		s.WriteString("\n" + m.styles.Hint.Render("Leaves this question out: it carries no weight."))
	default:
		s.WriteString("\n" + m.styles.Hint.Render(report.Wrap("Nothing chosen yet: ↑/↓ or a number to choose; enter alone leaves it unanswered.", m.bodyWidth())))
	}
	body := s.String()
	if !m.showPanel() {
		// Too narrow for the panel: the lean in brief under the question, where the window
		// has the height to spare, after a blank line if there is room for one; a long
		// list of answers comes first.
		lean := m.leanLines()
		switch room := m.bodyHeight() - lipgloss.Height(body) - lipgloss.Height(lean); {
		case room >= 1:
			body += "\n\n" + lean
		case room == 0:
			body += "\n" + lean
		}
		return body
	}
	return lipgloss.JoinHorizontal(lipgloss.Top, lipgloss.NewStyle().Width(m.bodyWidth()+2).Render(body), m.panelView())
}

// leanLines is the panel's content in brief, for windows too narrow for the panel.
func (m *Model) leanLines() string {
	r := m.live()
	verdict := liveVerdict(r)
	switch {
	case len(r.TopTie) > 1:
		verdict += "; best fit a tie: " + report.Names(report.TypeNames(r.TopTie))
	case report.HasTypeSignal(r):
		verdict += "; best fit " + r.TopType().Name
	}
	head := m.styles.PanelHead.Render("With this answer") + "  " + m.leanBar(r, min(26, m.bodyWidth()-22), "C", "M")
	return head + "\n" + m.styles.Faint.Render(report.Wrap(verdict, m.bodyWidth()))
}

// panelView is the live lean: where the answers so far point, with the highlighted answer.
func (m *Model) panelView() string {
	r := m.live()
	inner := panelWidth - 4
	var s strings.Builder
	s.WriteString(m.styles.PanelHead.Render("With this answer") + "\n")
	s.WriteString(m.leanBar(r, inner-4, "C", "M") + "\n")
	s.WriteString(report.Wrap(report.Title(r.Recommendation)+"  "+m.styles.Faint.Render(liveDetail(r)), inner) + "\n")
	s.WriteString("\n" + m.styles.PanelHead.Render("Top types") + "\n")
	if !report.HasTypeSignal(r) {
		s.WriteString(m.styles.Faint.Render("None stands out yet."))
	} else {
		var lines []string
		for i, ts := range report.TopN(r, 3) {
			style := m.styles.Coaching
			if ts.Type.Family == bank.Mentoring {
				style = m.styles.Mentoring
			}
			name := fmt.Sprintf("%d. %s", i+1, ts.Type.Name)
			score := report.Num(ts.Score)
			lines = append(lines, style.Render(name)+strings.Repeat(" ", max(1, inner-lipgloss.Width(name)-len(score)))+score)
		}
		s.WriteString(strings.Join(lines, "\n"))
	}
	return m.styles.Panel.Width(panelWidth - 2).Render(s.String())
}

// resultsHead is the height of the results screen's head: the verdict, its detail, the
// lean bar and a blank line.
const resultsHead = 4

// capitalize is s with its first letter in capitals.
func capitalize(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// liveVerdict is the lean in a few words: "Coaching, fair confidence (0.52)" or
// "Undecided: 3 more answers needed".
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

// leanBar draws the balance in the questionnaire's colours.
func (m *Model) leanBar(r *engine.Result, barW int, left, right string) string {
	return report.LeanBar(m.styles.Coaching, m.styles.Mentoring, r, barW, left, right)
}

func (m *Model) resultsView() string {
	r := m.result
	detail := report.Confidence(m.cfg.Bank, r)
	if !r.Decided() {
		detail = report.NeedMore(r) + " (" + report.AnsweredCount(m.cfg.Bank, r) + ")"
	}
	head := m.styles.Verdict.Render("Recommendation: " + report.Title(r.Recommendation))
	detail = ansi.Truncate(m.styles.Faint.Render(capitalize(detail)), m.innerWidth(), "…")
	lines := []string{head, detail, m.leanBar(r, min(40, m.width-26), "Coaching", "Mentoring"), "", m.viewport.View()}
	switch {
	case m.prompt != nil:
		lines = append(lines, "", m.prompt.view(m.styles, m.innerWidth()))
	case m.status != "":
		style := m.styles.Status
		if m.statusErr {
			style = m.styles.Error
		}
		lines = append(lines, "", style.Render(m.status+shortenPath(m.statusPath, m.innerWidth()-ansi.StringWidth(m.status))))
	}
	return strings.Join(lines, "\n")
}
