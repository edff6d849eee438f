package tui

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/exp/golden"
	"github.com/muesli/termenv"

	"github.com/coachmentor/coachmentor/internal/bank"
	"github.com/coachmentor/coachmentor/internal/engine"
	"github.com/coachmentor/coachmentor/internal/report"
	"github.com/coachmentor/coachmentor/internal/safefile"
	"github.com/coachmentor/coachmentor/questions"
)

func TestMain(m *testing.M) {
	// Golden views are compared without colour; the terminal is never asked anything.
	lipgloss.SetColorProfile(termenv.Ascii)
	lipgloss.SetHasDarkBackground(true)
	os.Exit(m.Run())
}

var (
	def      = questions.Default()
	fixedNow = func() time.Time { return time.Date(2026, 11, 22, 9, 30, 0, 0, time.UTC) }
)

func testConfig(t *testing.T) Config {
	return Config{
		Bank: def, Now: fixedNow, Dir: t.TempDir(),
		Save:   safefile.Write,
		Exists: func(p string) bool { _, err := os.Stat(p); return err == nil },
	}
}

// driver feeds messages to the model and runs the commands they return, synchronously,
// as the bubbletea runtime would. Commands that do not return promptly (timers) are
// dropped.
type driver struct {
	t    *testing.T
	m    *Model
	quit bool
}

func newDriver(t *testing.T, cfg Config, w, h int) *driver {
	d := &driver{t: t, m: New(cfg)}
	d.run(d.m.Init())
	d.send(tea.WindowSizeMsg{Width: w, Height: h})
	return d
}

func (d *driver) send(msg tea.Msg) *driver {
	d.t.Helper()
	_, cmd := d.m.Update(msg)
	d.run(cmd)
	return d
}

func (d *driver) keys(keys ...string) *driver {
	d.t.Helper()
	for _, k := range keys {
		d.send(keyMsg(k))
	}
	return d
}

func keyMsg(k string) tea.KeyMsg {
	switch k {
	case "enter":
		return tea.KeyMsg{Type: tea.KeyEnter}
	case "down":
		return tea.KeyMsg{Type: tea.KeyDown}
	case "up":
		return tea.KeyMsg{Type: tea.KeyUp}
	case "shift+tab":
		return tea.KeyMsg{Type: tea.KeyShiftTab}
	case "esc":
		return tea.KeyMsg{Type: tea.KeyEsc}
	case "ctrl+c":
		return tea.KeyMsg{Type: tea.KeyCtrlC}
	case "pgdown":
		return tea.KeyMsg{Type: tea.KeyPgDown}
	}
	return tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(k)}
}

func (d *driver) run(cmd tea.Cmd) {
	queue := []tea.Cmd{cmd}
	for steps := 0; len(queue) > 0; steps++ {
		if steps > 10000 {
			d.t.Fatal("commands do not settle")
		}
		c := queue[0]
		queue = queue[1:]
		if c == nil {
			continue
		}
		msg := runCmd(c)
		switch v := msg.(type) {
		case nil:
		case tea.QuitMsg:
			d.quit = true
		case tea.BatchMsg:
			queue = append(queue, v...)
		default:
			if rv := reflect.ValueOf(msg); rv.Kind() == reflect.Slice && rv.Type().Elem() == reflect.TypeOf(tea.Cmd(nil)) {
				// tea.Sequence: run in order, before anything queued after it.
				seq := make([]tea.Cmd, rv.Len())
				for i := range seq {
					seq[i] = rv.Index(i).Interface().(tea.Cmd)
				}
				queue = append(seq, queue...)
				continue
			}
			_, next := d.m.Update(msg)
			queue = append(queue, next)
		}
	}
}

func runCmd(c tea.Cmd) tea.Msg {
	ch := make(chan tea.Msg, 1)
	go func() { ch <- c() }()
	select {
	case msg := <-ch:
		return msg
	case <-time.After(50 * time.Millisecond):
		return nil
	}
}

