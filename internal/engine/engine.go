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
//
// Everything that depends only on the bank is worked out once, in New: each question's
// answers as flat weight tables, and for every pair of answers (from, to) what the swap
// does. Scoring a selection then mostly reads tables, which is what lets a batch of a
// hundred thousand respondents run in well under a second.
type Scorer struct {
	bank    *bank.Bank
	qs      []qtab
	nt      int     // the number of types
	maxLead float64 // the largest possible |coaching - mentoring|
	maxSum  float64 // the largest possible coaching + mentoring
	// alternatives is how many other answers there are in all, the most changes a result
	// can list.
	alternatives int
	ranks        int // how many different sizes of change there are
	// nonneg is whether no type weight is negative, as banks loaded from YAML ensure: a
	// change can then only raise the types its new answer weighs.
	nonneg bool
}

// qtab is one question's answers in the engine's dense form. Answers are numbered as the
// options are, with unsure (no answer) last.
type qtab struct {
	n     int       // the options, then unsure
	c, m  []float64 // family weights per answer
	types []float64 // type weights per answer, nt at a time
	pairs []pair    // per (from, to), at from*n+to
	// weighted lists each answer's non-zero type weights, answer a's at
	// weighted[at[a]:at[a+1]].
	weighted []typeWeight
	at       []int32
	// tip holds, per current answer and goal of the tipping point, at answer*goals+goal,
	// the answer that moves furthest toward the goal; to is -1 when none moves toward it.
	tip []tipMove
}

// pair is what changing one answer into another does, whatever the other answers are.
type pair struct {
	shift float64 // the change in coaching minus mentoring points
	rank  int32   // the rank of |shift| among all the bank's shifts, smallest first
}

// typeWeight is one of an answer's type weights.
type typeWeight struct {
	t int
	w float64
}

type tipMove struct {
	to   int32
	gain float64
}

// The tipping point's goals: how a recommendation can be altered.
const (
	coachingToBlend = iota
	mentoringToBlend
	blendToCoaching
	blendToMentoring
	goals
)

// New prepares a scorer for b.
func New(b *bank.Bank) *Scorer {
	nt := len(b.Types)
	s := &Scorer{bank: b, qs: make([]qtab, len(b.Questions)), nt: nt, nonneg: true}
	var shifts []float64
	for qi, q := range b.Questions {
		n := len(q.Options) + 1
		qt := qtab{n: n, c: make([]float64, n), m: make([]float64, n), types: make([]float64, n*nt), pairs: make([]pair, n*n)}
		lead, sum := 0.0, 0.0
		for oi, o := range q.Options {
			qt.c[oi], qt.m[oi] = o.Coaching, o.Mentoring
			for _, tw := range o.Types {
				if t, ok := b.Type(tw.Type); ok {
					qt.types[oi*nt+t.Index] += tw.Weight
				}
			}
			lead = math.Max(lead, math.Abs(o.Coaching-o.Mentoring))
			sum = math.Max(sum, o.Coaching+o.Mentoring)
		}
		for a := range n {
			qt.at = append(qt.at, int32(len(qt.weighted)))
			for i, w := range qt.types[a*nt : a*nt+nt] {
				if w != 0 {
					qt.weighted = append(qt.weighted, typeWeight{t: i, w: w})
				}
				s.nonneg = s.nonneg && w >= 0
			}
		}
		qt.at = append(qt.at, int32(len(qt.weighted)))
		for from := range n {
			for to := range n {
				p := &qt.pairs[from*n+to]
				p.shift = (qt.c[to] - qt.m[to]) - (qt.c[from] - qt.m[from])
				shifts = append(shifts, math.Abs(p.shift))
			}
		}
		s.qs[qi] = qt
		s.maxLead += lead
		s.maxSum += sum
		s.alternatives += len(q.Options)
	}
	// Rank the sizes of change, so that listing changes smallest first is a sort of
	// small integers.
	slices.Sort(shifts)
	shifts = slices.Compact(shifts)
	s.ranks = len(shifts)
	for qi := range s.qs {
		for k := range s.qs[qi].pairs {
			p := &s.qs[qi].pairs[k]
			r, _ := slices.BinarySearch(shifts, math.Abs(p.shift))
			p.rank = int32(r)
		}
	}
	s.prepareTipping()
	return s
}

// answer is the index of an answer in its question's table: unsure is last.
func (qt *qtab) answer(o *bank.Option) int {
	if o == nil {
		return qt.n - 1
	}
	return o.Index
}

