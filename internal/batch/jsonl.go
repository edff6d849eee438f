package batch

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/coachmentor/coachmentor/internal/answers"
	"github.com/coachmentor/coachmentor/internal/strictyaml"
)

// jsonlReader reads one JSON object per line.
type jsonlReader struct {
	r     *bufio.Reader
	vocab *Vocabulary
	line  int
	n     int
	slab  rowSlab
}

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
		row.N, row.Line, row.raw, row.vocab = j.n, j.line, j.slab.keep(data), j.vocab
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
// row.unknown and otherwise ignored, whatever their value. The answers may also be an
// object under "answers", as batch's own JSON Lines and serve's collected answers hold
// them: the other keys of such a line are what was said about the answers, not
// questions, and are not listed. It is a small scanner for exactly this shape of JSON,
// several times quicker than a general decoder, and it names the column of the first
// problem; what it accepts, encoding/json accepts (FuzzJSONLAgreesWithEncodingJSON).
func parseObject(data []byte, vocab *Vocabulary, row *Row) error {
	row.Given, row.words, row.unknown = row.Given[:0], row.words[:0], nil
	if !utf8.Valid(data) {
		return errors.New("not valid UTF-8 text")
	}
	p := &objParser{data: data, vocab: vocab}
	nested, err := p.object(row, false)
	if err != nil || nested == nil {
		return err
	}
	// The answers under "answers": the keys said about them are no question's.
	row.unknown = row.unknown[:0]
	q := &objParser{data: nested, vocab: vocab, at: p.at + nested0(data, nested)}
	if _, err := q.object(row, true); err != nil {
		return fmt.Errorf("%s: %w", strictyaml.Quote(answersKey), err)
	}
	return nil
}

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
	data, vocab := p.data, p.vocab
	p.space()
	if !p.eat('{') {
		if inner {
			return nil, errors.New(`expected an object of answers, e.g. {"scope": "specific-skills"}`)
		}
		return nil, errors.New(`expected a JSON object of answers, e.g. {"id": "ann", "scope": "specific-skills"}`)
	}
	// Keys seen so far: by number for ids, by name for anything else.
	var seenWords [8]uint64
	var seenBuf [8]string
	seenOther := seenBuf[:0]
	var nameID string // the value of a name key, and its place among the unknown keys
	nameAt := -1
	p.space()
	if p.eat('}') {
		return nil, p.end()
	}
	for {
		p.space()
		key, kw, ok := p.str()
		if !ok {
			return nil, p.fail("expected a quoted key")
		}
		p.space()
		if !p.eat(':') {
			return nil, p.fail("expected ':' after a key")
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
		dup := false
		if kw >= 0 && int(kw) < 64*len(seenWords) {
			dup = seenWords[kw/64]&(1<<(kw%64)) != 0
			seenWords[kw/64] |= 1 << (kw % 64)
		} else {
			dup = slices.Contains(seenOther, name)
			seenOther = append(seenOther, name)
		}
		if dup {
			return nil, fmt.Errorf("the key %s appears twice", strictyaml.Quote(key))
		}
		question := kw >= 0 && vocab.question[kw]
		if question && inner && slices.ContainsFunc(row.words, func(w wordPair) bool { return w.q == kw }) {
			return nil, fmt.Errorf("the question %s is answered twice", strictyaml.Quote(key))
		}
		start := p.i
		value, vw, kind := p.value()
		switch {
		case kind == kindBad:
			return nil, p.fail("expected a value")
		case inner && !question:
			row.unknown = append(row.unknown, unknownKey{line: row.Line, key: key, name: name})
		case name == answersKey && !question && value == "an object":
			nested = data[start:p.i]
		case name == "id":
			switch kind {
			case kindNumber, kindString:
				if len(value) > MaxField {
					return nil, fmt.Errorf("%s: longer than %d bytes", strictyaml.Quote(key), MaxField)
				}
				row.ID = cleanID(value)
			case kindOther:
				return nil, fmt.Errorf("%s: expected an id as text, found %s", strictyaml.Quote(key), value)
			}
		case name == nameKey && !question && (kind == kindString || kind == kindNumber):
			// Reported like any other key unless it stands for a missing id.
			nameID, nameAt = value, len(row.unknown)
			row.unknown = append(row.unknown, unknownKey{line: row.Line, key: key, name: name})
		case !question:
			row.unknown = append(row.unknown, unknownKey{line: row.Line, key: key, name: name})
		case kind == kindNumber:
			return nil, fmt.Errorf("%s: expected an answer id as text, found the number %s", strictyaml.Quote(key), value)
		case kind == kindOther:
			return nil, fmt.Errorf("%s: expected an answer id as text, found %s", strictyaml.Quote(key), value)
		case kind == kindString:
			if len(value) > MaxField {
				return nil, fmt.Errorf("%s: longer than %d bytes", strictyaml.Quote(key), MaxField)
			}
			row.Given = append(row.Given, answers.Given{Question: vocab.words[kw], Answer: value})
			row.words = append(row.words, wordPair{q: kw, a: vw})
		}
		p.space()
		if p.eat(',') {
			continue
		}
		if p.eat('}') {
			if row.ID == "" && nameAt >= 0 && len(nameID) <= MaxField {
				row.ID = cleanID(nameID)
				row.unknown = slices.Delete(row.unknown, nameAt, nameAt+1)
			}
			if inner {
				return nil, nil // what follows the inner object is the outer's to read
			}
			return nested, p.end()
		}
		return nil, p.fail("expected ',' or '}'")
	}
}

