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
	"sort"

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
}

// vec is an option's weights in the engine's dense form.
type vec struct {
	c, m  float64
	types []float64 // indexed like the bank's types
}

// New prepares a scorer for b.
func New(b *bank.Bank) *Scorer {
	s := &Scorer{bank: b, opts: make([][]vec, len(b.Questions))}
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
	b := s.bank
	st := s.state(sel)
	r := &Result{Coaching: st.c, Mentoring: st.m}
	r.Recommendation, r.Confidence = s.decide(st.c, st.m)
	r.Types = make([]TypeScore, len(b.Types))
	for i, t := range b.Types {
		r.Types[i] = TypeScore{Type: t, Score: st.types[i]}
	}
	sort.SliceStable(r.Types, func(i, j int) bool { return r.Types[i].Score > r.Types[j].Score })
	for qi, q := range b.Questions {
		if o := sel[qi]; o != nil {
			r.Answered = append(r.Answered, Answer{Question: q, Option: o})
		} else {
			r.Unanswered = append(r.Unanswered, q)
		}
	}
	s.whatWouldChange(sel, st, r)
	return r
}

type state struct {
	c, m  float64
	types []float64
}

// state sums the weights of a selection in bank order, so that the floating-point sums are
// the same however the answers were given.
func (s *Scorer) state(sel Selection) state {
	st := state{types: make([]float64, len(s.bank.Types))}
	for qi, o := range sel {
		if o == nil {
			continue
		}
		v := s.opts[qi][o.Index]
		st.c += v.c
		st.m += v.m
		for i, w := range v.types {
			st.types[i] += w
		}
	}
	return st
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

func ratio(a, b float64) float64 {
	if b <= 0 {
		return 0
	}
	return a / b
}

func clamp01(x float64) float64 { return math.Max(0, math.Min(1, x)) }

// top returns the index of the best type, the first in bank order on a tie.
func top(types []float64) int {
	best := 0
	for i, v := range types {
		if v > types[best] {
			best = i
		}
	}
	return best
}

// whatWouldChange tries every alternative answer to every question, one at a time.
func (s *Scorer) whatWouldChange(sel Selection, st state, r *Result) {
	b := s.bank
	curTop := top(st.types)
	alt := make([]float64, len(st.types))
	for qi, q := range b.Questions {
		cur := sel[qi]
		var base vec
		if cur != nil {
			base = s.opts[qi][cur.Index]
		}
		matters := false
		try := func(to *bank.Option, v vec) {
			c, m := st.c-base.c+v.c, st.m-base.m+v.m
			for i := range alt {
				var bw, vw float64
				if base.types != nil {
					bw = base.types[i]
				}
				if v.types != nil {
					vw = v.types[i]
				}
				alt[i] = st.types[i] - bw + vw
			}
			rec, conf := s.decide(c, m)
			t := top(alt)
			ch := Change{
				Question: q, From: cur, To: to,
				Shift:          (v.c - v.m) - (base.c - base.m),
				Recommendation: rec, Confidence: conf, TopType: b.Types[t],
				ChangesRecommendation: rec != r.Recommendation,
				ChangesTopType:        t != curTop,
			}
			if !ch.ChangesRecommendation && !ch.ChangesTopType {
				return
			}
			matters = true
			r.Changes = append(r.Changes, ch)
		}
		for oi, o := range q.Options {
			if o != cur {
				try(o, s.opts[qi][oi])
			}
		}
		if cur != nil {
			try(nil, vec{})
		}
		if !matters {
			r.Fixed = append(r.Fixed, q)
		}
	}
	// Smallest change first: the least movement of the balance between coaching and
	// mentoring. Ties keep bank order of questions and options (the sort is stable).
	sort.SliceStable(r.Changes, func(i, j int) bool { return math.Abs(r.Changes[i].Shift) < math.Abs(r.Changes[j].Shift) })
	r.Tipping = s.tipping(sel, st, r.Recommendation)
}

// tipping finds the fewest answer changes that alter the recommendation.
//
// Whether a family holds min_share s of the points is a linear test: coaching leads when
// (1-s)·C - s·M >= 0. Each question can change once, so the fewest changes that cross the
// line are found by taking, question by question, the change that moves furthest across
// it, largest first. That is exact, not a heuristic.
func (s *Scorer) tipping(sel Selection, st state, rec string) *Tipping {
	share := s.bank.MinShare
	// goals: the outcomes to reach and, for each, the linear score to push below zero.
	type goal struct {
		to     string
		margin func(c, m float64) float64 // >= 0 means the current outcome still holds
	}
	var goals []goal
	switch rec {
	case Coaching:
		goals = []goal{{Blend, func(c, m float64) float64 { return (1-share)*c - share*m }}}
	case Mentoring:
		goals = []goal{{Blend, func(c, m float64) float64 { return (1-share)*m - share*c }}}
	default:
		goals = []goal{
			{Coaching, func(c, m float64) float64 { return -((1-share)*c - share*m) }},
			{Mentoring, func(c, m float64) float64 { return -((1-share)*m - share*c) }},
		}
	}
	var best *Tipping
	for _, g := range goals {
		type move struct {
			qi   int
			to   *bank.Option
			gain float64 // how far the change lowers the margin
			v    vec
		}
		var moves []move
		for qi, q := range s.bank.Questions {
			cur := sel[qi]
			var base vec
			if cur != nil {
				base = s.opts[qi][cur.Index]
			}
			m0 := g.margin(base.c, base.m)
			var bestMove *move
			consider := func(to *bank.Option, v vec) {
				gain := m0 - g.margin(v.c, v.m)
				if gain > 0 && (bestMove == nil || gain > bestMove.gain) {
					bestMove = &move{qi: qi, to: to, gain: gain, v: v}
				}
			}
			for oi, o := range q.Options {
				if o != cur {
					consider(o, s.opts[qi][oi])
				}
			}
			if cur != nil {
				consider(nil, vec{})
			}
			if bestMove != nil {
				moves = append(moves, *bestMove)
			}
		}
		sort.SliceStable(moves, func(i, j int) bool { return moves[i].gain > moves[j].gain })
		c, m := st.c, st.m
		var picked []move
		reached := false
		for _, mv := range moves {
			cur := sel[mv.qi]
			var base vec
			if cur != nil {
				base = s.opts[mv.qi][cur.Index]
			}
			c, m = c-base.c+mv.v.c, m-base.m+mv.v.m
			picked = append(picked, mv)
			if got, _ := s.decide(c, m); got == g.to || (g.to == Blend && got != rec) {
				reached = true
				break
			}
		}
		if !reached || (best != nil && len(picked) >= len(best.Changes)) {
			continue
		}
		got, _ := s.decide(c, m)
		t := &Tipping{Recommendation: got}
		for _, mv := range picked {
			q := s.bank.Questions[mv.qi]
			cur := sel[mv.qi]
			var base vec
			if cur != nil {
				base = s.opts[mv.qi][cur.Index]
			}
			t.Changes = append(t.Changes, Change{Question: q, From: cur, To: mv.to, Shift: (mv.v.c - mv.v.m) - (base.c - base.m)})
		}
		// Present the changes in bank order.
		sort.SliceStable(t.Changes, func(i, j int) bool { return t.Changes[i].Question.Index < t.Changes[j].Question.Index })
		best = t
	}
	return best
}