// weights is an answer's type weights.
func (s *Scorer) weights(qt *qtab, a int) []float64 {
	return qt.types[a*s.nt : a*s.nt+s.nt]
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
	sorted  []changeKey // the same, smallest first
	order   []int32     // type indices, best first
	counts  []int32     // for sorting them
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
		sorted:     r.sorted,
		order:      r.order,
		counts:     r.counts,
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
	// Best first, ties in bank order. For a bank's usual ten or so types an insertion
	// sort, which is stable, is quicker than a general sort.
	if ts := r.Types; len(ts) <= 32 {
		for i := 1; i < len(ts); i++ {
			for j := i; j > 0 && ts[j].Score > ts[j-1].Score; j-- {
				ts[j], ts[j-1] = ts[j-1], ts[j]
			}
		}
	} else {
		slices.SortStableFunc(ts, func(x, y TypeScore) int { return descending(x.Score, y.Score) })
	}
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
	if cap(types) < s.nt {
		types = make([]float64, s.nt)
	}
	st := state{types: types[:s.nt]}
	clear(st.types)
	for qi, o := range sel {
		if o == nil {
			continue
		}
		qt := &s.qs[qi]
		st.c += qt.c[o.Index]
		st.m += qt.m[o.Index]
		for i, w := range s.weights(qt, o.Index) {
			st.types[i] += w
		}
	}
	return st
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
	return recNames[s.recommendCode(c, m)]
}

// The recommendations as small numbers, for the inner loops.
const (
	recBlend = iota
	recCoaching
	recMentoring
)

var recNames = [...]string{recBlend: Blend, recCoaching: Coaching, recMentoring: Mentoring}

func recCode(rec string) int {
	switch rec {
	case Coaching:
		return recCoaching
	case Mentoring:
		return recMentoring
	}
	return recBlend
}

