package tui

import (
	"fmt"
	"maps"
	"strings"
	"testing"

	"github.com/charmbracelet/x/exp/golden"

	"github.com/coachmentor/coachmentor/internal/bank"
	"github.com/coachmentor/coachmentor/internal/engine"
)

func TestGoldenViews(t *testing.T) {
	t.Run("welcome", func(t *testing.T) {
		golden.RequireEqual(t, []byte(newDriver(t, testConfig(t), 80, 24).view()))
	})
	t.Run("question narrow", func(t *testing.T) {
		golden.RequireEqual(t, []byte(newDriver(t, testConfig(t), 80, 24).keys("enter").view()))
	})
	t.Run("question with panel", func(t *testing.T) {
		golden.RequireEqual(t, []byte(newDriver(t, testConfig(t), 120, 30).keys("enter", "enter", "down").view()))
	})
	t.Run("question folded", func(t *testing.T) {
		golden.RequireEqual(t, []byte(newDriver(t, testConfig(t), 60, 18).keys("enter", "enter").view()))
	})
	t.Run("review", func(t *testing.T) {
		d := newDriver(t, testConfig(t), 100, 30).keys("enter")
		for range def.Questions {
			d.keys("enter")
		}
		golden.RequireEqual(t, []byte(d.view()))
	})
	t.Run("results", func(t *testing.T) {
		cfg := testConfig(t)
		cfg.For = "Sam"
		d := newDriver(t, cfg, 100, 30).keys("enter").answer(0).answer(1)
		for range 4 {
			d.answer(0)
		}
		golden.RequireEqual(t, []byte(d.throughToResults().view()))
	})
	t.Run("results undecided", func(t *testing.T) {
		golden.RequireEqual(t, []byte(newDriver(t, testConfig(t), 100, 30).throughToResults().view()))
	})
	t.Run("resume", func(t *testing.T) {
		cfg := testConfig(t)
		cfg.Resume = map[string]string{"scope": "broad-development", "goal": "growth"}
		cfg.ResumedAt = fixedNow()
		golden.RequireEqual(t, []byte(newDriver(t, cfg, 80, 24).view()))
	})
	t.Run("resume with another bank", func(t *testing.T) {
		cfg := testConfig(t)
		cfg.Resume = map[string]string{"scope": "broad-development"}
		cfg.ResumedAt = fixedNow()
		cfg.ResumeOther = []string{"manager"}
		golden.RequireEqual(t, []byte(newDriver(t, cfg, 80, 24).view()))
	})
	t.Run("too small", func(t *testing.T) {
		golden.RequireEqual(t, []byte(newDriver(t, testConfig(t), 50, 12).view()))
	})
}

// An unanswered question opens with nothing chosen: no answer is picked for the person by
// where it stands in the list. Enter alone leaves it unanswered.
func TestNothingIsChosenForThePerson(t *testing.T) {
	d := newDriver(t, testConfig(t), 100, 30).keys("enter")
	d.screenShows("Nothing chosen yet")
	d.screenLacks("> ")
	d.keys("enter")
	if got := d.m.Answers()["participants"]; got != bank.Unsure {
		t.Fatalf("enter with nothing chosen answered %q, want unsure", got)
	}
	// Down chooses the first answer, up from nothing the last.
	d.keys("down")
	d.screenShows("> 1. Grow over the long term")
	d = newDriver(t, testConfig(t), 100, 30).keys("enter", "up")
	d.screenShows("Leaves this question out", "> 6. Not sure")
}

// Enter on every screen reaches the results, which then say that nothing was chosen and
// recommend nothing.
func TestEnterEverywhereDecidesNothing(t *testing.T) {
	d := newDriver(t, testConfig(t), 100, 30).throughToResults()
	for _, q := range def.Questions {
		if got := d.m.Answers()[q.ID]; got != bank.Unsure {
			t.Errorf("%s = %q, want unsure", q.ID, got)
		}
	}
	if r := d.m.Result(); r.Recommendation != engine.Undecided {
		t.Fatalf("recommendation %s, want undecided", r.Recommendation)
	}
	d.screenShows("Recommendation: Undecided", "Answer 4 more questions to decide it (0 of 15 questions answered)",
		"Press e to go back and answer the questions.")
	d.screenLacks("--answer", "flags")
}

// A number key picks the answer with that number, and only there is one.
func TestNumberKeysPick(t *testing.T) {
	d := newDriver(t, testConfig(t), 100, 30).keys("enter", "enter") // on the goal
	d.keys("4")
	d.screenShows("> 4. Get ready for new responsibilities")
	d.keys("9", "enter")
	if got := d.m.Answers()["goal"]; got != "situation" {
		t.Fatalf("9 picked %q, want situation", got)
	}
	d.keys("7") // scope has two answers and Not sure: 7 is nothing
	d.screenShows("Nothing chosen yet")
}

