package xlsx

import (
	"fmt"
	"io"
)

// runLimiter stands between a part's decompressed XML and the XML decoder, so that no
// text and no tag is ever built bigger than a bound, whatever the file says: a cell of a
// gigabyte of text, which a small zip file can hold, costs its bytes' reading and no more.
//
// Text between tags passes up to maxRun bytes; the rest of the run is dropped and counted,
// so that the cell it belongs to can be refused as too long. A tag (an element's name and
// attributes, a comment, a directive) longer than maxTag bytes ends the reading with an
// error: no workbook needs one.
type runLimiter struct {
	r       io.Reader
	buf     []byte
	start   int // buf[start:end] is read but not yet passed on
	end     int
	inTag   bool
	quote   byte // the quote an attribute value in the tag is in, or 0
	run     int  // bytes of the current text run passed on
	tag     int  // bytes of the current tag
	maxRun  int
	maxTag  int
	dropped int64 // text bytes dropped so far, in all
	total   int64 // bytes read from the part
	err     error
}

func newRunLimiter(r io.Reader, maxRun, maxTag int) *runLimiter {
	return &runLimiter{r: r, buf: make([]byte, 32<<10), maxRun: maxRun, maxTag: maxTag}
}

// ErrTagTooLong is the error for an XML tag longer than the limiter allows.
type ErrTagTooLong struct{ Max int }

func (e ErrTagTooLong) Error() string {
	return fmt.Sprintf("an XML tag of more than %d KiB", e.Max>>10)
}

func (l *runLimiter) Read(p []byte) (int, error) {
	n := 0
	for n == 0 {
		if l.start == l.end {
			if l.err != nil {
				return 0, l.err
			}
			m, err := l.r.Read(l.buf)
			l.start, l.end, l.err = 0, m, err
			l.total += int64(m)
			if m == 0 {
				continue
			}
		}
		for l.start < l.end && n < len(p) {
			c := l.buf[l.start]
			l.start++
			if l.inTag {
				l.tag++
				if l.tag > l.maxTag {
					l.err, l.start, l.end = ErrTagTooLong{l.maxTag}, 0, 0
					return n, nil
				}
				switch {
				case l.quote != 0:
					if c == l.quote {
						l.quote = 0
					}
				case c == '"' || c == '\'':
					l.quote = c
				case c == '>':
					l.inTag, l.run = false, 0
				}
				p[n] = c
				n++
				continue
			}
			if c == '<' {
				l.inTag, l.tag, l.quote = true, 1, 0
				p[n] = c
				n++
				continue
			}
			if l.run >= l.maxRun {
				l.dropped++
				continue
			}
			l.run++
			p[n] = c
			n++
		}
	}
	return n, nil
}
