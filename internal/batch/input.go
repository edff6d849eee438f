// Package batch scores many respondents at once: it reads a team's answers as CSV or JSON
// Lines, scores each row with the engine on every core, and writes the results in input
// order as they are ready, so memory stays flat however many rows there are. A bad row is
// reported with its line number and id and the rest are still scored.
package batch

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/coachmentor/coachmentor/internal/answers"
	"github.com/coachmentor/coachmentor/internal/strictyaml"
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
	// Given holds the answers as written.
	Given []answers.Given
	// Err is set when the row could not be read; the other fields may be partial.
	Err error

	file  string // the report's file name, with --out-dir
	raw   []byte // a JSON line not yet decoded: workers decode it, in parallel
	vocab *Vocabulary
	// words holds, for each of Given, the vocabulary's numbers for the question and the
	// answer.
	words []wordPair
	// unknown lists the keys of a JSON line that name no question, to report once.
	unknown []unknownKey
	// Room for the answers of a row, so that most rows need no allocation of their own.
	givenBuf [16]answers.Given
	wordBuf  [16]wordPair
	block    *rowBlock // where the row came from, until it is released
}

// unknownKey is a key of a JSON line that names no question.
type unknownKey struct {
	line int
	key  string // as written, for the message
	name string // normalized, so that "Team" and "team" are reported once
}

// decode parses a JSON line that was read but not yet decoded.
func (r *Row) decode() {
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
	rows    [chunk]Row
	text    []byte
	pending atomic.Int32 // rows not yet released
	free    chan *rowBlock
}

// The blocks a run has in flight are bounded by its output buffers; a few more are kept.
const freeBlocks = 16

