// Package engine scores answers against a question bank. It is pure: no I/O, no clock, no
// randomness, and the result does not depend on the order answers were given in.
//
// Every answer adds its weights to a coaching score, a mentoring score and a score per type.
// The family with at least the bank's min_share of the coaching + mentoring points is
// recommended; otherwise the recommendation is a blend. The engine also works out what
// would change the result: every single-answer change that alters the recommendation or the
// top type, and the fewest answers that would have to change to alter the recommendation.
//
// Points are counted in whole hundredths, the precision banks give weights and min_share
// in (a bank built in code is rounded to it). Every sum is therefore exact: a tie is a real
// tie, the order of the answers cannot matter, and what a change would lead to is exactly
// what scoring the changed answers gives.
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
// answers as flat tables of whole hundredths, and for every pair of answers (from, to) what
// the swap does. Scoring a selection then mostly reads tables and compares integers.
type Scorer struct {
	bank     *bank.Bank
	qs       []qtab
	nt       int     // the number of types
	sharePct int64   // min_share in hundredths
	maxLead  float64 // the largest possible |coaching - mentoring|
	maxSum   float64 // the largest possible coaching + mentoring
	// alternatives is how many other answers there are in all, the most changes a result
	// can list.
	alternatives int
	maxN         int // the most answers a question has, unsure included
	ranks        int // how many different sizes of change there are
	// nonneg is whether no type weight is negative, as banks loaded from files ensure: a
	// change can then only raise the types its new answer weighs.
	nonneg bool
	// decisions holds, when the bank's family weights allow, decide's answer for every
	// pair of family scores a selection can reach, so that each of the many alternatives
	// costs a look-up. The pair (c, m) is at (c/unit)*stride + m/unit.
	decisions []decision
	recs      []uint8 // the decisions' recommendations alone, for the search for changes
}

type decision struct {
	rec  int
	conf float64
}

// maxDecisions bounds the table of decisions; the default bank needs 961.
const maxDecisions = 1 << 16

// A type's key is its score in hundredths and its place in bank order in one integer, so
// that the largest key is the best type, a tie going to the type that comes first. Finding
// the best is then a run of max operations, which need no branches.
const (
	keyBits = 16
	keyMask = 1<<keyBits - 1
)

// typeKey is the key of type i with a score of h hundredths.
func typeKey(h int64, i int) int64 { return h<<keyBits + int64(keyMask-i) }

// keyType and keyScore take a key apart.
func keyType(k int64) int      { return keyMask - int(k&keyMask) }
func keyScore(k int64) float64 { return points(k >> keyBits) }

// points turns hundredths into the points reports show.
func points(h int64) float64 { return float64(h) / 100 }

// hundredths rounds a weight to whole hundredths.
func hundredths(w float64) int64 { return int64(math.Round(w * 100)) }

// qtab is one question's answers in the engine's dense form. Answers are numbered as the
// options are, with unsure (no answer) last.
type qtab struct {
	n    int
	c, m []int64 // family weights per answer, in hundredths
	fam  []int64 // where each answer moves the index of decisions
	// keyed holds the type weights per answer, nt at a time, shifted to add to keys.
	keyed []int64
	// weighted lists the non-zero type weights of every answer, in answer order.
	weighted []keyWeight
	pairs    []pair // per (from, to), at from*n+to
	// tip holds, per current answer and goal of the tipping point, at answer*goals+goal,
	// the answer that moves furthest toward the goal; to is -1 when none moves toward it.
	tip []tipMove
}

// keyWeight is one of an answer's non-zero type weights, shifted to add to a key.
type keyWeight struct {
	to, t int32 // the answer and the type
	w     int64
}

// pair is what changing one answer into another does, whatever the other answers are.
type pair struct {
	shift float64 // the change in coaching minus mentoring points
	rank  int32   // the rank of |shift| among all the bank's shifts, smallest first
	fam   int32   // the new answer's place in the index of decisions, if there is the table
}