// view is the screen without trailing spaces, for golden files.
func (d *driver) view() string {
	lines := strings.Split(d.m.View(), "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRight(l, " ")
	}
	return strings.Join(lines, "\n")
}

// throughToResults accepts every default: Enter on every screen.
func (d *driver) throughToResults() *driver {
	d.t.Helper()
	for range len(def.Questions) + 2 {
		d.keys("enter")
	}
	if d.m.screen != screenResults {
		d.t.Fatalf("Enter on every screen did not reach the results; on screen %d", d.m.screen)
	}
	return d
}

func TestGoldenViews(t *testing.T) {
	t.Run("welcome", func(t *testing.T) {
		d := newDriver(t, testConfig(t), 80, 24)
		golden.RequireEqual(t, []byte(d.view()))
	})
	t.Run("question narrow", func(t *testing.T) {
		d := newDriver(t, testConfig(t), 80, 24).keys("enter")
		golden.RequireEqual(t, []byte(d.view()))
	})
	t.Run("question with panel", func(t *testing.T) {
		d := newDriver(t, testConfig(t), 120, 30).keys("enter", "down")
		golden.RequireEqual(t, []byte(d.view()))
	})
	t.Run("review", func(t *testing.T) {
		d := newDriver(t, testConfig(t), 100, 30).keys("enter")
		for range def.Questions {
			d.keys("enter")
		}
		golden.RequireEqual(t, []byte(d.view()))
	})
	t.Run("results", func(t *testing.T) {
		cfg := testConfig(t)
		cfg.For = "Sam"
		d := newDriver(t, cfg, 100, 30).throughToResults()
		golden.RequireEqual(t, []byte(d.view()))
	})
	t.Run("resume", func(t *testing.T) {
		cfg := testConfig(t)
		cfg.Resume = map[string]string{"scope": "broad-development", "goal": "growth"}
		cfg.ResumedAt = fixedNow()
		d := newDriver(t, cfg, 80, 24)
		golden.RequireEqual(t, []byte(d.view()))
	})
	t.Run("resume with another bank", func(t *testing.T) {
		cfg := testConfig(t)
		cfg.Resume = map[string]string{"scope": "broad-development"}
		cfg.ResumedAt = fixedNow()
		cfg.ResumeOther = []string{"manager"}
		d := newDriver(t, cfg, 80, 24)
		golden.RequireEqual(t, []byte(d.view()))
	})
	t.Run("too small", func(t *testing.T) {
		d := newDriver(t, testConfig(t), 50, 12)
		golden.RequireEqual(t, []byte(d.view()))
	})
}

// The help line fits the window on every screen, and however narrow the window, it keeps
// "? more keys", which lists the keys there was no room for.
func TestHelpLineFitsAndKeepsTheKeyForMore(t *testing.T) {
	for _, width := range []int{MinWidth, 80} {
		d := newDriver(t, testConfig(t), width, 24)
		screens := map[string]func(){
			"welcome":  func() {},
			"question": func() { d.keys("enter") },
			"review": func() {
				for range def.Questions {
					d.keys("enter")
				}
			},
			"results": func() { d.keys("enter") },
		}
		for _, name := range []string{"welcome", "question", "review", "results"} {
			screens[name]()
			lines := strings.Split(d.view(), "\n")
			help := lines[len(lines)-1]
			if w := lipgloss.Width(help); w > width {
				t.Errorf("%d columns, %s: the help line is %d wide: %q", width, name, w, help)
			}
			if !strings.HasSuffix(help, "? more keys") {
				t.Errorf("%d columns, %s: the help line lost \"? more keys\": %q", width, name, help)
			}
		}
	}
}

