package roster

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"slices"
	"unicode/utf8"

	"github.com/coachmentor/coachmentor/internal/answers"
	"github.com/coachmentor/coachmentor/internal/textsafe"
)

// jsonlReader reads one JSON object per line.
type jsonlReader struct {
	r     *bufio.Reader
	vocab *Vocabulary
	keys  *lineKeys
	line  int
	n     int
	slab  rowSlab
}

// lineKeys are the keys of a line that are more than answers: the id and the kept ones,
// normalized.
type lineKeys struct {
	id      string
	keep    []string
	groupAt int
}

func newJSONLReader(br *bufio.Reader, vocab *Vocabulary, cols Columns) *jsonlReader {
	keys := &lineKeys{id: cols.IDName(), groupAt: cols.groupIndex()}
	for _, k := range cols.Kept() {
		keys.keep = append(keys.keep, answers.Normalize(k))
	}
	return &jsonlReader{r: br, vocab: vocab, keys: keys}
}

func (j *jsonlReader) Vocabulary() *Vocabulary { return j.vocab }

func (j *jsonlReader) Warnings() []string { return nil }

func (j *jsonlReader) Next() (*Row, error) {
	for {
		data, tooLong, err := j.readLine()
		if err != nil && len(data) == 0 && !tooLong {
			return nil, err
		}
		j.line++
		if tooLong {
			j.n++
			return &Row{N: j.n, Line: j.line, Err: fmt.Errorf("longer than %d bytes", MaxLine)}, nil
		}
		data = bytes.TrimSpace(data)
		if len(data) == 0 {
			if err != nil {
				return nil, err
			}
			continue // blank lines separate nothing
		}
		j.n++
		row := j.slab.row()
		row.N, row.Line, row.raw, row.vocab, row.keys = j.n, j.line, j.slab.keep(data), j.vocab, j.keys
		return row, nil
	}
}

// readLine returns the next line without its end. A line longer than MaxLine is skipped
// and reported.
func (j *jsonlReader) readLine() (line []byte, tooLong bool, err error) {
	var buf []byte
	for {
		chunk, err := j.r.ReadSlice('\n')
		if buf == nil && err != bufio.ErrBufferFull && len(chunk) <= MaxLine {
			// The whole line is in the reader's buffer: the caller copies what it keeps
			// before the next read, so there is no need to copy it here.
			if err != nil {
				return chunk, false, err
			}
			return bytes.TrimRight(chunk, "\r\n"), false, nil
		}
		if len(buf)+len(chunk) > MaxLine {
			tooLong = true
		} else {
			buf = append(buf, chunk...)
		}
		switch {
		case err == bufio.ErrBufferFull:
			continue
		case err != nil:
			return buf, tooLong, err
		}
		return bytes.TrimRight(buf, "\r\n"), tooLong, nil
	}
}

// parseObject reads {"id": "...", "question": "answer", ...} into row. Values are text or
// null; keys appear once, in any letter case; keys that name no question are listed in
// row.Unknown and otherwise ignored, whatever their value. The answers may also be an
// object under "answers", as batch's own JSON Lines and serve's collected answers hold
// them: the other keys of such a line are what was said about the answers, not
// questions, and are not listed. It is a small scanner for exactly this shape of JSON,
// several times quicker than a general decoder, and it names the column of the first
// problem; what it accepts, encoding/json accepts (FuzzJSONLAgreesWithEncodingJSON).
func parseObject(data []byte, vocab *Vocabulary, row *Row) error {
	row.Given, row.words, row.Unknown = row.Given[:0], row.words[:0], nil
	keys := row.keys
	if keys == nil {
		keys = &defaultKeys
	}
	row.Kept = row.Kept[:0]
	for range keys.keep {
		row.Kept = append(row.Kept, "")
	}
	if !utf8.Valid(data) {
		return errors.New("not valid UTF-8 text")
	}
	p := &objParser{data: data, vocab: vocab, keys: keys}
	nested, err := p.object(row, false)
	if err == nil && p.status == invalidStatus {
		// A line of batch's own results that could not be scored: it is no better now,
		// and says why as it did then.
		row.Unknown = nil
		if p.failed == "" {
			p.failed = "marked invalid in the results it comes from"
		}
		return errors.New(p.failed)
	}
	if err != nil || nested == nil {
		return err
	}
	// The answers under "answers": the keys said about them are no question's.
	row.Unknown = row.Unknown[:0]
	q := &objParser{data: nested, vocab: vocab, keys: keys, at: p.at + nested0(data, nested)}
	if _, err := q.object(row, true); err != nil {
		return fmt.Errorf("%s: %w", textsafe.Quote(answersKey), err)
	}
	return nil
}

// defaultKeys are a line's keys when nothing is said: the id is "id".
var defaultKeys = lineKeys{id: "id", groupAt: -1}

// answersKey is the key under which a line may hold its answers as an object.
const answersKey = "answers"

// nested0 is where sub starts within data, both slices of one array.
func nested0(data, sub []byte) int {
	return cap(data) - cap(sub)
}

