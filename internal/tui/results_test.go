package tui

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/coachmentor/coachmentor/internal/report"
)

// toResults answers a few questions and opens the results, for a report worth scrolling.
func toResults(t *testing.T, cfg Config, w, h int) *driver {
	d := newDriver(t, cfg, w, h).keys("enter").answer(0).answer(1)
	for range 4 {
		d.answer(0)
	}
	return d.throughToResults()
}

func TestSaveReport(t *testing.T) {
	k := &kept{}
	cfg := testConfig(t)
	cfg.For = "Sam"
	cfg.Keep, cfg.Forget = k.keep, k.forget
	d := toResults(t, cfg, 100, 30)
	d.keys("s")
	// The prompt says which folder the report goes in.
	d.screenShows("Save the Markdown report in "+cfg.Files.Dir, "File name: coachmentor-report-Sam-2026-11-22.md")
	d.keys("enter")
	path := filepath.Join(cfg.Files.Dir, "coachmentor-report-Sam-2026-11-22.md")
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	// recommend --format markdown's report, dated.
	var want bytes.Buffer
	report.Markdown(&want, def, d.m.Result(), report.Options{For: "Sam", Date: "2026-11-22"})
	if !bytes.Equal(data, want.Bytes()) || !bytes.Contains(data, []byte("**Date:** 2026-11-22")) {
		t.Fatalf("the saved report:\n%s", data)
	}
	d.screenShows("Saved the report to " + path)
	if k.forgot != 1 {
		t.Fatal("the answers are still kept after the report was saved")
	}
	// Saved, q quits at once.
	d.keys("q")
	if !d.quit {
		t.Fatal("q after saving did not quit")
	}
}

// Saving again asks first; no keeps the file, yes replaces it.
func TestSaveAsksBeforeReplacing(t *testing.T) {
	cfg := testConfig(t)
	d := toResults(t, cfg, 100, 30)
	path := filepath.Join(cfg.Files.Dir, "mine.md")
	os.WriteFile(path, []byte("my edits"), 0o600)
	d.keys("s")
	for range len("coachmentor-report-2026-11-22.md") {
		d.keys("backspace")
	}
	d.keys("m", "i", "n", "e", "enter") // no .md: it gets one
	d.screenShows("That file exists. Replace it? (y/N)")
	d.keys("n", "esc")
	if got, _ := os.ReadFile(path); string(got) != "my edits" {
		t.Fatal("no replaced the file")
	}
	d.keys("s")
	for range len("coachmentor-report-2026-11-22.md") {
		d.keys("backspace")
	}
	d.keys("m", "i", "n", "e", ".", "m", "d", "enter", "y")
	if got, _ := os.ReadFile(path); string(got) == "my edits" {
		t.Fatal("yes did not replace the file")
	}
}

// A name starting "~/" is in the home folder; an empty name is refused.
func TestSaveNames(t *testing.T) {
	cfg := testConfig(t)
	p := &results{files: cfg.Files}
	for name, want := range map[string]string{
		"~/r":         filepath.Join(cfg.Files.Home, "r.md"),
		"~/a/b.md":    filepath.Join(cfg.Files.Home, "a", "b.md"),
		"r.markdown":  filepath.Join(cfg.Files.Dir, "r.markdown"),
		" notes.txt ": filepath.Join(cfg.Files.Dir, "notes.txt.md"),
		"/tmp/x/y.MD": "/tmp/x/y.MD",
		"sub/r":       filepath.Join(cfg.Files.Dir, "sub", "r.md"),
	} {
		if got, err := p.resolve(name); err != nil || got != want {
			t.Errorf("%q: %q, %v; want %q", name, got, err, want)
		}
	}
	if _, err := p.resolve("  "); err == nil {
		t.Error("an empty name was accepted")
	}
}

// c copies the text report through the terminal, in a command that writes the copy: the
// frames never carry it. Where the terminal cannot, the screen says so.
func TestCopy(t *testing.T) {
	cfg := testConfig(t)
	cfg.For = "Sam"
	var copied []string
	cfg.Files.Clipboard = func(text string) error { copied = append(copied, text); return nil }
	d := toResults(t, cfg, 100, 30)
	d.keys("c")
	d.screenShows("Copied the text report to the clipboard.")
	if len(copied) != 1 || !strings.HasPrefix(copied[0], "For: Sam\nDate: 2026-11-22\nRecommendation: Coaching") || strings.Contains(copied[0], "\x1b[") {
		t.Fatalf("copied %d times:\n%s", len(copied), copied)
	}
	d.keys("down")
	if len(copied) != 1 || strings.Contains(d.m.View(), "\x1b]") {
		t.Fatal("the copy is sent again, or through the frame")
	}

	cfg.Files.Clipboard = func(string) error { return errors.New("tmux passes no copy on") }
	d = toResults(t, cfg, 100, 30).keys("c")
	d.screenShows("Not copied: tmux passes no copy on")
	cfg.Files.Clipboard = nil
	d = toResults(t, cfg, 100, 30).keys("c")
	d.screenShows("Not copied: this terminal cannot take a copy")
}