// In the smallest window the welcome screen gives up its text, not the choice to resume or
// start afresh.
func TestResumeChoiceIsWholeInASmallWindow(t *testing.T) {
	cfg := testConfig(t)
	cfg.Resume = map[string]string{"scope": "broad-development"}
	cfg.ResumedAt = fixedNow()
	cfg.Answers = map[string]string{"goal": "growth"}
	cfg.PrefillFrom = "answers.yaml"
	d := newDriver(t, cfg, MinWidth, MinHeight)
	v := d.view()
	for _, want := range []string{"Coaching or mentoring?", "1 answer pre-filled from answers.yaml.", "You have unfinished answers", "Resume where I left off", "Start fresh", "? more keys"} {
		if !strings.Contains(v, want) {
			t.Errorf("the welcome screen at %d×%d lacks %q:\n%s", MinWidth, MinHeight, want, v)
		}
	}
	if lines := strings.Count(v, "\n") + 1; lines > MinHeight {
		t.Errorf("%d lines in a window of %d", lines, MinHeight)
	}
}

// "?" lists every key of the screen, however narrow the window: columns that do not fit
// side by side are stacked rather than cut off.
func TestFullHelpShowsEveryKeyInANarrowWindow(t *testing.T) {
	for _, width := range []int{MinWidth, 80, 120} {
		d := newDriver(t, testConfig(t), width, 30).throughToResults().keys("?")
		v := d.view()
		for _, group := range d.m.helpFor().full {
			for _, b := range group {
				if !strings.Contains(v, b.Help().Desc) {
					t.Errorf("%d columns: the full help lacks %q:\n%s", width, b.Help().Desc, v)
				}
			}
		}
		for _, l := range strings.Split(v, "\n") {
			if w := lipgloss.Width(l); w > width {
				t.Errorf("%d columns: a line is %d wide: %q", width, w, l)
			}
		}
	}
}

// In a narrow window the save prompt's line fits, and the file name scrolls to keep the
// cursor, at its end, in view.
func TestSavePromptFitsANarrowWindow(t *testing.T) {
	cfg := testConfig(t)
	cfg.For = "Priya Raman"
	d := newDriver(t, cfg, MinWidth, MinHeight).throughToResults().keys("s")
	var prompt string
	for _, l := range strings.Split(d.view(), "\n") {
		if strings.Contains(l, "Save the Markdown report as:") {
			prompt = l
		}
	}
	if prompt == "" {
		t.Fatalf("no save prompt:\n%s", d.view())
	}
	if w := lipgloss.Width(prompt); w > MinWidth {
		t.Fatalf("the save prompt is %d wide in a window of %d: %q", w, MinWidth, prompt)
	}
	if !strings.Contains(prompt, "2026-11-22.md") {
		t.Fatalf("the save prompt does not show the end of the name, where the cursor is: %q", prompt)
	}
	// Wider, the whole name shows.
	d.send(tea.WindowSizeMsg{Width: 100, Height: 30})
	if !strings.Contains(d.view(), "Save the Markdown report as: coachmentor-report-Priya-Raman-2026-11-22.md") {
		t.Fatalf("the whole name does not show in a wide window:\n%s", d.view())
	}
}

// In the narrowest window, the progress bar gives up room so that the name stays whole.
func TestHeaderKeepsTheNameInANarrowWindow(t *testing.T) {
	cfg := testConfig(t)
	cfg.For = "Sam Okafor"
	d := newDriver(t, cfg, MinWidth, MinHeight).keys("enter")
	header := strings.Split(d.view(), "\n")[1]
	if !strings.Contains(header, "for Sam Okafor") || !strings.Contains(header, "Question 1 of 14") {
		t.Fatalf("header %q lost the name or the question count", header)
	}
	if w := lipgloss.Width(header); w > MinWidth {
		t.Fatalf("header is %d cells wide in a window of %d: %q", w, MinWidth, header)
	}
	if !strings.Contains(header, "░░░░░░") {
		t.Fatalf("header %q has no progress bar", header)
	}
}

func TestEnterEverywhereReachesResults(t *testing.T) {
	d := newDriver(t, testConfig(t), 80, 24).throughToResults()
	if !strings.Contains(d.view(), "Recommendation: ") {
		t.Fatal("no recommendation heading on the results screen")
	}
	// Every default is the first answer.
	for _, q := range def.Questions {
		if got := d.m.Answers()[q.ID]; got != q.Options[0].ID {
			t.Errorf("%s = %q, want the first answer %q", q.ID, got, q.Options[0].ID)
		}
	}
}

