// Package engine scores answers against a question bank. It is pure: no I/O, no clock, no
// randomness, and the result does not depend on the order answers were given in.
//
// Every answer adds its weights to a coaching score, a mentoring score and a score per type.
// The family with at least the bank's min_share of the coaching + mentoring points is
// recommended; otherwise the recommendation is a blend. The engine also works out what
// would change the result: every single-answer change that alters the recommendation or the
// top type, and the fewest answers that would have to change to alter the recommendation.
package engine

import (
	"math"
	"slices"

	"github.com/coachmentor/coachmentor/internal/bank"
)

// Recommendations.
const (
	Coaching  = bank.Coaching
	Mentoring = bank.Mentoring
	Blend     = "blend"
)

// Selection holds one chosen option per question, indexed like the bank's questions; nil
// means not answered (or unsure).
type Selection []*bank.Option

// Scorer evaluates selections against one bank. It is safe for concurrent use.
type Scorer struct {
	bank    *bank.Bank
	opts    [][]vec // per question, per option
	maxLead float64 // the largest possible |coaching - mentoring|
	maxSum  float64 // the largest possible coaching + mentoring
	// alternatives is how many other answers there are in all, the most changes a result
	// can list.
	alternatives int
	zero         vec // the weights of no answer, with room for every type
}

// vec is an option's weights in the engine's dense form.
type vec struct {
	c, m  float64
	types []float64 // indexed like the bank's types
}

// New prepares a scorer for b.
func New(b *bank.Bank) *Scorer {
	s := &Scorer{bank: b, opts: make([][]vec, len(b.Questions)), zero: vec{types: make([]float64, len(b.Types))}}
	for qi, q := range b.Questions {
		s.opts[qi] = make([]vec, len(q.Options))
		lead, sum := 0.0, 0.0
		for oi, o := range q.Options {
			v := vec{c: o.Coaching, m: o.Mentoring, types: make([]float64, len(b.Types))}
			for _, tw := range o.Types {
				if t, ok := b.Type(tw.Type); ok {
					v.types[t.Index] += tw.Weight
				}
			}
			s.opts[qi][oi] = v
			lead = math.Max(lead, math.Abs(o.Coaching-o.Mentoring))
			sum = math.Max(sum, o.Coaching+o.Mentoring)
		}
		s.maxLead += lead
		s.maxSum += sum
		s.alternatives += len(q.Options)
	}
	return s
}

// Bank is the bank the scorer was made for.
func (s *Scorer) Bank() *bank.Bank { return s.bank }

// Result is everything the renderers need.
type Result struct {
	Recommendation string
	Confidence     float64
	Coaching       float64
	Mentoring      float64
	// Types lists every type, best first; ties keep bank order.
	Types []TypeScore
	// Answered lists the answered questions in bank order.
	Answered []Answer
	// Unanswered lists questions left out or answered unsure, in bank order.
	Unanswered []*bank.Question
	// Changes lists the single-answer changes that would alter the recommendation or the
	// top type, smallest change first.
	Changes []Change
	// Fixed lists the questions no answer of which would alter either.
	Fixed []*bank.Question
	// Tipping is the fewest answer changes that alter the recommendation; nil if none can.
	Tipping *Tipping

	scratch []float64   // type scores, kept for reuse
	tipping Tipping     // storage for Tipping, kept for reuse
	found   []changeKey // changes before they are listed, kept for reuse
}

// TypeScore is a type's points.
type TypeScore struct {
	Type  *bank.Type
	Score float64
}

// Answer is an answered question and the option chosen.
type Answer struct {
	Question *bank.Question
	Option   *bank.Option
}

// Change is one alternative answer and what it would lead to.
type Change struct {
	Question *bank.Question
	From     *bank.Option // nil when the question is unanswered
	To       *bank.Option // nil for unsure
	// Shift is the change in coaching minus mentoring points.
	Shift          float64
	Recommendation string
	Confidence     float64
	TopType        *bank.Type
	// Which parts of the result change.
	ChangesRecommendation bool
	ChangesTopType        bool
}

