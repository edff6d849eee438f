package main

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/rogpeppe/go-internal/testscript"

	"github.com/coachmentor/coachmentor/internal/cli"
	"github.com/coachmentor/coachmentor/internal/testutil"
)

// These tests drive the real binary: in tmux as a person would (send-keys, capture-pane),
// and through pipes as scripts do. Without tmux the terminal tests are skipped, unless
// COACHMENTOR_REQUIRE_TMUX is set, as CI sets it.

// binary is the program, as the scripts run it: this test binary, which runs coachmentor
// when called by that name.
var binary string

func TestMain(m *testing.M) {
	testscript.Main(exeFinder{m}, map[string]func(){
		"coachmentor":  func() { os.Exit(cli.Main()) },
		"measure-peak": func() { os.Exit(measurePeak()) },
	})
}

// exeFinder notes where testscript put the program before the tests run.
type exeFinder struct{ m *testing.M }

func (e exeFinder) Run() int {
	var err error
	if binary, err = exec.LookPath("coachmentor"); err != nil {
		fmt.Fprintln(os.Stderr, "coachmentor is not on PATH:", err)
		return 1
	}
	return e.m.Run()
}

type tmux struct {
	t       *testing.T
	socket  string
	session string
	dir     string // the working folder
	state   string // XDG_STATE_HOME
}

func needTmux(t *testing.T) {
	t.Helper()
	if _, err := exec.LookPath("tmux"); err != nil {
		if os.Getenv("COACHMENTOR_REQUIRE_TMUX") != "" {
			t.Fatal("tmux is required (COACHMENTOR_REQUIRE_TMUX is set) but not installed")
		}
		t.Skip("tmux not installed")
	}
}

// startTmux runs coachmentor with args in a new tmux session of the given size. After the
// program exits the pane shows EXIT=<status>.
func startTmux(t *testing.T, w, h int, state string, args ...string) *tmux {
	t.Helper()
	return startTmuxWith(t, w, h, state, "", args...)
}

// startTmuxWith is startTmux with shell commands run first in the pane, such as variables
// to set or tmux options.
func startTmuxWith(t *testing.T, w, h int, state, before string, args ...string) *tmux {
	t.Helper()
	needTmux(t)
	s := &tmux{t: t, socket: filepath.Join(t.TempDir(), "tmux.sock"), session: "cm", dir: t.TempDir(), state: state}
	if s.state == "" {
		s.state = t.TempDir()
	}
	quoted := make([]string, len(args))
	for i, a := range args {
		quoted[i] = "'" + strings.ReplaceAll(a, "'", `'\''`) + "'"
	}
	script := fmt.Sprintf("%s cd %s && XDG_STATE_HOME=%s %s %s; echo EXIT=$?; sleep 60", before, s.dir, s.state, binary, strings.Join(quoted, " "))
	s.run("new-session", "-d", "-s", s.session, "-x", fmt.Sprint(w), "-y", fmt.Sprint(h), script)
	t.Cleanup(func() { exec.Command("tmux", "-S", s.socket, "kill-server").Run() })
	return s
}

func (s *tmux) run(args ...string) string {
	s.t.Helper()
	out, err := exec.Command("tmux", append([]string{"-u", "-S", s.socket}, args...)...).CombinedOutput()
	if err != nil {
		s.t.Fatalf("tmux %v: %v\n%s", args, err, out)
	}
	return string(out)
}

func (s *tmux) screen() string { return s.run("capture-pane", "-p", "-t", s.session) }

// styled is the screen with its escape sequences, as capture-pane -e gives them.
func (s *tmux) styled() string { return s.run("capture-pane", "-p", "-e", "-t", s.session) }

