package report

import (
	"fmt"
	"strings"

	"github.com/coachmentor/coachmentor/internal/bank"
	"github.com/coachmentor/coachmentor/internal/engine"
)

// ConfidenceWord puts a confidence in words: tentative below 0.4, fair below 0.7, strong
// from 0.7; none for an undecided result.
func ConfidenceWord(r *engine.Result) string {
	if !r.Decided() {
		return "none"
	}
	return confidenceWord(r.Confidence)
}

// confidenceWord puts a decided recommendation's confidence in words.
func confidenceWord(conf float64) string {
	switch c := Round(conf); {
	case c < 0.4:
		return "tentative"
	case c < 0.7:
		return "fair"
	}
	return "strong"
}

// AnsweredCount says how many of the bank's questions were answered, e.g. "9 of 15
// questions answered".
func AnsweredCount(b *bank.Bank, r *engine.Result) string {
	return fmt.Sprintf("%d of %s answered", len(r.Answered), Count(len(b.Questions), "question"))
}

// Confidence is the confidence in words and figures with the evidence behind it, e.g.
// "strong confidence (0.85), 11 of 15 questions answered".
func Confidence(b *bank.Bank, r *engine.Result) string {
	if !r.Decided() {
		return AnsweredCount(b, r)
	}
	return fmt.Sprintf("%s confidence (%s), %s", ConfidenceWord(r), Num(r.Confidence), AnsweredCount(b, r))
}

// Headline is the one-line verdict, e.g. "Recommendation: Coaching (strong confidence 0.85)"
// or "Recommendation: Undecided (answer 3 more questions)".
func Headline(r *engine.Result) string {
	if !r.Decided() {
		return "Recommendation: Undecided (" + NeedMore(r) + ")"
	}
	return "Recommendation: " + Title(r.Recommendation) + " (" + ConfidenceWord(r) + " confidence " + Num(r.Confidence) + ")"
}

// NeedMore says, for an undecided result, what would decide it, e.g. "answer 3 more
// questions".
func NeedMore(r *engine.Result) string {
	if r.Decided() {
		return ""
	}
	if len(r.Answered) > 0 && r.Coaching+r.Mentoring == 0 {
		return "none of the answers weighs between coaching and mentoring yet; answer one that does"
	}
	return "answer " + Count(r.AnswersNeeded, "more question") + " to decide it"
}

// Undecided explains an undecided result in a sentence, for the body of a report.
func Undecided(b *bank.Bank, r *engine.Result) string {
	if len(r.Answered) == 0 {
		return "No questions are answered yet, so nothing is recommended."
	}
	return fmt.Sprintf("Too little is known to recommend coaching, mentoring or a blend: %s; %s. The types below are ranked on what is known so far.",
		AnsweredCount(b, r), NeedMore(r))
}

// Names joins names as prose: "A", "A and B", "A, B and C".
func Names(names []string) string {
	switch n := len(names); n {
	case 0:
		return ""
	case 1:
		return names[0]
	default:
		return strings.Join(names[:n-1], ", ") + " and " + names[n-1]
	}
}

// TypeNames lists the types' names.
func TypeNames(types []*bank.Type) []string {
	out := make([]string, len(types))
	for i, t := range types {
		out[i] = t.Name
	}
	return out
}

// Tie says that types tie for the best fit, e.g. "Performance coaching and Skills coaching
// tie for the best fit: the answers do not tell them apart."; "" without a tie.
func Tie(r *engine.Result) string {
	if len(r.TopTie) < 2 {
		return ""
	}
	return Names(TypeNames(r.TopTie)) + " tie for the best fit, with " + PointCount(r.Types[0].Score) +
		" each: the answers so far do not tell them apart."
}

// Needs says what a type requires, e.g. "needs Who is developed: A senior leader".
func Needs(b *bank.Bank, t *bank.Type) string {
	var parts []string
	for _, req := range t.Requires {
		q, ok := b.Question(req.Question)
		if !ok {
			continue
		}
		var labels []string
		for _, a := range req.Answers {
			if o, ok := q.Option(a); ok {
				labels = append(labels, o.Label)
			}
		}
		parts = append(parts, q.Title+": "+strings.Join(labels, " or "))
	}
	return "needs " + strings.Join(parts, "; ")
}

// SourceTag names the publishers behind a claim in brackets, e.g. "(Insala)" or "(CMOE;
// Insala)"; "" when there are none.
func SourceTag(b *bank.Bank, ids []string) string {
	names := b.SourceNames(ids)
	if len(names) == 0 {
		return ""
	}
	return "(" + strings.Join(names, "; ") + ")"
}

// ReasonText is an answer's reason sentence followed by its sources.
func ReasonText(b *bank.Bank, q *bank.Question, o *bank.Option) string {
	if tag := SourceTag(b, q.OptionSources(o)); tag != "" {
		return o.Explain + " " + tag
	}
	return o.Explain
}

// SetupRows are a type's setup fields as (field, label, value), in report order.
func SetupRows(t *bank.Type) [][3]string {
	return [][3]string{
		{"length", "Length", t.Setup.Length},
		{"cadence", "Cadence", t.Setup.Cadence},
		{"guide", "Guide", t.Setup.Guide},
		{"success", "Success", t.Setup.Success},
	}
}