// Tipping is a smallest set of answer changes that alters the recommendation.
type Tipping struct {
	Recommendation string // the recommendation after the changes
	Changes        []Change
}

// TopType is the best-scoring type.
func (r *Result) TopType() *bank.Type {
	if len(r.Types) == 0 {
		return nil
	}
	return r.Types[0].Type
}

// Lean is the coaching share of the coaching + mentoring points, 0.5 when there are none.
func (r *Result) Lean() float64 {
	if r.Coaching+r.Mentoring == 0 {
		return 0.5
	}
	return r.Coaching / (r.Coaching + r.Mentoring)
}

// Evaluate scores a selection. sel must have one entry per bank question.
func (s *Scorer) Evaluate(sel Selection) *Result {
	return s.EvaluateInto(new(Result), sel)
}

// EvaluateInto is Evaluate writing into r and reusing its slices, for callers that score
// many selections one after another and are done with each result before the next.
func (s *Scorer) EvaluateInto(r *Result, sel Selection) *Result {
	b := s.bank
	st := s.state(sel, r.scratch[:0])
	*r = Result{
		Coaching: st.c, Mentoring: st.m,
		Types:      r.Types[:0],
		Answered:   r.Answered[:0],
		Unanswered: r.Unanswered[:0],
		Changes:    r.Changes[:0],
		Fixed:      r.Fixed[:0],
		scratch:    st.types,
		tipping:    r.tipping,
		found:      r.found,
	}
	if r.Types == nil { // a new result: size its lists once
		r.Types = make([]TypeScore, 0, len(b.Types))
		r.Answered = make([]Answer, 0, len(b.Questions))
		r.Unanswered = make([]*bank.Question, 0, len(b.Questions))
	}
	r.Recommendation, r.Confidence = s.decide(st.c, st.m)
	for i, t := range b.Types {
		r.Types = append(r.Types, TypeScore{Type: t, Score: st.types[i]})
	}
	slices.SortStableFunc(r.Types, func(x, y TypeScore) int { return descending(x.Score, y.Score) })
	for qi, q := range b.Questions {
		if o := sel[qi]; o != nil {
			r.Answered = append(r.Answered, Answer{Question: q, Option: o})
		} else {
			r.Unanswered = append(r.Unanswered, q)
		}
	}
	s.whatWouldChange(sel, st, r)
	r.Tipping = s.tipping(sel, st, r.Recommendation, &r.tipping)
	return r
}

type state struct {
	c, m  float64
	types []float64
}

// state sums the weights of a selection in bank order, so that the floating-point sums are
// the same however the answers were given. types is reused if it has room.
func (s *Scorer) state(sel Selection, types []float64) state {
	if cap(types) < len(s.bank.Types) {
		types = make([]float64, len(s.bank.Types))
	}
	st := state{types: types[:len(s.bank.Types)]}
	clear(st.types)
	for qi, o := range sel {
		if o == nil {
			continue
		}
		v := &s.opts[qi][o.Index]
		st.c += v.c
		st.m += v.m
		for i, w := range v.types {
			st.types[i] += w
		}
	}
	return st
}

// vecOf returns the weights of an answer; the zero vec for none.
func (s *Scorer) vecOf(qi int, o *bank.Option) *vec {
	if o == nil {
		return &s.zero
	}
	return &s.opts[qi][o.Index]
}

// optionAt is the question's i-th option, or nil (unsure) just past the last.
func optionAt(q *bank.Question, i int) *bank.Option {
	if i < len(q.Options) {
		return q.Options[i]
	}
	return nil
}

