package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// answer picks an answer on each question from first to last (a key each, "" for Enter
// alone), waiting for every page.
func (s *tmux) answer(first int, picks ...string) {
	s.t.Helper()
	for i, p := range picks {
		q := first + i
		if p != "" {
			s.key(p, "")
		}
		next := fmt.Sprintf("Question %d of 15", q+1)
		if q == 15 {
			next = "Review your answers"
		}
		s.key("Enter", next)
	}
}

var (
	coachingPicks  = strings.Fields("1 2 1 1 1 1 1 1 1 1 1 1 1 1 1")
	mentoringPicks = strings.Fields("1 1 2 3 2 2 2 2 2 2 2 2 2 2 2")
)

// A manager's team in the terminal: three people answered for, the second left half way
// with Ctrl+C; the questionnaire then opens on the team, the second resumes where they
// stopped, and the team report saved there is the one batch writes from the team's answers
// exported there.
func TestTerminalManagersTeam(t *testing.T) {
	state := t.TempDir()
	person := func(name string, picks []string, interrupt bool) {
		s := startTmux(t, 80, 24, state, "--for", name)
		s.waitFor("Press enter to start")
		s.key("Enter", "Question 1 of 15")
		s.answer(1, picks...)
		if interrupt {
			s.key("C-c", "EXIT=130")
			return
		}
		s.key("Enter", "Recommendation:")
		s.key("q", "Quit without saving the report? (y/N)")
		s.key("y", "EXIT=0")
	}
	person("Ann Lee", coachingPicks, false)
	person("Bo Ray", mentoringPicks[:5], true)
	person("Cy Zed", mentoringPicks, false)

	s := startTmux(t, 80, 24, state)
	scr := s.waitFor("coachmentor · your team")
	for _, want := range []string{"> Ann Lee  15/15  Coaching · Performance coaching", "Bo Ray    5/15", "Cy Zed   15/15  Mentoring",
		"3 people: 1 coaching, 2 mentoring, 0 blend, 0 undecided", "Not finished: Bo Ray", "enter open · a add"} {
		if !strings.Contains(scr, want) {
			t.Fatalf("the team screen lacks %q:\n%s", want, scr)
		}
	}
	s.key("Down", "> Bo Ray")
	s.key("Enter", "Question 6 of 15")
	s.answer(6, mentoringPicks[5:]...)
	s.key("Enter", "Recommendation:")
	s.key("q", "Quit without saving the report? (y/N)")
	s.key("y", "coachmentor · your team")
	s.waitFor("Bo Ray   15/15  Mentoring")
	s.key("s", "File name: team-report.md")
	s.key("Enter", "Saved the team report to")
	s.key("x", "File name: team.csv")
	s.key("Enter", "Saved the team's answers to")
	s.key("q", "EXIT=0")

	saved, err := os.ReadFile(filepath.Join(s.dir, "team-report.md"))
	if err != nil {
		t.Fatal(err)
	}
	date := regexp.MustCompile(`\*\*Date:\*\* (\d{4}-\d\d-\d\d)`).FindSubmatch(saved)
	if date == nil {
		t.Fatalf("the team report has no date:\n%s", saved)
	}
	cmd := exec.Command(binary, "batch", "team.csv", "-f", "markdown", "--date", string(date[1]))
	cmd.Dir = s.dir
	scored, err := cmd.Output()
	if err != nil {
		t.Fatal(err)
	}
	if string(scored) != string(saved) {
		t.Fatalf("the team report saved:\n%s\nbatch, from the export:\n%s", saved, scored)
	}
	if !strings.Contains(string(saved), "3 respondents") {
		t.Fatalf("the team report:\n%s", saved)
	}
}
