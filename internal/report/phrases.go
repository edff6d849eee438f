// Package report renders an engine result as text for a terminal, as Markdown for people
// and as JSON for programs. Renderers only format: every number and every judgement comes
// from the engine, and every sentence about an answer or a type comes from the bank. The
// same result always renders to the same bytes.
package report

import (
	"math"
	"strconv"
	"strings"

	"github.com/coachmentor/coachmentor/internal/bank"
	"github.com/coachmentor/coachmentor/internal/engine"
)

// Options are what a report needs besides the result.
type Options struct {
	// For names the person or team the report is for; optional.
	For string
	// Date is when the report was made, as people write dates; optional, and left out of
	// reports that must give the same bytes for the same answers.
	Date string
}

// Count says how many of something, e.g. "1 answer" or "3 answers".
func Count(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return strconv.Itoa(n) + " " + noun + "s"
}

// Title is the recommendation as a heading word.
func Title(rec string) string {
	switch rec {
	case engine.Coaching:
		return "Coaching"
	case engine.Mentoring:
		return "Mentoring"
	case engine.Undecided:
		return "Undecided"
	}
	return "Blend"
}

// PointCount writes a number of points, e.g. "1 point", "2.5 points".
func PointCount(x float64) string {
	if n := Num(x); n != "1" {
		return n + " points"
	}
	return "1 point"
}

// Percent writes a share between 0 and 1 as a whole percentage, e.g. "90%", as people
// read them. A share that is not all or nothing never shows as "0%" or "100%": one point
// the other way should not read as none.
func Percent(share float64) string {
	p := math.Round(share * 100)
	switch {
	case p >= 100 && share < 1:
		p = 99
	case p <= 0 && share > 0:
		p = 1
	}
	return strconv.Itoa(int(p)) + "%"
}

// Num formats a score or confidence: at most two decimals, no trailing zeros.
func Num(x float64) string {
	return strconv.FormatFloat(Round(x), 'f', -1, 64)
}

// Round rounds to two decimals, the precision every output uses.
func Round(x float64) float64 {
	r := math.Round(x*100) / 100
	if r == 0 { // no "-0"
		return 0
	}
	return r
}

// Signed formats a weight with its sign, e.g. "+3".
func Signed(x float64) string {
	if x >= 0 {
		return "+" + Num(x)
	}
	return Num(x)
}

// AnswerLabel is how an answer is named in prose: its label, or "Not sure".
func AnswerLabel(o *bank.Option) string {
	if o == nil {
		return "Not sure"
	}
	return o.Label
}

// Points lists what an option gives, e.g. "coaching +3 (+0.9 to each coaching type);
// Performance coaching +2".
func Points(b *bank.Bank, o *bank.Option) string {
	var parts []string
	fc, fm := b.FamilyPoints(o)
	if o.Coaching != 0 {
		parts = append(parts, "coaching "+Signed(o.Coaching)+eachType(fc, bank.Coaching))
	}
	if o.Mentoring != 0 {
		parts = append(parts, "mentoring "+Signed(o.Mentoring)+eachType(fm, bank.Mentoring))
	}
	var types []string
	for _, tw := range o.Types {
		name := tw.Type
		if t, ok := b.Type(tw.Type); ok {
			name = t.Name
		}
		types = append(types, name+" "+Signed(tw.Weight))
	}
	if len(types) > 0 {
		parts = append(parts, strings.Join(types, ", "))
	}
	if len(parts) == 0 {
		return "no points"
	}
	return strings.Join(parts, "; ")
}

// eachType is what a family point gives each type of the family, e.g. " (+0.9 to each
// coaching type)"; "" when nothing.
func eachType(x float64, family string) string {
	if x == 0 {
		return ""
	}
	return " (" + Signed(x) + " to each " + family + " type)"
}

// outcome describes what a change leads to, e.g. "mentoring (fair confidence)", "best
// type Skills coaching" or "a tie for the best type between Skills coaching and Career
// coaching", with the confidence in words as conf.
func outcome(c engine.Change, conf string) string {
	var parts []string
	if c.ChangesRecommendation {
		switch {
		case c.Recommendation == engine.Undecided:
			parts = append(parts, "undecided")
		case c.Split:
			parts = append(parts, "a blend ("+conf+" confidence), as the best type would be of the other family")
		default:
			parts = append(parts, strings.ToLower(Title(c.Recommendation))+" ("+conf+" confidence)")
		}
	}
	if c.ChangesTopType {
		if len(c.TopTie) > 1 {
			parts = append(parts, "a tie for the best type between "+Names(TypeNames(c.TopTie)))
		} else {
			parts = append(parts, "best type "+c.TopType.Name)
		}
	}
	return strings.Join(parts, ", ")
}

// Direction says which way a change moves the balance, e.g. "2 points toward mentoring".
func Direction(shift float64) string {
	switch {
	case shift > 0:
		return Num(shift) + " toward coaching"
	case shift < 0:
		return Num(-shift) + " toward mentoring"
	}
	return "no change in the balance"
}

// HasTypeSignal reports whether any type has points; with none, no type stands out.
func HasTypeSignal(r *engine.Result) bool {
	return len(r.Types) > 0 && r.Types[0].Score > 0
}

// TopN returns the best n types that have points and are not ruled out: neither is a fit,
// however it ranks.
func TopN(r *engine.Result, n int) []engine.TypeScore {
	k := 0
	for k < min(n, len(r.Types)) && r.Types[k].Score > 0 && !r.Types[k].RuledOut {
		k++
	}
	return r.Types[:k]
}

// Leaders are the best n types that have points, and every type tied with the last of
// them: a list cut at n never hides a type, of either family, with as many points as one
// it shows.
func Leaders(r *engine.Result, n int) []engine.TypeScore {
	top := TopN(r, n)
	k := len(top)
	for k > 0 && k < len(r.Types) && r.Types[k].Score > 0 && r.Types[k].Rank == top[len(top)-1].Rank && !r.Types[k].RuledOut {
		k++
	}
	return r.Types[:k]
}

// TopTypes are the types to describe first: the top type, or every type of a tie for it.
func TopTypes(r *engine.Result) []*bank.Type {
	if len(r.TopTie) > 1 {
		return r.TopTie
	}
	return []*bank.Type{r.TopType()}
}

// Cited gathers the sources behind a result: the answered questions, the top types and the
// recommended family.
func Cited(b *bank.Bank, r *engine.Result) []*bank.Source {
	var ids [][]string
	for _, a := range r.Answered {
		ids = append(ids, a.Question.Sources)
	}
	for _, ts := range TopN(r, 3) {
		ids = append(ids, ts.Type.Sources)
	}
	switch r.Recommendation {
	case engine.Blend:
		ids = append(ids, b.Blend.Sources)
	case engine.Coaching, engine.Mentoring:
		ids = append(ids, b.Family(r.Recommendation).Sources)
	}
	ids = append(ids, b.EssentialsSources)
	for _, a := range r.Answered {
		ids = append(ids, a.Question.OptionSources(a.Option))
	}
	return b.CitedSources(ids...)
}

// favoursLabel names what an answer favours, for people: an answer that gives no family
// points only narrows the types.
func favoursLabel(o *bank.Option) string {
	if f := o.Favours(); f != "neither" {
		return f
	}
	return "types only"
}
