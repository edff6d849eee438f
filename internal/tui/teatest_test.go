package tui

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/exp/teatest"
)

// flow drives the model through a real bubbletea program.
type flow struct {
	t  *testing.T
	tm *teatest.TestModel
}

func startFlow(t *testing.T, cfg Config) *flow {
	tm := teatest.NewTestModel(t, New(cfg), teatest.WithInitialTermSize(100, 30))
	f := &flow{t: t, tm: tm}
	f.waitFor("Press enter to start")
	return f
}

// press sends a key and waits until the screen shows want: keys sent back to back,
// before the screen has changed, can be lost.
func (f *flow) press(k string, want string) {
	f.t.Helper()
	f.tm.Send(keyMsg(k))
	if want != "" {
		f.waitFor(want)
	}
}

func (f *flow) typeText(s string) { f.tm.Type(s) }

func (f *flow) waitFor(want string) {
	f.t.Helper()
	teatest.WaitFor(f.t, f.tm.Output(), func(b []byte) bool {
		return bytes.Contains(b, []byte(want))
	}, teatest.WithDuration(5*time.Second), teatest.WithCheckInterval(10*time.Millisecond))
}

func (f *flow) final() *Model {
	f.t.Helper()
	return f.tm.FinalModel(f.t, teatest.WithFinalTimeout(5*time.Second)).(*Model)
}

func (f *flow) answerAll() {
	f.t.Helper()
	f.press("enter", "Question 1 of 14")
	for i := 2; i <= len(def.Questions); i++ {
		f.press("enter", fmt.Sprintf("Question %d of 14", i))
	}
	f.press("enter", "Review your answers")
}

func TestFlowFullRun(t *testing.T) {
	f := startFlow(t, testConfig(t))
	f.answerAll()
	f.press("enter", "Recommendation: Coaching")
	f.press("q", "")
	m := f.final()
	if !m.Finished() || m.Interrupted() || len(m.Answers()) != len(def.Questions) {
		t.Fatalf("finished=%v interrupted=%v answers=%d", m.Finished(), m.Interrupted(), len(m.Answers()))
	}
}

func TestFlowBackAndEdit(t *testing.T) {
	f := startFlow(t, testConfig(t))
	f.press("enter", "Question 1 of 14")
	f.press("down", "Wider professional growth")
	f.press("enter", "Question 2 of 14")
	f.press("shift+tab", "Question 1 of 14")
	f.press("enter", "Question 2 of 14")
	for i := 3; i <= len(def.Questions); i++ {
		f.press("enter", fmt.Sprintf("Question %d of 14", i))
	}
	f.press("enter", "Review your answers")
	f.press("down", "")
	f.press("down", "")
	f.press("down", "")
	f.press("enter", "(editing)") // structure
	f.press("down", "Meetings as needed")
	f.press("enter", "Structure: A flexible relationship")
	f.press("enter", "Recommendation:")
	f.press("q", "")
	got := f.final().Answers()
	if got["scope"] != "broad-development" || got["structure"] != "flexible" {
		t.Fatalf("answers %v", got)
	}
}

func TestFlowSaveAndRefuseOverwrite(t *testing.T) {
	cfg := testConfig(t)
	path := filepath.Join(cfg.Dir, "coachmentor-report-2026-11-22.md")
	os.WriteFile(path, []byte("keep me"), 0o644)
	f := startFlow(t, cfg)
	f.answerAll()
	f.press("enter", "Recommendation:")
	f.press("s", "Save the Markdown report as")
	f.press("enter", "Replace it? (y/N)")
	f.press("n", "Save the Markdown report as")
	f.press("esc", "Not saved.")
	if got, _ := os.ReadFile(path); string(got) != "keep me" {
		t.Fatal("replaced without a yes")
	}
	f.press("s", "Save the Markdown report as")
	f.typeText("-v2")
	f.press("enter", "Saved the report to")
	f.press("q", "")
	f.final()
	data, err := os.ReadFile(path + "-v2")
	if err != nil || !bytes.HasPrefix(data, []byte("# Coaching or mentoring?")) {
		t.Fatalf("report not saved under the typed name: %v", err)
	}
}

func TestFlowInterrupt(t *testing.T) {
	f := startFlow(t, testConfig(t))
	f.press("enter", "Question 1 of 14")
	f.press("down", "Wider professional growth")
	f.press("enter", "Question 2 of 14")
	f.press("ctrl+c", "")
	m := f.final()
	if !m.Interrupted() || m.Answers()["scope"] != "broad-development" || len(m.Answers()) != 1 {
		t.Fatalf("interrupted=%v answers=%v", m.Interrupted(), m.Answers())
	}
}

func TestFlowResize(t *testing.T) {
	f := startFlow(t, testConfig(t))
	f.press("enter", "Question 1 of 14")
	f.tm.Send(tea.WindowSizeMsg{Width: 40, Height: 10})
	f.waitFor("please make it larger")
	f.tm.Send(tea.WindowSizeMsg{Width: 120, Height: 30})
	f.waitFor("With this answer")
	f.press("ctrl+c", "")
	if !strings.Contains(f.final().View(), "With this answer") {
		t.Fatal("panel did not come back after growing the window")
	}
}