type tipMove struct {
	to   int32
	gain int64
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
	s := &Scorer{bank: b, qs: make([]qtab, len(b.Questions)), nt: nt, sharePct: hundredths(b.MinShare), nonneg: true}
	var shifts []int64
	for qi, q := range b.Questions {
		n := len(q.Options) + 1
		qt := qtab{n: n, c: make([]int64, n), m: make([]int64, n), keyed: make([]int64, n*nt), pairs: make([]pair, n*n)}
		var lead, sum int64
		for oi, o := range q.Options {
			qt.c[oi], qt.m[oi] = hundredths(o.Coaching), hundredths(o.Mentoring)
			for _, tw := range o.Types {
				if t, ok := b.Type(tw.Type); ok {
					qt.keyed[oi*nt+t.Index] += hundredths(tw.Weight) << keyBits
				}
			}
			lead = max(lead, abs(qt.c[oi]-qt.m[oi]))
			sum = max(sum, qt.c[oi]+qt.m[oi])
		}
		for a := range n {
			for i, w := range qt.keyed[a*nt : a*nt+nt] {
				if w != 0 {
					qt.weighted = append(qt.weighted, keyWeight{to: int32(a), t: int32(i), w: w})
				}
				s.nonneg = s.nonneg && w >= 0
			}
		}
		for from := range n {
			for to := range n {
				d := (qt.c[to] - qt.m[to]) - (qt.c[from] - qt.m[from])
				qt.pairs[from*n+to].shift = points(d)
				shifts = append(shifts, abs(d))
			}
		}
		s.qs[qi] = qt
		s.maxLead += points(lead)
		s.maxSum += points(sum)
		s.alternatives += len(q.Options)
		s.maxN = max(s.maxN, n)
	}
	// Rank the sizes of change, so that listing changes smallest first is a sort of
	// small integers.
	slices.Sort(shifts)
	shifts = slices.Compact(shifts)
	s.ranks = len(shifts)
	for qi := range s.qs {
		qt := &s.qs[qi]
		for from := range qt.n {
			for to := range qt.n {
				d := (qt.c[to] - qt.m[to]) - (qt.c[from] - qt.m[from])
				r, _ := slices.BinarySearch(shifts, abs(d))
				qt.pairs[from*qt.n+to].rank = int32(r)
			}
		}
	}
	s.prepareTipping()
	s.prepareDecisions()
	return s
}

// prepareDecisions fills the table of decisions if the family weights are not negative
// and share a unit that keeps it small.
func (s *Scorer) prepareDecisions() {
	var unit, maxC, maxM int64
	for _, qt := range s.qs {
		var c, m int64
		for a := range qt.n {
			if qt.c[a] < 0 || qt.m[a] < 0 {
				return
			}
			unit = gcd(gcd(unit, qt.c[a]), qt.m[a])
			c, m = max(c, qt.c[a]), max(m, qt.m[a])
		}
		maxC, maxM = maxC+c, maxM+m
	}
	if unit == 0 {
		unit = 1
	}
	stride := maxM/unit + 1
	if (maxC/unit+1)*stride > maxDecisions {
		return
	}
	s.decisions = make([]decision, (maxC/unit+1)*stride)
	s.recs = make([]uint8, len(s.decisions))
	for i := range s.decisions {
		c, m := int64(i)/stride*unit, int64(i)%stride*unit
		s.decisions[i].rec, s.decisions[i].conf = s.compute(c, m)
		s.recs[i] = uint8(s.decisions[i].rec)
	}
	for qi := range s.qs {
		qt := &s.qs[qi]
		qt.fam = make([]int64, qt.n)
		for a := range qt.n {
			qt.fam[a] = qt.c[a]/unit*stride + qt.m[a]/unit
		}
		for i := range qt.pairs {
			qt.pairs[i].fam = int32(qt.fam[i%qt.n])
		}
	}
}

func gcd(a, b int64) int64 {
	for b != 0 {
		a, b = b, a%b
	}
	return a
}

func abs(x int64) int64 {
	if x < 0 {
		return -x
	}
	return x
}

// answer is the index of an answer in its question's table: unsure is last.
func (qt *qtab) answer(o *bank.Option) int {
	if o == nil {
		return qt.n - 1
	}
	return o.Index
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

	rec int // Recommendation as a number

	// Kept for reuse by EvaluateInto.
	ans     []int32     // answers as numbered in the tables
	keys    []int64     // type keys, then the same without one answer, nt each, then the best per answer
	tipping Tipping     // storage for Tipping
	found   []changeKey // changes before they are listed
	sorted  []changeKey // the same, smallest first
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
	nt := s.nt
	keys := r.keys
	if cap(keys) < 2*nt+s.maxN {
		keys = make([]int64, 2*nt+s.maxN)
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
		found:      r.found,
		sorted:     r.sorted,
		counts:     r.counts,
	}
	if r.Types == nil { // a new result: size its lists once
		r.Types = make([]TypeScore, 0, nt)
		r.Answered = make([]Answer, 0, len(b.Questions))
		r.Unanswered = make([]*bank.Question, 0, len(b.Questions))
	}
	rec, conf := s.decide(st.c, st.m, st.fam)
	r.Recommendation, r.Confidence, r.rec = recNames[rec], conf, rec
	// Best first. Keys are all different, so each type's place is the number of larger
	// keys: counting them needs no branches, unlike a sort.
	r.Types = r.Types[:nt]
	for i, k := range st.keys {
		place := 0
		for _, o := range st.keys {
			if o > k {
				place++
			}
		}
		r.Types[place] = TypeScore{Type: b.Types[i], Score: keyScore(k)}
	}
	for qi, q := range b.Questions {
		if o := sel[qi]; o != nil {
			r.Answered = append(r.Answered, Answer{Question: q, Option: o})
		} else {
			r.Unanswered = append(r.Unanswered, q)
		}
	}
	top := -1
	if nt > 0 {
		top = r.Types[0].Type.Index
	}
	s.whatWouldChange(sel, st, r, top, rec)
	r.Tipping = s.tipping(sel, st, rec, &r.tipping)
	return r
}

