package roster

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"
)

// The scanner under the JSON Lines reader: JSON's strings, escapes and values, read in
// place.

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
	keys  *lineKeys
	at    int // where data starts in the line, for the columns in messages
	// status and failed are a result line's "status" and "error", as batch writes them.
	status, failed string
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
