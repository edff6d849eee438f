package engine_test

import (
	"fmt"
	"math"
	"math/rand/v2"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/coachmentor/coachmentor/internal/bank"
	"github.com/coachmentor/coachmentor/internal/engine"
	"github.com/coachmentor/coachmentor/questions"
)

// Moving any one answer toward mentoring never raises coaching's share, from any starting
// point. "Toward mentoring" means mentoring points do not fall and coaching points do not
// rise.
func TestTowardMentoringNeverRaisesCoachingShare(t *testing.T) {
	s := engine.New(def)
	rng := rand.New(rand.NewPCG(1, 2))
	for range 2000 {
		sel := randomSelection(rng)
		base := s.Evaluate(sel)
		for qi, q := range def.Questions {
			cur := sel[qi]
			cc, cm := 0.0, 0.0
			if cur != nil {
				cc, cm = cur.Coaching, cur.Mentoring
			}
			for _, o := range append([]*bank.Option{nil}, q.Options...) {
				oc, om := 0.0, 0.0
				if o != nil {
					oc, om = o.Coaching, o.Mentoring
				}
				if oc > cc || om < cm {
					continue // not a move toward mentoring
				}
				alt := append(engine.Selection(nil), sel...)
				alt[qi] = o
				r := s.Evaluate(alt)
				if r.Lean() > base.Lean()+1e-12 {
					t.Fatalf("%s: %s -> %s raised coaching's share %.3f -> %.3f", q.ID, id(cur), id(o), base.Lean(), r.Lean())
				}
				// A blend because the best type is of the other family is the type's
				// doing, not the balance's: TestVerdictAgreesWithBestType covers it.
				if r.Decided() && base.Decided() && !r.Split && !base.Split && rank(r.Recommendation) > rank(base.Recommendation) {
					t.Fatalf("%s: %s -> %s moved the recommendation toward coaching: %s -> %s", q.ID, id(cur), id(o), base.Recommendation, r.Recommendation)
				}
			}
		}
	}
}

// rank orders recommendations from mentoring to coaching.
func rank(rec string) int {
	return map[string]int{engine.Mentoring: 0, engine.Blend: 1, engine.Coaching: 2}[rec]
}

// Within each question of the default bank, each option either leans one way or gives no
// family points, so every "toward mentoring" move is also a dominance move, and the
// property above covers every pair of answers ordered by lean.
func TestDefaultOptionsLeanOneWay(t *testing.T) {
	for _, q := range def.Questions {
		for _, o := range q.Options {
			if o.Coaching > 0 && o.Mentoring > 0 && o.Coaching != o.Mentoring {
				t.Errorf("%s=%s gives both families unequal points", q.ID, o.ID)
			}
		}
	}
}

func TestOrderIndependent(t *testing.T) {
	pairs := []string{"scope=specific-skills", "duration=years", "goal=network", "participants=peers", "guide=expert", "capacity=many-volunteer"}
	want := evaluate(t, pairs...)
	rng := rand.New(rand.NewPCG(3, 4))
	for range 50 {
		rng.Shuffle(len(pairs), func(i, j int) { pairs[i], pairs[j] = pairs[j], pairs[i] })
		if got := evaluate(t, pairs...); !reflect.DeepEqual(got, want) {
			t.Fatalf("order %v gave a different result", pairs)
		}
	}
}

func TestLaterAnswerOverrides(t *testing.T) {
	r := evaluate(t, "scope=specific-skills", "scope=broad-development")
	if r.Lean() != 0 {
		t.Fatalf("lean %.2f; the later answer should win", r.Lean())
	}
}

// reweighted is the default bank with every type weight passed through f, given the
// option's index and the weight's place in the option's list.
func reweighted(t *testing.T, f func(oi, ti int, w float64) float64) *bank.Bank {
	t.Helper()
	b, err := bank.Parse(questions.DefaultFile, questions.YAML)
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range b.Questions {
		for oi, o := range q.Options {
			for ti := range o.Types {
				o.Types[ti].Weight = f(oi, ti, o.Types[ti].Weight)
			}
		}
	}
	b.Hash = ""
	return b.Index() // the points per type again, from the new weights
}

