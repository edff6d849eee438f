package report

import (
	"fmt"
	"strconv"

	"github.com/coachmentor/coachmentor/internal/bank"
	"github.com/coachmentor/coachmentor/internal/engine"
)

// Encoder writes results as compact JSON, in the shape the scripting contract gives (a
// test holds it byte for byte against encoding/json over the same data as Go types),
// but without reflection: everything that depends only on the bank (type names, the
// sentences explaining each answer) is encoded once, when the encoder is made, so that a
// batch of a hundred thousand respondents spends its time copying bytes.
type Encoder struct {
	b *bank.Bank
	// Pieces of lists start with what goes between elements, so that an element is one
	// copy: the first element skips it.
	types     [][]byte   // per type: },{"id":...,"family":...,"name":...,"score":
	typeIDs   [][]byte   // per type: "id"
	qIDs      [][]byte   // per question: "id"
	listQIDs  [][]byte   // per question: ,"id"
	answers   [][][]byte // per question, per option: ,"question":"option"
	explained [][][]byte // per question, per option: , and the whole explanation object
	optIDs    [][][]byte // per question, per option, then unsure: "option"
	bankDoc   []byte     // "bank":{...}}
	// Pieces of what_would_change entries, answers numbered as options with unsure last.
	// changeHead, per question, per (from, to, recommendation):
	//   ,{"question":..,"answer":..,"recommendation":..,"from":..,"confidence":
	// changeTail, per question, per (from, to): ,"shift":..}
	// changeTop, per type and which parts change: ,"top_type":..,"changes":[..]
	changeHead [][][]byte
	changeTail [][][]byte
	changeTop  [][4][]byte
	nums       []string // the hundredths table, looked up once rather than per number
	sizeHint   int
	date       []byte // "date":"…", when a date is set
}

// SetDate puts a date on every object the encoder writes after the name, as reports carry
// it; "" takes it off.
func (e *Encoder) SetDate(date string) {
	e.date = nil
	if date != "" {
		e.date = append(appendString([]byte(`"date":`), date), ',')
	}
}

// The recommendations in the order of changeHead.
var recOrder = [...]string{engine.Coaching, engine.Mentoring, engine.Blend, engine.Undecided}

func recIndex(rec string) int {
	switch rec {
	case engine.Coaching:
		return 0
	case engine.Mentoring:
		return 1
	case engine.Blend:
		return 2
	}
	return 3
}

// NewEncoder prepares an encoder for a bank.
func NewEncoder(b *bank.Bank) *Encoder {
	e := &Encoder{b: b, nums: hundredths()}
	for _, t := range b.Types {
		f := []byte(`},{"id":`)
		f = appendString(f, t.ID)
		f = append(f, `,"family":`...)
		f = appendString(f, t.Family)
		f = append(f, `,"name":`...)
		f = appendString(f, t.Name)
		f = append(f, `,"score":`...)
		e.types = append(e.types, f)
		e.typeIDs = append(e.typeIDs, appendString(nil, t.ID))
		var top [4][]byte
		for k, parts := range [4]string{`]`, `"recommendation"]`, `"top_type"]`, `"recommendation","top_type"]`} {
			top[k] = append(append(append([]byte(`,"top_type":`), appendString(nil, t.ID)...), `,"changes":[`...), parts...)
		}
		e.changeTop = append(e.changeTop, top)
	}
	for _, q := range b.Questions {
		qid := appendString(nil, q.ID)
		e.qIDs = append(e.qIDs, qid)
		e.listQIDs = append(e.listQIDs, append([]byte{','}, qid...))
		var ans, expl, ids [][]byte
		for _, o := range q.Options {
			oid := appendString(nil, o.ID)
			ids = append(ids, oid)
			ans = append(ans, append(append(append([]byte{','}, qid...), ':'), oid...))
			expl = append(expl, explanation(q, o, qid, oid))
		}
		ids = append(ids, appendString(nil, bank.Unsure))
		head, tail := changePieces(q, qid, ids)
		e.changeHead = append(e.changeHead, head)
		e.changeTail = append(e.changeTail, tail)
		e.answers = append(e.answers, ans)
		e.explained = append(e.explained, expl)
		e.optIDs = append(e.optIDs, ids)
	}
	e.bankDoc = append(e.bankDoc, `"bank":{"version":`...)
	e.bankDoc = appendString(e.bankDoc, b.Version)
	e.bankDoc = append(e.bankDoc, `,"hash":`...)
	e.bankDoc = appendString(e.bankDoc, b.Hash)
	e.bankDoc = append(e.bankDoc, "}}"...)
	e.sizeHint = e.largest()
	return e
}

