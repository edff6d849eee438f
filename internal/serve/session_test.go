package serve

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/coachmentor/coachmentor/internal/answers"
	"github.com/coachmentor/coachmentor/internal/bank"
	"github.com/coachmentor/coachmentor/internal/engine"
	"github.com/coachmentor/coachmentor/internal/report"
	"github.com/coachmentor/coachmentor/internal/serve/sshtest"
)

// scored is what the engine recommends for a collect line's answers, as batch and
// recommend score them.
func scored(t *testing.T, l map[string]any) *engine.Result {
	t.Helper()
	var given []answers.Given
	for q, a := range l["answers"].(map[string]any) {
		given = append(given, answers.Given{Question: q, Answer: a.(string), From: "line"})
	}
	sel, err := answers.Resolve(def, given)
	if err != nil {
		t.Fatal(err)
	}
	return engine.New(def).Evaluate(sel)
}

func answersOf(l map[string]any) map[string]string {
	out := map[string]string{}
	for q, a := range l["answers"].(map[string]any) {
		out[q] = a.(string)
	}
	return out
}

// A respondent answers to the end: the line is in the file, synced, before the results
// show, and the results are those the engine gives for the line; coming back says the
// answers are in.
func TestAnswerAndCollect(t *testing.T) {
	r := start(t, nil)
	c := r.dial("ann")
	handIn(c)
	lines := collected(t, r.cfg.Collect)
	if len(lines) != 1 || lines[0]["id"] != "ann" || lines[0]["submitted"] != "2026-11-29T10:00:00Z" {
		t.Fatalf("collected %v", lines)
	}
	if got, want := answersOf(lines[0]), sshtest.Chosen(def, allFirst()); !maps.Equal(got, want) {
		t.Fatalf("answers %v, want %v", got, want)
	}
	res := scored(t, lines[0])
	if lines[0]["recommendation"] != res.Recommendation {
		t.Fatalf("line says %v, the engine %s", lines[0]["recommendation"], res.Recommendation)
	}
	c.Wait("Recommendation: " + report.Title(res.Recommendation))
	if text := c.Text(); !strings.Contains(text, "c copy") || strings.Contains(text, "s save") {
		t.Fatalf("the keys over SSH: copy, and no saving on the server:\n%s", text)
	}
	// The text report goes to the respondent's terminal's clipboard, over OSC 52.
	c.Send("c")
	c.Wait("Sent the text report to your terminal's clipboard")
	if raw := c.Raw(); !strings.Contains(raw, "\x1b]52;c;") {
		t.Fatal("no OSC 52 copy sent")
	}
	c.Send("q")
	c.Ended()
	if _, err := os.Stat(r.s.partialPath("ann")); !errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("the unfinished answers are still kept: %v", err)
	}

	files, _ := os.ReadDir(filepath.Dir(r.cfg.Collect))
	for _, f := range files {
		if n := f.Name(); n != "answers.jsonl" && n != "answers.jsonl.partial" && n != "key" {
			t.Errorf("the session left %s beside the collect file", n)
		}
	}

	again := r.dial("ann")
	again.Wait("Your answers are in already")
	again.Ended()
	if n, _ := r.s.Tally(); n != 1 {
		t.Fatalf("%d in", n)
	}
}

// A dropped connection keeps the answers so far; the same id coming back is offered them.
func TestDropKeepsAnswersAndResumes(t *testing.T) {
	r := start(t, nil)
	c := r.dial("bo")
	firstAnswer(c, "2")
	c.Send("1\r")
	c.Wait("Question 3 of")
	c.Conn.Close()
	r.left("bo")

	back := r.dial("bo")
	back.Wait("You have unfinished answers")
	back.Send("\r") // resume, the choice already highlighted
	back.Wait("Question 3 of")
	back.Send("\x1b[Z") // shift+tab: back to question 2, answered
	back.Wait("Question 2 of")
}

// Ctrl+C ends the session, says the answers are kept, and keeps them.
func TestCtrlCKeepsAnswers(t *testing.T) {
	r := start(t, nil)
	c := r.dial("cy")
	firstAnswer(c, "1")
	c.Send("\x03")
	c.Wait("Your answers so far are kept")
	c.Ended()
	if e := r.left("cy"); e.Reason != "Ctrl+C" {
		t.Fatalf("left because %q", e.Reason)
	}
	if _, err := os.Stat(r.s.partialPath("cy")); err != nil {
		t.Fatal(err)
	}
}

// With the results hidden, the respondent is thanked and shown no recommendation.
func TestHiddenResults(t *testing.T) {
	r := start(t, func(c *Config) { c.HideResults = true })
	c := r.dial("di")
	c.Answer(def, allFirst())
	c.Send("\r")
	c.Wait("Your answers are in.")
	if len(collected(t, r.cfg.Collect)) != 1 {
		t.Fatal("not collected")
	}
	c.Send("q")
	c.Ended()
	if text := c.Text(); strings.Contains(text, "Recommendation:") {
		t.Fatal("the recommendation showed")
	}
}

// A window change lays the page out again for the new size: the panel beside the question
// shows only where there is room for it.
func TestWindowChange(t *testing.T) {
	r := start(t, nil)
	c := r.dialWith(sshtest.Options{User: "ed", Width: 80, Height: 24})
	c.Wait("Press enter to start.")
	c.Send("\r")
	c.Wait("Question 1 of")
	if strings.Contains(c.Text(), "Top types") {
		t.Fatal("the panel shows at 80 columns")
	}
	c.Send("") // look only at what comes after the change
	if err := c.Sess.WindowChange(40, 140); err != nil {
		t.Fatal(err)
	}
	c.Wait("Top types")
}

