package tui

import (
	"cmp"
	"fmt"
	"path/filepath"
	"slices"
	"strings"

	"github.com/charmbracelet/bubbles/cursor"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"

	"github.com/coachmentor/coachmentor/internal/bank"
	"github.com/coachmentor/coachmentor/internal/engine"
	"github.com/coachmentor/coachmentor/internal/report"
	"github.com/coachmentor/coachmentor/internal/textsafe"
)

// TeamPerson is one person on the team screen: their name and their answers so far.
type TeamPerson struct {
	Name    string
	Answers map[string]string
}

// TeamConfig is what the team screen starts from. Like the questionnaire's, it reads
// nothing of the process: the people come in, and what the keys do goes out through
// these functions, each run as a command.
type TeamConfig struct {
	Bank     *bank.Bank
	Renderer *lipgloss.Renderer
	People   []TeamPerson
	// Files are for the file prompts: the folder a name is in, the home folder, whether a
	// file exists. Save and Clipboard are not used here.
	Files Files
	// Rename and Remove change who is on the team; SaveReport writes the team report (the
	// name's extension says Markdown or HTML) and Export the team's answers as a roster
	// CSV, each refusing to replace a file unless force is set.
	Rename     func(from, to string) error
	Remove     func(name string) error
	SaveReport func(path string, force bool) error
	Export     func(path string, force bool) error
}

// teamMode is what the team screen is doing.
type teamMode int

const (
	teamBrowsing teamMode = iota
	teamAdding
	teamRenaming
	teamRemoving
	teamSaving
	teamExporting
	teamReplacing
)

// Team is the team screen: everyone the manager answers for, how far along each is and
// what they get, the team's overview, and the keys to open, add, rename and remove people,
// save the team report and export the answers.
type Team struct {
	cfg     TeamConfig
	st      Styles
	keys    teamKeys
	scorer  *engine.Scorer
	rows    []teamRow
	cursor  int
	mode    teamMode
	input   textinput.Model
	target  string   // the file a replace would write
	replace teamMode // what the replace is for
	status  string
	isErr   bool
	width   int
	height  int

	chosen      string
	interrupted bool
}

// teamRow is a person as the list shows them.
type teamRow struct {
	name     string
	answered int
	result   *engine.Result
}

// NewTeam makes the team screen.
func NewTeam(cfg TeamConfig) *Team {
	r := cmp.Or(cfg.Renderer, lipgloss.DefaultRenderer())
	t := &Team{cfg: cfg, st: NewStyles(r), keys: defaultTeamKeys(), scorer: engine.New(cfg.Bank), width: 80, height: 24}
	t.setPeople(cfg.People)
	return t
}

func (t *Team) setPeople(people []TeamPerson) {
	t.cfg.People = people
	t.rows = t.rows[:0]
	for _, p := range people {
		sel := selectionOf(t.cfg.Bank, answerList(t.cfg.Bank, p.Answers))
		t.rows = append(t.rows, teamRow{name: p.Name, answered: len(p.Answers), result: t.scorer.Evaluate(sel)})
	}
	t.cursor = min(t.cursor, max(len(t.rows)-1, 0))
}

// answerList is a person's answers in bank order, as the questionnaire holds them.
func answerList(b *bank.Bank, given map[string]string) []string {
	out := make([]string, len(b.Questions))
	for i, q := range b.Questions {
		out[i] = given[q.ID]
	}
	return out
}

// Chosen is the person to open, or to add, once the screen has quit; "" when the manager
// quit.
func (t *Team) Chosen() string { return t.chosen }

// Interrupted reports whether the manager pressed Ctrl+C.
func (t *Team) Interrupted() bool { return t.interrupted }

func (t *Team) Init() tea.Cmd { return nil }

// teamDoneMsg is how an action went; people, when set, is the team as it now is.
type teamDoneMsg struct {
	status string
	err    bool
	people []TeamPerson
	exists string // the file is there already: ask before replacing it
}

