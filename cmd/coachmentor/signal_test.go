//go:build unix

package main

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/coachmentor/coachmentor/internal/testutil"
)

// shows is a writer that says when what was written so far contains a text.
type shows struct {
	mu   sync.Mutex
	buf  bytes.Buffer
	want map[string]chan struct{}
}

func newShows(wants ...string) *shows {
	s := &shows{want: map[string]chan struct{}{}}
	for _, w := range wants {
		s.want[w] = make(chan struct{})
	}
	return s
}

func (s *shows) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.buf.Write(p)
	for w, ch := range s.want {
		if ch != nil && strings.Contains(s.buf.String(), w) {
			close(ch)
			s.want[w] = nil
		}
	}
	return len(p), nil
}

// await waits until the output shows want, or the program has ended without it.
func (s *shows) await(t *testing.T, want string, ended <-chan struct{}) {
	t.Helper()
	s.mu.Lock()
	ch := s.want[want]
	s.mu.Unlock()
	if ch == nil {
		return
	}
	select {
	case <-ch:
	case <-ended:
		t.Fatalf("the program ended without showing %q:\n%s", want, s.String())
	case <-time.After(testutil.HangLimit(t)):
		t.Fatalf("never showed %q", want)
	}
}

func (s *shows) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.buf.String()
}

// start runs the program and returns a channel closed when it has ended, with its error.
func start(t *testing.T, cmd *exec.Cmd) (<-chan struct{}, *error) {
	t.Helper()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	ended := make(chan struct{})
	var err error
	go func() { err = cmd.Wait(); close(ended) }()
	t.Cleanup(func() { cmd.Process.Kill(); <-ended })
	return ended, &err
}

// A signal while a question waits keeps the answers as Ctrl+C does, says so, and the exit
// status names the signal: 143 for SIGTERM, 129 for a closed terminal, 130 for Ctrl+C.
func TestSignalKeepsAnswers(t *testing.T) {
	for sig, code := range map[syscall.Signal]int{syscall.SIGTERM: 143, syscall.SIGHUP: 129, syscall.SIGINT: 130} {
		t.Run(sig.String(), func(t *testing.T) {
			state := t.TempDir()
			cmd := exec.Command(binary, "--accessible", "--for", "Ann Lee")
			cmd.Env = append(os.Environ(), "XDG_STATE_HOME="+state)
			in, err := cmd.StdinPipe()
			if err != nil {
				t.Fatal(err)
			}
			out, errOut := newShows("Question 1 of 15", "Question 2 of 15"), newShows()
			cmd.Stdout, cmd.Stderr = out, errOut
			ended, runErr := start(t, cmd)
			out.await(t, "Question 1 of 15", ended)
			io.WriteString(in, "2\n")
			out.await(t, "Question 2 of 15", ended)
			cmd.Process.Signal(sig)
			<-ended
			if got := exitCode(*runErr); got != code {
				t.Fatalf("exit %d, want %d; stderr:\n%s", got, code, errOut)
			}
			if !strings.Contains(errOut.String(), "\nInterrupted; 1 answer saved. Run coachmentor to resume.\n") {
				t.Fatalf("stderr:\n%s", errOut)
			}
			files, _ := filepath.Glob(filepath.Join(state, "coachmentor", "people", "ann-lee-*.yaml")) // Ann Lee's own
			if len(files) != 1 {
				t.Fatalf("Ann Lee's answers: %v", files)
			}
			kept, err := os.ReadFile(files[0])
			if err != nil || !bytes.Contains(kept, []byte("participants: senior-leader")) || !bytes.Contains(kept, []byte(`name: "Ann Lee"`)) {
				t.Fatalf("answers not kept: %v\n%s", err, kept)
			}
		})
	}
}

// A batch run ended by a signal while it writes its output leaves neither the output nor
// its temporary file, and says the output was not written.
func TestSignalLeavesNoTemporaryFile(t *testing.T) {
	for sig, code := range map[syscall.Signal]int{syscall.SIGTERM: 143, syscall.SIGINT: 130} {
		t.Run(sig.String(), func(t *testing.T) {
			dir := t.TempDir()
			cmd := exec.Command(binary, "batch", "-", "-o", "results.csv", "--format", "csv")
			cmd.Dir = dir
			cmd.Env = append(os.Environ(), "XDG_STATE_HOME="+t.TempDir(), "TMPDIR="+t.TempDir())
			in, err := cmd.StdinPipe()
			if err != nil {
				t.Fatal(err)
			}
			errOut := newShows()
			cmd.Stderr = errOut
			ended, runErr := start(t, cmd)
			io.WriteString(in, "id,scope,duration\n")
			for i := range 1000 {
				fmt.Fprintf(in, "p%d,specific-skills,weeks\n", i)
			}
			// The run has started its output: the temporary file is there. Looking for it is
			// the wait; how long it takes does not matter.
			deadline := time.Now().Add(testutil.HangLimit(t))
			for names(t, dir) == "" {
				select {
				case <-ended:
					t.Fatalf("ended early: %s", errOut)
				default:
				}
				if time.Now().After(deadline) {
					t.Fatal("no temporary file was ever made")
				}
				time.Sleep(5 * time.Millisecond)
			}
			cmd.Process.Signal(sig)
			<-ended
			if got := exitCode(*runErr); got != code {
				t.Fatalf("exit %d, want %d; stderr:\n%s", got, code, errOut)
			}
			if left := names(t, dir); left != "" {
				t.Fatalf("left behind: %s", left)
			}
			if !strings.Contains(errOut.String(), "; results.csv was not written.") {
				t.Fatalf("stderr:\n%s", errOut)
			}
		})
	}
}

