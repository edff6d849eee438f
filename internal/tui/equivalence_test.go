package tui_test

import (
	"bytes"
	"context"
	"io"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/exp/teatest"
	"github.com/muesli/termenv"

	"github.com/coachmentor/coachmentor/internal/cli"
	"github.com/coachmentor/coachmentor/internal/cmdutil"
	"github.com/coachmentor/coachmentor/internal/iostreams"
	"github.com/coachmentor/coachmentor/internal/report"
	"github.com/coachmentor/coachmentor/internal/testutil"
	"github.com/coachmentor/coachmentor/internal/tui"
	"github.com/coachmentor/coachmentor/questions"
)

// The questionnaire's result for a set of answers is exactly `coachmentor recommend`'s:
// answered through the real program loop, then given to recommend as flags.
func TestQuestionnaireEqualsRecommend(t *testing.T) {
	b := questions.Default()
	r := lipgloss.NewRenderer(io.Discard)
	r.SetColorProfile(termenv.Ascii)
	m := tui.New(tui.Config{Bank: b, Renderer: r, Files: tui.Files{Dir: t.TempDir(), Now: time.Now}})
	tm := teatest.NewTestModel(t, m, teatest.WithInitialTermSize(100, 30))
	key := func(s string) tea.KeyMsg {
		if s == "enter" {
			return tea.KeyMsg{Type: tea.KeyEnter}
		}
		return tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(s)}
	}
	// A number per question; past its answers, a number is nothing and enter leaves the
	// question unanswered.
	picks := "253124125312451"
	tm.Send(key("enter"))
	for _, p := range picks {
		tm.Send(key(string(p)))
		tm.Send(key("enter"))
	}
	tm.Send(key("enter"))
	tm.Send(key("q"))
	tm.Send(key("y"))
	final := tm.FinalModel(t, teatest.WithFinalTimeout(testutil.HangLimit(t))).(*tui.Model)

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
