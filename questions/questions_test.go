package questions_test

import (
	"bytes"
	"reflect"
	"strings"
	"testing"

	"github.com/coachmentor/coachmentor/internal/bank"
	"github.com/coachmentor/coachmentor/internal/bankgen"
	"github.com/coachmentor/coachmentor/questions"
)

// A bad edit to default.yaml fails here, with every problem listed.
func TestEmbeddedBankLoads(t *testing.T) {
	if _, err := bank.Parse(questions.DefaultFile, questions.YAML); err != nil {
		t.Fatalf("the default bank does not load:\n%v", err)
	}
}

// The compiled bank the program uses is exactly what default.yaml says.
func TestCompiledBankIsCurrent(t *testing.T) {
	loaded, err := bank.Parse(questions.DefaultFile, questions.YAML)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(loaded, questions.Default()) {
		t.Fatal("default_gen.go is out of date with default.yaml: run `make generate`")
	}
	src, err := bankgen.Source(loaded, "questions", "compiled", questions.DefaultFile)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(src, []byte(loaded.Hash)) {
		t.Fatal("generated source does not carry the hash")
	}
}

// The ids scripts depend on, from the scripting contract. Never rename these.
func TestContractIDs(t *testing.T) {
	want := map[string]string{
		"scope":        "specific-skills broad-development",
		"duration":     "weeks months year years",
		"structure":    "sessions flexible",
		"success":      "metrics growth",
		"driver":       "organization participant",
		"focus":        "task whole-person",
		"start":        "now planned",
		"guide":        "expert insider",
		"capacity":     "few-funded many-volunteer",
		"participants": "individual senior-leader team cohort peers",
		"goal":         "performance skill transition teamwork career-move growth knowledge network perspective situation",
	}
	b := questions.Default()
	for id, options := range want {
		q, ok := b.Question(id)
		if !ok {
			t.Errorf("question %q is missing", id)
			continue
		}
		for _, o := range strings.Fields(options) {
			if _, ok := q.Option(o); !ok {
				t.Errorf("question %q lacks answer %q", id, o)
			}
		}
	}
	types := "performance-coaching executive-coaching team-coaching skills-coaching career-coaching one-on-one-mentoring peer-mentoring group-mentoring reverse-mentoring situational-mentoring"
	for _, id := range strings.Fields(types) {
		tp, ok := b.Type(id)
		if !ok {
			t.Errorf("type %q is missing", id)
			continue
		}
		if want := id[strings.LastIndex(id, "-")+1:]; tp.Family != want {
			t.Errorf("type %q has family %q", id, tp.Family)
		}
	}
}

// Neither family can collect more points than the other, so the rubric has no built-in
// lean; and everything cites a source.
func TestDefaultBankIsFairAndSourced(t *testing.T) {
	b := questions.Default()
	var maxC, maxM float64
	for _, q := range b.Questions {
		var c, m float64
		for _, o := range q.Options {
			c, m = max(c, o.Coaching), max(m, o.Mentoring)
		}
		maxC += c
		maxM += m
		if len(q.Sources) == 0 {
			t.Errorf("question %q cites no source", q.ID)
		}
	}
	if maxC != maxM {
		t.Errorf("answers can give %g coaching points but %g mentoring points", maxC, maxM)
	}
	for _, tp := range b.Types {
		if len(tp.Sources) == 0 {
			t.Errorf("type %q cites no source", tp.ID)
		}
		if len(tp.Setup.Steps) < 3 {
			t.Errorf("type %q has %d next steps; give at least three", tp.ID, len(tp.Setup.Steps))
		}
	}
	publishers := map[string]bool{}
	for _, s := range b.Sources {
		publishers[s.Publisher] = true
	}
	for _, p := range []string{"CMOE", "MentorCliq", "Insala", "Voluntary Action Camden", "Co-Active Training Institute"} {
		if !publishers[p] {
			t.Errorf("source %q is not cited", p)
		}
	}
}
