package report

import (
	"slices"
	"strings"

	"github.com/coachmentor/coachmentor/internal/bank"
	"github.com/coachmentor/coachmentor/internal/engine"
)

// Brief is the report of one result, as every format renders it: first what a manager
// acts on (the verdict, the reasons that weigh most, the best type and its next steps),
// then the details (every answer and its points, the types, what would change it, the
// sources). Renderers only lay it out; every sentence and number is decided here, from the
// engine's result and the bank.
type Brief struct {
	For, Date string
	Verdict   Verdict
	// Reasons are the answers that weigh most for the verdict, most first: three to five
	// when there are that many.
	Reasons []Reason
	// Best is the best-fitting type, or every type of a tie for it; empty while no type
	// stands out (then NoBest says what would narrow it down).
	Best   []BestType
	NoBest string
	// ForMany is whether the answers say many people share the need: the next steps are
	// then for a program rather than one arrangement.
	ForMany bool
	Details Details
	Bank    *bank.Bank

	result *engine.Result
}

// Verdict is the recommendation as people read it.
type Verdict struct {
	Recommendation string // coaching, mentoring, blend or undecided
	Heading        string // "Coaching", "Mentoring", "Blend" or "Undecided"
	Confidence     float64
	Word           string // the confidence in words: tentative, fair, strong; none
	Evidence       string // "12 of 15 questions answered"
	// Detail follows the heading: the confidence and the evidence, or what would decide it.
	Detail string
	// Points is the lean in figures: "Coaching 12 points, mentoring 4 points (75% coaching)".
	Points string
	// Summary says what the recommendation means: the family's or the blend's summary, or
	// why nothing is recommended yet.
	Summary string
	// Notes are what the reader must not miss: why a blend names both families (a split),
	// and a tie for the best type.
	Notes []string
	// Combine are the steps for using both families, for a blend.
	Combine []Step
}

// Reason is one answer and why it counts.
type Reason struct {
	Question *bank.Question
	Option   *bank.Option
	Text     string // the answer's reason with its sources, e.g. "… (CMOE)"
}

// BestType is a type to act on: what it is, how to set it up and the next steps.
type BestType struct {
	Type  *bank.Type
	Rank  int
	Score float64
	Setup []SetupRow
	// Steps are the next steps for one arrangement or, for many people, a program.
	Steps []Step
}

// SetupRow is one line of how a type is set up.
type SetupRow struct {
	Label, Value string
	Practice     bool // common practice rather than from the sources
}

// Step is a next step and where it comes from: the publishers, or "common practice".
type Step struct {
	Text, From string
}

// Details are everything behind the verdict.
type Details struct {
	Answers []AnswerRow
	Types   []TypeRow
	// Changes are the single answers that would change the recommendation or the best
	// type, grouped where they have the same effect, smallest first.
	Changes []ChangeRow
	// MoreChanges is how many groups of changes there are beyond the first MaxChanges,
	// which the brief leaves to the JSON report.
	MoreChanges int
	// NoChange is said instead of the changes when there are none, or nothing is answered.
	NoChange string
	// Tipping, when no single answer changes the recommendation, says how many would.
	Tipping    *TippingRow
	Fixed      []string // titles of questions no answer of which would change anything
	Unanswered []*bank.Question
	Essentials []string
	// EssentialsFrom names the publishers behind the essentials.
	EssentialsFrom string
	Sources        []*bank.Source
	Charts         []Chart
}

// AnswerRow is an answer with its lean and its points.
type AnswerRow struct {
	Question, Answer, Favours, Points string
}

// TypeRow is one ranked type. A ruled-out type shows what rules it out, never its points.
type TypeRow struct {
	Rank     int
	Type     *bank.Type
	Score    float64
	RuledOut bool
	Needs    string // for a ruled-out type: what it needs, e.g. "Who is developed: A senior leader"
}

// ChangeRow is a group of alternatives to one answer with the same effect.
type ChangeRow struct {
	Question     string
	Alternatives []string // the new answers' labels
	Outcome      string   // e.g. "mentoring (fair confidence)" or "best type Skills coaching"
	Shift        string   // how far the balance moves, e.g. "2 toward coaching"
}

// TippingRow is the fewest answers that would change the recommendation.
type TippingRow struct {
	Count   int
	Changes [][2]string // question title, new answer
	Outcome string      // e.g. "a blend"
	// Stays is set when the balance would move but the best type would keep a blend.
	Stays string
}

// MaxChanges is how many groups of changes a brief lists, smallest first, so that it
// stays a page; the JSON report lists every change.
const MaxChanges = 8

// ChangesNote is said under the changes: how to read them, and how many more there are.
func (d Details) ChangesNote() string {
	note := "Each row changes one answer and keeps the rest; the smallest changes come first."
	if d.MoreChanges > 0 {
		note += " " + Count(d.MoreChanges, "more change") + ": the JSON report lists every one (--format json)."
	}
	return note
}

