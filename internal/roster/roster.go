// Package roster reads a team's answers, a row per respondent: CSV (as spreadsheets export
// it), JSON Lines (batch's own results and serve's collect file among them) and the first
// sheet of an Excel workbook. A row carries its id, name, kept columns and answers as
// written, each answer numbered by a Vocabulary so that a Resolver turns it into a bank's
// selection without searching. A row that cannot be read carries its error; the rows
// after it are read.
package roster

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"
	"sync/atomic"
	"unicode/utf8"

	"github.com/coachmentor/coachmentor/internal/answers"
	"github.com/coachmentor/coachmentor/internal/textenc"
	"github.com/coachmentor/coachmentor/internal/textsafe"
)

// Input formats.
const (
	InputCSV   = "csv"
	InputJSONL = "jsonl"
)

// Limits on input. A field or line beyond them is an error for that row.
const (
	MaxLine  = 1 << 20 // a JSON line or CSV record, in bytes
	MaxField = 4 << 10 // one CSV cell or JSON value
	MaxID    = 256     // a respondent id, in characters
)

// Row is one respondent as read.
type Row struct {
	// N is the respondent's position in the input, from 1.
	N int
	// Line is the line of the input the row starts on.
	Line int
	// ID is the id column or key; empty if the input has none.
	ID string
	// Name is the name column or key, when it is not the id: reports are for this name.
	Name string
	// Kept holds the cells of Columns.Keep (then the group's), in that order.
	Kept []string
	// IDNumber and KeptNumber say which of the id and the kept cells were numbers in a
	// workbook read, to be numbers in a workbook written.
	IDNumber   bool
	KeptNumber []bool
	// Group is the cell of Columns.Group.
	Group string
	// Given holds the answers as written.
	Given []answers.Given
	// Err is set when the row could not be read; the other fields may be partial.
	Err error

	raw   []byte // a JSON line not yet decoded: workers decode it, in parallel
	vocab *Vocabulary
	keys  *lineKeys // a JSON line's keys that are not answers
	// words holds, for each of Given, the vocabulary's numbers for the question and the
	// answer.
	words []wordPair
	// Unknown lists the keys of a JSON line that name no question, to report once.
	Unknown []UnknownKey
	// Repeat is set on a CSV row that is the header again, as in files joined one after
	// another: it is said and skipped, not scored.
	Repeat bool
	// Legacy is set on the first row whose text was not UTF-8 and was read as
	// Windows-1252, to say so once (LegacyNotice).
	Legacy bool
	// Room for the answers of a row, so that most rows need no allocation of their own.
	givenBuf [16]answers.Given
	wordBuf  [16]wordPair
	block    *rowBlock // where the row came from, until it is released
}

// UnknownKey is a key of a JSON line that names no question.
type UnknownKey struct {
	Line int
	Key  string // as written, for the message
	Name string // normalized, so that "Team" and "team" are reported once
}

// Decode parses a JSON line that was read but not yet decoded, where the reader left it
// for a worker to do in parallel; for other rows it does nothing.
func (r *Row) Decode() {
	if r.raw != nil {
		r.Err = parseObject(r.raw, r.vocab, r)
		r.raw = nil
	}
}

// rowSlab hands out rows and keeps their raw text, a block of a few hundred at a time:
// one allocation for many rows instead of several for each. A block whose rows have all
// been released (Run does so once their results are written) is used again, so a long
// run allocates nothing per row and its memory stays flat.
type rowSlab struct {
	block *rowBlock
	next  int // the block's next row to hand out
	free  chan *rowBlock
}

// rowBlock is chunk rows and the text they keep.
type rowBlock struct {
	rows    [blockRows]Row
	text    []byte
	pending atomic.Int32 // rows not yet released
	free    chan *rowBlock
}

// The blocks a run has in flight are bounded by its output buffers; a few more are kept.
const freeBlocks = 16

// blockRows is how many rows a block holds.
const blockRows = 256

