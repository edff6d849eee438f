package tui_test

import (
	"bytes"
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/exp/teatest"

	"github.com/coachmentor/coachmentor/internal/cli"
	"github.com/coachmentor/coachmentor/internal/cmdutil"
	"github.com/coachmentor/coachmentor/internal/iostreams"
	"github.com/coachmentor/coachmentor/internal/report"
	"github.com/coachmentor/coachmentor/internal/tui"
	"github.com/coachmentor/coachmentor/questions"
)

// The questionnaire's result for a set of answers is exactly `coachmentor recommend`'s:
// answered through the real program loop, then given to recommend as flags.
func TestQuestionnaireEqualsRecommend(t *testing.T) {
	b := questions.Default()
	m := tui.New(tui.Config{Bank: b, Now: time.Now, Dir: t.TempDir()})
	tm := teatest.NewTestModel(t, m, teatest.WithInitialTermSize(100, 30))
	wait := func(s string) {
		teatest.WaitFor(t, tm.Output(), func(out []byte) bool { return bytes.Contains(out, []byte(s)) },
			teatest.WithDuration(5*time.Second), teatest.WithCheckInterval(10*time.Millisecond))
	}
	wait("Press enter to start")
	moves := []int{1, 3, 0, 2, 1, 0, 1, 2, 1, 2, 9, 0, 1, 2} // cursor moves per question; 2 or more past the last option is "Not sure"
	tm.Send(tea.KeyMsg{Type: tea.KeyEnter})
	for i, n := range moves {
		wait(fmt.Sprintf("Question %d of 14", i+1))
		for range min(n, len(b.Questions[i].Options)) {
			tm.Send(tea.KeyMsg{Type: tea.KeyDown})
			time.Sleep(5 * time.Millisecond)
		}
		time.Sleep(20 * time.Millisecond)
		tm.Send(tea.KeyMsg{Type: tea.KeyEnter})
	}
	wait("Review your answers")
	tm.Send(tea.KeyMsg{Type: tea.KeyEnter})
	wait("Recommendation:")
	tm.Send(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("q")})
	final := tm.FinalModel(t, teatest.WithFinalTimeout(5*time.Second)).(*tui.Model)

	var fromTUI bytes.Buffer
	if err := report.JSON(&fromTUI, b, final.Result(), report.Options{}); err != nil {
		t.Fatal(err)
	}
	args := []string{"recommend", "--format", "json"}
	for id, a := range final.Answers() {
		args = append(args, "--answer", id+"="+a)
	}
	ios, _, out, errOut := iostreams.Test()
	if code := cli.Run(context.Background(), cmdutil.New(ios, "test"), args); code != 0 {
		t.Fatalf("recommend exit %d: %s", code, errOut)
	}
	if out.String() != fromTUI.String() {
		t.Fatalf("results differ for %s\nquestionnaire:\n%s\nrecommend:\n%s", strings.Join(args, " "), fromTUI.String(), out.String())
	}
	if len(final.Answers()) != len(b.Questions) {
		t.Fatalf("%d answers, want %d", len(final.Answers()), len(b.Questions))
	}
}