// state is a selection's sums: family scores and type keys, in hundredths.
type state struct {
	c, m int64
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
)

var recNames = [...]string{recBlend: Blend, recCoaching: Coaching, recMentoring: Mentoring}

// recommend is the recommendation for family scores c and m in hundredths: the family
// with at least min_share of the points, exactly, or a blend. It is worked out without
// branches, since the search for changes calls it for every alternative.
func (s *Scorer) recommend(c, m int64) int {
	total := c + m
	isC := b2i(100*c >= s.sharePct*total)
	isM := b2i(100*m >= s.sharePct*total)
	return b2i(total > 0) * (isC*recCoaching + (1-isC)*isM*recMentoring)
}

// b2i is 1 for true, 0 for false; the compiler makes it a flag, not a branch.
func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// decide is recommend with a confidence.
//
// A recommended family's confidence is its lead as a fraction of the largest lead the
// bank allows, on a square-root scale: a single answer stays low (about 0.3), half the
// questions answered one way read as fairly sure (about 0.7), and all of them as 1. A
// blend's confidence is how even the two scores are, times the same square-root measure
// of how much weight the answers carry; with no answers it is 0.
// fam is where (ch, mh) is in the table of decisions, if there is the table.
func (s *Scorer) decide(ch, mh, fam int64) (int, float64) {
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
	}
	total := c + m
	if total <= 0 {
		return rec, 0
	}
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

// whatWouldChange tries every alternative answer to every question, one at a time.
func (s *Scorer) whatWouldChange(sel Selection, st state, r *Result, top, rec int) {
	// First find the changes, as small records without pointers; then list them smallest
	// first.
	found := s.find(sel, st, r, top, rec)
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
	r.Changes = slices.Grow(r.Changes[:0], len(sorted))[:len(sorted)]
	for i, k := range sorted {
		s.listChange(&r.Changes[i], r, sel, st, k, top)
	}
}

// find lists the changes that matter, in bank order of questions and answers.
//
// For each question it takes the types' keys without the current answer; an alternative's
// best type is the largest of those plus the alternative's weights. With no negative
// weights only the types the alternative weighs can overtake the best without the answer,
// so those are all it looks at. Every alternative is written down before it is known to
// count, and kept by moving the end on, so that the loops have no branches that depend on
// the answers and the processor need not guess.
func (s *Scorer) find(sel Selection, st state, r *Result, top, rec int) []changeKey {
	nt := s.nt
	keys := r.keys[:2*nt+s.maxN]
	without, best := keys[nt:2*nt], keys[2*nt:]
	found := slices.Grow(r.found[:0], s.alternatives+len(s.qs))[:s.alternatives+len(s.qs)]
	n := 0
	for qi := range s.qs {
		qt := &s.qs[qi]
		from := int(st.ans[qi])
		fk := qt.keyed[from*nt : from*nt+nt]
		base := int64(math.MinInt64)
		for i, k := range st.keys {
			v := k - fk[i]
			without[i] = v
			base = max(base, v)
		}
		best := best[:qt.n]
		if s.nonneg {
			for to := range best {
				best[to] = base
			}
			for _, x := range qt.weighted {
				best[x.to] = max(best[x.to], without[x.t]+x.w)
			}
		} else {
			for to := range best {
				b := int64(math.MinInt64)
				for i, w := range qt.keyed[to*nt : to*nt+nt] {
					b = max(b, without[i]+w)
				}
				best[to] = b
			}
		}
		pairs := qt.pairs[from*qt.n : from*qt.n+qt.n]
		before := n
		if s.recs != nil {
			n = listed(found, n, best, pairs, s.recs[st.fam-qt.fam[from]:], int32(qi), from, top, rec)
		} else {
			c, m := st.c-qt.c[from], st.m-qt.m[from]
			for to, k := range best {
				t := keyType(k)
				found[n] = changeKey{rank: pairs[to].rank, qi: int32(qi), to: int32(to), top: int32(t)}
				code := s.recommend(c+qt.c[to], m+qt.m[to])
				n += b2i(to != from) & (b2i(t != top) | b2i(code != rec))
			}
		}
		if n == before {
			r.Fixed = append(r.Fixed, s.bank.Questions[qi])
		}
	}
	r.found = found
	return found[:n]
}