// waitFor looks at the pane every 20 ms until it shows want. It fails as soon as the
// program has ended without showing it; a program still running is waited for as long as
// the test run allows, so a slow machine only makes the test slower.
func (s *tmux) waitFor(want string) string {
	s.t.Helper()
	deadline := time.Now().Add(testutil.HangLimit(s.t))
	for {
		scr := s.screen()
		if strings.Contains(scr, want) {
			return scr
		}
		if strings.Contains(scr, "EXIT=") || time.Now().After(deadline) {
			s.t.Fatalf("the screen never showed %q; it shows:\n%s", want, scr)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// key sends one key and waits for the screen to show want.
func (s *tmux) key(k, want string) string {
	s.t.Helper()
	s.run("send-keys", "-t", s.session, k)
	if want == "" {
		return ""
	}
	return s.waitFor(want)
}

// onward presses Enter from the page before question first (the welcome, for 1) to the
// review, waiting for each page.
func (s *tmux) onward(first int) {
	s.t.Helper()
	for i := first; i <= 15; i++ {
		s.key("Enter", fmt.Sprintf("Question %d of 15", i))
	}
	s.key("Enter", "Review your answers")
}

func TestTerminalEnterToResultsSaveQuit(t *testing.T) {
	s := startTmux(t, 100, 30, "", "--for", "Jo")
	s.waitFor("Press enter to start")
	s.onward(1)
	// Enter on every screen chooses nothing: the results say so rather than recommend.
	s.key("Enter", "Recommendation: Undecided")
	s.key("s", "File name: coachmentor-report-")
	s.key("Enter", "Saved the report to")
	reports, _ := filepath.Glob(filepath.Join(s.dir, "coachmentor-report-*.md"))
	if len(reports) != 1 {
		t.Fatalf("want one report in the working folder, found %v", reports)
	}
	data, _ := os.ReadFile(reports[0])
	if !bytes.Contains(data, []byte("**For:** Jo")) || !bytes.Contains(data, []byte("## Recommendation: Undecided")) {
		t.Fatalf("report:\n%s", data)
	}
	scr := strings.ReplaceAll(s.key("q", "EXIT=0"), "\n", "") // saved: q quits at once; long paths wrap
	// A summary stays on the screen after the questionnaire closes.
	if !strings.Contains(scr, "Recommendation: Undecided (answer 4 more questions to decide it).") ||
		!strings.Contains(scr, "Report saved to "+reports[0]) {
		t.Fatalf("no summary left behind:\n%s", scr)
	}
}

func TestTerminalCtrlCKeepsAnswersAndResumes(t *testing.T) {
	state := t.TempDir()
	s := startTmux(t, 100, 30, state)
	s.waitFor("Press enter to start")
	s.key("Enter", "Question 1 of 15")
	s.key("Down", "An individual contributor or a manager")
	s.key("Enter", "Question 2 of 15")
	scr := s.key("C-c", "EXIT=130")
	if !strings.Contains(scr, "Interrupted; 1 answer saved.") {
		t.Fatalf("no word on the saved answers:\n%s", scr)
	}
	saved, err := os.ReadFile(filepath.Join(state, "coachmentor", "answers.yaml"))
	if err != nil || !bytes.Contains(saved, []byte("participants: individual")) {
		t.Fatalf("answers not kept: %v\n%s", err, saved)
	}
	// The terminal is usable again: the shell printed EXIT on a clean screen.
	if strings.Contains(scr, "Question 2 of 15") {
		t.Fatalf("the questionnaire's screen was not cleared:\n%s", scr)
	}

	s = startTmux(t, 100, 30, state)
	s.waitFor("You have unfinished answers")
	s.key("Enter", "Question 2 of 15")
	s.key("C-c", "EXIT=130")
}

func TestTerminalResize(t *testing.T) {
	s := startTmux(t, 100, 30, "")
	s.waitFor("Press enter to start")
	s.key("Enter", "Question 1 of 15")
	s.run("resize-window", "-t", s.session, "-x", "50", "-y", "12")
	s.waitFor("please make it larger")
	s.run("resize-window", "-t", s.session, "-x", "120", "-y", "32")
	s.waitFor("With this answer")
	s.run("resize-window", "-t", s.session, "-x", "70", "-y", "24")
	scr := s.waitFor("Question 1 of 15")
	for _, line := range strings.Split(scr, "\n") {
		if len([]rune(strings.TrimRight(line, " "))) > 70 {
			t.Fatalf("line wider than the window after resizing: %q", line)
		}
	}
	s.key("C-c", "EXIT=130")
}

// In a short terminal a long list of answers scrolls with the cursor, keeping the answers
// around it in sight down to the last.
func TestTerminalShortWindowScrolls(t *testing.T) {
	s := startTmux(t, 70, 20, "")
	s.waitFor("Press enter to start")
	s.key("Enter", "Question 1 of 15")
	s.key("Enter", "Question 2 of 15")
	// Up from nothing chosen goes to the last answer, Not sure.
	scr := s.key("Up", "Leaves this question out")
	for _, want := range []string{"more", "Not sure", "Decide on a career step"} {
		if !strings.Contains(scr, want) {
			t.Errorf("with the cursor on the last answer the screen lacks %q:\n%s", want, scr)
		}
	}
	s.key("C-c", "EXIT=130")
}

func exitCode(err error) int {
	if err == nil {
		return 0
	}
	if ee, ok := err.(*exec.ExitError); ok {
		return ee.ExitCode()
	}
	return -1
}

// NO_COLOR means no colour anywhere: the header's progress bar, the panel, the review and
// the results.
func TestTerminalNoColour(t *testing.T) {
	s := startTmuxWith(t, 120, 30, "", "export NO_COLOR=1;")
	s.waitFor("Press enter to start")
	s.key("Enter", "Question 1 of 15")
	s.key("2", "An executive")
	check := func(where string) {
		t.Helper()
		scr := s.styled()
		if colour := regexp.MustCompile(`\x1b\[[0-9;]*(3[0-9]|4[0-9]|9[0-7]|10[0-7])[;m]`); colour.MatchString(scr) {
			t.Fatalf("colour on the %s with NO_COLOR: %q", where, colour.FindString(scr))
		}
	}
	check("question")
	s.onward(2)
	check("review")
	s.key("Enter", "Recommendation:")
	check("results")
	s.key("C-c", "EXIT=130")
}

// c copies the text report through the terminal: in tmux with set-clipboard on, it lands
// in tmux's paste buffer.
func TestTerminalCopy(t *testing.T) {
	s := startTmuxWith(t, 100, 30, "", "tmux set -g set-clipboard on;", "--for", "Ann Lee")
	s.waitFor("Press enter to start")
	s.key("Enter", "Question 1 of 15")
	s.key("1", "An individual contributor")
	s.key("Enter", "Question 2 of 15")
	s.key("2", "Change specific behaviors")
	s.key("Enter", "Question 3 of 15")
	s.onward(4)
	s.key("Enter", "Recommendation:")
	s.key("c", "Copied the text report to the clipboard.")
	deadline := time.Now().Add(testutil.HangLimit(t))
	for {
		out, _ := exec.Command("tmux", "-S", s.socket, "show-buffer").Output()
		if strings.HasPrefix(string(out), "For: Ann Lee\nDate: ") && strings.Contains(string(out), "Recommendation: Undecided") {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("tmux's buffer:\n%s", out)
		}
		time.Sleep(20 * time.Millisecond)
	}
	// Without set-clipboard on, tmux would drop it: the screen says so rather than claim.
	s2 := startTmuxWith(t, 100, 30, "", "tmux set -g set-clipboard external;")
	s2.waitFor("Press enter to start")
	s2.key("Enter", "Question 1 of 15")
	s2.onward(2)
	s2.key("Enter", "Recommendation:")
	s2.key("c", "Not copied: tmux passes no copy on")
	// With allow-passthrough on, the copy goes wrapped for tmux to the terminal outside it.
	s3 := startTmuxWith(t, 100, 30, "", "tmux set -g set-clipboard off; tmux set -g allow-passthrough on;")
	s3.waitFor("Press enter to start")
	s3.key("Enter", "Question 1 of 15")
	s3.onward(2)
	s3.key("Enter", "Recommendation:")
	s3.key("c", "Copied the text report to the clipboard.")
	s.key("C-c", "EXIT=130")
	s2.key("C-c", "EXIT=130")
	s3.key("C-c", "EXIT=130")
}

// A person's answers (--for) are theirs: kept as they are given, in a file of their own;
// without --for, the one person kept comes back with their name; q asks before quitting,
// and their answers stay with the team afterwards, as coachmentor people lists them.
func TestTerminalQuitAsksAndTheNameStays(t *testing.T) {
	state := t.TempDir()
	s := startTmux(t, 100, 30, state, "--for", "Ann Lee")
	s.waitFor("Press enter to start")
	s.key("Enter", "Question 1 of 15")
	s.key("3", "People who work together")
	s.key("Enter", "Question 2 of 15")
	kept, _ := filepath.Glob(filepath.Join(state, "coachmentor", "people", "ann-lee-*.yaml"))
	if len(kept) != 1 {
		t.Fatalf("Ann Lee's answers are not in a file of her own: %v", kept)
	}
	data, err := os.ReadFile(kept[0])
	if err != nil || !strings.Contains(string(data), "participants: team") || !strings.Contains(string(data), `name: "Ann Lee"`) {
		t.Fatalf("the answer is not kept as it is given: %v\n%s", err, data)
	}
	scr := s.key("C-c", "EXIT=130")
	if !strings.Contains(scr, "\nInterrupted; 1 answer saved.") {
		t.Fatalf("the message is not on a line of its own:\n%s", scr)
	}
	// Without --for, the name comes back with the answers.
	s = startTmux(t, 100, 30, state)
	s.waitFor("coachmentor · for Ann Lee")
	s.key("Enter", "Question 2 of 15")
	s.onward(3)
	s.key("Enter", "Recommendation:")
	s.key("q", "Quit without saving the report? (y/N)")
	s.key("n", "q quit")
	s.key("q", "Quit without saving the report? (y/N)")
	s.key("y", "EXIT=0")
	data, err = os.ReadFile(kept[0])
	if err != nil || !strings.Contains(string(data), "participants: team") {
		t.Fatalf("Ann Lee's answers did not stay with the team: %v\n%s", err, data)
	}
}

// Two questionnaires cannot have one person's answers open at once: the second says so
// and changes nothing.
func TestTerminalOnePersonOneQuestionnaire(t *testing.T) {
	state := t.TempDir()
	s := startTmux(t, 100, 30, state, "--for", "Ann Lee")
	s.waitFor("Press enter to start")
	s.key("Enter", "Question 1 of 15")
	s.key("1", "An individual contributor")
	s.key("Enter", "Question 2 of 15")
	kept, _ := filepath.Glob(filepath.Join(state, "coachmentor", "people", "ann-lee-*.yaml"))
	if len(kept) != 1 {
		t.Fatalf("Ann Lee's answers: %v", kept)
	}
	before, _ := os.ReadFile(kept[0])
	s2 := startTmux(t, 100, 30, state, "--for", "ann lee")
	s2.waitFor("EXIT=1")
	if scr := s2.screen(); !strings.Contains(scr, "Ann Lee's answers are open in another coachmentor questionnaire") {
		t.Fatalf("screen:\n%s", scr)
	}
	if after, _ := os.ReadFile(kept[0]); string(after) != string(before) || !strings.Contains(string(after), "participants: individual") {
		t.Fatalf("the second questionnaire changed the answers:\n%s", after)
	}
	s.key("C-c", "EXIT=130")
}
