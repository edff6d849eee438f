package tui

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/exp/golden"
	"github.com/charmbracelet/x/exp/teatest"

	"github.com/coachmentor/coachmentor/internal/safefile"
	"github.com/coachmentor/coachmentor/internal/testutil"
)

// teamOf is three people as a manager's team holds them: one finished for coaching, one
// for mentoring, one only started.
func teamOf() []TeamPerson {
	coaching := map[string]string{"participants": "individual", "goal": "performance", "scope": "specific-skills", "duration": "weeks",
		"structure": "sessions", "success": "metrics", "driver": "organization", "focus": "task", "horizon": "current-role",
		"guide": "professional", "involvement": "questions", "matching": "assigned", "start": "now", "capacity": "few-funded", "reach": "one"}
	mentoring := map[string]string{"participants": "individual", "goal": "growth", "scope": "broad-development", "duration": "years",
		"structure": "flexible", "success": "growth", "driver": "participant", "focus": "whole-person", "horizon": "future-roles",
		"guide": "expert", "involvement": "direction", "matching": "matched", "start": "planned", "capacity": "many-volunteer", "reach": "many"}
	return []TeamPerson{
		{Name: "Ann Lee", Answers: coaching},
		{Name: "Bo Ray", Answers: mentoring},
		{Name: "Cy Zed", Answers: map[string]string{"participants": "individual", "goal": "performance"}},
	}
}

// recorder notes what the team screen asked the command to do.
type recorder struct {
	renamed, removed []string
	saved, exported  []string
}

func teamTestConfig(t *testing.T, rec *recorder) TeamConfig {
	dir := t.TempDir()
	write := func(list *[]string) func(string, bool) error {
		return func(path string, force bool) error {
			*list = append(*list, path)
			return safefile.Write(path, []byte("x"), force)
		}
	}
	return TeamConfig{
		Bank: def, Renderer: plainRenderer(), People: teamOf(),
		Files:  Files{Dir: dir, Home: t.TempDir(), Exists: func(p string) bool { _, err := os.Stat(p); return err == nil }},
		Rename: func(from, to string) error { rec.renamed = append(rec.renamed, from+" -> "+to); return nil },
		Remove: func(name string) error {
			if name == "Bo Ray" {
				return errors.New("Bo Ray's answers are open in another coachmentor questionnaire")
			}
			rec.removed = append(rec.removed, name)
			return nil
		},
		SaveReport: write(&rec.saved),
		Export:     write(&rec.exported),
	}
}

func newTeamDriver(t *testing.T, cfg TeamConfig, w, h int) (*driver, *Team) {
	team := NewTeam(cfg)
	d := &driver{t: t, u: team}
	d.send(tea.WindowSizeMsg{Width: w, Height: h})
	return d, team
}

// The team screen at 80 × 24: everyone, how far along, what they get, and the team.
func TestTeamView(t *testing.T) {
	d, _ := newTeamDriver(t, teamTestConfig(t, &recorder{}), 80, 24)
	golden.RequireEqual(t, []byte(d.view()))
	d.screenShows("Ann Lee  15/15  Coaching", "Bo Ray   15/15  Mentoring", "Cy Zed    2/15  undecided: 2 more answers",
		"3 people: 1 coaching, 1 mentoring, 0 blend, 1 undecided", "Not finished: Cy Zed", "enter open · a add")
	if lines := strings.Count(d.view(), "\n") + 1; lines > 24 {
		t.Fatalf("%d lines at 80 × 24", lines)
	}
}

// Enter opens the person under the cursor; a adds one by name, but not one already there.
func TestTeamOpenAndAdd(t *testing.T) {
	d, team := newTeamDriver(t, teamTestConfig(t, &recorder{}), 80, 24)
	d.keys("down", "enter")
	if !d.quit || team.Chosen() != "Bo Ray" {
		t.Fatalf("chose %q, quit %v", team.Chosen(), d.quit)
	}
	d, team = newTeamDriver(t, teamTestConfig(t, &recorder{}), 80, 24)
	d.keys("a")
	d.screenShows("Name of the person to add:")
	d.keys("ann lee", "enter")
	d.screenShows("ann lee is on the team already")
	if d.quit {
		t.Fatal("a second Ann Lee was added")
	}
	d.keys("a", "Di Ng", "enter")
	if !d.quit || team.Chosen() != "Di Ng" {
		t.Fatalf("added %q", team.Chosen())
	}
}