func (s *rowSlab) row() *Row {
	if s.block == nil || s.next == chunk {
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
	b.pending.Store(chunk)
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

// release says the row, its text and its answers are no longer needed. When every row of
// its block is released, the block can be handed out again.
func (r *Row) release() {
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

// Label is how messages name the row, e.g. `team.csv:4 (id "ann")`.
func (r *Row) Label(file string) string {
	if r.ID != "" {
		return fmt.Sprintf("%s:%d (id %s)", file, r.Line, strictyaml.Quote(r.ID))
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
}

// NewReader detects the format from the content unless format is given, and returns a
// reader for it. known decides which CSV columns are questions.
func NewReader(r io.Reader, format string, vocab *Vocabulary) (Reader, error) {
	br := bufio.NewReaderSize(r, 64<<10)
	// A UTF-8 byte-order mark, as spreadsheets write; or a UTF-16 one, as they write
	// "Unicode text", which is read as UTF-8 from then on.
	if b, err := br.Peek(3); err == nil && bytes.Equal(b, []byte("\xef\xbb\xbf")) {
		br.Discard(3)
	} else if b, err := br.Peek(2); err == nil && (b[0] == 0xff && b[1] == 0xfe || b[0] == 0xfe && b[1] == 0xff) {
		var order binary.ByteOrder = binary.LittleEndian
		if b[0] == 0xfe {
			order = binary.BigEndian
		}
		br.Discard(2)
		br = bufio.NewReaderSize(&utf16Reader{r: br, order: order}, 64<<10)
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
		return &jsonlReader{r: br, vocab: vocab}, nil
	case InputCSV:
		return newCSVReader(bufio.NewReader(&lineLimiter{r: br}), vocab)
	}
	return nil, fmt.Errorf("invalid --input %s; use csv or jsonl", strictyaml.Quote(format))
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

// csvReader reads a CSV file whose header names the questions.
type csvReader struct {
	r        *csv.Reader
	vocab    *Vocabulary
	columns  []string // normalized header; "" for ignored columns
	colWords []int32  // the vocabulary's number for each column
	idCol    int
	warnings []string
	n        int
	slab     rowSlab
}

func newCSVReader(br *bufio.Reader, vocab *Vocabulary) (*csvReader, error) {
	r := csv.NewReader(br)
	r.Comma = separator(br, vocab)
	r.FieldsPerRecord = -1
	r.ReuseRecord = true
	header, err := r.Read()
	if err == io.EOF {
		return nil, errors.New("the input is empty; expected a header row of question ids")
	}
	if err != nil {
		return nil, fmt.Errorf("cannot read the header row: %s", csvMessage(err))
	}
	c := &csvReader{r: r, vocab: vocab, idCol: -1, columns: make([]string, len(header)), colWords: make([]int32, len(header))}
	seen := map[string]bool{}
	var unknown []string
	hasID := slices.ContainsFunc(header, func(h string) bool { return answers.Normalize(h) == "id" })
	for i, h := range header {
		name := answers.Normalize(h)
		switch {
		case name == "":
			continue
		case seen[name]:
			return nil, fmt.Errorf("the header row names the column %s twice", strictyaml.Quote(h))
		case name == "id":
			c.idCol = i
		case vocab.Known(name):
			c.columns[i] = name
			c.colWords[i] = vocab.lookup(name)
		case name == nameKey && !hasID:
			c.idCol = i
		default:
			unknown = append(unknown, strictyaml.Quote(textsafe.Line(h)))
		}
		seen[name] = true
	}
	if !slices.ContainsFunc(c.columns, func(col string) bool { return col != "" }) {
		// Every respondent would be an unanswered blend: surely not what was meant.
		return nil, fmt.Errorf("the header row names no question (found %s); it should name questions such as %s, separated by commas",
			strictyaml.Quote(textsafe.Line(strings.Join(header, string(r.Comma)))), strings.Join(vocab.questions(3), ", "))
	}
	if len(unknown) > 0 {
		c.warnings = append(c.warnings, fmt.Sprintf("1: ignoring columns that are not questions: %s", strings.Join(unknown, ", ")))
	}
	return c, nil
}

// separator is the character the header row separates its columns with: a comma, or the
// semicolon or tab that spreadsheets save "CSV" with in many languages. It is the one that
// splits the header into the most columns that are questions or the id, a comma on a tie.
func separator(br *bufio.Reader, vocab *Vocabulary) rune {
	head := firstLine(br)
	best, most := ',', -1
	for _, sep := range []rune{',', ';', '\t'} {
		r := csv.NewReader(bytes.NewReader(head))
		r.Comma, r.LazyQuotes = sep, true
		fields, _ := r.Read()
		n := 0
		for _, f := range fields {
			if name := answers.Normalize(f); name == "id" || vocab.Known(name) {
				n++
			}
		}
		if n > most {
			best, most = sep, n
		}
	}
	return best
}

func (c *csvReader) Warnings() []string { return c.warnings }

func (c *csvReader) Next() (*Row, error) {
	rec, err := c.r.Read()
	for err == nil && blank(rec) {
		rec, err = c.r.Read() // a row of empty cells, as spreadsheets export below a table
	}
	if err == io.EOF {
		return nil, io.EOF
	}
	c.n++
	row := c.slab.row()
	row.N, row.vocab = c.n, c.vocab
	var pe *csv.ParseError
	if err != nil {
		if errors.As(err, &pe) {
			row.Line = pe.StartLine
			row.Err = fmt.Errorf("%s", csvMessage(err))
			return row, nil
		}
		return nil, err
	}
	row.Line, _ = c.r.FieldPos(0)
	if c.idCol >= 0 && c.idCol < len(rec) {
		row.ID = cleanID(rec[c.idCol])
	}
	for _, cell := range rec {
		if !utf8.ValidString(cell) {
			row.Err = errors.New("not valid UTF-8 text; save the file as CSV UTF-8")
			return row, nil
		}
	}
	if len(rec) != len(c.columns) {
		row.Err = fmt.Errorf("%d fields, but the header has %d", len(rec), len(c.columns))
		return row, nil
	}
	for i, cell := range rec {
		if c.columns[i] == "" {
			continue
		}
		if len(cell) > MaxField {
			row.Err = fmt.Errorf("the %s field is longer than %d bytes", c.columns[i], MaxField)
			return row, nil
		}
		answer, a := cell, c.vocab.lookup(cell)
		if a >= 0 {
			answer = c.vocab.words[a]
		}
		row.Given = append(row.Given, answers.Given{Question: c.columns[i], Answer: answer})
		row.words = append(row.words, wordPair{q: c.colWords[i], a: a})
	}
	return row, nil
}

// blank reports whether every cell of a record is empty or white space.
func blank(rec []string) bool {
	for _, cell := range rec {
		if strings.TrimSpace(cell) != "" {
			return false
		}
	}
	return true
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

// ErrLineTooLong ends a CSV run at a line longer than MaxLine: past it, where one row ends
// and the next begins cannot be trusted.
var ErrLineTooLong = fmt.Errorf("a line is longer than %d MiB; is this a CSV file?", MaxLine>>20)

// lineLimiter passes text through but fails on a line longer than MaxLine, so that a file
// with no line ends cannot make the CSV reader hold all of it.
type lineLimiter struct {
	r   io.Reader
	run int // bytes since the last newline
}

func (l *lineLimiter) Read(p []byte) (int, error) {
	n, err := l.r.Read(p)
	for b := p[:n]; ; {
		i := bytes.IndexByte(b, '\n')
		if i < 0 {
			l.run += len(b)
			break
		}
		if l.run+i > MaxLine {
			return 0, ErrLineTooLong
		}
		l.run, b = 0, b[i+1:]
	}
	if l.run > MaxLine {
		return 0, ErrLineTooLong
	}
	return n, err
}

// csvMessage explains encoding/csv's errors in a spreadsheet user's terms. The row label
// gives the line the record starts on; a quoted field can run on, so the line the problem
// was found on is added when it is another.
func csvMessage(err error) string {
	var pe *csv.ParseError
	if !errors.As(err, &pe) {
		return err.Error()
	}
	var msg string
	switch {
	case errors.Is(pe.Err, csv.ErrQuote):
		msg = `broken quoting: a quoted field is never closed, or a quote inside it is not doubled ("")`
	case errors.Is(pe.Err, csv.ErrBareQuote):
		msg = `broken quoting: a quote inside a field that does not start with one; put the field in quotes and double the quote ("")`
	default:
		msg = pe.Err.Error()
	}
	if pe.Line != pe.StartLine {
		msg += fmt.Sprintf(" (found on line %d)", pe.Line)
	}
	return msg
}

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
// row.unknown and otherwise ignored, whatever their value. It is a small scanner for
// exactly this shape of JSON, several times quicker than a general decoder, and it names
// the column of the first problem.
func parseObject(data []byte, vocab *Vocabulary, row *Row) error {
	row.Given, row.words, row.unknown = row.Given[:0], row.words[:0], nil
	if !utf8.Valid(data) {
		return errors.New("not valid UTF-8 text")
	}
	p := &objParser{data: data, vocab: vocab}
	p.space()
	if !p.eat('{') {
		return errors.New(`expected a JSON object of answers, e.g. {"id": "ann", "scope": "specific-skills"}`)
	}
	// Keys seen so far: by number for ids, by name for anything else.
	var seenWords [8]uint64
	var seenBuf [8]string
	seenOther := seenBuf[:0]
	var nameID string // the value of a name key, and its place among the unknown keys
	nameAt := -1
	p.space()
	if p.eat('}') {
		return p.end()
	}
	for {
		p.space()
		key, kw, ok := p.str()
		if !ok {
			return p.fail("expected a quoted key")
		}
		p.space()
		if !p.eat(':') {
			return p.fail("expected ':' after a key")
		}
		p.space()
		name := key
		if kw < 0 { // not an id as written: perhaps in another case, or with spaces
			name = answers.Normalize(key)
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
			return fmt.Errorf("the key %s appears twice", strictyaml.Quote(key))
		}
		question := kw >= 0 && vocab.question[kw]
		value, vw, kind := p.value()
		switch {
		case kind == kindBad:
			return p.fail("expected a value")
		case name == "id":
			switch kind {
			case kindNumber, kindString:
				if len(value) > MaxField {
					return fmt.Errorf("%s: longer than %d bytes", strictyaml.Quote(key), MaxField)
				}
				row.ID = cleanID(value)
			case kindOther:
				return fmt.Errorf("%s: expected an id as text, found %s", strictyaml.Quote(key), value)
			}
		case name == nameKey && !question && (kind == kindString || kind == kindNumber):
			// Reported like any other key unless it stands for a missing id.
			nameID, nameAt = value, len(row.unknown)
			row.unknown = append(row.unknown, unknownKey{line: row.Line, key: key, name: name})
		case !question:
			row.unknown = append(row.unknown, unknownKey{line: row.Line, key: key, name: name})
		case kind == kindNumber:
			return fmt.Errorf("%s: expected an answer id as text, found the number %s", strictyaml.Quote(key), value)
		case kind == kindOther:
			return fmt.Errorf("%s: expected an answer id as text, found %s", strictyaml.Quote(key), value)
		case kind == kindString:
			if len(value) > MaxField {
				return fmt.Errorf("%s: longer than %d bytes", strictyaml.Quote(key), MaxField)
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
			return p.end()
		}
		return p.fail("expected ',' or '}'")
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
	return fmt.Errorf("invalid JSON at column %d: %s", p.i+1, what)
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
		// Skip the nested value to report it; it is never an answer.
		depth := 0
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
