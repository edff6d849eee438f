package advisor

import (
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/coachmentor/coachmentor/internal/cmdutil"
	"github.com/coachmentor/coachmentor/internal/iostreams"
	"github.com/coachmentor/coachmentor/internal/state"
)

func TestFlagsToOptions(t *testing.T) {
	ios, _, _, _ := iostreams.Test()
	var got *Options
	cmd := NewCmdAdvisor(cmdutil.New(ios, "test"), func(o *Options) error { got = o; return nil })
	cmd.SetArgs([]string{"--accessible", "--answers", "a.yaml", "--for", "Sam"})
	if err := cmd.Execute(); err != nil {
		t.Fatal(err)
	}
	if !got.Accessible || got.AnswersFile != "a.yaml" || got.For != "Sam" {
		t.Fatalf("options %+v", got)
	}
}

type env map[string]string

func setup(t *testing.T, tty bool, vars env) (*Options, *bytes.Buffer, *bytes.Buffer, *bytes.Buffer, string) {
	t.Helper()
	ios, in, out, errOut := iostreams.Test()
	ios.SetStdinTTY(tty)
	ios.SetStdoutTTY(tty)
	stateDir := t.TempDir()
	ios.SetEnv(func(k string) string {
		if k == "XDG_STATE_HOME" {
			return stateDir
		}
		return vars[k]
	})
	f := cmdutil.New(ios, "test")
	opts := &Options{IO: ios, Bank: f.Bank, Ctx: context.Background(), Now: func() time.Time { return time.Date(2026, 11, 22, 9, 0, 0, 0, time.UTC) }}
	opts.StatePath = func() (string, error) { return state.Path(ios.Getenv) }
	return opts, in, out, errOut, filepath.Join(stateDir, "coachmentor", state.FileName)
}

func TestNeedsATerminal(t *testing.T) {
	opts, _, out, _, _ := setup(t, false, nil)
	err := Run(opts)
	if cmdutil.ExitCode(err) != cmdutil.ExitInvalid || !strings.Contains(err.Error(), "coachmentor recommend") {
		t.Fatalf("got %v", err)
	}
	if out.Len() > 0 {
		t.Fatal("wrote output")
	}
}

func TestAccessibleAnswersLineByLine(t *testing.T) {
	for name, vars := range map[string]env{"ACCESSIBLE=1": {"ACCESSIBLE": "1"}, "TERM=dumb": {"TERM": "dumb"}} {
		t.Run(name, func(t *testing.T) {
			opts, in, out, _, _ := setup(t, false, vars)
			in.WriteString("1\n2\n1\n1\n")
			if err := Run(opts); err != nil {
				t.Fatal(err)
			}
			text := out.String()
			for _, want := range []string{
				"Question 3 of 15. Scope", "Chosen: 2, Close a performance gap.",
				"Recommendation: Coaching", "Coaching 100%, mentoring 0%",
				"The input ended; the remaining questions are left unanswered.",
			} {
				if !strings.Contains(text, want) {
					t.Errorf("output lacks %q:\n%s", want, text)
				}
			}
			// No bar for a screen reader to read block by block, and no escapes.
			if strings.ContainsAny(text, "█░\x1b") {
				t.Errorf("a bar or an escape in accessible output:\n%s", text)
			}
		})
	}
}

// b goes back a question, ? explains, and anything else is asked again with what is valid.
func TestAccessibleBackAndHelp(t *testing.T) {
	opts, in, out, _, _ := setup(t, false, env{"ACCESSIBLE": "1"})
	in.WriteString("b\n1\nback\n2\n?\nx\n14\n2\n")
	if err := Run(opts); err != nil {
		t.Fatal(err)
	}
	text := out.String()
	for _, want := range []string{
		"This is the first question.",
		"Chosen: 1, One person.",
		"Chosen: 2, A senior leader.",
		"Type b or back for the previous question",
		"Enter a number between 1 and 13, b to go back or ? for help.",
		"Chosen: 2, Close a performance gap.",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("output lacks %q:\n%s", want, text)
		}
	}
}

// Answers given before are each prompt's default, said in the prompt, as a screen reader
// cannot see a cursor; the questions start at the first without one.
func TestAccessiblePrefillIsTheDefault(t *testing.T) {
	opts, in, out, _, _ := setup(t, false, env{"ACCESSIBLE": "yes"})
	file := filepath.Join(t.TempDir(), "a.yaml")
	os.WriteFile(file, []byte("participants: individual\ngoal: growth\nscope: broad-development\nduration: years\n"), 0o644)
	opts.AnswersFile = file
	in.WriteString("b\nb\n\n\n\n") // back to the scope, then keep it and the rest
	if err := Run(opts); err != nil {
		t.Fatal(err)
	}
	text := out.String()
	for _, want := range []string{
		"Resuming at question 5",
		"Answer (enter alone: 2, Broader growth; b to go back; ? for help):",
		"Answer (enter alone: 4, More than a year; b to go back; ? for help):",
		"Answer (enter alone: 3, Not sure; b to go back; ? for help):",
		"Recommendation: Mentoring",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("output lacks %q:\n%s", want, text)
		}
	}
}