func (s *Scorer) recommendCode(c, m float64) int {
	total := c + m
	switch {
	case total <= 0:
		return recBlend
	case c >= s.bank.MinShare*total:
		return recCoaching
	case m >= s.bank.MinShare*total:
		return recMentoring
	}
	return recBlend
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
func topAfter(types, from, to []float64) int {
	best, bestScore := 0, math.Inf(-1)
	from, to = from[:len(types)], to[:len(types)]
	for i, v := range types {
		if v = v - from[i] + to[i]; v > bestScore {
			best, bestScore = i, v
		}
	}
	return best
}

// whatWouldChange tries every alternative answer to every question, one at a time.
func (s *Scorer) whatWouldChange(sel Selection, st state, r *Result) {
	b := s.bank
	top := 0
	if len(r.Types) > 0 {
		top = r.Types[0].Type.Index
	}
	// The types best first, ties in bank order.
	if cap(r.order) < len(r.Types) {
		r.order = make([]int32, 0, len(r.Types))
	}
	order := r.order[:0]
	for _, ts := range r.Types {
		order = append(order, int32(ts.Type.Index))
	}
	r.order = order
	rec := recCode(r.Recommendation)
	// First find the changes, as small records without pointers; then list them smallest
	// first.
	found := r.found[:0]
	for qi := range s.qs {
		qt := &s.qs[qi]
		from := qt.answer(sel[qi])
		fw := s.weights(qt, from)
		bc, bm := qt.c[from], qt.m[from]
		pairs := qt.pairs[from*qt.n : from*qt.n+qt.n]
		// The best type without this question's answer. With no negative weights, the
		// best after a new answer is that one or a type the new answer weighs.
		base, baseScore := -1, math.Inf(-1)
		if s.nonneg {
			// Of the types the answer does not weigh, the best is the first in order.
			for _, i := range order {
				if fw[i] == 0 {
					base, baseScore = int(i), st.types[i]
					break
				}
			}
			for _, x := range qt.weighted[qt.at[from]:qt.at[from+1]] {
				if v := st.types[x.t] - x.w; v > baseScore || (v == baseScore && x.t < base) {
					base, baseScore = x.t, v
				}
			}
		}
		matters := false
		for to := range qt.n { // the options in order, then unsure
			if to == from {
				continue
			}
			var t int
			if s.nonneg {
				// The same sums as topAfter's, so the same ties.
				best := baseScore
				t = base
				for _, x := range qt.weighted[qt.at[to]:qt.at[to+1]] {
					if v := st.types[x.t] - fw[x.t] + x.w; v > best || (v == best && x.t < t) {
						t, best = x.t, v
					}
				}
			} else {
				t = topAfter(st.types, fw, s.weights(qt, to))
			}
			if t == top && s.recommendCode(st.c-bc+qt.c[to], st.m-bm+qt.m[to]) == rec {
				continue
			}
			matters = true
			found = append(found, changeKey{rank: pairs[to].rank, qi: int32(qi), to: int32(to), top: int32(t)})
		}
		if !matters {
			r.Fixed = append(r.Fixed, b.Questions[qi])
		}
	}
	r.found = found
	// Smallest change first: the least movement of the balance between coaching and
	// mentoring, ties in bank order of questions and answers, which is the order found. A
	// counting sort on the sizes' ranks keeps that order.
	if cap(r.counts) < s.ranks+1 {
		r.counts = make([]int32, s.ranks+1)
	}
	counts := r.counts[:s.ranks+1]
	clear(counts)
	for _, k := range found {
		counts[k.rank+1]++
	}
	for i := 1; i < len(counts); i++ {
		counts[i] += counts[i-1]
	}
	sorted := slices.Grow(r.sorted[:0], len(found))[:len(found)]
	for _, k := range found {
		sorted[counts[k.rank]] = k
		counts[k.rank]++
	}
	r.sorted = sorted
	for _, k := range sorted {
		r.Changes = s.listChange(r, sel, st, k, top)
	}
}

// listChange appends a found change to the result's list.
func (s *Scorer) listChange(r *Result, sel Selection, st state, k changeKey, curTop int) []Change {
	q := s.bank.Questions[k.qi]
	qt := &s.qs[k.qi]
	cur := sel[k.qi]
	from, to := qt.answer(cur), int(k.to)
	rec, conf := s.decide(st.c-qt.c[from]+qt.c[to], st.m-qt.m[from]+qt.m[to])
	return append(r.Changes, Change{
		Question: q, From: cur, To: optionAt(q, to),
		Shift:          qt.pairs[from*qt.n+to].shift,
		Recommendation: rec, Confidence: conf, TopType: s.bank.Types[k.top],
		ChangesRecommendation: rec != r.Recommendation,
		ChangesTopType:        int(k.top) != curTop,
	})
}

// changeKey is a change found, before it is listed.
type changeKey struct {
	rank, qi, to, top int32
}

// tipping finds the fewest answer changes that alter the recommendation.
//
// Whether a family holds min_share s of the points is a linear test: coaching leads when
// (1-s)·C - s·M >= 0. Each question can change once, so the fewest changes that cross the
// line are found by taking, question by question, the change that moves furthest across
// it, largest first. That is exact, not a heuristic. Which change moves furthest depends
// only on the question, its current answer and the goal, so New works it out once.
func (s *Scorer) tipping(sel Selection, st state, rec string, into *Tipping) *Tipping {
	var gs []int
	switch rec {
	case Coaching:
		gs = []int{coachingToBlend}
	case Mentoring:
		gs = []int{mentoringToBlend}
	default:
		gs = []int{blendToCoaching, blendToMentoring}
	}
	type move struct {
		qi, from, to int32
		gain         float64
	}
	cur := recCode(rec)
	var buf [32]move
	moves := buf[:0]
	bestLen := -1
	for _, g := range gs {
		moves = moves[:0]
		for qi := range s.qs {
			qt := &s.qs[qi]
			from := qt.answer(sel[qi])
			if m := qt.tip[from*goals+g]; m.to >= 0 {
				moves = append(moves, move{qi: int32(qi), from: int32(from), to: m.to, gain: m.gain})
			}
		}
		// Take the largest gain left, ties in bank order, until the goal is reached: few
		// are needed, so choosing each is quicker than sorting them all.
		c, m := st.c, st.m
		reached, k := false, 0
		for k < len(moves) {
			b := k
			for j := k + 1; j < len(moves); j++ {
				if moves[j].gain > moves[b].gain || (moves[j].gain == moves[b].gain && moves[j].qi < moves[b].qi) {
					b = j
				}
			}
			moves[k], moves[b] = moves[b], moves[k]
			mv := moves[k]
			qt := &s.qs[mv.qi]
			c, m = c-qt.c[mv.from]+qt.c[mv.to], m-qt.m[mv.from]+qt.m[mv.to]
			k++
			if got := s.recommendCode(c, m); got == goalCode[g] || (goalCode[g] == recBlend && got != cur) {
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
			q, qt := s.bank.Questions[mv.qi], &s.qs[mv.qi]
			into.Changes = append(into.Changes, Change{Question: q, From: sel[mv.qi], To: optionAt(q, int(mv.to)), Shift: qt.pairs[int(mv.from)*qt.n+int(mv.to)].shift})
		}
		// Present the changes in bank order.
		slices.SortFunc(into.Changes, func(x, y Change) int { return x.Question.Index - y.Question.Index })
	}
	if bestLen < 0 {
		return nil
	}
	return into
}

// goalCode is the recommendation each tipping goal reaches for.
var goalCode = [goals]int{coachingToBlend: recBlend, mentoringToBlend: recBlend, blendToCoaching: recCoaching, blendToMentoring: recMentoring}

// prepareTipping finds, for each goal, question and current answer, the change that moves
// furthest toward the goal: the one that lowers the goal's linear margin the most, the
// first in option order on a tie.
func (s *Scorer) prepareTipping() {
	share := s.bank.MinShare
	// The weights (on coaching, mentoring) of the linear score each goal must push below
	// zero.
	w := [goals][2]float64{
		coachingToBlend:  {1 - share, -share},
		mentoringToBlend: {-share, 1 - share},
		blendToCoaching:  {-(1 - share), share},
		blendToMentoring: {share, -(1 - share)},
	}
	for qi := range s.qs {
		qt := &s.qs[qi]
		qt.tip = make([]tipMove, qt.n*goals)
		for g := range goals {
			wc, wm := w[g][0], w[g][1]
			for from := range qt.n {
				m0 := wc*qt.c[from] + wm*qt.m[from]
				best := tipMove{to: -1}
				// The options in order, then unsure.
				for to := range qt.n {
					if to == from {
						continue
					}
					if gain := m0 - (wc*qt.c[to] + wm*qt.m[to]); gain > 0 && (best.to < 0 || gain > best.gain) {
						best = tipMove{to: int32(to), gain: gain}
					}
				}
				qt.tip[from*goals+g] = best
			}
		}
	}
}