func TestBackKeepsAnswers(t *testing.T) {
	d := newDriver(t, testConfig(t), 80, 24).keys("enter")
	d.keys("down", "enter")         // scope: broad-development
	d.keys("down", "down", "enter") // duration: year
	if d.m.index != 2 {
		t.Fatalf("on question %d, want 3", d.m.index+1)
	}
	d.keys("shift+tab")
	if d.m.index != 1 || d.m.s.scratch != "year" {
		t.Fatalf("back to question %d with %q highlighted, want 2 with year", d.m.index+1, d.m.s.scratch)
	}
	if !strings.Contains(d.view(), "> About a year") {
		t.Fatalf("the earlier answer is not highlighted:\n%s", d.view())
	}
	d.keys("shift+tab")
	if !strings.Contains(d.view(), "> Broad development") {
		t.Fatalf("the first answer is not highlighted:\n%s", d.view())
	}
	// Going back does not answer the question that was open.
	if _, ok := d.m.Answers()["structure"]; ok {
		t.Fatal("the open question was answered by going back")
	}
	d.keys("enter", "enter")
	if got := d.m.Answers(); got["scope"] != "broad-development" || got["duration"] != "year" {
		t.Fatalf("answers lost going back and forth: %v", got)
	}
	// Back from the first question is the welcome screen.
	d = newDriver(t, testConfig(t), 80, 24).keys("enter", "shift+tab")
	if d.m.screen != screenWelcome {
		t.Fatal("shift+tab on the first question did not return to the welcome screen")
	}
}

func TestEditFromReview(t *testing.T) {
	d := newDriver(t, testConfig(t), 100, 30).keys("enter")
	for range def.Questions {
		d.keys("enter")
	}
	// Review: "See the results" first, then the questions in order; pick the second one.
	d.keys("down", "down", "enter")
	if d.m.screen != screenQuestion || d.m.index != 1 || !d.m.editing {
		t.Fatalf("did not open question 2 for editing (screen %d, question %d)", d.m.screen, d.m.index+1)
	}
	d.keys("down", "down", "down", "enter") // years
	if d.m.screen != screenReview {
		t.Fatal("answering an edited question did not return to the review")
	}
	if !strings.Contains(d.view(), "Duration: More than a year") {
		t.Fatalf("the review does not show the new answer:\n%s", d.view())
	}
	d.keys("enter")
	if d.m.screen != screenResults || d.m.Answers()["duration"] != "years" {
		t.Fatal("results do not use the edited answer")
	}
	// From the results, e goes back to the review and r starts again.
	d.keys("e")
	if d.m.screen != screenReview {
		t.Fatal("e did not open the review")
	}
	d.keys("enter", "r")
	if d.m.screen != screenQuestion || d.m.index != 0 || len(d.m.Answers()) != 0 {
		t.Fatalf("r did not start again: screen %d, %d answers", d.m.screen, len(d.m.Answers()))
	}
}

func TestLivePanelFollowsTheCursor(t *testing.T) {
	d := newDriver(t, testConfig(t), 120, 30).keys("enter")
	if !strings.Contains(d.view(), "Coaching  confidence") {
		t.Fatalf("panel does not lean to coaching on the first answer:\n%s", d.view())
	}
	d.keys("down")
	if !strings.Contains(d.view(), "Mentoring  confidence") || !strings.Contains(d.view(), "1. One-on-one mentoring") {
		t.Fatalf("panel does not follow the highlighted answer:\n%s", d.view())
	}
	// Narrow windows have no panel but the same lean in brief under the question, which
	// follows the cursor too.
	d.send(tea.WindowSizeMsg{Width: 80, Height: 30})
	if strings.Contains(d.view(), "Top types") || strings.Contains(d.view(), "╭") {
		t.Fatalf("panel shown in a narrow window:\n%s", d.view())
	}
	if !strings.Contains(d.view(), "Mentoring, confidence 0.32; best fit One-on-one mentoring") {
		t.Fatalf("no brief lean under the question in a narrow window:\n%s", d.view())
	}
	d.keys("up")
	if !strings.Contains(d.view(), "Coaching, confidence 0.32; best fit Performance coaching") {
		t.Fatalf("the brief lean does not follow the highlighted answer:\n%s", d.view())
	}
}