// explanation is the whole explanations entry for answer o to question q.
func explanation(q *bank.Question, o *bank.Option, qid, oid []byte) []byte {
	x := []byte(`,{"question":`)
	x = append(x, qid...)
	x = append(x, `,"answer":`...)
	x = append(x, oid...)
	x = append(x, `,"favours":`...)
	x = appendString(x, o.Favours())
	x = append(x, `,"text":`...)
	x = appendString(x, o.Explain)
	x = append(x, `,"coaching":`...)
	x = appendNum(x, o.Coaching)
	x = append(x, `,"mentoring":`...)
	x = appendNum(x, o.Mentoring)
	x = append(x, `,"types":{`...)
	for i, tw := range o.Points {
		if i > 0 {
			x = append(x, ',')
		}
		x = appendString(x, tw.Type)
		x = append(x, ':')
		x = appendNum(x, tw.Weight)
	}
	x = append(x, `},"sources":`...)
	x = appendStrings(x, q.OptionSources(o))
	return append(x, '}')
}

// changePieces are the start of a what_would_change entry for every pair of answers to q
// and every recommendation (head), and its end for every pair (tail); ids are the
// answers' ids, unsure last.
func changePieces(q *bank.Question, qid []byte, ids [][]byte) (head, tail [][]byte) {
	shift := func(i int) float64 { // coaching minus mentoring points of an answer
		if i == len(q.Options) {
			return 0
		}
		return q.Options[i].Coaching - q.Options[i].Mentoring
	}
	for from, fid := range ids {
		for to, tid := range ids {
			for _, rec := range recOrder {
				head = append(head, fmt.Appendf(nil, `,{"question":%s,"answer":%s,"recommendation":%s,"from":%s,"confidence":`, qid, tid, appendString(nil, rec), fid))
			}
			// As the engine works it out, so that the number is the same.
			tail = append(tail, append(appendNum([]byte(`,"shift":`), shift(to)-shift(from)), '}'))
		}
	}
	return head, tail
}

// SizeHint is about the most bytes Append writes for one result of the bank, the id and
// name aside, so that a caller can size a buffer for many results once rather than grow it.
func (e *Encoder) SizeHint() int { return e.sizeHint }

// largest adds up the longest of every piece an object can hold: every type, every
// question answered with its longest explanation and listed as unanswered and unchangeable
// too, every alternative listed, every question in the tipping point, every type in a tie
// for the top and two in a tie after each change. No object holds all of that at once, so
// it is a bound but for changes that would tie three types or more, which are rare; a
// buffer sized by it then grows.
func (e *Encoder) largest() int {
	const num = 24 // the longest number the encoder writes
	n := len(`{"recommendation":"mentoring","confidence":,"scores":{"coaching":,"mentoring":},"types":[],"answers":{},"unanswered":[],"explanations":[],"what_would_change":[],"cannot_change":[],"tipping_point":{"recommendation":"mentoring","answers":[]},"coaching_share":,"top_type":,"top_tie":[],"confidence_label":"tentative","answered":,"answers_needed":,"split":false,"reasons":[],`) + 7*num + len(e.bankDoc)
	longest := func(pieces [][]byte) (m int) {
		for _, p := range pieces {
			m = max(m, len(p))
		}
		return m
	}
	for i, t := range e.types {
		n += len(t) + num + len(`,"rank":,"ruled_out":true`) + num + len(e.typeIDs[i]) + 1
	}
	n += longest(e.typeIDs)
	var top int
	for _, t := range e.changeTop {
		top = max(top, longest(t[:]))
	}
	top += len(`,"top_tie":[,]`) + 2*longest(e.typeIDs)
	for qi, q := range e.b.Questions {
		n += longest(e.answers[qi]) + longest(e.explained[qi]) + 3*len(e.listQIDs[qi])
		n += len(q.Options) * (longest(e.changeHead[qi]) + num + top + longest(e.changeTail[qi]))
		n += len(`{"question":,"from":,"answer":},`) + len(e.qIDs[qi]) + 2*longest(e.optIDs[qi])
	}
	return n
}

func (e *Encoder) optID(q *bank.Question, o *bank.Option) []byte {
	return e.optIDs[q.Index][optIndex(q, o)]
}

// optIndex is an answer's index among the question's options, unsure just past the last.
func optIndex(q *bank.Question, o *bank.Option) int {
	if o == nil {
		return len(q.Options)
	}
	return o.Index
}

// Append appends the result as one compact JSON object, with id first if it is not empty
// and for near the end if it is not empty. It does not add a newline.
func (e *Encoder) Append(dst []byte, r *engine.Result, id, forName string) []byte {
	return e.AppendWith(dst, r, id, forName, nil)
}

