package report

import (
	"slices"
	"strings"

	"github.com/coachmentor/coachmentor/internal/bank"
	"github.com/coachmentor/coachmentor/internal/engine"
)

// ChangeGroup is the alternatives to one answer that lead to the same outcome, such as
// any of six goals that would make performance coaching the top type: listed once rather
// than six times.
type ChangeGroup struct {
	Question *bank.Question
	From     *bank.Option
	Changes  []engine.Change // in the order the result lists them, smallest first
}

// GroupChanges gathers a result's changes by question, current answer and outcome, in the
// order of each group's first change.
func GroupChanges(changes []engine.Change) []ChangeGroup {
	var groups []ChangeGroup
	for _, c := range changes {
		i := slices.IndexFunc(groups, func(g ChangeGroup) bool { return sameOutcome(g.Changes[0], c) })
		if i < 0 {
			groups = append(groups, ChangeGroup{Question: c.Question, From: c.From})
			i = len(groups) - 1
		}
		groups[i].Changes = append(groups[i].Changes, c)
	}
	return groups
}

// sameOutcome is whether two changes alter the same answer to the same effect, confidence
// aside.
func sameOutcome(a, b engine.Change) bool {
	return a.Question == b.Question && a.From == b.From &&
		a.ChangesRecommendation == b.ChangesRecommendation && a.ChangesTopType == b.ChangesTopType &&
		(!a.ChangesRecommendation || (a.Recommendation == b.Recommendation && a.Split == b.Split)) &&
		(!a.ChangesTopType || (a.TopType == b.TopType && slices.Equal(a.TopTie, b.TopTie)))
}

// Labels are the group's new answers as people read them.
func (g ChangeGroup) Labels() []string {
	out := make([]string, len(g.Changes))
	for i, c := range g.Changes {
		out[i] = AnswerLabel(c.To)
	}
	return out
}

// Outcome is what every change of the group leads to; where their confidences differ, the
// range in words, e.g. "coaching (tentative to fair confidence)".
func (g ChangeGroup) Outcome() string {
	lo, hi := g.Changes[0].Confidence, g.Changes[0].Confidence
	for _, c := range g.Changes {
		lo, hi = min(lo, c.Confidence), max(hi, c.Confidence)
	}
	conf := confidenceWord(lo)
	if w := confidenceWord(hi); w != conf {
		conf += " to " + w
	}
	return outcome(g.Changes[0], conf)
}

// Shift is how far the group's changes move the balance, e.g. "2 toward coaching", "2 to 4
// toward mentoring" or "up to 1 toward mentoring".
func (g ChangeGroup) Shift() string {
	lo, hi := g.Changes[0].Shift, g.Changes[0].Shift
	for _, c := range g.Changes {
		lo, hi = min(lo, c.Shift), max(hi, c.Shift)
	}
	switch {
	case lo == hi:
		return Direction(lo)
	case lo >= 0:
		return spread(lo, hi) + " toward coaching"
	case hi <= 0:
		return spread(-hi, -lo) + " toward mentoring"
	}
	return "from " + Direction(lo) + " to " + Direction(hi)
}

// spread is a range of points, "2 to 4", or "up to 4" from none.
func spread(lo, hi float64) string {
	if lo == 0 {
		return "up to " + Num(hi)
	}
	return Num(lo) + " to " + Num(hi)
}

// Alternatives names the group's new answers in prose: "“A”" or "any of “A”, “B” or “C”".
func (g ChangeGroup) Alternatives(quote func(string) string) string {
	labels := g.Labels()
	for i, l := range labels {
		labels[i] = quote(l)
	}
	if len(labels) == 1 {
		return labels[0]
	}
	n := len(labels)
	return "any of " + strings.Join(labels[:n-1], ", ") + " or " + labels[n-1]
}