// In a window too short for both, the answers keep their room and the brief lean is left
// out; a taller window has room for both.
func TestBriefLeanGivesWayToTheAnswers(t *testing.T) {
	d := newDriver(t, testConfig(t), MinWidth, MinHeight).keys("enter")
	for d.m.cfg.Bank.Questions[d.m.index].ID != "goal" {
		d.keys("enter")
	}
	if v := d.view(); strings.Contains(v, "With this answer") || !strings.Contains(v, "Close a performance gap") {
		t.Fatalf("the goal's answers gave way to the lean in a short window:\n%s", v)
	}
	if lines := strings.Count(d.view(), "\n") + 1; lines > MinHeight {
		t.Fatalf("%d lines in a window of %d", lines, MinHeight)
	}
	d.send(tea.WindowSizeMsg{Width: 80, Height: 24})
	v := d.view()
	if !strings.Contains(v, "With this answer") || !strings.Contains(v, "Not sure") {
		t.Fatalf("at 80×24 the goal should show every answer and the lean:\n%s", v)
	}
	if lines := strings.Count(v, "\n") + 1; lines > 24 {
		t.Fatalf("%d lines in a window of 24", lines)
	}
}

func TestInterruptKeepsAnswers(t *testing.T) {
	d := newDriver(t, testConfig(t), 80, 24).keys("enter", "down", "enter", "enter", "ctrl+c")
	if !d.quit || !d.m.Interrupted() {
		t.Fatal("ctrl+c did not quit as interrupted")
	}
	want := map[string]string{"scope": "broad-development", "duration": "weeks"}
	if got := d.m.Answers(); !reflect.DeepEqual(got, want) {
		t.Fatalf("answers %v, want %v", got, want)
	}
}

func TestResumeAndPrefill(t *testing.T) {
	cfg := testConfig(t)
	cfg.Resume = map[string]string{"scope": "broad-development", "duration": "years"}
	d := newDriver(t, cfg, 80, 24).keys("enter")
	if d.m.screen != screenQuestion || d.m.index != 2 {
		t.Fatalf("resume did not continue at the first unanswered question (question %d)", d.m.index+1)
	}
	if d.m.Answers()["duration"] != "years" {
		t.Fatal("resumed answers lost")
	}
	d = newDriver(t, cfg, 80, 24).keys("down", "enter")
	if len(d.m.Answers()) != 0 || d.m.index != 0 {
		t.Fatal("start fresh kept the saved answers")
	}
	cfg = testConfig(t)
	cfg.Answers, cfg.PrefillFrom = map[string]string{"scope": "specific-skills"}, "a.yaml"
	d = newDriver(t, cfg, 80, 24)
	if !strings.Contains(d.view(), "1 answer pre-filled from a.yaml") {
		t.Fatalf("pre-fill not shown:\n%s", d.view())
	}
	d.keys("enter")
	if d.m.index != 1 {
		t.Fatalf("pre-filled question asked again (question %d)", d.m.index+1)
	}
}

// The questionnaire's result for a set of answers is exactly recommend's.
func TestResultEqualsEngine(t *testing.T) {
	d := newDriver(t, testConfig(t), 100, 30).keys("enter")
	moves := []int{1, 2, 0, 1, 1, 0, 1, 2, 1, 3, 6, 1, 0, 1} // cursor moves down per question
	for _, n := range moves {
		for range n {
			d.keys("down")
		}
		d.keys("enter")
	}
	d.keys("enter")
	if d.m.screen != screenResults {
		t.Fatal("not on the results")
	}
	var given []string
	for id, a := range d.m.Answers() {
		given = append(given, id+"="+a)
	}
	want := engine.New(def).Evaluate(d.m.Selection())
	var a, b bytes.Buffer
	report.JSON(&a, def, d.m.Result(), report.Options{})
	report.JSON(&b, def, want, report.Options{})
	if a.String() != b.String() {
		t.Fatalf("results differ for %v", given)
	}
	// And the screen says so.
	if !strings.Contains(d.view(), "Recommendation: "+report.Title(want.Recommendation)) {
		t.Fatal("heading does not match the engine")
	}
}

