package report

import (
	"bytes"
	"encoding/json"

	"github.com/coachmentor/coachmentor/internal/bank"
	"github.com/coachmentor/coachmentor/internal/engine"
)

// The JSON form of a result as Go types. JSON writes one result with encoding/json; the
// Encoder, which batch runs use, must write the same bytes (TestEncoderMatchesEncodingJSON).
// The contract and the README document the same keys for people.

// Document is the JSON form of a result, for programs that decode it. The first eight keys
// after id are the scripting contract's; the rest extend it. Encoder writes it; keys keep
// this order, and maps keep bank order.
//
// TopTie lists the types that tie for the top rank (empty without a tie); TopType is then
// the first of them in bank order. ConfidenceLabel is the confidence in words (none,
// tentative, fair, strong), Answered how many questions were answered and AnswersNeeded,
// when the recommendation is undecided, how many more would decide it. Split is true when
// the recommendation is a blend because the best type belongs to the other family than the
// points favour; Reasons are the questions whose answers weigh most, most first, as the
// reports give them.
type Document struct {
	ID              string          `json:"id,omitempty"`
	Recommendation  string          `json:"recommendation"`
	Confidence      float64         `json:"confidence"`
	Scores          Scores          `json:"scores"`
	Types           []TypeDoc       `json:"types"`
	Answers         Ordered[string] `json:"answers"`
	Unanswered      []string        `json:"unanswered"`
	Explanations    []Explanation   `json:"explanations"`
	WhatWouldChange []ChangeDoc     `json:"what_would_change"`
	CannotChange    []string        `json:"cannot_change"`
	TippingPoint    *TippingDoc     `json:"tipping_point"`
	CoachingShare   float64         `json:"coaching_share"`
	TopType         string          `json:"top_type"`
	TopTie          []string        `json:"top_tie"`
	ConfidenceLabel string          `json:"confidence_label"`
	Answered        int             `json:"answered"`
	AnswersNeeded   int             `json:"answers_needed"`
	Split           bool            `json:"split"`
	Reasons         []string        `json:"reasons"`
	For             string          `json:"for,omitempty"`
	Date            string          `json:"date,omitempty"`
	Bank            BankDoc         `json:"bank"`
}

// Scores are the two family totals.
type Scores struct {
	Coaching  float64 `json:"coaching"`
	Mentoring float64 `json:"mentoring"`
}

// TypeDoc is one ranked type. Types with equal points share a rank; a type an answer rules
// out (its requires) ranks below every other.
type TypeDoc struct {
	ID       string  `json:"id"`
	Family   string  `json:"family"`
	Name     string  `json:"name"`
	Score    float64 `json:"score"`
	Rank     int     `json:"rank"`
	RuledOut bool    `json:"ruled_out,omitempty"`
}

// Explanation is what one answer contributed.
type Explanation struct {
	Question  string           `json:"question"`
	Answer    string           `json:"answer"`
	Favours   string           `json:"favours"`
	Text      string           `json:"text"`
	Coaching  float64          `json:"coaching"`
	Mentoring float64          `json:"mentoring"`
	Types     Ordered[float64] `json:"types"`
	Sources   []string         `json:"sources"`
}

// ChangeDoc is one alternative answer that would change the result.
type ChangeDoc struct {
	Question       string   `json:"question"`
	Answer         string   `json:"answer"`
	Recommendation string   `json:"recommendation"`
	From           string   `json:"from"`
	Confidence     float64  `json:"confidence"`
	TopType        string   `json:"top_type"`
	Changes        []string `json:"changes"`
	TopTie         []string `json:"top_tie,omitempty"`
	Shift          float64  `json:"shift"`
}

// TippingDoc is the fewest answer changes that alter the recommendation.
type TippingDoc struct {
	Recommendation string       `json:"recommendation"`
	Answers        []AnswerDiff `json:"answers"`
}

// AnswerDiff is one changed answer.
type AnswerDiff struct {
	Question string `json:"question"`
	From     string `json:"from"`
	Answer   string `json:"answer"`
}

// BankDoc identifies the rubric that produced a result.
type BankDoc struct {
	Version string `json:"version"`
	Hash    string `json:"hash"`
}

// KV is one entry of an Ordered map.
type KV[V any] struct {
	Key   string
	Value V
}

// Ordered is a JSON object that keeps its keys in the order given.
type Ordered[V any] []KV[V]

// MarshalJSON writes the entries in order.
func (o Ordered[V]) MarshalJSON() ([]byte, error) {
	var buf bytes.Buffer
	buf.WriteByte('{')
	for i, kv := range o {
		if i > 0 {
			buf.WriteByte(',')
		}
		k, err := json.Marshal(kv.Key)
		if err != nil {
			return nil, err
		}
		v, err := json.Marshal(kv.Value)
		if err != nil {
			return nil, err
		}
		buf.Write(k)
		buf.WriteByte(':')
		buf.Write(v)
	}
	buf.WriteByte('}')
	return buf.Bytes(), nil
}