func (s *rowSlab) row() *Row {
	if s.block == nil || s.next == blockRows {
		s.block, s.next = s.take(), 0
	}
	b := s.block
	r := &b.rows[s.next]
	s.next++
	// A used row keeps its buffers; everything else starts afresh.
	*r = Row{givenBuf: r.givenBuf, wordBuf: r.wordBuf, block: b}
	r.Given, r.words = r.givenBuf[:0], r.wordBuf[:0]
	return r
}

// take returns a released block, or a new one.
func (s *rowSlab) take() *rowBlock {
	if s.free == nil {
		s.free = make(chan *rowBlock, freeBlocks)
	}
	var b *rowBlock
	select {
	case b = <-s.free:
		b.text = b.text[:0]
	default:
		b = &rowBlock{free: s.free}
	}
	b.pending.Store(blockRows)
	return b
}

// keep copies b into the current block's text.
func (s *rowSlab) keep(b []byte) []byte {
	blk := s.block
	if len(b) > cap(blk.text)-len(blk.text) {
		// Rows already handed out keep the old text; the block keeps the new.
		blk.text = make([]byte, 0, max(64<<10, len(b)))
	}
	start := len(blk.text)
	blk.text = append(blk.text, b...)
	return blk.text[start:len(blk.text):len(blk.text)]
}

// Release says the row, its text and its answers are no longer needed. When every row of
// its block is released, the block can be handed out again.
func (r *Row) Release() {
	b := r.block
	if b == nil {
		return
	}
	r.block = nil
	if b.pending.Add(-1) == 0 {
		select {
		case b.free <- b:
		default: // enough blocks are kept; this one goes to the collector
		}
	}
}

// Answered reports whether the row gives any answer, "Not sure" included.
func (r *Row) Answered() bool {
	for _, g := range r.Given {
		if strings.TrimSpace(g.Answer) != "" {
			return true
		}
	}
	return false
}

// Label is how messages name the row, e.g. `team.csv:4 (id "ann")`.
func (r *Row) Label(file string) string {
	if r.ID != "" {
		return fmt.Sprintf("%s:%d (id %s)", file, r.Line, textsafe.Quote(r.ID))
	}
	return fmt.Sprintf("%s:%d", file, r.Line)
}

// Reader yields rows.
type Reader interface {
	// Next returns the next row, or io.EOF. Any other error ends the run.
	Next() (*Row, error)
	// Warnings lists problems with the input as a whole that do not stop the run, such as
	// unknown columns; each is reported once.
	Warnings() []string
	// Vocabulary is what the reader numbers words with, which resolvers are made from.
	Vocabulary() *Vocabulary
}

// ReadOptions say how to read a team.
type ReadOptions struct {
	Format string // InputCSV, InputJSONL, or "" to tell from the content
	Vocab  *Vocabulary
	Columns
}

// Open returns a reader for a team: the format is told from the content unless o says,
// and o's vocabulary decides which CSV columns are questions.
func Open(r io.Reader, o ReadOptions) (Reader, error) {
	format, vocab := o.Format, o.Vocab
	// A UTF-8 byte-order mark, as spreadsheets write, is dropped; after a UTF-16 one, as
	// they write "Unicode text", the text is decoded.
	br := bufio.NewReaderSize(r, 64<<10)
	if dec := textenc.Reader(br); dec != io.Reader(br) {
		br = bufio.NewReaderSize(dec, 64<<10)
	}
	if err := notText(br); err != nil {
		return nil, err
	}
	first := firstLine(br)
	if format == "" {
		format = detect(first)
	}
	switch format {
	case InputJSONL:
		if err := oneObjectPerLine(first); err != nil {
			return nil, err
		}
		return newJSONLReader(br, vocab, o.Columns), nil
	case InputCSV:
		return newCSVReader(bufio.NewReader(newLineGuard(br)), vocab, o.Columns)
	}
	return nil, fmt.Errorf("invalid --input %s; use csv or jsonl", textsafe.Quote(format))
}

// detect tells the format from the first line with text: JSON Lines start with "{", and
// so, to be told what batch reads instead, does a JSON list.
func detect(first []byte) string {
	if len(first) > 0 && (first[0] == '{' || first[0] == '[') {
		return InputJSONL
	}
	return InputCSV
}