// The offered name is dated, and names the person or team when the questionnaire does.
func TestReportName(t *testing.T) {
	day := time.Date(2026, 11, 22, 9, 0, 0, 0, time.UTC)
	for who, want := range map[string]string{
		"":             "coachmentor-report-2026-11-22.md",
		"Gómez, Luis":  "coachmentor-report-Gómez-Luis-2026-11-22.md",
		"../../etc":    "coachmentor-report-etc-2026-11-22.md",
		"Sales team/2": "coachmentor-report-Sales-team-2-2026-11-22.md",
		" / ":          "coachmentor-report-2026-11-22.md",
	} {
		if got := reportName(who, day); got != want {
			t.Errorf("reportName(%q) = %q, want %q", who, got, want)
		}
	}
}

func TestSaveReport(t *testing.T) {
	cfg := testConfig(t)
	cfg.For = "Sam"
	d := newDriver(t, cfg, 100, 30).throughToResults()
	d.keys("s")
	if !strings.Contains(d.view(), "Save the Markdown report as: coachmentor-report-Sam-2026-11-22.md") {
		t.Fatalf("no pre-filled prompt:\n%s", d.view())
	}
	d.keys("enter")
	path := filepath.Join(cfg.Dir, "coachmentor-report-Sam-2026-11-22.md")
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var want bytes.Buffer
	report.Markdown(&want, def, d.m.Result(), report.Options{For: "Sam"})
	if !bytes.Equal(data, want.Bytes()) {
		t.Fatal("the saved report differs from recommend --format markdown")
	}
	if !strings.Contains(d.view(), "Saved the report to "+path) {
		t.Fatalf("saved path not shown:\n%s", d.view())
	}

	// Saving again asks first, and "no" keeps the file.
	os.WriteFile(path, []byte("my edits"), 0o644)
	d.keys("s", "enter")
	if !strings.Contains(d.view(), "That file exists. Replace it? (y/N)") {
		t.Fatalf("no confirmation:\n%s", d.view())
	}
	d.keys("n", "esc")
	if got, _ := os.ReadFile(path); string(got) != "my edits" {
		t.Fatal("the file was replaced without a yes")
	}
	d.keys("s", "enter", "y")
	if got, _ := os.ReadFile(path); !bytes.Equal(got, want.Bytes()) {
		t.Fatal("yes did not replace the file")
	}

	// Another name, typed over the default.
	d.keys("s")
	for range len("coachmentor-report-Sam-2026-11-22.md") {
		d.send(tea.KeyMsg{Type: tea.KeyBackspace})
	}
	d.keys("sam.md", "enter")
	if _, err := os.Stat(filepath.Join(cfg.Dir, "sam.md")); err != nil {
		t.Fatal("typed name not used")
	}
	// A folder that does not exist is an error on screen, not a crash.
	d.keys("s")
	for range len("coachmentor-report-Sam-2026-11-22.md") {
		d.send(tea.KeyMsg{Type: tea.KeyBackspace})
	}
	d.keys("no/such/dir/r.md", "enter")
	if !strings.Contains(d.view(), "Not saved: cannot write") {
		t.Fatalf("no error shown:\n%s", d.view())
	}
}

func TestQuitFromResults(t *testing.T) {
	d := newDriver(t, testConfig(t), 100, 30).throughToResults().keys("q")
	if !d.quit || !d.m.Finished() || d.m.Interrupted() {
		t.Fatal("q did not finish")
	}
}

