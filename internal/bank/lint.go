package bank

import (
	"fmt"
	"math"
)

// Notes points out things in a valid bank that are allowed but probably unintended: types
// no answer can reach, questions that carry no weight, a rubric that can give one family
// more points than the other, and titles or labels that two questions or two answers
// share, which the questionnaire shows alike and which then name neither when answers are
// given by them. Problems are errors; notes are advice.
func (b *Bank) Notes() []string {
	var notes []string
	reached := map[string]bool{}
	maxC, maxM := 0.0, 0.0
	titles := map[string]string{}
	for _, q := range b.Questions {
		if other, ok := titles[Words(q.Title)]; ok {
			notes = append(notes, fmt.Sprintf("questions %q and %q have the same title, %q", other, q.ID, q.Title))
		}
		titles[Words(q.Title)] = q.ID
		labels := map[string]string{}
		for _, o := range q.Options {
			if other, ok := labels[Words(o.Label)]; ok {
				notes = append(notes, fmt.Sprintf("question %q: answers %q and %q have the same label, %q", q.ID, other, o.ID, o.Label))
			}
			labels[Words(o.Label)] = o.ID
		}
		weighted := false
		qc, qm := 0.0, 0.0
		for _, o := range q.Options {
			for _, tw := range o.Types {
				if tw.Weight > 0 {
					reached[tw.Type] = true
					weighted = true
				}
			}
			if o.Coaching > 0 || o.Mentoring > 0 {
				weighted = true
			}
			qc = math.Max(qc, o.Coaching)
			qm = math.Max(qm, o.Mentoring)
		}
		maxC += qc
		maxM += qm
		if !weighted {
			notes = append(notes, fmt.Sprintf("question %q gives no points for any answer, so it cannot affect the result", q.ID))
		}
	}
	for _, t := range b.Types {
		if !reached[t.ID] {
			notes = append(notes, fmt.Sprintf("type %q gets no points from any answer, so it can never rank first", t.ID))
		}
	}
	if hi, lo := math.Max(maxC, maxM), math.Min(maxC, maxM); hi > 0 && (hi-lo)/hi > 0.2 {
		lean := Coaching
		if maxM > maxC {
			lean = Mentoring
		}
		notes = append(notes, fmt.Sprintf("the bank leans toward %s: answers can give at most %g coaching points but %g mentoring points", lean, maxC, maxM))
	}
	return notes
}
