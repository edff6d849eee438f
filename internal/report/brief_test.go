package report

import (
	"bytes"
	"io"
	"math/rand/v2"
	"regexp"
	"strings"
	"testing"

	"github.com/muesli/termenv"

	"github.com/coachmentor/coachmentor/internal/bank"
	"github.com/coachmentor/coachmentor/internal/engine"
	"github.com/coachmentor/coachmentor/questions"
)

// completeSelection answers every question of b with one of its options.
func completeSelection(b *bank.Bank, rng *rand.Rand) engine.Selection {
	sel := make(engine.Selection, len(b.Questions))
	for qi, q := range b.Questions {
		sel[qi] = q.Options[rng.IntN(len(q.Options))]
	}
	return sel
}

// For a complete answer set the Markdown report is a brief a manager can send: at most 100
// lines, and each of the person's answers named at most twice (among the reasons, and in
// the details' table), never in the list of changes.
func TestMarkdownIsABrief(t *testing.T) {
	b := questions.Default()
	s := engine.New(b)
	rng := rand.New(rand.NewPCG(41, 42))
	longest := 0
	for range 3000 {
		sel := completeSelection(b, rng)
		r := s.Evaluate(sel)
		var md bytes.Buffer
		if err := Markdown(&md, b, r, Options{For: "Sam", Date: "2026-12-05"}); err != nil {
			t.Fatal(err)
		}
		text := md.String()
		lines := strings.Count(text, "\n")
		longest = max(longest, lines)
		if lines > 100 {
			t.Fatalf("%d lines:\n%s", lines, text)
		}
		for _, a := range r.Answered {
			if n := namedTimes(text, a.Option.Label); n > 2 {
				t.Fatalf("%s: %q named %d times:\n%s", a.Question.ID, a.Option.Label, n, text)
			}
		}
	}
	t.Logf("the longest brief: %d lines", longest)
}

// namedTimes counts where text names an answer by its label: as a whole item, not a few
// words that begin some prose, as "A team" begins "A team that works together".
func namedTimes(text, label string) int {
	n := 0
	for i := 0; ; {
		j := strings.Index(text[i:], label)
		if j < 0 {
			return n
		}
		start, end := i+j, i+j+len(label)
		before := start == 0 || strings.ContainsRune(" \n(*|:", rune(text[start-1]))
		after := end == len(text) || strings.ContainsRune("\n.*|;,)", rune(text[end])) || strings.HasPrefix(text[end:], " |")
		if before && after {
			n++
		}
		i = end
	}
}

func TestNamedTimes(t *testing.T) {
	text := "- **Who is developed: A team.** A team that works together.\n| Who is developed | A team | coaching |\nWho: A team; x"
	if n := namedTimes(text, "A team"); n != 3 {
		t.Fatalf("named %d times, want 3", n)
	}
}

// What would change it lists only answers a person could give, never "Not sure", and says
// confidences in words, a range too, never as figures.
func TestChangesAreRealAnswersInWords(t *testing.T) {
	b := questions.Default()
	s := engine.New(b)
	rng := rand.New(rand.NewPCG(43, 44))
	figures := regexp.MustCompile(`confidence [0-9]`)
	for range 3000 {
		sel := make(engine.Selection, len(b.Questions))
		for qi, q := range b.Questions {
			if k := rng.IntN(len(q.Options) + 2); k < len(q.Options) {
				sel[qi] = q.Options[k]
			}
		}
		r := s.Evaluate(sel)
		for _, c := range r.Changes {
			if c.To == nil {
				t.Fatalf("%s: not sure suggested as a change", c.Question.ID)
			}
		}
		br := NewBrief(b, r, Options{})
		for _, c := range br.Details.Changes {
			for _, alt := range c.Alternatives {
				if alt == "Not sure" {
					t.Fatalf("%s: Not sure offered as a change", c.Question)
				}
			}
			if figures.MatchString(c.Outcome) {
				t.Fatalf("a confidence in figures: %s", c.Outcome)
			}
		}
	}
}

// A ruled-out type is never drawn as a bar nor ranked among the types that fit, in any
// format: its points are not shown at all, only what rules it out.
func TestRuledOutTypesShowAsRuledOut(t *testing.T) {
	b := questions.Default()
	r := engine.New(b).Evaluate(selectionOf(t, b, "participants=individual", "goal=transition", "capacity=few-funded", "scope=specific-skills", "duration=weeks"))
	var exec engine.TypeScore
	for _, ts := range r.Types {
		if ts.Type.ID == "executive-coaching" {
			exec = ts
		}
	}
	if !exec.RuledOut || exec.Score <= 0 {
		t.Fatalf("executive coaching should be ruled out with points: %+v", exec)
	}
	br := NewBrief(b, r, Options{})
	for _, c := range br.Details.Charts {
		for _, l := range c.Labels {
			if l == "Executive coaching" {
				t.Fatalf("a ruled-out type drawn in %q", c.Title)
			}
		}
	}
	var md, html, text bytes.Buffer
	Markdown(&md, b, r, Options{})
	HTML(&html, b, r, Options{})
	Text(&text, b, r, TextOptions{Profile: termenv.Ascii, Full: true})
	score := Num(exec.Score)
	for name, out := range map[string]string{"markdown": md.String(), "html": html.String(), "text": text.String()} {
		if !strings.Contains(out, "needs Who is developed: A senior leader") {
			t.Errorf("%s does not say what rules executive coaching out", name)
		}
		if regexp.MustCompile(`Executive coaching[^\n]{0,40}` + regexp.QuoteMeta(score) + `\b`).MatchString(out) {
			t.Errorf("%s shows the ruled-out type's %s points", name, score)
		}
	}
	if strings.Contains(md.String(), "Executive coaching "+score) || !strings.Contains(md.String(), "Ruled out by the answers") {
		t.Errorf("the Markdown ranks the ruled-out type:\n%s", md.String())
	}
}

