package report

import (
	"math"
	"strconv"
	"sync"
	"unicode/utf8"
)

// JSON's pieces, appended as encoding/json writes them: strings, lists and numbers.

// appendStrings writes a list of strings as JSON.
func appendStrings(dst []byte, list []string) []byte {
	dst = append(dst, '[')
	for i, s := range list {
		if i > 0 {
			dst = append(dst, ',')
		}
		dst = appendString(dst, s)
	}
	return append(dst, ']')
}

// first is how much of a list piece to skip: the separator of n bytes before the first
// element, nothing before the others.
func first(i, n int) int {
	if i == 0 {
		return n
	}
	return 0
}

// appendNum writes a number rounded to two decimals as encoding/json writes a float64.
// Scores and confidences are such numbers; printing them from integer hundredths is much
// quicker than general float formatting and gives the same text (a test checks).
func appendNum(dst []byte, x float64) []byte { return appendNumFrom(dst, x, hundredths()) }

// num is appendNum for the encoder.
func (e *Encoder) num(dst []byte, x float64) []byte { return appendNumFrom(dst, x, e.nums) }

// appendNumFrom is appendNum with the hundredths table t.
func appendNumFrom(dst []byte, x float64, t []string) []byte {
	h := math.Round(x * 100)
	if h >= 0 && h < float64(len(t)) { // confidences, shares and small scores
		return append(dst, t[int(h)]...)
	}
	if math.Abs(h) >= 1<<53 || math.IsNaN(h) {
		return strconv.AppendFloat(dst, Round(x), 'f', -1, 64)
	}
	n := int64(h)
	if n < 0 {
		dst = append(dst, '-')
		n = -n
	}
	return formatHundredths(dst, n)
}

// formatHundredths writes n/100 for n >= 0, as encoding/json would.
func formatHundredths(dst []byte, n int64) []byte {
	dst = strconv.AppendInt(dst, n/100, 10)
	switch frac := n % 100; {
	case frac == 0:
	case frac%10 == 0:
		dst = append(dst, '.', byte('0'+frac/10))
	default:
		dst = append(dst, '.', byte('0'+frac/10), byte('0'+frac%10))
	}
	return dst
}

// hundredths holds the text of 0, 0.01, ... 9.99, made on first use rather than at
// start-up, which every command pays.
var hundredths = sync.OnceValue(func() []string {
	t := make([]string, 1000)
	for i := range t {
		t[i] = string(formatHundredths(nil, int64(i)))
	}
	return t
})

const hexDigits = "0123456789abcdef"

// AppendJSONString appends s as a JSON string, as encoding/json writes it with HTML
// escaping off.
func AppendJSONString(dst []byte, s string) []byte { return appendString(dst, s) }

// appendString writes s as a JSON string the way encoding/json does with HTML escaping
// off: quotes, backslashes and control characters escaped, U+2028 and U+2029 escaped,
// invalid UTF-8 replaced by U+FFFD.
func appendString(dst []byte, s string) []byte {
	dst = append(dst, '"')
	start := 0
	for i := 0; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' {
				i++
				continue
			}
			dst = append(dst, s[start:i]...)
			switch c {
			case '\\', '"':
				dst = append(dst, '\\', c)
			case '\b':
				dst = append(dst, '\\', 'b')
			case '\f':
				dst = append(dst, '\\', 'f')
			case '\n':
				dst = append(dst, '\\', 'n')
			case '\r':
				dst = append(dst, '\\', 'r')
			case '\t':
				dst = append(dst, '\\', 't')
			default:
				dst = append(dst, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xf])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			dst = append(dst, s[start:i]...)
			dst = append(dst, `\ufffd`...)
			i += size
			start = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			dst = append(dst, s[start:i]...)
			dst = append(dst, '\\', 'u', '2', '0', '2', hexDigits[r&0xf])
			i += size
			start = i
			continue
		}
		i += size
	}
	dst = append(dst, s[start:]...)
	return append(dst, '"')
}