func (t *Team) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		t.width, t.height = msg.Width, msg.Height
	case teamDoneMsg:
		t.mode = teamBrowsing
		if msg.exists != "" {
			t.mode, t.target = teamReplacing, msg.exists
			return t, nil
		}
		t.status, t.isErr = msg.status, msg.err
		if msg.people != nil {
			t.setPeople(msg.people)
		}
	case tea.KeyMsg:
		if key.Matches(msg, t.keys.Interrupt) {
			t.interrupted = true
			return t, tea.Quit
		}
		switch t.mode {
		case teamBrowsing:
			return t.browse(msg)
		case teamRemoving, teamReplacing:
			return t.confirm(msg)
		default:
			return t.prompt(msg)
		}
	}
	return t, nil
}

func (t *Team) browse(msg tea.KeyMsg) (tea.Model, tea.Cmd) {
	k := t.keys
	t.status, t.isErr = "", false
	switch {
	case key.Matches(msg, k.Up):
		t.cursor = max(t.cursor-1, 0)
	case key.Matches(msg, k.Down):
		t.cursor = min(t.cursor+1, max(len(t.rows)-1, 0))
	case key.Matches(msg, k.Top):
		t.cursor = 0
	case key.Matches(msg, k.Bottom):
		t.cursor = max(len(t.rows)-1, 0)
	case key.Matches(msg, k.Open) && len(t.rows) > 0:
		t.chosen = t.rows[t.cursor].name
		return t, tea.Quit
	case key.Matches(msg, k.Add):
		t.openPrompt(teamAdding, "")
	case key.Matches(msg, k.Rename) && len(t.rows) > 0:
		t.openPrompt(teamRenaming, t.rows[t.cursor].name)
	case key.Matches(msg, k.Remove) && len(t.rows) > 0:
		t.mode = teamRemoving
	case key.Matches(msg, k.Save) && t.cfg.SaveReport != nil:
		t.openPrompt(teamSaving, "team-report.md")
	case key.Matches(msg, k.Export) && t.cfg.Export != nil:
		t.openPrompt(teamExporting, "team.csv")
	case key.Matches(msg, k.Quit):
		return t, tea.Quit
	}
	return t, nil
}

func (t *Team) openPrompt(mode teamMode, value string) {
	in := textinput.New()
	in.Prompt = ""
	in.CharLimit = 4096
	in.SetValue(value)
	in.Cursor.SetMode(cursor.CursorStatic) // no blinking: nothing runs while waiting
	in.TextStyle = t.st.Prompt.UnsetBold()
	in.Cursor.Style = t.st.Prompt
	in.Focus()
	t.input, t.mode = in, mode
}

// prompt takes a name: a person's, or a file's.
func (t *Team) prompt(msg tea.KeyMsg) (tea.Model, tea.Cmd) {
	switch {
	case key.Matches(msg, t.keys.Cancel):
		t.mode = teamBrowsing
		return t, nil
	case msg.Type == tea.KeyEnter:
		value := textsafe.Line(strings.TrimSpace(t.input.Value()))
		if value == "" {
			t.status, t.isErr = "Type a name, or press esc.", true
			return t, nil
		}
		return t, t.act(t.mode, value, false)
	}
	var cmd tea.Cmd
	t.input, cmd = t.input.Update(msg)
	return t, cmd
}

// confirm answers a yes-or-no question: remove this person, replace that file.
func (t *Team) confirm(msg tea.KeyMsg) (tea.Model, tea.Cmd) {
	yes := key.Matches(msg, t.keys.Yes)
	if !yes && !key.Matches(msg, t.keys.No) {
		return t, nil
	}
	mode := t.mode
	t.mode = teamBrowsing
	if !yes {
		t.status = "Nothing changed."
		return t, nil
	}
	if mode == teamRemoving {
		return t, t.act(teamRemoving, t.rows[t.cursor].name, false)
	}
	return t, t.act(t.replace, t.target, true)
}