// firstLine is the first line that is not blank, without surrounding white space, as far
// as the reader's buffer holds it.
func firstLine(br *bufio.Reader) []byte {
	line, _ := textLine(peekLine(br))
	return line
}

// textLine is the first line of b that is not blank, trimmed, and whether it is whole
// (ends in a line end rather than where b does).
func textLine(b []byte) (line []byte, whole bool) {
	for len(b) > 0 {
		line, rest, found := bytes.Cut(b, []byte{'\n'})
		if line = bytes.TrimSpace(line); len(line) > 0 {
			return line, found
		}
		b = rest
	}
	return nil, false
}

// notText refuses, before any row, a file that is not text at all: most often a workbook
// saved as it is rather than as CSV, which would otherwise be read as a header of junk.
func notText(br *bufio.Reader) error {
	head := peekLine(br) // no further than the first line: a pipe may be slow to give more
	switch {
	case bytes.HasPrefix(head, []byte("PK\x03\x04")):
		return errors.New("a zip file or an OpenDocument spreadsheet (.ods), not CSV; save it from the spreadsheet as .xlsx or CSV UTF-8 and run batch on that")
	case bytes.HasPrefix(head, []byte("\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1")):
		return errors.New("an old Excel workbook (.xls), not CSV; save it from the spreadsheet as .xlsx or CSV UTF-8 and run batch on that")
	case bytes.IndexByte(firstLine(br), 0) >= 0:
		return errors.New("not text (it holds NUL bytes); batch reads CSV or JSON Lines, saved as UTF-8 or as UTF-16 with a byte-order mark")
	}
	return nil
}

// ErrJSONList is NewReader's error for a JSON list of objects, which is not JSON Lines.
var ErrJSONList = errors.New(`a JSON list; batch reads JSON Lines, one object per line (jq -c '.[]' turns a list into that)`)

// peekLine peeks until the buffer holds a line with text in it, the input ends or the
// buffer is full, and returns what is buffered. It waits for no more than that, so that
// rows piped from a program that writes one at a time are scored as they come.
func peekLine(br *bufio.Reader) []byte {
	for n := 1; ; {
		b, err := br.Peek(n)
		if err == nil {
			b, _ = br.Peek(br.Buffered()) // all there is, without waiting
		}
		if _, whole := textLine(b); err != nil || len(b) >= br.Size() || whole {
			return b
		}
		n = len(b) + 1
	}
}

// oneObjectPerLine refuses, before any row, the JSON that is not JSON Lines: a list of
// objects, or an object spread over lines, which would otherwise be a row error per line.
func oneObjectPerLine(line []byte) error {
	switch {
	case len(line) > 0 && line[0] == '[':
		return ErrJSONList
	case string(line) == "{":
		return errors.New("JSON spread over lines; batch reads JSON Lines, one object per line (jq -c . joins each object's lines)")
	}
	return nil
}

// nameKey is the column or key that stands for the id when there is none: people are
// often listed by name.
const nameKey = "name"

// plainASCII reports whether s is printable ASCII and does not begin or end with a space.
func plainASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c > 0x7e {
			return false
		}
	}
	return s == "" || (s[0] != ' ' && s[len(s)-1] != ' ')
}

// keptValue is a kept column's cell as the roster has it, for the outputs that carry it
// beside the results (each escapes it as its format needs): only invalid UTF-8 is
// replaced. The readers bound it (MaxField); what reaches a terminal is made safe there.
func keptValue(s string) string { return strings.ToValidUTF8(s, "\uFFFD") }

// cleanID makes an id safe to print and bounded in length.
func cleanID(s string) string {
	if plainASCII(s) && len(s) <= MaxID {
		return s // the usual id, which nothing below would change
	}
	s = textsafe.Line(strings.ToValidUTF8(s, "\uFFFD"))
	if utf8.RuneCountInString(s) > MaxID {
		s = string([]rune(s)[:MaxID])
	}
	return s
}