// object reads an object of answers into row; inner is set for the object under
// "answers", whose keys are questions only. It returns that object's text when the outer
// object has one.
func (p *objParser) object(row *Row, inner bool) (nested []byte, err error) {
	p.space()
	if !p.eat('{') {
		if inner {
			return nil, errors.New(`expected an object of answers, e.g. {"scope": "specific-skills"}`)
		}
		return nil, errors.New(`expected a JSON object of answers, e.g. {"id": "ann", "scope": "specific-skills"}`)
	}
	var st objState
	p.space()
	if p.eat('}') {
		return nil, p.end()
	}
	for {
		k, err := p.key(row, inner, &st.seen)
		if err != nil {
			return nil, err
		}
		if err := p.field(row, &k, inner, &st); err != nil {
			return nil, err
		}
		p.space()
		if p.eat(',') {
			continue
		}
		if p.eat('}') {
			if row.ID == "" && row.Name != "" {
				row.ID, row.Name = row.Name, "" // people listed by name
			}
			if g := p.keys.groupAt; g >= 0 && !inner {
				row.Group = row.Kept[g]
			}
			if inner {
				return nil, nil // what follows the inner object is the outer's to read
			}
			return st.nested, p.end()
		}
		return nil, p.fail("expected ',' or '}'")
	}
}

// objState is what an object's fields leave for its end: an "answers" object to read.
type objState struct {
	seen   seenKeys
	nested []byte
}

// seenKeys are an object's keys so far: by number for words, by name for anything else
// (rare: a key no bank or earlier line has used).
type seenKeys struct {
	words [8]uint64
	other []string
}

// add records a key and reports whether it was there already.
func (s *seenKeys) add(kw int32, name string) (dup bool) {
	if kw >= 0 && int(kw) < 64*len(s.words) {
		dup = s.words[kw/64]&(1<<(kw%64)) != 0
		s.words[kw/64] |= 1 << (kw % 64)
		return dup
	}
	dup = slices.Contains(s.other, name)
	s.other = append(s.other, name)
	return dup
}

// objKey is one key of an object: as written, as named (its question's id if it names
// one) and its word number.
type objKey struct {
	key, name string
	kw        int32
	question  bool
}

// key reads a key and its colon, and names it.
func (p *objParser) key(row *Row, inner bool, seen *seenKeys) (objKey, error) {
	vocab := p.vocab
	p.space()
	key, kw, ok := p.str()
	if !ok {
		return objKey{}, p.fail("expected a quoted key")
	}
	p.space()
	if !p.eat(':') {
		return objKey{}, p.fail("expected ':' after a key")
	}
	p.space()
	name := key
	if kw < 0 { // not an id as written: perhaps in another case, or a question's title
		name = answers.Normalize(key)
		if id, ok := vocab.Question(key); ok {
			name = id
		}
		kw = vocab.lookup(name)
	}
	if seen.add(kw, name) {
		return objKey{}, fmt.Errorf("the key %s appears twice", textsafe.Quote(key))
	}
	question := kw >= 0 && vocab.question[kw]
	if question && inner && slices.ContainsFunc(row.words, func(w wordPair) bool { return w.q == kw }) {
		return objKey{}, fmt.Errorf("the question %s is answered twice", textsafe.Quote(key))
	}
	return objKey{key: key, name: name, kw: kw, question: question}, nil
}

// field reads a key's value and puts it where it belongs: an answer, the id, a key that is
// not a question, or the "answers" object of batch's own output.
func (p *objParser) field(row *Row, k *objKey, inner bool, st *objState) error {
	start := p.i
	value, vw, kind := p.value()
	switch {
	case kind == kindBad:
		return p.fail("expected a value")
	case inner && !k.question:
		row.Unknown = append(row.Unknown, UnknownKey{Line: row.Line, Key: k.key, Name: k.name})
	case k.name == answersKey && !k.question && value == "an object":
		st.nested = p.data[start:p.i]
	case k.name == p.keys.id && !k.question:
		switch kind {
		case kindNumber, kindString:
			if len(value) > MaxField {
				return fmt.Errorf("%s: longer than %d bytes", textsafe.Quote(k.key), MaxField)
			}
			row.ID = cleanID(value)
		case kindOther:
			return fmt.Errorf("%s: expected an id as text, found %s", textsafe.Quote(k.key), value)
		}
	case k.name == nameKey && !k.question && (kind == kindString || kind == kindNumber):
		if len(value) > MaxField {
			return fmt.Errorf("%s: longer than %d bytes", textsafe.Quote(k.key), MaxField)
		}
		row.Name = cleanID(value)
	case !inner && !k.question && kind == kindString && (k.name == "status" || k.name == "error") && !slices.Contains(p.keys.keep, k.name):
		if k.name == "status" {
			p.status = value
		} else {
			p.failed = value
		}
		row.Unknown = append(row.Unknown, UnknownKey{Line: row.Line, Key: k.key, Name: k.name})
	case !k.question && slices.Contains(p.keys.keep, k.name):
		if kind != kindString && kind != kindNumber && kind != kindNull {
			return fmt.Errorf("%s: expected text, found %s", textsafe.Quote(k.key), value)
		}
		if len(value) > MaxField {
			return fmt.Errorf("%s: longer than %d bytes", textsafe.Quote(k.key), MaxField)
		}
		row.Kept[slices.Index(p.keys.keep, k.name)] = keptValue(value)
	case !k.question:
		row.Unknown = append(row.Unknown, UnknownKey{Line: row.Line, Key: k.key, Name: k.name})
	case kind == kindNumber:
		return fmt.Errorf("%s: expected an answer id as text, found the number %s", textsafe.Quote(k.key), value)
	case kind == kindOther:
		return fmt.Errorf("%s: expected an answer id as text, found %s", textsafe.Quote(k.key), value)
	case kind == kindString:
		if len(value) > MaxField {
			return fmt.Errorf("%s: longer than %d bytes", textsafe.Quote(k.key), MaxField)
		}
		row.Given = append(row.Given, answers.Given{Question: p.vocab.words[k.kw], Answer: value})
		row.words = append(row.words, wordPair{q: k.kw, a: vw})
	}
	return nil
}

// invalidStatus is the status batch's JSON Lines give a row they could not score.
const invalidStatus = "invalid"
