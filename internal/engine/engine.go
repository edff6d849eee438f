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

// Selection is the answers the engine scores: bank.Selection.
type Selection = bank.Selection

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
	zeros     []int64 // nt zeros: nothing to add to a set of keys
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
		minAns: max(1, b.MinAnswers), tfam: make([]uint8, nt), zeros: make([]int64, nt)}
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