func TestBackKeepsAnswers(t *testing.T) {
	d := newDriver(t, testConfig(t), 100, 30).keys("enter").answer(0).answer(1)
	d.keys("shift+tab", "shift+tab")
	if d.m.index != 0 {
		t.Fatalf("back twice from question 3 is question %d", d.m.index+1)
	}
	d.screenShows("> 1. One person")
	d.keys("enter")
	d.screenShows("> 2. Close a performance gap")
	// Back from the first question is the welcome screen; enter goes on where it was.
	d.keys("shift+tab", "shift+tab")
	d.screenShows("Press enter to start")
	d.keys("enter")
	if d.m.index != 2 {
		t.Fatalf("starting again opened question %d, want the first unanswered, 3", d.m.index+1)
	}
}

func TestEditFromReview(t *testing.T) {
	d := newDriver(t, testConfig(t), 100, 30).keys("enter")
	for range def.Questions {
		d.keys("enter")
	}
	d.screenShows("Review your answers")
	d.keys("down", "down", "enter") // the second question, the need
	d.screenShows("Main need", "(editing)")
	d.keys("3", "enter")
	d.screenShows("Review your answers", "Main need: Grow as a leader")
	if d.m.Answers()["goal"] != "leadership" {
		t.Fatalf("answers %v", d.m.Answers())
	}
}

// The panel shows what the highlighted answer would do, before it is chosen.
func TestLivePanelFollowsTheCursor(t *testing.T) {
	d := newDriver(t, testConfig(t), 120, 30).keys("enter", "enter")
	d.keys("2") // close a performance gap
	d.screenShows("1. Performance coaching")
	d.keys("1") // grow over the long term
	d.screenShows("1. One-on-one mentoring")
	if len(d.m.Answers()) != 1 {
		t.Fatalf("moving the cursor answered: %v", d.m.Answers())
	}
}

// A window too narrow for the panel shows the lean in brief under the question.
func TestBriefLeanInANarrowWindow(t *testing.T) {
	d := newDriver(t, testConfig(t), 80, 30).keys("enter", "enter", "2")
	d.screenShows("With this answer", "best fit Performance coaching")
}

// Answers are kept as they are given, and forgotten only once the report is saved or the
// person says they may go.
func TestAnswersAreKeptUntilSavedOrLetGo(t *testing.T) {
	k := &kept{}
	cfg := testConfig(t)
	cfg.For = "Ann Lee"
	cfg.Keep, cfg.Forget = k.keep, k.forget
	d := newDriver(t, cfg, 100, 30).keys("enter").answer(0).answer(1)
	if want := map[string]string{"participants": "individual", "goal": "performance"}; !maps.Equal(k.answers, want) || k.last.For != "Ann Lee" {
		t.Fatalf("kept %v for %q, want %v for Ann Lee", k.answers, k.last.For, want)
	}
	d.throughToResults()
	if len(k.answers) != len(def.Questions) || k.forgot != 0 {
		t.Fatalf("on the results: kept %d answers, forgotten %d times", len(k.answers), k.forgot)
	}
	// q asks first; n keeps everything.
	d.keys("q")
	d.screenShows("Quit without saving the report? (y/N)")
	d.keys("n")
	if d.quit || k.forgot != 0 {
		t.Fatal("no to quitting quit or forgot the answers")
	}
	d.keys("q", "y")
	if !d.quit || !d.m.Finished() || k.forgot != 1 {
		t.Fatalf("yes to quitting: quit %v, forgot %d", d.quit, k.forgot)
	}
}

// r asks before clearing the answers, with how many there are.
func TestStartAgainAsksFirst(t *testing.T) {
	k := &kept{}
	cfg := testConfig(t)
	cfg.Keep, cfg.Forget = k.keep, k.forget
	d := newDriver(t, cfg, 100, 30).keys("enter").answer(0).throughToResults()
	d.keys("r")
	d.screenShows("Start again and clear 15 answers? (y/N)")
	d.keys("enter") // enter is no
	if d.m.screen != screenResults || len(d.m.Answers()) != 15 {
		t.Fatal("enter cleared the answers")
	}
	d.keys("r", "y")
	if d.m.screen != screenQuestion || d.m.index != 0 || len(d.m.Answers()) != 0 || len(k.answers) != 0 {
		t.Fatalf("after yes: screen %d, question %d, %d answers, %d kept", d.m.screen, d.m.index, len(d.m.Answers()), len(k.answers))
	}
}