type valueKind int

const (
	kindBad valueKind = iota
	kindString
	kindNull
	kindNumber
	kindOther // true, false, a list or an object: not an answer
)

type objParser struct {
	data  []byte
	i     int
	vocab *Vocabulary
	at    int // where data starts in the line, for the columns in messages
}

func (p *objParser) space() {
	for p.i < len(p.data) {
		switch p.data[p.i] {
		case ' ', '\t', '\r', '\n':
			p.i++
		default:
			return
		}
	}
}

func (p *objParser) eat(c byte) bool {
	if p.i < len(p.data) && p.data[p.i] == c {
		p.i++
		return true
	}
	return false
}

func (p *objParser) fail(what string) error {
	if p.i >= len(p.data) {
		return errors.New("invalid JSON: the line ends inside the object")
	}
	return fmt.Errorf("invalid JSON at column %d: %s", p.at+p.i+1, what)
}

func (p *objParser) end() error {
	p.space()
	if p.i < len(p.data) {
		return p.fail("text after the object")
	}
	return nil
}

// str reads a JSON string, decoding escapes, and gives its number in the vocabulary.
func (p *objParser) str() (string, int32, bool) {
	if !p.eat('"') {
		return "", -1, false
	}
	// The plain run first, in locals the compiler keeps in registers.
	data, start, h := p.data, p.i, hashStart
	i := start
	for i < len(data) {
		c := data[i]
		if stops[c] {
			break
		}
		h = (h ^ uint32(c)) * hashPrime
		i++
	}
	p.i = i
	switch {
	case i >= len(data) || data[i] < 0x20:
		return "", -1, false
	case data[i] == '"':
		s, n := p.vocab.intern(data[start:i], h)
		p.i++
		return s, n, true
	}
	s, ok := p.escaped(start)
	if !ok {
		return "", -1, false
	}
	if n := p.vocab.lookup(s); n >= 0 {
		return p.vocab.words[n], n, true
	}
	return s, -1, true
}

// stops marks the bytes that end the plain run of a JSON string: the closing quote, an
// escape, and control characters, which are not allowed in one. One look-up per byte is
// quicker than three comparisons.
var stops = func() (t [256]bool) {
	for c := range 0x20 {
		t[c] = true
	}
	t['"'], t['\\'] = true, true
	return t
}()