// decide turns the two family scores into a recommendation and a confidence.
//
// A family is recommended when it holds at least min_share of the points. Its confidence
// is its lead as a fraction of the largest lead the bank allows, on a square-root scale: a
// single answer stays low (about 0.3), half the questions answered one way read as fairly
// sure (about 0.7), and all of them as 1. A blend's confidence is how even the two scores
// are, times the same square-root measure of how much weight the answers carry; with no
// answers it is 0.
func (s *Scorer) decide(c, m float64) (string, float64) {
	total := c + m
	if total <= 0 {
		return Blend, 0
	}
	share := s.bank.MinShare
	switch {
	case c >= share*total:
		return Coaching, math.Sqrt(clamp01(ratio(c-m, s.maxLead)))
	case m >= share*total:
		return Mentoring, math.Sqrt(clamp01(ratio(m-c, s.maxLead)))
	}
	balance := 1 - math.Abs(c-m)/((2*share-1)*total)
	return Blend, clamp01(balance) * math.Sqrt(clamp01(ratio(total, s.maxSum)))
}

// recommend is decide without the confidence, for the many alternatives that are tried.
func (s *Scorer) recommend(c, m float64) string {
	total := c + m
	switch {
	case total <= 0:
		return Blend
	case c >= s.bank.MinShare*total:
		return Coaching
	case m >= s.bank.MinShare*total:
		return Mentoring
	}
	return Blend
}

// descending orders larger numbers first; it is cheaper than cmp.Compare, which also
// orders NaNs, and no score is NaN.
func descending(a, b float64) int {
	switch {
	case a > b:
		return -1
	case a < b:
		return 1
	}
	return 0
}

func ratio(a, b float64) float64 {
	if b <= 0 {
		return 0
	}
	return a / b
}

func clamp01(x float64) float64 {
	switch {
	case x < 0:
		return 0
	case x > 1:
		return 1
	}
	return x
}

// topAfter returns the index of the best type once one answer's weights are swapped,
// the first in bank order on a tie.
func topAfter(types []float64, from, to *vec) int {
	best, bestScore := 0, math.Inf(-1)
	ft, tt := from.types[:len(types)], to.types[:len(types)]
	for i, v := range types {
		if v = v - ft[i] + tt[i]; v > bestScore {
			best, bestScore = i, v
		}
	}
	return best
}

// whatWouldChange tries every alternative answer to every question, one at a time.
func (s *Scorer) whatWouldChange(sel Selection, st state, r *Result) {
	b := s.bank
	curTop := topAfter(st.types, &s.zero, &s.zero)
	// First find the changes, as small records without pointers; then list them smallest
	// first. Sorting the records is much cheaper than sorting the listed changes.
	found := r.found[:0]
	for qi, q := range b.Questions {
		cur := sel[qi]
		base := s.vecOf(qi, cur)
		matters := false
		for oi := 0; oi <= len(q.Options); oi++ { // the options in order, then unsure
			to := optionAt(q, oi)
			if to == cur {
				continue
			}
			v := s.vecOf(qi, to)
			rec := s.recommend(st.c-base.c+v.c, st.m-base.m+v.m)
			t := topAfter(st.types, base, v)
			if rec == r.Recommendation && t == curTop {
				continue
			}
			matters = true
			shift := (v.c - v.m) - (base.c - base.m)
			found = append(found, changeKey{size: math.Abs(shift), qi: int32(qi), oi: int32(oi), top: int32(t)})
		}
		if !matters {
			r.Fixed = append(r.Fixed, q)
		}
	}
	r.found = found
	// Smallest change first: the least movement of the balance between coaching and
	// mentoring, ties in bank order of questions and options. A bank has few distinct
	// weights, so the changes are listed size by size, smallest first, each pass keeping
	// bank order; that is cheaper than sorting.
	var sizeBuf [16]float64
	sizes := sizeBuf[:0]
	for _, k := range found {
		if !slices.Contains(sizes, k.size) {
			sizes = append(sizes, k.size)
		}
	}
	slices.Sort(sizes)
	for _, size := range sizes {
		for _, k := range found {
			if k.size == size {
				r.Changes = s.listChange(r, sel, st, k, curTop)
			}
		}
	}
}

