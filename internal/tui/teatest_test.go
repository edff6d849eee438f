package tui

import (
	"bytes"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/exp/teatest"

	"github.com/coachmentor/coachmentor/internal/testutil"
)

// Keys sent back to back, without waiting for the screen, all count: each page is complete
// when the Enter that ends it is handled, so no key reaches a page that has gone.
func TestKeysBackToBack(t *testing.T) {
	cfg := testConfig(t)
	tm := teatest.NewTestModel(t, New(cfg), teatest.WithInitialTermSize(100, 30))
	picks := []string{"2", "3", "1", "4", "2", "1", "2", "1", "2", "3", "1", "2", "1", "2", "1"}
	tm.Send(keyMsg("enter"))
	for _, p := range picks {
		tm.Send(keyMsg(p))
		tm.Send(keyMsg("enter"))
	}
	tm.Send(keyMsg("enter")) // the review: on to the results
	tm.Send(keyMsg("q"))
	tm.Send(keyMsg("y"))
	m := tm.FinalModel(t, teatest.WithFinalTimeout(testutil.HangLimit(t))).(*Model)
	if !m.Finished() {
		t.Fatal("did not finish")
	}
	for i, q := range def.Questions {
		n := int(picks[i][0] - '1')
		want := "unsure"
		if n < len(q.Options) {
			want = q.Options[n].ID
		}
		if got := m.Answers()[q.ID]; got != want {
			t.Errorf("%s = %q, want %q", q.ID, got, want)
		}
	}
}

// The whole questionnaire through a real program: the first screen, a question, a resize,
// the results and ctrl+c.
func TestFlowThroughAProgram(t *testing.T) {
	tm := teatest.NewTestModel(t, New(testConfig(t)), teatest.WithInitialTermSize(100, 30))
	waitFor(t, tm, "Press enter to start")
	tm.Send(keyMsg("enter"))
	waitFor(t, tm, "Question 1 of 15")
	tm.Send(tea.WindowSizeMsg{Width: 50, Height: 12})
	waitFor(t, tm, "please make it larger")
	tm.Send(tea.WindowSizeMsg{Width: 80, Height: 24})
	tm.Send(keyMsg("1"))
	waitFor(t, tm, "An individual contributor")
	tm.Send(keyMsg("ctrl+c"))
	m := tm.FinalModel(t, teatest.WithFinalTimeout(testutil.HangLimit(t))).(*Model)
	if !m.Interrupted() || len(m.Answers()) != 0 {
		t.Fatalf("interrupted %v, answers %v (the highlighted answer was never chosen)", m.Interrupted(), m.Answers())
	}
}

// waitFor waits until the program's output shows want. The wait is for an event, the
// frame; the limit only stops a test that would otherwise hang.
func waitFor(t *testing.T, tm *teatest.TestModel, want string) {
	t.Helper()
	teatest.WaitFor(t, tm.Output(), func(b []byte) bool { return bytes.Contains(b, []byte(want)) },
		teatest.WithDuration(testutil.HangLimit(t)), teatest.WithCheckInterval(5*time.Millisecond))
}