// act does what a prompt or a question asked, as a command.
func (t *Team) act(mode teamMode, value string, force bool) tea.Cmd {
	cfg, current := t.cfg, ""
	if len(t.rows) > 0 {
		current = t.rows[t.cursor].name
	}
	switch mode {
	case teamAdding:
		for _, r := range t.rows {
			if strings.EqualFold(r.name, value) {
				t.status, t.isErr, t.mode = value+" is on the team already: press enter on their name to open them.", true, teamBrowsing
				return nil
			}
		}
		t.chosen = value
		return tea.Quit
	case teamRenaming:
		return func() tea.Msg {
			if err := cfg.Rename(current, value); err != nil {
				return teamDoneMsg{status: "Not renamed: " + err.Error(), err: true}
			}
			return teamDoneMsg{status: "Renamed " + current + " to " + value + ".", people: renamed(cfg.People, current, value)}
		}
	case teamRemoving:
		return func() tea.Msg {
			if err := cfg.Remove(value); err != nil {
				return teamDoneMsg{status: "Not removed: " + err.Error(), err: true}
			}
			return teamDoneMsg{status: "Removed " + value + "'s answers.", people: without(cfg.People, value)}
		}
	}
	path, err := resolvePath(cfg.Files, value, fileExts(mode))
	if err != nil {
		t.status, t.isErr = capitalize(err.Error())+".", true
		return nil
	}
	t.replace, t.mode = mode, teamBrowsing
	write, what := cfg.SaveReport, "the team report"
	if mode == teamExporting {
		write, what = cfg.Export, "the team's answers"
	}
	exists := cfg.Files.Exists
	return func() tea.Msg {
		if !force && exists != nil && exists(path) {
			return teamDoneMsg{exists: path}
		}
		if err := write(path, force); err != nil {
			return teamDoneMsg{status: "Not saved: " + err.Error(), err: true}
		}
		return teamDoneMsg{status: "Saved " + what + " to " + path}
	}
}

// fileExts are the extensions a file prompt takes, the one it adds first.
func fileExts(mode teamMode) []string {
	if mode == teamExporting {
		return []string{".csv"}
	}
	return []string{".md", ".markdown", ".html", ".htm"}
}

func renamed(people []TeamPerson, from, to string) []TeamPerson {
	out := slices.Clone(people)
	for i := range out {
		if out[i].Name == from {
			out[i].Name = to
		}
	}
	slices.SortFunc(out, func(a, b TeamPerson) int { return cmp.Compare(strings.ToLower(a.Name), strings.ToLower(b.Name)) })
	return out
}

func without(people []TeamPerson, name string) []TeamPerson {
	return slices.DeleteFunc(slices.Clone(people), func(p TeamPerson) bool { return p.Name == name })
}

// verdict is a person's outcome in a few words.
func (t *Team) verdict(r teamRow) string {
	res := r.result
	if !res.Decided() {
		return fmt.Sprintf("undecided: %s", report.Count(max(res.AnswersNeeded, 1), "more answer"))
	}
	return report.Title(res.Recommendation) + " · " + report.Names(report.TypeNames(report.TopTypes(res)))
}