// r renames, d removes after asking; what fails is said, and nothing changes.
func TestTeamRenameAndRemove(t *testing.T) {
	rec := &recorder{}
	d, _ := newTeamDriver(t, teamTestConfig(t, rec), 80, 24)
	d.keys("r")
	for range len("Ann Lee") {
		d.keys("backspace")
	}
	d.keys("Ann Lee-Smith", "enter")
	d.screenShows("Renamed Ann Lee to Ann Lee-Smith.", "Ann Lee-Smith")
	d.keys("end", "d")
	d.screenShows("Remove Cy Zed's answers for good? (y/N)")
	d.keys("n")
	d.screenShows("Nothing changed.", "Cy Zed")
	d.keys("d", "y")
	d.screenShows("Removed Cy Zed's answers.", "2 people: 1 coaching, 1 mentoring")
	d.screenLacks("Cy Zed ")
	d.keys("down", "d", "y")
	d.screenShows("Not removed: Bo Ray's answers are open in another coachmentor questionnaire")
	if strings.Join(rec.renamed, ",") != "Ann Lee -> Ann Lee-Smith" || strings.Join(rec.removed, ",") != "Cy Zed" {
		t.Fatalf("renamed %v, removed %v", rec.renamed, rec.removed)
	}
}

// s saves the team report and x exports the answers, in the prompt's folder; a file there
// already is replaced only after a yes.
func TestTeamSaveAndExport(t *testing.T) {
	rec := &recorder{}
	cfg := teamTestConfig(t, rec)
	d, _ := newTeamDriver(t, cfg, 80, 24)
	d.keys("s")
	d.screenShows("File name: team-report.md")
	d.keys("enter")
	report := filepath.Join(cfg.Files.Dir, "team-report.md")
	d.screenShows("Saved the team report to /")
	d.keys("s", "enter")
	d.screenShows("team-report.md exists. Replace it? (y/N)")
	d.keys("y")
	d.screenShows("Saved the team report to")
	d.keys("x", "enter")
	d.screenShows("Saved the team's answers to /")
	d.keys("x")
	for range len("team.csv") {
		d.keys("backspace")
	}
	d.keys("~/people", "enter")
	if strings.Join(rec.saved, ",") != report+","+report || len(rec.exported) != 2 ||
		rec.exported[0] != filepath.Join(cfg.Files.Dir, "team.csv") || rec.exported[1] != filepath.Join(cfg.Files.Home, "people.csv") {
		t.Fatalf("saved %v, exported %v", rec.saved, rec.exported)
	}
}

// Ctrl+C on the team screen ends the program, as it does everywhere.
func TestTeamInterrupt(t *testing.T) {
	d, team := newTeamDriver(t, teamTestConfig(t, &recorder{}), 80, 24)
	d.keys("ctrl+c")
	if !d.quit || !team.Interrupted() || team.Chosen() != "" {
		t.Fatal("ctrl+c did not interrupt")
	}
}

// Opened from the team, a person's questionnaire starts at their first question not
// answered, and esc goes back to the team with their answers as they are.
func TestPersonFromTheTeam(t *testing.T) {
	cfg := testConfig(t)
	cfg.Team, cfg.For = true, "Cy Zed"
	cfg.Answers = teamOf()[2].Answers
	d := newDriver(t, cfg, 80, 24)
	d.screenShows("Question 3 of 15", "esc back to the team")
	d.keys("esc")
	if !d.quit || !d.m.ToTeam() || len(d.m.Answers()) != 2 {
		t.Fatalf("quit %v, to team %v, answers %v", d.quit, d.m.ToTeam(), d.m.Answers())
	}
}

// The team screen as a real program: drawn, a person removed after a yes (through a command
// the program runs on its own), and another opened.
func TestTeamThroughAProgram(t *testing.T) {
	rec := &recorder{}
	tm := teatest.NewTestModel(t, NewTeam(teamTestConfig(t, rec)), teatest.WithInitialTermSize(80, 24))
	waitFor(t, tm, "3 people: 1 coaching, 1 mentoring, 0 blend, 1 undecided")
	tm.Send(keyMsg("end"))
	tm.Send(keyMsg("d"))
	tm.Send(keyMsg("y"))
	waitFor(t, tm, "Removed Cy Zed's answers.")
	tm.Send(keyMsg("home"))
	tm.Send(keyMsg("enter"))
	m := tm.FinalModel(t, teatest.WithFinalTimeout(testutil.HangLimit(t))).(*Team)
	if m.Chosen() != "Ann Lee" || strings.Join(rec.removed, ",") != "Cy Zed" {
		t.Fatalf("chose %q, removed %v", m.Chosen(), rec.removed)
	}
}
