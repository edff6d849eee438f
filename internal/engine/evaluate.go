package engine

import (
	"math"

	"github.com/coachmentor/coachmentor/internal/bank"
)

// Evaluate scores a selection. sel must have one entry per bank question.
func (s *Scorer) Evaluate(sel Selection) *Result {
	return s.EvaluateInto(new(Result), sel)
}

// EvaluateInto is Evaluate writing into r and reusing its slices, for callers that score
// many selections one after another and are done with each result before the next.
func (s *Scorer) EvaluateInto(r *Result, sel Selection) *Result {
	b := s.bank
	nt := s.nt
	keys := r.keys
	if cap(keys) < 2*nt {
		keys = make([]int64, 2*nt)
	}
	ans := r.ans
	if cap(ans) < len(sel) {
		ans = make([]int32, len(sel))
	}
	st := s.state(sel, keys[:nt], ans)
	*r = Result{
		Coaching: points(st.c), Mentoring: points(st.m),
		Types:      r.Types[:0],
		Answered:   r.Answered[:0],
		Unanswered: r.Unanswered[:0],
		Changes:    r.Changes[:0],
		Fixed:      r.Fixed[:0],
		keys:       keys,
		ans:        ans,
		tipping:    r.tipping,
		tie:        r.tie,
		tiedTypes:  r.tiedTypes,
		found:      r.found,
		sorted:     r.sorted,
		counts:     r.counts,
	}
	if r.Types == nil { // a new result: size its lists once
		r.Types = make([]TypeScore, 0, nt)
		r.Answered = make([]Answer, 0, len(b.Questions))
		r.Unanswered = make([]*bank.Question, 0, len(b.Questions))
	}
	s.rank(r, st.keys)
	rec, conf := s.decide(st.c, st.m, st.fam, st.n)
	rec, conf, r.Split = s.settle(rec, conf, st.c, st.m, topFamilies(r))
	r.Recommendation, r.Confidence, r.rec = recNames[rec], conf, rec
	if rec == recUndecided {
		r.AnswersNeeded = max(1, s.minAns-st.n)
	}
	for qi, q := range b.Questions {
		if o := sel[qi]; o != nil {
			r.Answered = append(r.Answered, Answer{Question: q, Option: o})
		} else {
			r.Unanswered = append(r.Unanswered, q)
		}
	}
	top := topSig{t: -1, second: -1}
	if nt > 0 {
		top = sigOf(st.keys)
	}
	s.whatWouldChange(sel, st, r, top, rec)
	r.Tipping = s.tipping(sel, st, r, rec)
	return r
}

// rank puts the types in r best first, with their ranks, and notes a tie for the top.
// Keys are all different, so each type's place is the number of larger keys: counting
// them needs no branches, unlike a sort.
func (s *Scorer) rank(r *Result, keys []int64) {
	nt := len(keys)
	r.Types = r.Types[:nt]
	for i, k := range keys {
		place := 0
		for _, o := range keys {
			if o > k {
				place++
			}
		}
		score, out := keyScore(k)
		r.Types[place] = TypeScore{Type: s.bank.Types[i], Score: score, RuledOut: out}
	}
	for i := range r.Types {
		r.Types[i].Rank = i + 1
		if p := r.Types[max(0, i-1)]; i > 0 && r.Types[i].Score == p.Score && r.Types[i].RuledOut == p.RuledOut {
			r.Types[i].Rank = p.Rank
		}
	}
	if nt > 1 && r.Types[1].Rank == 1 && r.Types[0].Score > 0 {
		r.tie = r.tie[:0]
		for _, ts := range r.Types {
			if ts.Rank == 1 {
				r.tie = append(r.tie, ts.Type)
			}
		}
		r.TopTie = r.tie
	}
}

// topFamilies is which families the best type, and every type tied with it, belong to:
// bit 0 coaching, bit 1 mentoring; none while no type has points.
func topFamilies(r *Result) uint8 {
	var mask uint8
	if len(r.Types) == 0 || r.Types[0].Score <= 0 || r.Types[0].RuledOut {
		return 0
	}
	for _, ts := range r.Types {
		if ts.Rank != 1 {
			break
		}
		mask |= famBit(ts.Type.Family == bank.Mentoring)
	}
	return mask
}

// famBit is a family's bit in a mask of families: 1 coaching, 2 mentoring.
func famBit(mentoring bool) uint8 { return 1 << b2i(mentoring) }

