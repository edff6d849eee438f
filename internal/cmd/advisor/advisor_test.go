package advisor

import (
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
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
			in.WriteString("1\n1\n1\n")
			if err := Run(opts); err != nil {
				t.Fatal(err)
			}
			text := out.String()
			if !strings.Contains(text, "Question 3 of 14. Structure") || !strings.Contains(text, "Recommendation: Coaching") {
				t.Fatalf("output:\n%s", text)
			}
		})
	}
}

func TestAccessiblePrefillIsTheDefault(t *testing.T) {
	opts, in, out, _, _ := setup(t, false, env{"ACCESSIBLE": "yes"})
	file := filepath.Join(t.TempDir(), "a.yaml")
	os.WriteFile(file, []byte("scope: broad-development\nduration: years\n"), 0o644)
	opts.AnswersFile = file
	in.WriteString("\n\n") // keep both defaults
	if err := Run(opts); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "Recommendation: Mentoring") {
		t.Fatalf("pre-filled answers not used:\n%s", out.String())
	}
	// Each prompt names what enter alone takes, as a screen reader cannot see a cursor.
	for _, want := range []string{
		"What should the development work target? (enter alone: 2, Broad development)",
		"How long should the support last? (enter alone: 4, More than a year)",
		"How structured should it be? (enter alone: 3, Not sure)",
	} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("output lacks %q:\n%s", want, out.String())
		}
	}
}

// Saved answers include one for a question only another bank asks: the questionnaire
// says so, uses the rest, and when finished leaves that one saved.
func TestSavedAnswersOfAnotherBank(t *testing.T) {
	opts, in, out, _, statePath := setup(t, false, env{"ACCESSIBLE": "1"})
	os.MkdirAll(filepath.Dir(statePath), 0o700)
	os.WriteFile(statePath, []byte("scope: broad-development\nmanager: manager-can\n"), 0o600)
	in.WriteString("\n") // keep the saved scope; the input then ends
	if err := Run(opts); err != nil {
		t.Fatal(err)
	}
	if want := "1 more, for a question this bank does not ask (manager), stays saved for the bank that asks it."; !strings.Contains(out.String(), want) {
		t.Errorf("output lacks %q:\n%s", want, out.String())
	}
	data, err := os.ReadFile(statePath)
	if err != nil || !strings.Contains(string(data), "manager: manager-can") || strings.Contains(string(data), "scope:") {
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

// Ctrl+C while a prompt waits for input keeps the answers given and exits 130.
func TestAccessibleInterruptKeepsAnswers(t *testing.T) {
	opts, _, _, errOut, statePath := setup(t, false, env{"ACCESSIBLE": "1"})
	pr, pw := io.Pipe()
	opts.IO.In = pr
	ctx, cancel := context.WithCancel(context.Background())
	opts.Ctx = ctx
	go func() {
		pw.Write([]byte("2\n"))
		time.Sleep(100 * time.Millisecond) // the second prompt is now waiting
		cancel()
	}()
	err := Run(opts)
	if cmdutil.ExitCode(err) != cmdutil.ExitInterrupted {
		t.Fatalf("exit %d (%v), want 130", cmdutil.ExitCode(err), err)
	}
	data, rerr := os.ReadFile(statePath)
	if rerr != nil || !strings.Contains(string(data), "scope: broad-development") {
		t.Fatalf("answers not kept: %v\n%s", rerr, data)
	}
	if !strings.Contains(errOut.String(), "1 answer saved") {
		t.Fatalf("stderr: %s", errOut.String())
	}
	pw.Close()
}