func TestResultsScroll(t *testing.T) {
	d := newDriver(t, testConfig(t), 100, 24).throughToResults()
	top := d.view()
	d.keys("pgdown")
	if d.view() == top {
		t.Fatal("page down did not scroll")
	}
	d.keys("?")
	if !strings.Contains(d.view(), "page down") {
		t.Fatal("? did not show the full help")
	}
}

func TestResizeReflows(t *testing.T) {
	d := newDriver(t, testConfig(t), 120, 30).keys("enter")
	for _, size := range [][2]int{{60, 18}, {80, 24}, {200, 50}, {50, 10}, {90, 20}} {
		d.send(tea.WindowSizeMsg{Width: size[0], Height: size[1]})
		for i, line := range strings.Split(d.m.View(), "\n") {
			if w := lipgloss.Width(line); w > size[0] {
				t.Fatalf("at %dx%d line %d is %d wide: %q", size[0], size[1], i, w, line)
			}
		}
		if h := lipgloss.Height(d.m.View()); size[0] >= MinWidth && size[1] >= MinHeight && h > size[1] {
			t.Fatalf("at %dx%d the view is %d lines high", size[0], size[1], h)
		}
	}
}

// In a short window the options scroll with the cursor, the ones around it in sight; in a
// standard 80x24 terminal the whole review fits.
func TestShortWindowsScroll(t *testing.T) {
	d := newDriver(t, testConfig(t), 70, 20).keys("enter")
	for d.m.index < 10 { // the goal, with ten options and Not sure
		d.keys("enter")
	}
	for range 9 {
		d.keys("down")
	}
	view := d.view()
	for _, want := range []string{"Give seniors a fresh view", "> Get through a situation", "↑ 4 more", "↓ 1 more"} {
		if !strings.Contains(view, want) {
			t.Errorf("the goal question, nine down, lacks %q:\n%s", want, view)
		}
	}
	if h := lipgloss.Height(d.m.View()); h > 20 {
		t.Errorf("the view is %d lines high", h)
	}

	d = newDriver(t, testConfig(t), 80, 24).keys("enter")
	for range def.Questions {
		d.keys("enter")
	}
	for _, q := range def.Questions {
		if !strings.Contains(d.view(), q.Title+":") {
			t.Errorf("the review at 80x24 lacks %s:\n%s", q.Title, d.view())
		}
	}
}

var ansiSeq = regexp.MustCompile("\x1b\\[[0-9;?]*[a-zA-Z]")

func TestNoColourInGoldenViews(t *testing.T) {
	d := newDriver(t, testConfig(t), 80, 24).keys("enter")
	if ansiSeq.MatchString(d.view()) {
		t.Fatal("escape sequences in a view rendered without colour")
	}
}

func TestBankOrderHelpers(t *testing.T) {
	m := New(testConfig(t))
	m.fill(map[string]string{"SCOPE": "Broad_Development", "nope": "x", "goal": "unsure"})
	if got := m.Answers(); got["scope"] != "broad-development" || got["goal"] != bank.Unsure || len(got) != 2 {
		t.Fatalf("fill: %v", got)
	}
}

// A keystroke on a question page: the model update, the live panel's scoring and the
// full redraw. A frame at 60 Hz is 16.7 ms.
func BenchmarkQuestionKeystroke(b *testing.B) {
	t := &testing.T{}
	d := newDriver(t, Config{Bank: def, Now: fixedNow}, 120, 30).keys("enter")
	down := keyMsg("down")
	b.ReportAllocs()
	for b.Loop() {
		_, cmd := d.m.Update(down)
		_ = cmd
		_ = d.m.View()
	}
}

// A keystroke on the results screen: scrolling and redrawing.
func BenchmarkResultsKeystroke(b *testing.B) {
	t := &testing.T{}
	d := newDriver(t, Config{Bank: def, Now: fixedNow}, 120, 30)
	for range len(def.Questions) + 2 {
		d.keys("enter")
	}
	keys := []tea.KeyMsg{keyMsg("down"), keyMsg("up")}
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		d.m.Update(keys[i%2])
		_ = d.m.View()
		i++
	}
}