// Resuming goes on at the first unanswered question, and pre-filled answers are where the
// cursor starts.
func TestResumeAndPrefill(t *testing.T) {
	cfg := testConfig(t)
	cfg.Resume = map[string]string{"participants": "team", "goal": "teamwork", "duration": "weeks"}
	cfg.ResumedAt = fixedNow()
	d := newDriver(t, cfg, 100, 30)
	d.screenShows("You have unfinished answers", "3 answers saved 22 November 2026")
	d.keys("enter")
	if d.m.index != 2 {
		t.Fatalf("resumed at question %d, want 3", d.m.index+1)
	}
	d.keys("shift+tab")
	d.screenShows("> 8. Work better as a team")

	cfg = testConfig(t)
	cfg.Resume = map[string]string{"participants": "team"}
	d = newDriver(t, cfg, 100, 30).keys("down", "enter") // start fresh
	if d.m.index != 0 || len(d.m.Answers()) != 0 {
		t.Fatalf("fresh start at %d with %v", d.m.index, d.m.Answers())
	}

	cfg = testConfig(t)
	cfg.Answers, cfg.PrefillFrom = map[string]string{"scope": "broad-development"}, "a.yaml"
	d = newDriver(t, cfg, 100, 30)
	d.screenShows("1 answer pre-filled from a.yaml.")
	d.keys("enter", "enter", "enter")
	d.screenShows("> 2. Broader growth")
}

// The name is on the welcome screen and the header.
func TestTheNameIsUsed(t *testing.T) {
	cfg := testConfig(t)
	cfg.For = "Ann Lee"
	d := newDriver(t, cfg, 100, 30)
	d.screenShows("about Ann Lee: who they are and what they need", "coachmentor · for Ann Lee")
}

// The questionnaire's result for a set of answers is exactly the engine's.
func TestResultEqualsEngine(t *testing.T) {
	d := newDriver(t, testConfig(t), 100, 30).keys("enter")
	picks := []int{0, 1, 0, 0, 1, 1, 0, 1, 1, 0, 1, 1, 0, 1, 0}
	for _, i := range picks {
		d.answer(i)
	}
	d.keys("enter")
	sel := make(engine.Selection, len(def.Questions))
	for qi, i := range picks {
		sel[qi] = def.Questions[qi].Options[i]
	}
	want := engine.New(def).Evaluate(sel)
	if got := d.m.Result(); got.Recommendation != want.Recommendation || got.Confidence != want.Confidence || got.TopType() != want.TopType() {
		t.Fatalf("got %s %.2f %s, want %s %.2f %s", got.Recommendation, got.Confidence, got.TopType().ID, want.Recommendation, want.Confidence, want.TopType().ID)
	}
}

// Every screen redraws for a new window size, the help line and the body inside it.
func TestResizeReflows(t *testing.T) {
	d := newDriver(t, testConfig(t), 120, 40).keys("enter", "enter")
	for _, size := range [][2]int{{60, 18}, {80, 24}, {100, 30}, {120, 40}, {61, 19}} {
		d.send(sizeMsg(size[0], size[1]))
		lines := strings.Split(d.view(), "\n")
		if len(lines) != size[1] {
			t.Errorf("%dx%d: %d lines", size[0], size[1], len(lines))
		}
		for _, l := range lines {
			if w := len([]rune(l)); w > size[0] {
				t.Errorf("%dx%d: a line of %d: %q", size[0], size[1], w, l)
			}
		}
	}
}

func TestInterruptKeepsTheAnswersForTheCaller(t *testing.T) {
	d := newDriver(t, testConfig(t), 100, 30).keys("enter").answer(1).keys("ctrl+c")
	if !d.quit || !d.m.Interrupted() || d.m.Answers()["participants"] != "senior-leader" {
		t.Fatalf("quit %v, interrupted %v, answers %v", d.quit, d.m.Interrupted(), d.m.Answers())
	}
}

func ExampleOtherBankNote() {
	fmt.Println(OtherBankNote([]string{"manager"}))
	// Output:  1 more, for a question this bank does not ask (manager), stays saved for the bank that asks it.
}

// A keystroke on a question page: the model update, the live panel's scoring and the
// full redraw. A frame at 60 Hz is 16.7 ms.
func BenchmarkQuestionKeystroke(b *testing.B) {
	d := newDriver(b, testConfig(b), 120, 40).keys("enter", "enter")
	for b.Loop() {
		d.send(keyMsg("down"))
		_ = d.m.View()
	}
}

// A keystroke on the results screen: scrolling and redrawing.
func BenchmarkResultsKeystroke(b *testing.B) {
	d := newDriver(b, testConfig(b), 120, 40).throughToResults()
	for b.Loop() {
		d.send(keyMsg("down"))
		_ = d.m.View()
	}
}