// UnmarshalJSON reads an object, keeping its keys in order.
func (o *Ordered[V]) UnmarshalJSON(data []byte) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	if _, err := dec.Token(); err != nil { // {
		return err
	}
	*o = (*o)[:0]
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return err
		}
		var v V
		if err := dec.Decode(&v); err != nil {
			return err
		}
		*o = append(*o, KV[V]{Key: tok.(string), Value: v})
	}
	_, err := dec.Token() // }
	return err
}

// Get returns the value for key.
func (o Ordered[V]) Get(key string) (V, bool) {
	for _, kv := range o {
		if kv.Key == key {
			return kv.Value, true
		}
	}
	var zero V
	return zero, false
}

// NewDocument builds the JSON form of a result.
func NewDocument(b *bank.Bank, r *engine.Result, opts Options) *Document {
	d := &Document{
		Recommendation:  r.Recommendation,
		Confidence:      Round(r.Confidence),
		Scores:          Scores{Coaching: Round(r.Coaching), Mentoring: Round(r.Mentoring)},
		Types:           make([]TypeDoc, len(r.Types)),
		Answers:         Ordered[string]{},
		Unanswered:      []string{},
		Explanations:    []Explanation{},
		WhatWouldChange: []ChangeDoc{},
		CannotChange:    []string{},
		CoachingShare:   Round(r.Lean()),
		TopTie:          []string{},
		ConfidenceLabel: ConfidenceWord(r),
		Answered:        len(r.Answered),
		AnswersNeeded:   r.AnswersNeeded,
		Split:           r.Split,
		Reasons:         []string{},
		For:             opts.For,
		Date:            opts.Date,
		Bank:            BankDoc{Version: b.Version, Hash: b.Hash},
	}
	if HasTypeSignal(r) {
		d.TopType = r.TopType().ID
	}
	picked, n := reasonAnswers(r)
	for _, i := range picked[:n] {
		d.Reasons = append(d.Reasons, r.Answered[i].Question.ID)
	}
	for _, t := range r.TopTie {
		d.TopTie = append(d.TopTie, t.ID)
	}
	for i, ts := range r.Types {
		d.Types[i] = TypeDoc{ID: ts.Type.ID, Family: ts.Type.Family, Name: ts.Type.Name, Score: Round(ts.Score), Rank: ts.Rank, RuledOut: ts.RuledOut}
	}
	for _, a := range r.Answered {
		d.Answers = append(d.Answers, KV[string]{a.Question.ID, a.Option.ID})
		e := Explanation{
			Question: a.Question.ID, Answer: a.Option.ID, Favours: a.Option.Favours(), Text: a.Option.Explain,
			Coaching: Round(a.Option.Coaching), Mentoring: Round(a.Option.Mentoring), Types: Ordered[float64]{},
			Sources: a.Question.OptionSources(a.Option),
		}
		for _, tw := range a.Option.Points {
			e.Types = append(e.Types, KV[float64]{tw.Type, Round(tw.Weight)})
		}
		d.Explanations = append(d.Explanations, e)
	}
	for _, q := range r.Unanswered {
		d.Unanswered = append(d.Unanswered, q.ID)
	}
	for _, c := range r.Changes {
		cd := ChangeDoc{
			Question: c.Question.ID, Answer: answerID(c.To), Recommendation: c.Recommendation, From: answerID(c.From),
			Confidence: Round(c.Confidence), TopType: c.TopType.ID, Changes: []string{}, Shift: Round(c.Shift),
		}
		if c.ChangesRecommendation {
			cd.Changes = append(cd.Changes, "recommendation")
		}
		if c.ChangesTopType {
			cd.Changes = append(cd.Changes, "top_type")
		}
		for _, t := range c.TopTie {
			cd.TopTie = append(cd.TopTie, t.ID)
		}
		d.WhatWouldChange = append(d.WhatWouldChange, cd)
	}
	for _, q := range r.Fixed {
		d.CannotChange = append(d.CannotChange, q.ID)
	}
	if r.Tipping != nil {
		t := &TippingDoc{Recommendation: r.Tipping.Recommendation}
		for _, c := range r.Tipping.Changes {
			t.Answers = append(t.Answers, AnswerDiff{Question: c.Question.ID, From: answerID(c.From), Answer: answerID(c.To)})
		}
		d.TippingPoint = t
	}
	return d
}

// answerID is an answer's id, unsure for none.
func answerID(o *bank.Option) string {
	if o == nil {
		return bank.Unsure
	}
	return o.ID
}