// escaped finishes a string that contains escapes; the unescaped part began at start.
func (p *objParser) escaped(start int) (string, bool) {
	buf := append([]byte(nil), p.data[start:p.i]...)
	for p.i < len(p.data) {
		c := p.data[p.i]
		switch {
		case c == '"':
			p.i++
			return string(buf), true
		case c < 0x20:
			return "", false
		case c != '\\':
			buf = append(buf, c)
			p.i++
			continue
		}
		if p.i+1 >= len(p.data) {
			return "", false
		}
		e := p.data[p.i+1]
		p.i += 2
		switch e {
		case '"', '\\', '/':
			buf = append(buf, e)
		case 'b':
			buf = append(buf, '\b')
		case 'f':
			buf = append(buf, '\f')
		case 'n':
			buf = append(buf, '\n')
		case 'r':
			buf = append(buf, '\r')
		case 't':
			buf = append(buf, '\t')
		case 'u':
			r, ok := p.hex4()
			if !ok {
				return "", false
			}
			if utf16.IsSurrogate(r) {
				r2 := unicode.ReplacementChar
				if p.i+1 < len(p.data) && p.data[p.i] == '\\' && p.data[p.i+1] == 'u' {
					p.i += 2
					low, ok := p.hex4()
					if !ok {
						return "", false
					}
					r2 = low
				}
				r = utf16.DecodeRune(r, r2)
			}
			buf = utf8.AppendRune(buf, r)
		default:
			return "", false
		}
	}
	return "", false
}

func (p *objParser) hex4() (rune, bool) {
	if p.i+4 > len(p.data) {
		return 0, false
	}
	v, err := strconv.ParseUint(string(p.data[p.i:p.i+4]), 16, 32)
	if err != nil {
		return 0, false
	}
	p.i += 4
	return rune(v), true
}

// value reads a value and says what it was. Strings come back decoded; other values as
// their text, for messages.
func (p *objParser) value() (string, int32, valueKind) {
	if p.i >= len(p.data) {
		return "", -1, kindBad
	}
	if p.data[p.i] == '"' {
		s, n, ok := p.str()
		if !ok {
			return "", -1, kindBad
		}
		return s, n, kindString
	}
	s, kind := p.other()
	return s, -1, kind
}

// other reads a value that is not a string.
func (p *objParser) other() (string, valueKind) {
	switch c := p.data[p.i]; {
	case bytes.HasPrefix(p.data[p.i:], []byte("null")):
		p.i += 4
		return "", kindNull
	case bytes.HasPrefix(p.data[p.i:], []byte("true")):
		p.i += 4
		return "true", kindOther
	case bytes.HasPrefix(p.data[p.i:], []byte("false")):
		p.i += 5
		return "false", kindOther
	case c == '-' || (c >= '0' && c <= '9'):
		start := p.i
		for p.i < len(p.data) && strings.IndexByte("+-0123456789.eE", p.data[p.i]) >= 0 {
			p.i++
		}
		num := string(p.data[start:p.i])
		if !json.Valid([]byte(num)) {
			return "", kindBad
		}
		return num, kindNumber
	case c == '[' || c == '{':
		// Find the end of the nested value, then check it is JSON: it is never an
		// answer, and is only reported, but a line is JSON or it is not.
		start, depth := p.i, 0
		for p.i < len(p.data) {
			switch p.data[p.i] {
			case '[', '{':
				depth++
			case ']', '}':
				depth--
			case '"':
				if _, _, ok := p.str(); !ok {
					return "", kindBad
				}
				continue
			}
			p.i++
			if depth == 0 {
				if !json.Valid(p.data[start:p.i]) {
					p.i = start
					return "", kindBad
				}
				if c == '[' {
					return "a list", kindOther
				}
				return "an object", kindOther
			}
		}
		return "", kindBad
	}
	return "", kindBad
}
