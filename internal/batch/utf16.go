package batch

import (
	"bufio"
	"encoding/binary"
	"io"
	"unicode/utf16"
	"unicode/utf8"
)

// utf16Reader turns UTF-16 text, as some spreadsheets save "Unicode text", into UTF-8.
// Unpaired surrogates and a dangling last byte become U+FFFD.
type utf16Reader struct {
	r     *bufio.Reader
	order binary.ByteOrder
	out   []byte // decoded, not yet read
	err   error
}

func (u *utf16Reader) Read(p []byte) (int, error) {
	for len(u.out) == 0 {
		if u.err != nil {
			return 0, u.err
		}
		u.fill()
	}
	n := copy(p, u.out)
	u.out = u.out[n:]
	return n, nil
}

// fill decodes at least one unit, and then as many as are already buffered.
func (u *utf16Reader) fill() {
	buf := u.out[:0]
	for len(buf) < 4096 {
		r, ok := u.unit()
		if !ok {
			break
		}
		if utf16.IsSurrogate(r) {
			if b, err := u.r.Peek(2); err == nil {
				if d := utf16.DecodeRune(r, rune(u.order.Uint16(b))); d != utf8.RuneError {
					u.r.Discard(2)
					r = d
				}
			}
			if utf16.IsSurrogate(r) {
				r = utf8.RuneError
			}
		}
		buf = utf8.AppendRune(buf, r)
		if u.err != nil || u.r.Buffered() < 2 {
			break
		}
	}
	u.out = buf
}

// unit reads one 16-bit unit. At the end it sets err; half a unit there reads as U+FFFD.
func (u *utf16Reader) unit() (rune, bool) {
	var b [2]byte
	n, err := io.ReadFull(u.r, b[:])
	if n == 2 {
		return rune(u.order.Uint16(b[:])), true
	}
	if err == io.EOF || err == io.ErrUnexpectedEOF {
		err = io.EOF
	}
	u.err = err
	if n == 1 {
		return utf8.RuneError, true
	}
	return 0, false
}