// settle makes the recommendation agree with the best type. When the points favour one
// family but the best type, or a type tied with it, belongs to the other, the answers
// point two ways: the recommendation is a blend that names both (split is true). Its
// confidence is how weakly the points lead (one less the confidence they would have given
// their family), times the square-root measure of how much weight the answers carry: the
// more clearly the points lead away from the best type, the less sure the blend.
func (s *Scorer) settle(rec int, conf float64, c, m int64, top uint8) (int, float64, bool) {
	var own uint8
	switch rec {
	case recCoaching:
		own = 1
	case recMentoring:
		own = 2
	default:
		return rec, conf, false
	}
	if top&^own == 0 {
		return rec, conf, false
	}
	return recBlend, (1 - conf) * math.Sqrt(clamp01(ratio(points(c+m), s.maxSum))), true
}

// state is a selection's sums: family scores and type keys, in hundredths.
type state struct {
	c, m int64
	n    int   // how many questions are answered
	fam  int64 // the index of (c, m) in decisions, if there is the table
	keys []int64
	ans  []int32 // each question's answer as numbered in its table
}

// state sums the weights of a selection into keys, which must have room for every type.
func (s *Scorer) state(sel Selection, keys []int64, ans []int32) state {
	st := state{keys: keys, ans: ans[:len(sel)]}
	for i := range keys {
		keys[i] = typeKey(0, i)
	}
	nt := len(keys)
	for qi, o := range sel {
		qt := &s.qs[qi]
		a := qt.answer(o)
		st.ans[qi] = int32(a)
		st.n += b2i(o != nil)
		st.c += qt.c[a]
		st.m += qt.m[a]
		if qt.fam != nil {
			st.fam += qt.fam[a]
		}
		// All the weights, zeros too: a loop of fixed length is quicker than guessing
		// where a short one ends.
		for i, w := range qt.keyed[a*nt : a*nt+nt] {
			keys[i] += w
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

// The recommendations as small numbers, for the inner loops.
const (
	recBlend = iota
	recCoaching
	recMentoring
	recUndecided
)

var recNames = [...]string{recBlend: Blend, recCoaching: Coaching, recMentoring: Mentoring, recUndecided: Undecided}

// recommend is the recommendation for family scores c and m in hundredths: the family
// with at least min_share of the points, exactly, or a blend; undecided with no points. It
// is worked out without branches, since the search for changes calls it for every
// alternative. How many questions are answered is the caller's to check (enough).
func (s *Scorer) recommend(c, m int64) int {
	total := c + m
	isC := b2i(100*c >= s.sharePct*total)
	isM := b2i(100*m >= s.sharePct*total)
	some := b2i(total > 0)
	return some*(isC*recCoaching+(1-isC)*isM*recMentoring) + (1-some)*recUndecided
}

// enough gives rec when n answers are enough to decide, and undecided when they are not.
func (s *Scorer) enough(rec, n int) int {
	ok := b2i(n >= s.minAns)
	return ok*rec + (1-ok)*recUndecided
}

// b2i is 1 for true, 0 for false; the compiler makes it a flag, not a branch.
func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// decide is recommend with a confidence, for n answers.
//
// A recommended family's confidence is its lead as a fraction of the largest lead the
// bank allows, on a square-root scale: a single answer stays low (about 0.3), half the
// questions answered one way read as fairly sure (about 0.7), and all of them as 1. A
// blend's confidence is how even the two scores are, times the same square-root measure
// of how much weight the answers carry. Undecided has none: 0.
// fam is where (ch, mh) is in the table of decisions, if there is the table.
func (s *Scorer) decide(ch, mh, fam int64, n int) (int, float64) {
	if n < s.minAns {
		return recUndecided, 0
	}
	if s.decisions != nil {
		d := s.decisions[fam]
		return d.rec, d.conf
	}
	return s.compute(ch, mh)
}

// compute is decide without the table.
func (s *Scorer) compute(ch, mh int64) (int, float64) {
	rec := s.recommend(ch, mh)
	c, m := points(ch), points(mh)
	switch rec {
	case recCoaching:
		return rec, math.Sqrt(clamp01(ratio(c-m, s.maxLead)))
	case recMentoring:
		return rec, math.Sqrt(clamp01(ratio(m-c, s.maxLead)))
	case recUndecided:
		return rec, 0
	}
	total := c + m
	share := points(s.sharePct)
	balance := 1 - math.Abs(c-m)/((2*share-1)*total)
	return rec, clamp01(balance) * math.Sqrt(clamp01(ratio(total, s.maxSum)))
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
