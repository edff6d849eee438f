package engine_test

import (
	"math"
	"math/rand/v2"
	"slices"
	"sort"
	"testing"

	"github.com/coachmentor/coachmentor/internal/bank"
	"github.com/coachmentor/coachmentor/internal/engine"
)

// refResult is what a plain scorer makes of a selection, worked out directly from the bank
// with none of the engine's tables, keys or tricks, to check the engine against.
type refResult struct {
	rec    string
	conf   float64
	split  bool
	c, m   int64 // hundredths
	needed int
	types  []refType // best first
	tie    []string  // the types that tie for the top, if any
}

type refType struct {
	id       string
	score    int64 // hundredths
	ruledOut bool
	index    int
}

func h(x float64) int64 { return int64(math.Round(x * 100)) }

func refScore(b *bank.Bank, sel engine.Selection) refResult {
	var r refResult
	scores := make([]int64, len(b.Types))
	n := 0
	share := h(b.FamilyShare)
	for qi, o := range sel {
		if o == nil {
			continue
		}
		n++
		r.c += h(o.Coaching)
		r.m += h(o.Mentoring)
		for ti, t := range b.Types {
			scores[ti] += h(o.TypeWeight(t.ID))
			if t.Family == bank.Coaching {
				scores[ti] += share * h(o.Coaching) / 100
			} else {
				scores[ti] += share * h(o.Mentoring) / 100
			}
		}
		_ = qi
	}
	for ti, t := range b.Types {
		out := false
		for _, req := range t.Requires {
			q, _ := b.Question(req.Question)
			if o := sel[q.Index]; o != nil && !slices.Contains(req.Answers, o.ID) {
				out = true
			}
		}
		r.types = append(r.types, refType{id: t.ID, score: scores[ti], ruledOut: out, index: ti})
	}
	sort.SliceStable(r.types, func(i, j int) bool {
		a, b := r.types[i], r.types[j]
		if a.ruledOut != b.ruledOut {
			return !a.ruledOut
		}
		return a.score > b.score
	})
	if top := r.types[0]; top.score > 0 && !top.ruledOut {
		for _, t := range r.types {
			if t.score == top.score && !t.ruledOut {
				r.tie = append(r.tie, t.id)
			}
		}
		if len(r.tie) < 2 {
			r.tie = nil
		}
	}
	// The recommendation and confidence, as the README describes them.
	var maxLead, maxSum float64
	for _, q := range b.Questions {
		lead, sum := 0.0, 0.0
		for _, o := range q.Options {
			lead = max(lead, math.Abs(o.Coaching-o.Mentoring))
			sum = max(sum, o.Coaching+o.Mentoring)
		}
		maxLead += lead
		maxSum += sum
	}
	sp := h(b.MinShare)
	total := r.c + r.m
	c, m := float64(r.c)/100, float64(r.m)/100
	switch {
	case n < b.MinAnswers || total == 0:
		r.rec, r.needed = engine.Undecided, max(1, b.MinAnswers-n)
	case 100*r.c >= sp*total:
		r.rec, r.conf = engine.Coaching, math.Sqrt(math.Min(1, (c-m)/maxLead))
	case 100*r.m >= sp*total:
		r.rec, r.conf = engine.Mentoring, math.Sqrt(math.Min(1, (m-c)/maxLead))
	default:
		s := float64(sp) / 100
		balance := math.Max(0, 1-math.Abs(c-m)/((2*s-1)*(c+m)))
		r.rec, r.conf = engine.Blend, balance*math.Sqrt(math.Min(1, (c+m)/maxSum))
	}
	// The verdict agrees with the best type: points for one family with a best type (or a
	// tied one) of the other make a blend, as sure as the points are unsure.
	if r.rec == engine.Coaching || r.rec == engine.Mentoring {
		if top := r.types[0]; top.score > 0 && !top.ruledOut {
			for _, t := range r.types {
				if t.score == top.score && !t.ruledOut && b.Types[t.index].Family != r.rec {
					r.rec, r.conf, r.split = engine.Blend, (1-r.conf)*math.Sqrt(math.Min(1, (c+m)/maxSum)), true
					break
				}
			}
		}
	}
	return r
}

// sig is the top of a result as the engine compares it: the top type and, in a tie, the
// first other type that ties with it.
func (r refResult) sig() [2]string {
	s := [2]string{r.types[0].id, ""}
	if len(r.tie) > 1 {
		s[1] = r.tie[1]
	}
	return s
}