// The tipping point changes the recommendation, and no smaller set of changes does. The
// search below is exhaustive up to three changes.
func TestTippingPointIsMinimal(t *testing.T) {
	s := engine.New(def)
	rng := rand.New(rand.NewPCG(7, 8))
	checked := 0
	for range 1000 {
		sel := randomSelection(rng)
		r := s.Evaluate(sel)
		tp := r.Tipping
		if !r.Decided() {
			if tp != nil {
				t.Fatalf("a tipping point for an undecided result: %v", describe(sel))
			}
			continue
		}
		if tp == nil {
			if !r.Split {
				t.Fatalf("no tipping point for %v", describe(sel))
			}
			continue // a split: a change of best type alters it, which the changes list
		}
		alt := append(engine.Selection(nil), sel...)
		for _, c := range tp.Changes {
			if alt[c.Question.Index] != c.From {
				t.Fatalf("tipping change for %s starts from %s, but the answer is %s", c.Question.ID, id(c.From), id(alt[c.Question.Index]))
			}
			alt[c.Question.Index] = c.To
		}
		after := s.Evaluate(alt)
		if after.Recommendation != tp.Recommendation || pointsRec(after) == pointsRec(r) {
			t.Fatalf("applying the tipping point gives %s, balance %s (was %s, balance %s; promised %s)",
				after.Recommendation, pointsRec(after), r.Recommendation, pointsRec(r), tp.Recommendation)
		}
		for _, c := range tp.Changes {
			if c.To == nil {
				t.Fatalf("the tipping point suggests answering %s with not sure", c.Question.ID)
			}
		}
		if k := len(tp.Changes); k > 1 && k <= 4 {
			checked++
			if smaller := search(s, sel, k-1); smaller != "" {
				t.Fatalf("%s: tipping point (%s, %s) needs %d changes but %s does it", describe(sel), r.Recommendation, pointsRec(r), k, smaller)
			}
		}
	}
	if checked < 50 {
		t.Fatalf("only %d selections had a tipping point of 2 to 4 changes; the test checks too little", checked)
	}
}

// pointsRec is the recommendation the balance of points alone gives, before the best
// type has its say.
func pointsRec(r *engine.Result) string {
	switch total := r.Coaching + r.Mentoring; {
	case total == 0:
		return engine.Undecided
	case r.Coaching >= def.MinShare*total:
		return engine.Coaching
	case r.Mentoring >= def.MinShare*total:
		return engine.Mentoring
	}
	return engine.Blend
}

// search looks for up to n changes of one answer into another that move the balance
// across the line (to a recommendation that is decided): the tipping point's promise.
func search(s *engine.Scorer, sel engine.Selection, n int) string {
	return searchFrom(s, sel, pointsRec(s.Evaluate(sel)), n)
}

func searchFrom(s *engine.Scorer, sel engine.Selection, points string, n int) string {
	if n == 0 {
		return ""
	}
	for qi, q := range def.Questions {
		for _, o := range q.Options {
			if o == sel[qi] {
				continue
			}
			alt := append(engine.Selection(nil), sel...)
			alt[qi] = o
			if got := s.Evaluate(alt); got.Decided() && pointsRec(got) != points {
				return q.ID + "=" + id(o)
			}
			if found := searchFrom(s, alt, points, n-1); found != "" {
				return q.ID + "=" + id(o) + " " + found
			}
		}
	}
	return ""
}

func TestConfidenceInRange(t *testing.T) {
	s := engine.New(def)
	rng := rand.New(rand.NewPCG(9, 10))
	for range 5000 {
		r := s.Evaluate(randomSelection(rng))
		if r.Confidence < 0 || r.Confidence > 1 || math.IsNaN(r.Confidence) {
			t.Fatalf("confidence %v", r.Confidence)
		}
	}
	// Every question answered the most coaching way is as sure as it gets.
	var pairs []string
	for _, q := range def.Questions {
		best := q.Options[0]
		for _, o := range q.Options {
			if o.Coaching-o.Mentoring > best.Coaching-best.Mentoring {
				best = o
			}
		}
		pairs = append(pairs, q.ID+"="+best.ID)
	}
	if r := evaluate(t, pairs...); r.Recommendation != engine.Coaching || r.Confidence != 1 {
		t.Fatalf("all coaching: %s %.3f, want coaching 1", r.Recommendation, r.Confidence)
	}
}