// listed writes one question's alternatives into found from n, each with its best type
// in best, and moves n past those that change the recommendation or the top type. recs
// is the table of recommendations from the selection without the question's answer. It is
// apart from find so that its few values stay in registers.
func listed(found []changeKey, n int, best []int64, pairs []pair, recs []uint8, qi int32, from, top, rec int) int {
	pairs = pairs[:len(best)]
	for to, k := range best {
		p := pairs[to]
		t := keyType(k)
		found[n] = changeKey{rank: p.rank, qi: qi, to: int32(to), top: int32(t)}
		n += b2i(to != from) & (b2i(t != top) | b2i(int(recs[p.fam]) != rec))
	}
	return n
}

// listChange fills in a found change.
func (s *Scorer) listChange(c *Change, r *Result, sel Selection, st state, k changeKey, curTop int) {
	q := s.bank.Questions[k.qi]
	qt := &s.qs[k.qi]
	cur := sel[k.qi]
	from, to := int(st.ans[k.qi]), int(k.to)
	fam := st.fam
	if qt.fam != nil {
		fam += qt.fam[to] - qt.fam[from]
	}
	rec, conf := s.decide(st.c-qt.c[from]+qt.c[to], st.m-qt.m[from]+qt.m[to], fam)
	c.Question, c.From, c.To = q, cur, optionAt(q, to)
	c.Shift = qt.pairs[from*qt.n+to].shift
	c.Recommendation, c.Confidence, c.TopType = recNames[rec], conf, s.bank.Types[k.top]
	c.ChangesRecommendation = rec != r.rec
	c.ChangesTopType = int(k.top) != curTop
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
func (s *Scorer) tipping(sel Selection, st state, cur int, into *Tipping) *Tipping {
	var gs []int
	switch cur {
	case recCoaching:
		gs = []int{coachingToBlend}
	case recMentoring:
		gs = []int{mentoringToBlend}
	default:
		gs = []int{blendToCoaching, blendToMentoring}
	}
	// Each question's best move as a key, like the types': the largest is the largest gain,
	// a tie going to the first question. None is math.MinInt64.
	var buf [64]int64
	moves := buf[:0]
	if len(s.qs) > len(buf) {
		moves = make([]int64, 0, len(s.qs))
	}
	bestLen := -1
	for _, g := range gs {
		moves = moves[:0]
		for qi := range s.qs {
			m := s.qs[qi].tip[int(st.ans[qi])*goals+g]
			k := m.gain<<keyBits + int64(keyMask-qi)
			if m.to < 0 {
				k = math.MinInt64
			}
			moves = append(moves, k)
		}
		// Take the largest gain left until the goal is reached: few are needed, so
		// choosing each is quicker than sorting them all. A second goal need only be
		// followed while it could take fewer changes than the first.
		c, m := st.c, st.m
		reached, k := false, 0
		for ; k < len(moves) && (bestLen < 0 || k+1 < bestLen); k++ {
			top := int64(math.MinInt64)
			for _, v := range moves {
				top = max(top, v)
			}
			if top == math.MinInt64 {
				break
			}
			qi := keyType(top)
			moves[qi] = math.MinInt64
			qt := &s.qs[qi]
			from := int(st.ans[qi])
			to := int(qt.tip[from*goals+g].to)
			c, m = c-qt.c[from]+qt.c[to], m-qt.m[from]+qt.m[to]
			if got := s.recommend(c, m); got == goalCode[g] || (goalCode[g] == recBlend && got != cur) {
				reached = true
				k++
				break
			}
		}
		if !reached {
			continue
		}
		// A shorter set: the questions whose move was taken, in bank order.
		bestLen = k
		into.Recommendation = recNames[s.recommend(c, m)]
		into.Changes = into.Changes[:0]
		for qi := range s.qs {
			qt, from := &s.qs[qi], int(st.ans[qi])
			if to := int(qt.tip[from*goals+g].to); moves[qi] == math.MinInt64 && to >= 0 {
				q := s.bank.Questions[qi]
				into.Changes = append(into.Changes, Change{Question: q, From: sel[qi], To: optionAt(q, to), Shift: qt.pairs[from*qt.n+to].shift})
			}
		}
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
// first in option order on a tie. Margins are in hundredths squared, so exact.
func (s *Scorer) prepareTipping() {
	sp := s.sharePct
	// The weights (on coaching, mentoring) of the linear score each goal must push below
	// zero.
	w := [goals][2]int64{
		coachingToBlend:  {100 - sp, -sp},
		mentoringToBlend: {-sp, 100 - sp},
		blendToCoaching:  {-(100 - sp), sp},
		blendToMentoring: {sp, -(100 - sp)},
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