// The report scrolls, says when there is more below, and jumps to either end.
func TestResultsScroll(t *testing.T) {
	d := toResults(t, testConfig(t), 80, 24)
	d.screenShows("↓ more · 0%")
	d.keys("space")
	if d.view() == toResults(t, testConfig(t), 80, 24).view() {
		t.Fatal("space did not page down")
	}
	for _, k := range []string{"G", "end"} {
		d.keys("g")
		d.keys(k)
		d.screenShows("end of the report · 100%")
	}
	for _, k := range []string{"g", "home"} {
		d.keys("G", k)
		d.screenShows("↓ more · 0%")
	}
}

// Short of room, the help line leaves out moving about first; quit, save and the key for
// the rest stay.
func TestHelpKeepsTheKeysThatMatter(t *testing.T) {
	for _, size := range [][2]int{{60, 18}, {80, 24}} {
		d := toResults(t, testConfig(t), size[0], size[1])
		lines := strings.Split(d.view(), "\n")
		help := lines[len(lines)-1]
		for _, want := range []string{"q quit", "s save", "? more keys"} {
			if !strings.Contains(help, want) {
				t.Errorf("%dx%d: the help line lacks %q: %q", size[0], size[1], want, help)
			}
		}
		if size[0] == 80 && (!strings.Contains(help, "r start again") || strings.Contains(help, "↑/k up")) {
			t.Errorf("80x24: %q; start again should stay and moving about go first", help)
		}
		if w := len([]rune(help)); w > size[0] {
			t.Errorf("%dx%d: help line of %d cells", size[0], size[1], w)
		}
	}
}

// ? lists every key and says how to close the list; ? or esc closes it, and nothing else
// happens while it is open.
func TestFullHelp(t *testing.T) {
	d := toResults(t, testConfig(t), 60, 18)
	d.keys("?")
	d.screenShows("home/g", "end/G", "pgdn/space", "q quit", "?/esc close this list")
	d.keys("q")
	if d.quit {
		t.Fatal("q quit with the list of keys open")
	}
	d.keys("esc")
	d.screenLacks("close this list")
	d.keys("?", "?")
	d.screenLacks("close this list")
}

// The welcome screen without a choice says enter starts, not "choose".
func TestWelcomeKeys(t *testing.T) {
	d := newDriver(t, testConfig(t), 80, 24)
	d.screenShows("enter start")
	d.screenLacks("enter choose", "↑/k")
}

// In a short window a question's help text folds to a line; h shows the rest.
func TestHelpTextFolds(t *testing.T) {
	d := newDriver(t, testConfig(t), 60, 18).keys("enter", "enter")
	d.screenShows("(h: more)", "5. Learn what experienced colleagues know", "↓ 8 more", "With this answer")
	d.keys("h")
	d.screenLacks("(h: more)")
	d.screenShows("because each kind serves a particular purpose")
	// In a tall window nothing folds.
	newDriver(t, testConfig(t), 100, 40).keys("enter", "enter").screenLacks("(h: more)")
}

// Every answer of the longest list has a key of its own, shown before it: b picks the
// twelfth need, and c, "Not sure", the thirteenth.
func TestEveryAnswerHasAKey(t *testing.T) {
	d := newDriver(t, testConfig(t), 100, 40).keys("enter", "enter")
	d.screenShows("0. Lead through a major challenge", "b. Decide on a career step", "c. Not sure")
	d.keys("b")
	d.screenShows("A concrete career decision or an opportunity to advance")
	d.keys("c")
	d.screenShows("Leaves this question out")
}

// At 80×24 the lean stays in view under the longest list, the need that decides the type,
// with every answer of it on the screen.
func TestLeanInViewOnTheNeed(t *testing.T) {
	d := newDriver(t, testConfig(t), 80, 24).keys("enter", "1", "enter", "b")
	d.screenShows("1. Grow over the long term", "c. Not sure", "With this answer", "best fit Career coaching")
}

// The live panel never hides a type tied with one it shows, of either family: one person
// alone ties performance coaching with situational mentoring for third.
func TestPanelShowsEveryTiedType(t *testing.T) {
	d := newDriver(t, testConfig(t), 110, 40).keys("enter", "1")
	d.screenShows("1. One-on-one mentoring", "2. Skills coaching", "3. Performance coaching", "3. Situational mentoring")
}
