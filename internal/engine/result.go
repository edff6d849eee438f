package engine

import "github.com/coachmentor/coachmentor/internal/bank"

// Result is everything the renderers need.
type Result struct {
	Recommendation string
	Confidence     float64
	// Split is true when the points favour one family but the best type (or one tied with
	// it) belongs to the other: the recommendation is then a blend that names both.
	Split     bool
	Coaching  float64
	Mentoring float64
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
	Split          bool // as Result.Split
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