// The next steps are at the level of the need: a pairing for one person, a program when
// many share it.
func TestNextStepsAtTheRightLevel(t *testing.T) {
	b := questions.Default()
	one := NewBrief(b, engine.New(b).Evaluate(selectionOf(t, b, "participants=individual", "goal=growth", "guide=insider", "duration=years", "reach=few")), Options{})
	many := NewBrief(b, engine.New(b).Evaluate(selectionOf(t, b, "participants=individual", "goal=growth", "guide=insider", "duration=years", "reach=many")), Options{})
	if one.Best[0].Type.ID != "one-on-one-mentoring" || many.Best[0].Type.ID != "one-on-one-mentoring" {
		t.Fatalf("best: %s and %s", one.Best[0].Type.ID, many.Best[0].Type.ID)
	}
	if one.ForMany || !strings.Contains(one.Best[0].Steps[1].Text, "willing and able") {
		t.Errorf("one person: %+v", one.Best[0].Steps)
	}
	if !many.ForMany || !strings.Contains(many.Best[0].Steps[0].Text, "Design the program first") {
		t.Errorf("many people: %+v", many.Best[0].Steps)
	}
	for _, st := range append(one.Best[0].Steps, many.Best[0].Steps...) {
		if st.From == "" {
			t.Errorf("a step without its source or a mark of common practice: %q", st.Text)
		}
	}
}

// --date puts the date on every format; without it the output is the same bytes as ever.
func TestDateOnEveryFormat(t *testing.T) {
	b := questions.Default()
	r := engine.New(b).Evaluate(selectionOf(t, b, "goal=skill", "scope=specific-skills", "duration=weeks", "structure=sessions"))
	text := func(w io.Writer, b *bank.Bank, r *engine.Result, o Options) error {
		return Text(w, b, r, TextOptions{Options: o, Profile: termenv.Ascii, Width: 80})
	}
	for f, render := range map[string]func(io.Writer, *bank.Bank, *engine.Result, Options) error{
		"text": text, "markdown": Markdown, "html": HTML, "json": JSON,
	} {
		var with, without, again bytes.Buffer
		render(&with, b, r, Options{Date: "2026-12-05"})
		render(&without, b, r, Options{})
		render(&again, b, r, Options{})
		if !strings.Contains(with.String(), "2026-12-05") || strings.Contains(without.String(), "2026-12-05") {
			t.Errorf("%s: the date is not where it should be", f)
		}
		if !bytes.Equal(without.Bytes(), again.Bytes()) {
			t.Errorf("%s: two runs differ", f)
		}
	}
}

// A blend that the best type makes says why, and names both families.
func TestSplitBlendSaysWhy(t *testing.T) {
	b := questions.Default()
	r := engine.New(b).Evaluate(selectionOf(t, b, "participants=individual", "goal=situation", "duration=weeks", "start=now",
		"structure=sessions", "success=metrics", "capacity=few-funded"))
	if !r.Split || r.Recommendation != engine.Blend || r.TopType().ID != "situational-mentoring" {
		t.Fatalf("%s, split %v, best %s", r.Recommendation, r.Split, r.TopType().ID)
	}
	var md bytes.Buffer
	Markdown(&md, b, r, Options{})
	if !strings.Contains(md.String(), "The answers lean to coaching") || !strings.Contains(md.String(), "Situational mentoring, is a mentoring type") {
		t.Fatalf("no explanation of the split:\n%s", md.String())
	}
}

// Hostile text from a user stays text in the HTML report.
func TestHTMLEscapesTheName(t *testing.T) {
	b := questions.Default()
	r := engine.New(b).Evaluate(selectionOf(t, b, "goal=skill"))
	var out bytes.Buffer
	if err := HTML(&out, b, r, Options{For: `<script>alert(1)</script> & "co"`}); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(out.String(), "<script") || !strings.Contains(out.String(), "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &#34;co&#34;") {
		t.Fatalf("the name is not escaped:\n%s", out.String())
	}
}

// selectionOf reads "question=answer" pairs for b.
func selectionOf(t *testing.T, b *bank.Bank, pairs ...string) engine.Selection {
	t.Helper()
	sel := make(engine.Selection, len(b.Questions))
	for _, p := range pairs {
		qid, aid, _ := strings.Cut(p, "=")
		q, ok := b.Question(qid)
		if !ok {
			t.Fatalf("no question %s", qid)
		}
		o, ok := q.Option(aid)
		if !ok {
			t.Fatalf("no answer %s", p)
		}
		sel[q.Index] = o
	}
	return sel
}