// AppendWith is Append with more members after id: extra is their JSON, each followed by
// a comma, e.g. `"status":"ok",`.
func (e *Encoder) AppendWith(dst []byte, r *engine.Result, id, forName string, extra []byte) []byte {
	dst = append(dst, '{')
	if id != "" {
		dst = append(dst, `"id":`...)
		dst = appendString(dst, id)
		dst = append(dst, ',')
	}
	dst = append(dst, extra...)
	dst = append(dst, `"recommendation":`...)
	dst = appendString(dst, r.Recommendation)
	dst = append(dst, `,"confidence":`...)
	dst = e.num(dst, r.Confidence)
	dst = append(dst, `,"scores":{"coaching":`...)
	dst = e.num(dst, r.Coaching)
	dst = append(dst, `,"mentoring":`...)
	dst = e.num(dst, r.Mentoring)
	dst = append(dst, `},"types":[`...)
	for i, ts := range r.Types {
		dst = append(dst, e.types[ts.Type.Index][first(i, 2):]...)
		dst = e.num(dst, ts.Score)
		dst = append(dst, `,"rank":`...)
		dst = strconv.AppendInt(dst, int64(ts.Rank), 10)
		if ts.RuledOut {
			dst = append(dst, `,"ruled_out":true`...)
		}
	}
	if len(r.Types) > 0 {
		dst = append(dst, '}')
	}
	dst = append(dst, `],"answers":{`...)
	for i, a := range r.Answered {
		dst = append(dst, e.answers[a.Question.Index][a.Option.Index][first(i, 1):]...)
	}
	dst = append(dst, `},"unanswered":[`...)
	for i, q := range r.Unanswered {
		dst = append(dst, e.listQIDs[q.Index][first(i, 1):]...)
	}
	dst = append(dst, `],"explanations":[`...)
	for i, a := range r.Answered {
		dst = append(dst, e.explained[a.Question.Index][a.Option.Index][first(i, 1):]...)
	}
	dst = append(dst, `],"what_would_change":[`...)
	dst = e.changes(dst, r.Changes)
	dst = append(dst, `],"cannot_change":[`...)
	for i, q := range r.Fixed {
		dst = append(dst, e.listQIDs[q.Index][first(i, 1):]...)
	}
	dst = append(dst, `],"tipping_point":`...)
	dst = e.tipping(dst, r.Tipping)
	dst = append(dst, `,"coaching_share":`...)
	dst = e.num(dst, r.Lean())
	dst = append(dst, `,"top_type":`...)
	if HasTypeSignal(r) {
		dst = append(dst, e.typeIDs[r.TopType().Index]...)
	} else {
		dst = append(dst, `""`...)
	}
	dst = append(dst, `,"top_tie":`...)
	dst = e.typeList(dst, r.TopTie)
	dst = append(dst, `,"confidence_label":`...)
	dst = appendString(dst, ConfidenceWord(r))
	dst = append(dst, `,"answered":`...)
	dst = strconv.AppendInt(dst, int64(len(r.Answered)), 10)
	dst = append(dst, `,"answers_needed":`...)
	dst = strconv.AppendInt(dst, int64(r.AnswersNeeded), 10)
	if r.Split {
		dst = append(dst, `,"split":true,"reasons":[`...)
	} else {
		dst = append(dst, `,"split":false,"reasons":[`...)
	}
	picked, n := reasonAnswers(r)
	for i, k := range picked[:n] {
		dst = append(dst, e.listQIDs[r.Answered[k].Question.Index][first(i, 1):]...)
	}
	dst = append(dst, "],"...)
	if forName != "" {
		dst = append(dst, `"for":`...)
		dst = appendString(dst, forName)
		dst = append(dst, ',')
	}
	dst = append(dst, e.date...)
	return append(dst, e.bankDoc...)
}

// changes appends what_would_change's entries, each put together from pieces made once.
func (e *Encoder) changes(dst []byte, changes []engine.Change) []byte {
	for i := range changes {
		c := &changes[i] // not a copy: a change is large and there are many
		q := c.Question
		pair := optIndex(q, c.From)*(len(q.Options)+1) + optIndex(q, c.To)
		dst = append(dst, e.changeHead[q.Index][pair*len(recOrder)+recIndex(c.Recommendation)][first(i, 1):]...)
		dst = e.num(dst, c.Confidence)
		parts := 0
		if c.ChangesRecommendation {
			parts |= 1
		}
		if c.ChangesTopType {
			parts |= 2
		}
		dst = append(dst, e.changeTop[c.TopType.Index][parts]...)
		if len(c.TopTie) > 0 {
			dst = append(dst, `,"top_tie":`...)
			dst = e.typeList(dst, c.TopTie)
		}
		dst = append(dst, e.changeTail[q.Index][pair]...)
	}
	return dst
}

// tipping appends the tipping point, or null.
func (e *Encoder) tipping(dst []byte, t *engine.Tipping) []byte {
	if t == nil {
		return append(dst, "null"...)
	}
	dst = append(dst, `{"recommendation":`...)
	dst = appendString(dst, t.Recommendation)
	dst = append(dst, `,"answers":[`...)
	for i, c := range t.Changes {
		if i > 0 {
			dst = append(dst, ',')
		}
		dst = append(dst, `{"question":`...)
		dst = append(dst, e.qIDs[c.Question.Index]...)
		dst = append(dst, `,"from":`...)
		dst = append(dst, e.optID(c.Question, c.From)...)
		dst = append(dst, `,"answer":`...)
		dst = append(dst, e.optID(c.Question, c.To)...)
		dst = append(dst, '}')
	}
	return append(dst, "]}"...)
}

// typeList writes the types' ids as a JSON list.
func (e *Encoder) typeList(dst []byte, types []*bank.Type) []byte {
	dst = append(dst, '[')
	for i, t := range types {
		if i > 0 {
			dst = append(dst, ',')
		}
		dst = append(dst, e.typeIDs[t.Index]...)
	}
	return append(dst, ']')
}