// listChange appends a found change to the result's list.
func (s *Scorer) listChange(r *Result, sel Selection, st state, k changeKey, curTop int) []Change {
	q := s.bank.Questions[k.qi]
	cur, to := sel[k.qi], optionAt(q, int(k.oi))
	base, v := s.vecOf(int(k.qi), cur), s.vecOf(int(k.qi), to)
	rec, conf := s.decide(st.c-base.c+v.c, st.m-base.m+v.m)
	return append(r.Changes, Change{
		Question: q, From: cur, To: to,
		Shift:          (v.c - v.m) - (base.c - base.m),
		Recommendation: rec, Confidence: conf, TopType: s.bank.Types[k.top],
		ChangesRecommendation: rec != r.Recommendation,
		ChangesTopType:        int(k.top) != curTop,
	})
}

// changeKey is a change found, before it is listed.
type changeKey struct {
	size        float64
	qi, oi, top int32
}

// tipping finds the fewest answer changes that alter the recommendation.
//
// Whether a family holds min_share s of the points is a linear test: coaching leads when
// (1-s)·C - s·M >= 0. Each question can change once, so the fewest changes that cross the
// line are found by taking, question by question, the change that moves furthest across
// it, largest first. That is exact, not a heuristic.
func (s *Scorer) tipping(sel Selection, st state, rec string, into *Tipping) *Tipping {
	share := s.bank.MinShare
	// Each goal is an outcome to reach and the weights (on coaching, mentoring) of the
	// linear score that must be pushed below zero.
	type goal struct {
		to     string
		wc, wm float64
	}
	var goals []goal
	switch rec {
	case Coaching:
		goals = []goal{{Blend, 1 - share, -share}}
	case Mentoring:
		goals = []goal{{Blend, -share, 1 - share}}
	default:
		goals = []goal{{Coaching, -(1 - share), share}, {Mentoring, share, -(1 - share)}}
	}
	type move struct {
		qi   int
		to   *bank.Option
		gain float64 // how far the change lowers the margin
	}
	var buf [32]move
	moves := buf[:0]
	bestLen := -1
	for _, g := range goals {
		moves = moves[:0]
		for qi, q := range s.bank.Questions {
			cur := sel[qi]
			base := s.vecOf(qi, cur)
			m0 := g.wc*base.c + g.wm*base.m
			bestMove := move{qi: -1}
			for oi := 0; oi <= len(q.Options); oi++ {
				to := optionAt(q, oi)
				if to == cur {
					continue
				}
				v := s.vecOf(qi, to)
				if gain := m0 - (g.wc*v.c + g.wm*v.m); gain > 0 && (bestMove.qi < 0 || gain > bestMove.gain) {
					bestMove = move{qi: qi, to: to, gain: gain}
				}
			}
			if bestMove.qi >= 0 {
				moves = append(moves, bestMove)
			}
		}
		slices.SortStableFunc(moves, func(x, y move) int { return descending(x.gain, y.gain) })
		c, m := st.c, st.m
		reached, k := false, 0
		for _, mv := range moves {
			base, v := s.vecOf(mv.qi, sel[mv.qi]), s.vecOf(mv.qi, mv.to)
			c, m = c-base.c+v.c, m-base.m+v.m
			k++
			if got := s.recommend(c, m); got == g.to || (g.to == Blend && got != rec) {
				reached = true
				break
			}
		}
		if !reached || (bestLen >= 0 && k >= bestLen) {
			continue
		}
		bestLen = k
		into.Recommendation = s.recommend(c, m)
		into.Changes = into.Changes[:0]
		for _, mv := range moves[:k] {
			q := s.bank.Questions[mv.qi]
			base, v := s.vecOf(mv.qi, sel[mv.qi]), s.vecOf(mv.qi, mv.to)
			into.Changes = append(into.Changes, Change{Question: q, From: sel[mv.qi], To: mv.to, Shift: (v.c - v.m) - (base.c - base.m)})
		}
		// Present the changes in bank order.
		slices.SortFunc(into.Changes, func(x, y Change) int { return x.Question.Index - y.Question.Index })
	}
	if bestLen < 0 {
		return nil
	}
	return into
}