// Saved answers include one for a question only another bank asks: the questionnaire
// says so, uses the rest, and when finished leaves that one saved.
func TestSavedAnswersOfAnotherBank(t *testing.T) {
	opts, in, out, _, statePath := setup(t, false, env{"ACCESSIBLE": "1"})
	os.MkdirAll(filepath.Dir(statePath), 0o700)
	os.WriteFile(statePath, []byte("participants: team\nmanager: manager-can\n"), 0o600)
	in.WriteString("\n") // the first unanswered question; the input then ends
	if err := Run(opts); err != nil {
		t.Fatal(err)
	}
	if want := "1 more, for a question this bank does not ask (manager), stays saved for the bank that asks it."; !strings.Contains(out.String(), want) {
		t.Errorf("output lacks %q:\n%s", want, out.String())
	}
	data, err := os.ReadFile(statePath)
	if err != nil || !strings.Contains(string(data), "manager: manager-can") || strings.Contains(string(data), "participants:") {
		t.Fatalf("saved answers after finishing: %v\n%s", err, data)
	}
}

func TestBadAnswersFile(t *testing.T) {
	opts, _, _, _, _ := setup(t, true, nil)
	file := filepath.Join(t.TempDir(), "a.yaml")
	os.WriteFile(file, []byte("scope: sideways\n"), 0o644)
	opts.AnswersFile = file
	err := Run(opts)
	if cmdutil.ExitCode(err) != cmdutil.ExitInvalid || !strings.Contains(err.Error(), `unknown answer "sideways" for scope`) {
		t.Fatalf("got %v", err)
	}
}

// watcher is an output that tells, through a channel, when it has shown some text.
type watcher struct {
	mu   sync.Mutex
	buf  bytes.Buffer
	want string
	seen chan struct{}
	done bool
}

func (w *watcher) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.buf.Write(p)
	if !w.done && strings.Contains(w.buf.String(), w.want) {
		close(w.seen)
		w.done = true
	}
	return len(p), nil
}

// Ctrl+C while a prompt waits for input keeps the answers given, with the name, says so on
// a line of its own, and exits 130; the next run resumes at the next question, named.
func TestAccessibleInterruptKeepsAnswers(t *testing.T) {
	opts, _, _, errOut, statePath := setup(t, false, env{"ACCESSIBLE": "1"})
	opts.For = "Ann Lee"
	pr, pw := io.Pipe()
	defer pw.Close()
	out := &watcher{want: "Question 2 of 15", seen: make(chan struct{})}
	opts.IO.In, opts.IO.Out = pr, out
	ctx, cancel := context.WithCancel(context.Background())
	opts.Ctx = ctx
	go func() {
		pw.Write([]byte("2\n"))
		<-out.seen // the second prompt is waiting
		cancel()
	}()
	err := Run(opts)
	if cmdutil.ExitCode(err) != cmdutil.ExitInterrupted {
		t.Fatalf("exit %d (%v), want 130", cmdutil.ExitCode(err), err)
	}
	// Ann Lee's answers are hers, in the team's folder.
	data, rerr := os.ReadFile(state.PersonFile(state.PeopleDir(statePath), "Ann Lee"))
	if rerr != nil || !strings.Contains(string(data), "participants: senior-leader") || !strings.Contains(string(data), `name: "Ann Lee"`) {
		t.Fatalf("answers not kept: %v\n%s", rerr, data)
	}
	if got, want := errOut.String(), "\nInterrupted; 1 answer saved. Run coachmentor to resume.\n"; got != want {
		t.Fatalf("stderr %q, want %q", got, want)
	}

	opts2, in2, out2, _, _ := setup(t, false, env{"ACCESSIBLE": "1"})
	opts2.StatePath = func() (string, error) { return statePath, nil }
	in2.WriteString("\n")
	if err := Run(opts2); err != nil {
		t.Fatal(err)
	}
	if text := out2.String(); !strings.Contains(text, "Resuming at question 2") || !strings.Contains(text, "For: Ann Lee") {
		t.Fatalf("the second run:\n%s", text)
	}
}

// With every question left unanswered, accessible mode says what to do in that mode, not
// to give answers with flags, and the report carries the day's date.
func TestAccessibleAllNotSure(t *testing.T) {
	opts, in, out, _, _ := setup(t, false, env{"ACCESSIBLE": "1"})
	in.WriteString(strings.Repeat("\n", 15))
	if err := Run(opts); err != nil {
		t.Fatal(err)
	}
	text := out.String()
	if strings.Contains(text, "with flags") || !strings.Contains(strings.Join(strings.Fields(text), " "), "Start coachmentor --accessible again") || !strings.Contains(text, "Date: 2026-11-22") {
		t.Fatalf("output:\n%s", text)
	}
}
