package engine

import (
	"math/rand/v2"
	"reflect"
	"testing"

	"github.com/coachmentor/coachmentor/questions"
)

// The table of decisions gives what working each one out gives, for the result and for
// every change listed.
func TestDecisionsTableAgrees(t *testing.T) {
	b := questions.Default()
	with := New(b)
	if with.decisions == nil {
		t.Fatal("the default bank should have a table of decisions")
	}
	without := New(b)
	without.decisions = nil
	rng := rand.New(rand.NewPCG(3, 4))
	for range 500 {
		sel := make(Selection, len(b.Questions))
		for qi, q := range b.Questions {
			if k := rng.IntN(len(q.Options) + 1); k < len(q.Options) {
				sel[qi] = q.Options[k]
			}
		}
		x, y := with.Evaluate(sel), without.Evaluate(sel)
		if x.Recommendation != y.Recommendation || x.Confidence != y.Confidence {
			t.Fatalf("result: %s %v with the table, %s %v without", x.Recommendation, x.Confidence, y.Recommendation, y.Confidence)
		}
		if !reflect.DeepEqual(x.Changes, y.Changes) {
			t.Fatal("changes differ with the table")
		}
	}
}