// A custom bank's min_share decides where a blend begins.
func TestMinShareFromBank(t *testing.T) {
	strict := *def
	strict.MinShare = 0.9
	strict.Hash = ""
	b := strict.Index()
	sel := selection(t, "scope=specific-skills", "duration=weeks", "structure=flexible", "participants=individual") // 6 to 2: 75%
	if got := engine.New(def).Evaluate(sel).Recommendation; got != engine.Coaching {
		t.Fatalf("default bank: %s, want coaching", got)
	}
	if got := engine.New(b).Evaluate(sel).Recommendation; got != engine.Blend {
		t.Fatalf("min_share 0.9: %s, want blend", got)
	}
}

func randomSelection(rng *rand.Rand) engine.Selection { return randomSelectionOf(def, rng) }

func randomSelectionOf(b *bank.Bank, rng *rand.Rand) engine.Selection {
	sel := make(engine.Selection, len(b.Questions))
	for qi, q := range b.Questions {
		if n := rng.IntN(len(q.Options) + 2); n < len(q.Options) {
			sel[qi] = q.Options[n]
		}
	}
	return sel
}

func id(o *bank.Option) string {
	if o == nil {
		return bank.Unsure
	}
	return o.ID
}

func describe(sel engine.Selection) string { return describeOf(def, sel) }

func describeOf(b *bank.Bank, sel engine.Selection) string {
	var parts []string
	for i, o := range sel {
		if o != nil {
			parts = append(parts, fmt.Sprintf("%s=%s", b.Questions[i].ID, o.ID))
		}
	}
	return strings.Join(parts, " ")
}

func BenchmarkEvaluate(b *testing.B) {
	s := engine.New(def)
	sel := selection(b, "scope=specific-skills", "duration=weeks", "structure=sessions", "success=metrics",
		"driver=organization", "focus=task", "start=now", "participants=individual", "goal=performance", "horizon=current-role")
	b.ReportAllocs()
	for b.Loop() {
		s.Evaluate(sel)
	}
}

// Points are counted in hundredths, so weights with decimals add up to what a person
// would write (3.3, not 3.3000000000000003) and a tie on paper is a tie in the ranking.
func TestDecimalWeightsAddUpExactly(t *testing.T) {
	b := reweighted(t, func(_, _ int, w float64) float64 { return w * 1.1 })
	s := engine.New(b)
	rng := rand.New(rand.NewPCG(9, 10))
	twoPlaces := func(x float64) bool {
		f := strconv.FormatFloat(x, 'f', -1, 64)
		i := strings.IndexByte(f, '.')
		return i < 0 || len(f)-i-1 <= 2
	}
	for range 300 {
		sel := randomSelectionOf(b, rng)
		r := s.Evaluate(sel)
		for _, ts := range r.Types {
			if !twoPlaces(ts.Score) {
				t.Fatalf("%s scores %v", ts.Type.ID, ts.Score)
			}
		}
		for i := 1; i < len(r.Types); i++ {
			x, y := r.Types[i-1], r.Types[i]
			if x.RuledOut != y.RuledOut {
				continue // ruled out types come last, whatever their points
			}
			if x.Score < y.Score || (x.Score == y.Score && x.Type.Index > y.Type.Index) {
				t.Fatalf("%s (%v) ranked before %s (%v)", x.Type.ID, x.Score, y.Type.ID, y.Score)
			}
		}
		if !twoPlaces(r.Coaching) || !twoPlaces(r.Mentoring) {
			t.Fatalf("family scores %v and %v", r.Coaching, r.Mentoring)
		}
	}
}
