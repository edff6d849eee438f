// Package engine scores answers against a question bank. It is pure: no I/O, no clock, no
// randomness, and the result does not depend on the order answers were given in.
//
// Every answer adds its weights to a coaching score, a mentoring score and a score per type.
// With fewer answers than the bank's min_answers, or no family points at all, the
// recommendation is undecided. Otherwise the family with at least the bank's min_share of
// the coaching + mentoring points is recommended, and below that the recommendation is a
// blend. Types with equal points are a tie, and the result says so. The engine also works out
// what would change the result: every single-answer change that alters the recommendation,
// the top type or a tie for it, and the fewest answers that would have to change to alter the
// recommendation.
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
	// Undecided is the recommendation when the answers are too few to recommend a family.
	Undecided = "undecided"
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
	nt       int        // the number of types
	tfam     []uint8    // each type's family: 0 coaching, 1 mentoring
	byFamily [2][]int32 // the types of each family
	minAns   int        // min_answers
	sharePct int64      // min_share in hundredths
	maxLead  float64    // the largest possible |coaching - mentoring|
	maxSum   float64    // the largest possible coaching + mentoring
	// alternatives is how many other answers there are in all, the most changes a result
	// can list.
	alternatives int
	ranks        int // how many different sizes of change there are
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

// ruledOut, in hundredths, is taken from a type's key for each answer that rules it out
// (a type's requires), so that it ranks below every type not ruled out whatever its points.
// No sum of weights comes near it: a bank's weights add up to well under half of it.
const ruledOut = 1 << 32

// keyType takes the type out of a key.
func keyType(k int64) int { return keyMask - int(k&keyMask) }

// keyScore takes the points out of a key, and whether the type is ruled out.
func keyScore(k int64) (float64, bool) {
	h := k >> keyBits
	n := (-h + ruledOut/2) / ruledOut // how many answers rule it out
	return points(h + n*ruledOut), n > 0
}

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
	// even holds, per answer, whether it adds the same to every type of a family (only a
	// share of family points, or nothing), and what it adds to each family's types: then
	// the best two types after the change are found among the best two of each family.
	even  []evenAdd
	pairs []pair // per (from, to), at from*n+to
	// tip holds, per current answer and goal of the tipping point, at answer*goals+goal,
	// the answer that moves furthest toward the goal; to is -1 when none moves toward it.
	tip []tipMove
}

// evenAdd is what an answer adds to the keys of each family's types when it adds the same
// to all of them; ok is false when it does not.
type evenAdd struct {
	ok  bool
	add [2]int64 // coaching's types, mentoring's
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
	s := &Scorer{bank: b, qs: make([]qtab, len(b.Questions)), nt: nt, sharePct: hundredths(b.MinShare),
		minAns: max(1, b.MinAnswers), tfam: make([]uint8, nt)}
	for i, t := range b.Types {
		f := b2i(t.Family == bank.Mentoring)
		s.tfam[i] = uint8(f)
		s.byFamily[f] = append(s.byFamily[f], int32(i))
	}
	var shifts []int64
	for qi, q := range b.Questions {
		n := len(q.Options) + 1
		qt := qtab{n: n, c: make([]int64, n), m: make([]int64, n), keyed: make([]int64, n*nt), pairs: make([]pair, n*n)}
		var lead, sum int64
		for oi, o := range q.Options {
			qt.c[oi], qt.m[oi] = hundredths(o.Coaching), hundredths(o.Mentoring)
			for _, tw := range o.Points {
				if t, ok := b.Type(tw.Type); ok {
					qt.keyed[oi*nt+t.Index] += hundredths(tw.Weight) << keyBits
				}
			}
			for _, t := range b.Types {
				if !t.Allows(q, o) {
					qt.keyed[oi*nt+t.Index] -= ruledOut << keyBits
				}
			}
			lead = max(lead, abs(qt.c[oi]-qt.m[oi]))
			sum = max(sum, qt.c[oi]+qt.m[oi])
		}
		for from := range n {
			for to := range n {
				d := (qt.c[to] - qt.m[to]) - (qt.c[from] - qt.m[from])
				qt.pairs[from*n+to].shift = points(d)
				shifts = append(shifts, abs(d))
			}
		}
		qt.even = s.evenAdds(qt)
		s.qs[qi] = qt
		s.maxLead += points(lead)
		s.maxSum += points(sum)
		s.alternatives += len(q.Options)
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

// evenAdds finds which of a question's answers add the same to every type of a family.
func (s *Scorer) evenAdds(qt qtab) []evenAdd {
	nt := s.nt
	out := make([]evenAdd, qt.n)
	for a := range qt.n {
		e := evenAdd{ok: true}
		seen := [2]bool{}
		for i, w := range qt.keyed[a*nt : a*nt+nt] {
			f := s.tfam[i]
			if seen[f] && e.add[f] != w {
				e.ok = false
			}
			e.add[f], seen[f] = w, true
		}
		out[a] = e
	}
	return out
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
	// AnswersNeeded is, when the recommendation is undecided, how many more answers would
	// decide it; 0 otherwise.
	AnswersNeeded int
	// Types lists every type, best first; types with equal points share a rank and are
	// listed in bank order.
	Types []TypeScore
	// TopTie lists, in bank order, the types that share the top rank when more than one
	// does and they have points: a tie that no answer has settled. Nil otherwise.
	TopTie []*bank.Type
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
	ans       []int32 // answers as numbered in the tables
	keys      []int64 // type keys, then the same without one answer, nt each
	tipping   Tipping // storage for Tipping
	tie       []*bank.Type
	tiedTypes []*bank.Type // the changes' TopTie lists, one after another
	found     []changeKey  // changes before they are listed
	sorted    []changeKey  // the same, smallest first
	counts    []int32      // for sorting them
}

// TypeScore is a type's points and rank: 1 for the best, the same for equal points.
type TypeScore struct {
	Type  *bank.Type
	Score float64
	Rank  int
	// RuledOut is whether an answer rules the type out (its requires); it then ranks below
	// every type that is not, whatever its points.
	RuledOut bool
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
	// TopTie lists the types that would share the top rank, in bank order, when more than
	// one would; TopType is then the first of them.
	TopTie []*bank.Type
	// Which parts of the result change. ChangesTopType is true when the top type or a tie
	// for it changes.
	ChangesRecommendation bool
	ChangesTopType        bool
}

// Tipping is a smallest set of answer changes that alters the recommendation.
type Tipping struct {
	Recommendation string // the recommendation after the changes
	Changes        []Change
}

// Decided reports whether the answers are enough to recommend coaching, mentoring or a
// blend.
func (r *Result) Decided() bool { return r.Recommendation != Undecided }

// TopType is the best-scoring type; in a tie, the first of TopTie.
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
	rec, conf := s.decide(st.c, st.m, st.fam, st.n)
	r.Recommendation, r.Confidence, r.rec = recNames[rec], conf, rec
	if rec == recUndecided {
		r.AnswersNeeded = max(1, s.minAns-st.n)
	}
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
		score, out := keyScore(k)
		r.Types[place] = TypeScore{Type: b.Types[i], Score: score, RuledOut: out}
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
	r.Tipping = s.tipping(sel, st, rec, &r.tipping)
	return r
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