// NewBrief builds the report of result r of bank b.
func NewBrief(b *bank.Bank, r *engine.Result, opts Options) *Brief {
	br := &Brief{For: opts.For, Date: opts.Date, Bank: b, result: r}
	br.ForMany = b.ForMany(func(q *bank.Question) *bank.Option { return answerTo(r, q) })
	br.Verdict = newVerdict(b, r)
	br.Reasons = reasons(b, r)
	if HasTypeSignal(r) {
		for _, t := range TopTypes(r) {
			br.Best = append(br.Best, bestType(b, r, t, br.ForMany))
		}
	} else {
		br.NoBest = "No type stands out yet: answer who is developed and what they most need to narrow it down."
	}
	br.Details = details(b, r)
	return br
}

// NeedMore is, for an undecided result with answers, the sentence that says what would
// decide it; "" otherwise.
func (br *Brief) NeedMore() string {
	r := br.result
	if r.Decided() || len(r.Answered) == 0 {
		return ""
	}
	return capital(NeedMore(r)) + "."
}

// Result is the engine's result the brief was made from.
func (br *Brief) Result() *engine.Result { return br.result }

// answerTo is the option chosen for q in r, or nil.
func answerTo(r *engine.Result, q *bank.Question) *bank.Option {
	for _, a := range r.Answered {
		if a.Question == q {
			return a.Option
		}
	}
	return nil
}

func newVerdict(b *bank.Bank, r *engine.Result) Verdict {
	v := Verdict{Recommendation: r.Recommendation, Heading: Title(r.Recommendation), Confidence: r.Confidence,
		Word: ConfidenceWord(r), Evidence: AnsweredCount(b, r)}
	v.Points = "Coaching " + PointCount(r.Coaching) + ", mentoring " + PointCount(r.Mentoring) + " (" + Percent(r.Lean()) + " coaching)."
	switch r.Recommendation {
	case engine.Undecided:
		v.Detail = NeedMore(r) + " (" + v.Evidence + ")"
		v.Summary = Undecided(b, r)
		v.Points = "So far: " + v.Points
	case engine.Blend:
		v.Detail = Confidence(b, r)
		v.Summary = b.Blend.Summary
		v.Combine = steps(b, b.Blend.Steps)
	default:
		v.Detail = Confidence(b, r)
		v.Summary = b.Family(r.Recommendation).Summary
	}
	if note := SplitNote(r); note != "" {
		v.Notes = append(v.Notes, note)
	}
	if tie := Tie(r); tie != "" {
		v.Notes = append(v.Notes, tie)
	}
	return v
}

// SplitNote explains a blend made by the best type: the points favour one family, the best
// type belongs to the other. "" for any other result.
func SplitNote(r *engine.Result) string {
	if !r.Split {
		return ""
	}
	lean, other := engine.Coaching, engine.Mentoring
	share := r.Lean()
	if r.Mentoring > r.Coaching {
		lean, other = engine.Mentoring, engine.Coaching
		share = 1 - share
	}
	best := "the best-fitting type, " + r.TopType().Name + ", is a " + other + " type"
	if len(r.TopTie) > 1 {
		best = "the types that tie for the best fit include " + other + " types"
	}
	return "The answers lean to " + lean + " (" + Percent(share) + " of the points), but " + best +
		", so the recommendation is a blend: use " + strings.ToLower(r.TopType().Name) +
		" for what it fits, and " + lean + " for the rest."
}

// maxReasons and minReasons bound how many answers the brief gives as its reasons.
const (
	minReasons = 3
	maxReasons = 5
)

// reasons are the answers that weigh most for the verdict, with their reason sentences.
func reasons(b *bank.Bank, r *engine.Result) []Reason {
	var out []Reason
	picked, n := reasonAnswers(r)
	for _, i := range picked[:n] {
		a := r.Answered[i]
		out = append(out, Reason{Question: a.Question, Option: a.Option, Text: ReasonText(b, a.Question, a.Option)})
	}
	return out
}

// reasonAnswers picks, as places in r.Answered, the answers that weigh most for the
// verdict: what they add to the lead of the recommended family (either way for a blend or
// while undecided) plus what they give the best type. Answers that weigh nothing for it
// come only to make up three; ties keep bank order. Batch runs call it for every
// respondent from several goroutines, so it allocates nothing and keeps no state.
func reasonAnswers(r *engine.Result) (picked [maxReasons]int, n int) {
	signal := HasTypeSignal(r)
	weight := func(o *bank.Option) float64 {
		lead := o.Coaching - o.Mentoring
		switch {
		case r.Recommendation == engine.Mentoring:
			lead = -lead
		case r.Recommendation != engine.Coaching:
			lead = max(lead, -lead)
		}
		w := max(0, lead)
		if signal {
			tw := o.TypeWeight(r.Types[0].Type.ID)
			for _, t := range r.TopTie {
				tw = max(tw, o.TypeWeight(t.ID))
			}
			w += tw
		}
		return w
	}
	var taken [(bank.MaxQuestions + 63) / 64]uint64 // answers already picked, by place
	for n < maxReasons && n < len(r.Answered) {
		best, bw := -1, -1.0
		for i, a := range r.Answered {
			if taken[i/64]&(1<<(i%64)) == 0 {
				if w := weight(a.Option); w > bw {
					best, bw = i, w
				}
			}
		}
		if bw <= 0 && n >= minReasons {
			break
		}
		taken[best/64] |= 1 << (best % 64)
		picked[n] = best
		n++
	}
	return picked, n
}