// Fifty respondents answer at once, each at random: fifty lines, each the answers given
// and the recommendation shown, as the engine gives it for those answers.
func TestFiftyAtOnce(t *testing.T) {
	const n = 50
	r := start(t, nil)
	rng := rand.New(rand.NewPCG(1, 2))
	picks := make([][]int, n)
	for i := range picks {
		picks[i] = sshtest.RandomPicks(def, rng)
	}
	shown := make([]string, n)
	waits := make([]func() error, n)
	for i := range n {
		waits[i] = sshtest.Go(t, func(t sshtest.T) { shown[i] = respond(t, r.s.Addr(), fmt.Sprint(i), picks[i]) })
	}
	for _, wait := range waits {
		if err := wait(); err != nil {
			t.Fatal(err)
		}
	}
	lines := collected(t, r.cfg.Collect)
	if len(lines) != n {
		t.Fatalf("%d lines for %d respondents", len(lines), n)
	}
	for _, l := range lines {
		i, err := strconv.Atoi(l["id"].(string))
		if err != nil {
			t.Fatal(err)
		}
		if got, want := answersOf(l), sshtest.Chosen(def, picks[i]); !maps.Equal(got, want) {
			t.Fatalf("%s: answers %v, want %v", l["id"], got, want)
		}
		res := scored(t, l)
		if l["recommendation"] != res.Recommendation || shown[i] != report.Title(res.Recommendation) {
			t.Fatalf("%s: line %v, shown %q, engine %s", l["id"], l["recommendation"], shown[i], res.Recommendation)
		}
		top := ""
		if report.HasTypeSignal(res) {
			top = res.TopType().ID
		}
		if l["top_type"] != top {
			t.Fatalf("%s: top type %v, engine %s", l["id"], l["top_type"], top)
		}
	}
}

// respond answers as id with picks, hands in, and returns the recommendation shown.
func respond(t sshtest.T, addr, id string, picks []int) string {
	c, err := sshtest.Dial(t, addr, sshtest.Options{User: id})
	if err != nil {
		t.Fatalf("%s: %v", id, err)
	}
	c.Answer(def, picks)
	c.Send("\r")
	c.Wait("Recommendation: ")
	c.Send("q")
	c.Ended()
	text := c.Text()
	rest := text[strings.LastIndex(text, "Recommendation: ")+len("Recommendation: "):]
	for _, title := range []string{"Coaching", "Mentoring", "Undecided", "Blend"} {
		if strings.HasPrefix(rest, title) {
			return title
		}
	}
	return strings.SplitN(rest, "\n", 2)[0]
}

// A terminal that does not answer the question about its colours still gets the
// questionnaire, and a key pressed meanwhile is not lost.
func TestTerminalThatDoesNotAnswer(t *testing.T) {
	r := start(t, nil)
	c := r.dialWith(sshtest.Options{User: "ann", Mute: true})
	c.Send("\r") // before anything shows
	c.Wait("Question 1 of")
}

// The terminal's answer about its background, in the forms terminals give it.
func TestDarkColour(t *testing.T) {
	for s, want := range map[string][2]bool{
		"rgb:0000/0000/0000": {true, true}, "rgb:ffff/ffff/ffff": {false, true}, "rgb:1e1e/1e1e/2e2e": {true, true},
		"rgb:fd/f6/e3": {false, true}, "rgb:0/0/0": {true, true}, "#000000": {false, false}, "rgb:00000/0/0": {false, false},
		"rgb:zz/00/00": {false, false}, "rgb:00/00": {false, false},
	} {
		if dark, ok := darkColour(s); dark != want[0] || ok != want[1] {
			t.Errorf("%s: dark %v, known %v", s, dark, ok)
		}
	}
}

// Keys typed while the terminal is asked about itself reach the questionnaire; the
// terminal's answers do not.
func TestAskBackgroundKeepsKeys(t *testing.T) {
	r, w := io.Pipe()
	in := newSessionInput(r, DefaultInput, DefaultInputBurst, time.Now)
	go w.Write([]byte("a\x1b]11;rgb:ffff/ffff/ffff\x1b\\b\x1b[?62;22cc"))
	dark, known := in.askBackground(io.Discard, time.Hour)
	if dark || !known {
		t.Fatalf("dark %v, known %v", dark, known)
	}
	buf := make([]byte, 16)
	n, _ := in.Read(buf)
	if got := string(buf[:n]); got != "abc" {
		t.Fatalf("the questionnaire got %q", got)
	}
}

// With a bank of the consultant's own (--questions), respondents answer its questions and
// the file says which bank they answered.
func TestOwnBank(t *testing.T) {
	b, err := bank.Load(os.DirFS("../../examples"), "client-bank.yaml")
	if err != nil {
		t.Fatal(err)
	}
	r := start(t, func(c *Config) { c.Bank = b })
	c := r.dial("ann")
	picks := make([]int, len(b.Questions))
	for i := range picks {
		picks[i] = 1
	}
	c.Answer(b, picks)
	c.Send("\r")
	c.Wait("Recommendation: ")
	lines := collected(t, r.cfg.Collect)
	if len(lines) != 1 || lines[0]["bank"].(map[string]any)["hash"] != b.Hash {
		t.Fatalf("collected %v", lines)
	}
	if got, want := answersOf(lines[0]), sshtest.Chosen(b, picks); !maps.Equal(got, want) {
		t.Fatalf("answers %v, want %v", got, want)
	}
}