func names(t *testing.T, dir string) string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var s []string
	for _, e := range entries {
		s = append(s, e.Name())
	}
	return strings.Join(s, " ")
}

// SIGTERM to the full-screen questionnaire keeps the answers and gives the terminal back,
// as Ctrl+C does.
func TestTerminalSIGTERMKeepsAnswers(t *testing.T) {
	state := t.TempDir()
	s := startTmux(t, 100, 30, state)
	s.waitFor("Press enter to start")
	s.key("Enter", "Question 1 of 15")
	s.key("1", "An individual contributor")
	s.key("Enter", "Question 2 of 15")
	shell := strings.TrimSpace(s.run("display-message", "-p", "-t", s.session, "#{pane_pid}"))
	children, err := os.ReadFile(filepath.Join("/proc", shell, "task", shell, "children"))
	if err != nil {
		t.Skip("cannot find the program's process here:", err)
	}
	var pid int
	if _, err := fmt.Sscan(string(children), &pid); err != nil {
		t.Fatalf("the shell's children: %q", children)
	}
	if err := syscall.Kill(pid, syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	scr := s.waitFor("EXIT=143")
	if !strings.Contains(scr, "Interrupted; 1 answer saved.") || strings.Contains(scr, "Question 2 of 15") {
		t.Fatalf("the screen:\n%s", scr)
	}
	kept, err := os.ReadFile(filepath.Join(state, "coachmentor", "answers.yaml"))
	if err != nil || !bytes.Contains(kept, []byte("participants: individual")) {
		t.Fatalf("answers not kept: %v\n%s", err, kept)
	}
}

// Interrupted while the team report streams to standard output, the run says what the
// output holds, and it holds it: whole sections, no half-written row.
func TestSignalWhileStreaming(t *testing.T) {
	cmd := exec.Command(binary, "batch", "-", "-f", "markdown")
	cmd.Env = append(os.Environ(), "XDG_STATE_HOME="+t.TempDir())
	in, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	out, errOut := newShows("### p1\n"), newShows()
	cmd.Stdout, cmd.Stderr = out, errOut
	ended, runErr := start(t, cmd)
	io.WriteString(in, "id,scope,duration\n")
	for i := range 2000 {
		fmt.Fprintf(in, "p%d,specific-skills,weeks\n", i)
	}
	out.await(t, "### p1\n", ended)
	cmd.Process.Signal(os.Interrupt)
	<-ended
	if got := exitCode(*runErr); got != 130 {
		t.Fatalf("exit %d, want 130; stderr:\n%s", got, errOut)
	}
	if !strings.Contains(errOut.String(), "; the output holds only complete results.") {
		t.Fatalf("stderr:\n%s", errOut)
	}
	text := out.String()
	if !strings.HasSuffix(text, "\n\n") && !strings.HasSuffix(text, "|\n") {
		t.Fatalf("the output ends mid-result: %q", text[max(0, len(text)-200):])
	}
}

// Waiting for an answers file or a bank on standard input gives way to SIGTERM too.
func TestSignalWhileReadingStandardInput(t *testing.T) {
	for _, args := range [][]string{{"recommend", "--answers", "-"}, {"validate", "-"}} {
		t.Run(args[0], func(t *testing.T) {
			cmd := exec.Command(binary, args...)
			cmd.Env = append(os.Environ(), "XDG_STATE_HOME="+t.TempDir())
			in, err := cmd.StdinPipe()
			if err != nil {
				t.Fatal(err)
			}
			defer in.Close()
			errOut := newShows()
			cmd.Stderr = errOut
			ended, runErr := start(t, cmd)
			// More than a pipe holds: once written, the program is reading, and so is
			// watching for signals. Then nothing more, and no end of input.
			io.WriteString(in, "scope: specific-skills\n"+strings.Repeat("# padding\n", 20000))
			cmd.Process.Signal(syscall.SIGTERM)
			<-ended
			if got := exitCode(*runErr); got != 143 {
				t.Fatalf("exit %d, want 143; stderr:\n%s", got, errOut)
			}
		})
	}
}