func bestType(b *bank.Bank, r *engine.Result, t *bank.Type, forMany bool) BestType {
	bt := BestType{Type: t, Steps: steps(b, t.StepsFor(forMany))}
	for _, ts := range r.Types {
		if ts.Type == t {
			bt.Rank, bt.Score = ts.Rank, ts.Score
		}
	}
	for _, f := range SetupRows(t) {
		bt.Setup = append(bt.Setup, SetupRow{Label: f[1], Value: f[2], Practice: t.Setup.IsPractice(f[0])})
	}
	return bt
}

// CommonPractice is how a report marks what is not from the sources.
const CommonPractice = "common practice"

// steps gives each step its provenance: its publishers, or common practice.
func steps(b *bank.Bank, in []bank.Step) []Step {
	out := make([]Step, len(in))
	for i, s := range in {
		from := CommonPractice
		if names := b.SourceNames(s.Sources); len(names) > 0 {
			from = strings.Join(names, "; ")
		}
		out[i] = Step{Text: s.Text, From: from}
	}
	return out
}

func details(b *bank.Bank, r *engine.Result) Details {
	d := Details{Unanswered: r.Unanswered, Essentials: b.Essentials, Sources: Cited(b, r)}
	d.EssentialsFrom = strings.Trim(SourceTag(b, b.EssentialsSources), "()")
	for _, a := range r.Answered {
		d.Answers = append(d.Answers, AnswerRow{Question: a.Question.Title, Answer: a.Option.Label,
			Favours: favoursLabel(a.Option), Points: Points(b, a.Option)})
	}
	for _, ts := range r.Types {
		if !HasTypeSignal(r) {
			break // no type has points: the brief says none stands out yet
		}
		row := TypeRow{Rank: ts.Rank, Type: ts.Type, Score: ts.Score, RuledOut: ts.RuledOut}
		if ts.RuledOut {
			row.Needs = strings.TrimPrefix(Needs(b, ts.Type), "needs ")
		}
		d.Types = append(d.Types, row)
	}
	switch {
	case len(r.Answered) == 0:
		d.NoChange = "Any answer would: nothing is answered yet."
	default:
		groups := GroupChanges(r.Changes)
		for _, g := range groups[:min(len(groups), MaxChanges)] {
			d.Changes = append(d.Changes, ChangeRow{Question: g.Question.Title, Alternatives: g.Labels(), Outcome: g.Outcome(), Shift: g.Shift()})
		}
		d.MoreChanges = len(groups) - len(d.Changes)
		if len(d.Changes) == 0 && r.Decided() {
			d.NoChange = "No single answer would change the recommendation or the best type."
		}
	}
	d.Tipping = tippingRow(r)
	if r.Decided() { // undecided, no one answer decides it anyway
		d.Fixed = titles(r.Fixed)
	}
	d.Charts = charts(r)
	return d
}

// tippingRow says how many answers would change the recommendation, when no single one
// does.
func tippingRow(r *engine.Result) *TippingRow {
	t := r.Tipping
	if t == nil || slices.ContainsFunc(r.Changes, func(c engine.Change) bool { return c.ChangesRecommendation }) {
		return nil
	}
	row := &TippingRow{Count: len(t.Changes), Outcome: outcomeNoun(t.Recommendation)}
	for _, c := range t.Changes {
		row.Changes = append(row.Changes, [2]string{c.Question.Title, AnswerLabel(c.To)})
	}
	if t.Recommendation == r.Recommendation {
		row.Stays = "the balance would then favor the other family, but the best type would keep it a blend"
	}
	return row
}

// outcomeNoun names a recommendation after "make it": coaching, mentoring or a blend.
func outcomeNoun(rec string) string {
	if rec == engine.Blend {
		return "a blend"
	}
	return rec
}

// charts are the scores drawn: the two families, and the types that fit. A ruled-out type
// is no bar: it does not fit, whatever its points.
func charts(r *engine.Result) []Chart {
	var out []Chart
	if r.Coaching+r.Mentoring > 0 {
		out = append(out, Chart{Title: "Coaching and mentoring points", Pie: true,
			Labels: []string{"Coaching", "Mentoring"}, Values: []float64{r.Coaching, r.Mentoring}})
	}
	if HasTypeSignal(r) {
		c := Chart{Title: "Points per type (ruled-out types left out)", Axis: "Points", Max: r.Types[0].Score}
		for _, ts := range r.Types {
			if ts.RuledOut {
				continue
			}
			c.Labels = append(c.Labels, ts.Type.Name)
			c.Values = append(c.Values, max(0, ts.Score))
			c.Families = append(c.Families, ts.Type.Family)
		}
		out = append(out, c)
	}
	return out
}