func (t *Team) View() string {
	st, w := t.st, max(t.width-4, 20)
	lines := []string{st.Brand.Render("coachmentor") + st.Faint.Render(" · your team"), ""}
	if len(t.rows) == 0 {
		lines = append(lines, "No one yet. Press a to add the first person.")
	}
	nameWidth := 4
	for _, r := range t.rows {
		nameWidth = min(max(nameWidth, ansi.StringWidth(r.name)), w/3)
	}
	for i, r := range t.rows {
		mark := "  "
		if i == t.cursor {
			mark = st.Title.Render("> ")
		}
		name := ansi.Truncate(r.name, nameWidth, "…")
		name += strings.Repeat(" ", nameWidth-ansi.StringWidth(name))
		verdict := t.verdict(r)
		switch r.result.Recommendation {
		case engine.Coaching:
			verdict = st.Coaching.Render(verdict)
		case engine.Mentoring:
			verdict = st.Mentoring.Render(verdict)
		case engine.Undecided:
			verdict = st.Faint.Render(verdict)
		}
		line := fmt.Sprintf("%s%s  %5s  %s", mark, name, fmt.Sprintf("%d/%d", r.answered, len(t.cfg.Bank.Questions)), verdict)
		lines = append(lines, ansi.Truncate(line, w, "…"))
	}
	lines = append(lines, "", st.Heading.Render("The team"))
	for _, l := range t.overview() {
		lines = append(lines, ansi.Truncate(l, w, "…"))
	}
	lines = append(lines, "", t.footer(w))
	return st.App.Render(strings.Join(lines, "\n"))
}

// footer is the prompt, the question, the status or the keys.
func (t *Team) footer(w int) string {
	st := t.st
	switch t.mode {
	case teamAdding:
		return st.Prompt.Render("Name of the person to add: ") + t.input.View()
	case teamRenaming:
		return st.Prompt.Render("New name: ") + t.input.View()
	case teamSaving, teamExporting:
		return st.Prompt.Render(nameLabel) + t.input.View()
	case teamRemoving:
		return st.Prompt.Render("Remove " + t.rows[t.cursor].name + "'s answers for good? (y/N)")
	case teamReplacing:
		return st.Prompt.Render(ansi.Truncate(filepath.Base(t.target), w-30, "…") + " exists. Replace it? (y/N)")
	}
	if t.status != "" {
		if t.isErr {
			return st.Error.Render(ansi.Truncate(t.status, w, "…"))
		}
		return st.Status.Render(ansi.Truncate(t.status, w, "…"))
	}
	return st.Faint.Render(ansi.Truncate("enter open · a add · r rename · d remove · s report · x export · q quit", w, "…"))
}

// overview is the team in a few lines: the verdicts counted, the best-fitting types, and
// who is not finished.
func (t *Team) overview() []string {
	counts := map[string]int{}
	types := map[string]int{}
	var unfinished []string
	for _, r := range t.rows {
		counts[r.result.Recommendation]++
		if r.result.Decided() {
			for _, ty := range report.TopTypes(r.result) {
				types[ty.Name]++
			}
		}
		if r.answered < len(t.cfg.Bank.Questions) {
			unfinished = append(unfinished, r.name)
		}
	}
	people := fmt.Sprintf("%d people", len(t.rows))
	if len(t.rows) == 1 {
		people = "1 person"
	}
	out := []string{fmt.Sprintf("%s: %d coaching, %d mentoring, %d blend, %d undecided", people,
		counts[engine.Coaching], counts[engine.Mentoring], counts[engine.Blend], counts[engine.Undecided])}
	if len(types) > 0 {
		names := make([]string, 0, len(types))
		for n := range types {
			names = append(names, n)
		}
		slices.SortFunc(names, func(a, b string) int { return cmp.Or(cmp.Compare(types[b], types[a]), cmp.Compare(a, b)) })
		parts := make([]string, len(names))
		for i, n := range names {
			parts[i] = fmt.Sprintf("%s %d", n, types[n])
		}
		out = append(out, "Best fits: "+strings.Join(parts, ", "))
	}
	if len(unfinished) > 0 {
		out = append(out, "Not finished: "+report.Names(unfinished))
	}
	return out
}

// Lines are the team in plain lines, for the accessible questionnaire: a numbered line per
// person, then the overview.
func (t *Team) Lines() (people, overview []string) {
	for i, r := range t.rows {
		people = append(people, fmt.Sprintf("%d. %s: %d of %d answered, %s", i+1, r.name, r.answered, len(t.cfg.Bank.Questions), t.verdict(r)))
	}
	return people, t.overview()
}
