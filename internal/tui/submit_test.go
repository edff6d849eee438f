package tui

import (
	"errors"
	"strings"
	"testing"
)

// Handing in: the results open only once the answers are in, and are then final: no
// editing, no starting again, nothing to lose on quitting.
func TestSubmitThenFinalResults(t *testing.T) {
	cfg := testConfig(t)
	var got []Submission
	cfg.Submit = func(s Submission) error { got = append(got, s); return nil }
	cfg.Files.Save = nil // as over SSH: nothing is saved where the program runs
	k := &kept{}
	cfg.Keep, cfg.Forget = k.keep, k.forget
	cfg.For = "Ann"
	d := newDriver(t, cfg, 100, 30).keys("enter").answer(1)
	for range len(def.Questions) - 1 {
		d.keys("enter")
	}
	d.keys("enter") // the review: hand in
	if len(got) != 1 || got[0].Answers["participants"] != "senior-leader" || got[0].For != "Ann" || got[0].Result == nil {
		t.Fatalf("submissions %+v", got)
	}
	if d.m.screen != screenResults || k.forgot == 0 {
		t.Fatalf("screen %d, forgot %d", d.m.screen, k.forgot)
	}
	if help := d.m.helpView(); strings.Contains(help, "edit") || strings.Contains(help, "new") || strings.Contains(help, "save") {
		t.Fatalf("the keys offer changes: %s", help)
	}
	d.keys("e", "n") // nothing happens
	if d.m.screen != screenResults || len(got) != 1 {
		t.Fatal("the answers changed after they were handed in")
	}
	d.keys("q")
	if !d.quit || !d.m.Finished() {
		t.Fatal("q did not quit at once")
	}
}

// A failed hand-in keeps the person on the review, says why, and Enter tries again.
func TestSubmitFailsThenRetries(t *testing.T) {
	cfg := testConfig(t)
	fail := true
	calls := 0
	cfg.Submit = func(Submission) error {
		calls++
		if fail {
			return errors.New("the disk is full")
		}
		return nil
	}
	d := newDriver(t, cfg, 100, 30)
	for range len(def.Questions) + 2 {
		d.keys("enter")
	}
	if d.m.screen != screenReview {
		t.Fatalf("screen %d after a failed hand-in", d.m.screen)
	}
	d.screenShows("Not handed in: the disk is full. Press enter to try again.")
	fail = false
	d.keys("enter")
	if d.m.screen != screenResults || calls != 2 {
		t.Fatalf("screen %d after %d calls", d.m.screen, calls)
	}
}

// With the results hidden, a thank-you shows instead.
func TestSubmitHidesResults(t *testing.T) {
	cfg := testConfig(t)
	cfg.Submit = func(Submission) error { return nil }
	cfg.HideResults = true
	cfg.For = "Bo"
	d := newDriver(t, cfg, 100, 30)
	for range len(def.Questions) + 2 {
		d.keys("enter")
	}
	d.screenShows("Thank you, Bo.", "Your answers are in.")
	d.screenLacks("Recommendation")
	d.keys("q")
	if !d.quit {
		t.Fatal("q did not quit")
	}
}
