package roster

import (
	"github.com/coachmentor/coachmentor/internal/answers"
	"github.com/coachmentor/coachmentor/internal/bank"
	"github.com/coachmentor/coachmentor/internal/engine"
)

// Vocabulary is the ids of one or more banks, each given a number. Readers look up every
// key and answer they read, so that a row carries the banks' own strings (no allocation
// for an id seen before) and the numbers, which resolve to questions and options by
// indexing tables instead of searching.
type Vocabulary struct {
	words    []string // by number
	question []bool   // by number: whether the word is a question id
	slots    []int32  // an open-addressing table of word numbers + 1; 0 is empty
	mask     uint32
	// titled holds the questions' names (bank.Question.Names) with the ids they stand
	// for; "" where two questions share one, which then names neither.
	titled map[string]string
}

// VocabularyOf gathers the question and answer ids of the banks.
func VocabularyOf(banks ...*bank.Bank) *Vocabulary {
	v := &Vocabulary{}
	v.add("id", false)
	v.add(bank.Unsure, false)
	v.titled = map[string]string{}
	for _, b := range banks {
		for _, q := range b.Questions {
			v.add(q.ID, true)
			for _, o := range q.Options {
				v.add(o.ID, false)
			}
			// A form made from the questionnaire has its titles or prompts as headers.
			for _, k := range q.Names() {
				if id, ok := v.titled[k]; ok && id != q.ID {
					v.titled[k] = ""
				} else if k != "" {
					v.titled[k] = q.ID
				}
			}
		}
	}
	return v
}

// add gives w a number if it has none; a word that is a question id in any bank counts
// as a question.
func (v *Vocabulary) add(w string, question bool) {
	if n := v.lookup(w); n >= 0 {
		v.question[n] = v.question[n] || question
		return
	}
	v.words = append(v.words, w)
	v.question = append(v.question, question)
	if 4*len(v.words) <= len(v.slots) { // the table stays at most a quarter full
		v.place(int32(len(v.words) - 1))
		return
	}
	size := 64 // a power of two, so that the mask reaches every slot
	for size < 8*len(v.words) {
		size *= 2
	}
	v.slots = make([]int32, size)
	v.mask = uint32(size - 1)
	for n := range v.words {
		v.place(int32(n))
	}
}

// place puts word n in the first free slot from its hash.
func (v *Vocabulary) place(n int32) {
	i := hashString(v.words[n]) & v.mask
	for v.slots[i] != 0 {
		i = (i + 1) & v.mask
	}
	v.slots[i] = n + 1
}

// questions lists up to n question ids, in the order the banks give them.
func (v *Vocabulary) questions(n int) []string {
	var ids []string
	for i, w := range v.words {
		if v.question[i] && len(ids) < n {
			ids = append(ids, w)
		}
	}
	return ids
}

// Question returns the id of the question that a column header or key names: by its id,
// in any case, or by its title or prompt as the questionnaire shows them.
func (v *Vocabulary) Question(text string) (string, bool) {
	if n := v.lookup(answers.Normalize(text)); n >= 0 && v.question[n] {
		return v.words[n], true
	}
	id := v.titled[bank.Words(text)]
	return id, id != ""
}

// lookup returns the number of w, or -1.
func (v *Vocabulary) lookup(w string) int32 { return probe(v, w, hashString(w)) }

// lookupBytes is lookup for text not yet a string, whose hash is h.
func (v *Vocabulary) lookupBytes(b []byte, h uint32) int32 { return probe(v, b, h) }

func probe[T string | []byte](v *Vocabulary, w T, h uint32) int32 {
	if v == nil || len(v.slots) == 0 {
		return -1
	}
	for i := h & v.mask; ; i = (i + 1) & v.mask {
		n := v.slots[i]
		if n == 0 {
			return -1
		}
		if v.words[n-1] == string(w) { // no allocation for a comparison
			return n - 1
		}
	}
}

// intern returns b as a string and its number: the bank's own string when it is an id,
// -1 and a new string when it is not. h is b's hash, which callers work out as they scan.
func (v *Vocabulary) intern(b []byte, h uint32) (string, int32) {
	if n := v.lookupBytes(b, h); n >= 0 {
		return v.words[n], n
	}
	return string(b), -1
}

// FNV-1a: ids are short, and it can be worked out byte by byte as text is scanned.
const (
	hashStart = uint32(2166136261)
	hashPrime = uint32(16777619)
)

func hashString(s string) uint32 {
	h := hashStart
	for i := 0; i < len(s); i++ {
		h = (h ^ uint32(s[i])) * hashPrime
	}
	return h
}

// wordPair is the vocabulary's numbers for a question and an answer as written; -1 where
// the text is not an id.
type wordPair struct{ q, a int32 }

// Resolver turns a row's answers into a selection for one bank.
type Resolver struct {
	b     *bank.Bank
	vocab *Vocabulary
	nw    int
	// question, by word: the question's index in b, or -1.
	question []int32
	// option, at question index * nw + word: the option's index, or -1.
	option []int32
}

// NewResolver is a resolver for b's answers as v numbers them; v may be nil for a reader
// that numbers nothing.
func NewResolver(b *bank.Bank, v *Vocabulary) *Resolver {
	r := &Resolver{b: b, vocab: v}
	if v == nil {
		return r
	}
	r.nw = len(v.words)
	r.question = make([]int32, r.nw)
	for n := range r.question {
		r.question[n] = -1
	}
	r.option = make([]int32, len(b.Questions)*r.nw)
	for k := range r.option {
		r.option[k] = -1
	}
	for _, q := range b.Questions {
		if n := v.lookup(q.ID); n >= 0 {
			r.question[n] = int32(q.Index)
		}
		for _, o := range q.Options {
			if n := v.lookup(o.ID); n >= 0 {
				r.option[q.Index*r.nw+int(n)] = int32(o.Index)
			}
		}
	}
	return r
}

// Resolve checks a row's answers against the bank, filling sel. Answers written exactly
// as ids take the quick way through the tables; anything else (another letter case,
// unsure, a typo) goes through answers.FindOption, which also explains problems.
func (r *Resolver) Resolve(row *Row, sel engine.Selection) []string {
	clear(sel)
	var problems []string
	quick := row.vocab == r.vocab && r.vocab != nil && len(row.words) == len(row.Given)
	for i, g := range row.Given {
		var q *bank.Question
		if quick && row.words[i].q >= 0 {
			qi := r.question[row.words[i].q]
			if qi < 0 {
				continue // a question of the other bank, in a comparison
			}
			q = r.b.Questions[qi]
			if a := row.words[i].a; a >= 0 {
				if oi := r.option[q.Index*r.nw+int(a)]; oi >= 0 {
					sel[q.Index] = q.Options[oi]
					continue
				}
			}
		} else {
			var ok bool
			if q, ok = r.b.Question(g.Question); !ok {
				continue
			}
		}
		o, err := answers.FindOption(q, g.Answer)
		if err != nil {
			problems = append(problems, err.Error())
			continue
		}
		sel[q.Index] = o
	}
	return problems
}