// checkAgainstReference scores random selections with the engine and the reference and
// compares everything: the recommendation and confidence, the scores, every type's points,
// rank and whether it is ruled out, ties, and every change that should be listed.
func checkAgainstReference(t *testing.T, b *bank.Bank, seed uint64, runs int) {
	t.Helper()
	s := engine.New(b)
	rng := rand.New(rand.NewPCG(seed, seed+1))
	for range runs {
		sel := randomSelectionOf(b, rng)
		got, want := s.Evaluate(sel), refScore(b, sel)
		if got.Recommendation != want.rec || math.Abs(got.Confidence-want.conf) > 1e-9 || got.AnswersNeeded != want.needed || got.Split != want.split {
			t.Fatalf("%s: got %s %.4f (%d needed), want %s %.4f (%d needed)", describeOf(b, sel), got.Recommendation, got.Confidence, got.AnswersNeeded, want.rec, want.conf, want.needed)
		}
		if h(got.Coaching) != want.c || h(got.Mentoring) != want.m {
			t.Fatalf("%s: scores %g/%g, want %d/%d hundredths", describeOf(b, sel), got.Coaching, got.Mentoring, want.c, want.m)
		}
		for i, ts := range got.Types {
			w := want.types[i]
			if ts.Type.ID != w.id || h(ts.Score) != w.score || ts.RuledOut != w.ruledOut {
				t.Fatalf("%s: type %d is %s %g (out %v), want %s %d (out %v)", describeOf(b, sel), i, ts.Type.ID, ts.Score, ts.RuledOut, w.id, w.score, w.ruledOut)
			}
		}
		var tie []string
		for _, tt := range got.TopTie {
			tie = append(tie, tt.ID)
		}
		if !slices.Equal(tie, want.tie) {
			t.Fatalf("%s: tie %v, want %v", describeOf(b, sel), tie, want.tie)
		}
		checkChanges(t, b, sel, got, want)
	}
}

// checkChanges: every change listed really changes the result as it says, every
// alternative not listed does not, and the fixed questions are exactly those with none.
func checkChanges(t *testing.T, b *bank.Bank, sel engine.Selection, got *engine.Result, want refResult) {
	t.Helper()
	listed := map[string]engine.Change{}
	for _, c := range got.Changes {
		listed[c.Question.ID+"="+id(c.To)] = c
	}
	fixed := map[string]bool{}
	for _, q := range got.Fixed {
		fixed[q.ID] = true
	}
	for qi, q := range b.Questions {
		any := false
		for _, o := range q.Options { // real answers only: "not sure" is never a change
			if o == sel[qi] {
				continue
			}
			alt := slices.Clone(sel)
			alt[qi] = o
			ar := refScore(b, alt)
			changes := ar.rec != want.rec || ar.sig() != want.sig()
			c, ok := listed[q.ID+"="+id(o)]
			if changes != ok {
				t.Fatalf("%s, %s=%s: changes=%v but listed=%v", describeOf(b, sel), q.ID, id(o), changes, ok)
			}
			if ok {
				var tie []string
				for _, tt := range c.TopTie {
					tie = append(tie, tt.ID)
				}
				if c.Recommendation != ar.rec || c.Split != ar.split || c.TopType.ID != ar.types[0].id || math.Abs(c.Confidence-ar.conf) > 1e-9 || !slices.Equal(tie, ar.tie) {
					t.Fatalf("%s=%s: listed as %s/%s/%.3f/%v, really %s/%s/%.3f/%v", q.ID, id(o), c.Recommendation, c.TopType.ID, c.Confidence, tie, ar.rec, ar.types[0].id, ar.conf, ar.tie)
				}
				if c.ChangesRecommendation != (ar.rec != want.rec) || c.ChangesTopType != (ar.sig() != want.sig()) {
					t.Fatalf("%s=%s: says it changes recommendation %v, top %v", q.ID, id(o), c.ChangesRecommendation, c.ChangesTopType)
				}
			}
			any = any || changes
		}
		if fixed[q.ID] == any {
			t.Fatalf("%s: fixed=%v but has changes=%v", q.ID, fixed[q.ID], any)
		}
	}
	for i := 1; i < len(got.Changes); i++ {
		if math.Abs(got.Changes[i-1].Shift) > math.Abs(got.Changes[i].Shift) {
			t.Fatalf("changes not smallest first: %g before %g", got.Changes[i-1].Shift, got.Changes[i].Shift)
		}
	}
}

// The engine gives what the plain reference scorer gives, for the default bank and for
// banks that stress its exact arithmetic.
func TestEngineMatchesReference(t *testing.T) {
	t.Run("default bank", func(t *testing.T) { checkAgainstReference(t, def, 5, 2000) })
	// Decimal weights, which floating-point sums got wrong at near-ties.
	t.Run("halved weights", func(t *testing.T) {
		checkAgainstReference(t, reweighted(t, func(_, _ int, w float64) float64 { return w / 2 }), 6, 500)
	})
	t.Run("weights in tenths", func(t *testing.T) {
		checkAgainstReference(t, reweighted(t, func(_, _ int, w float64) float64 { return w * 1.1 }), 7, 500)
	})
	// A bank built in code may have negative weights, which files may not.
	t.Run("negative weights", func(t *testing.T) {
		checkAgainstReference(t, reweighted(t, func(oi, ti int, w float64) float64 {
			if oi%2 == 0 && ti == 0 {
				return -w
			}
			return w
		}), 8, 500)
	})
	// No family share and no requirements: the plain sums alone.
	t.Run("no share, no requirements", func(t *testing.T) {
		b := reweighted(t, func(_, _ int, w float64) float64 { return w })
		b.FamilyShare = 0
		for _, tp := range b.Types {
			tp.Requires = nil
		}
		b.Hash = ""
		checkAgainstReference(t, b.Index(), 9, 500)
	})
}
