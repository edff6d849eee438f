package roster

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"

	"github.com/coachmentor/coachmentor/internal/answers"
	"github.com/coachmentor/coachmentor/internal/textsafe"
)

// csvReader reads a CSV file whose header names the questions.
type csvReader struct {
	r        *csv.Reader
	t        *table
	vocab    *Vocabulary
	warnings []string
	n        int
	// skip is how many lines came before the header: one for a "sep=;" line. The
	// csv.Reader numbers lines from the header; messages number them in the file.
	skip int
	// legacy is set once text that is not UTF-8 has been read as Windows-1252 and said so.
	legacy bool
	slab   rowSlab
}

func newCSVReader(br *bufio.Reader, vocab *Vocabulary, cols Columns) (*csvReader, error) {
	r := csv.NewReader(br)
	skip := 0
	if sep, ok, err := sepLine(br); err != nil {
		return nil, err
	} else if ok {
		r.Comma, skip = sep, 1
	} else {
		r.Comma = separator(br, vocab)
	}
	r.FieldsPerRecord = -1
	r.ReuseRecord = true
	header, err := r.Read()
	if err == io.EOF {
		return nil, errors.New("the input is empty; expected a header row of question ids")
	}
	if err != nil {
		return nil, fmt.Errorf("cannot read the header row: %s", csvMessage(err, skip))
	}
	if slices.ContainsFunc(header, func(h string) bool { return strings.Contains(h, tooLong) }) {
		return nil, fmt.Errorf("the header row is longer than %d MiB; is this a CSV file?", MaxLine>>20)
	}
	c := &csvReader{r: r, vocab: vocab, skip: skip}
	if c.decode(header) {
		c.warnings = append(c.warnings, fmt.Sprintf("%d: %s", 1+skip, LegacyNotice))
	}
	if c.t, err = newTable(header, vocab, cols, string(r.Comma)); err != nil {
		return nil, err
	}
	if w := c.t.warning(); w != "" {
		c.warnings = append(c.warnings, fmt.Sprintf("%d: %s", 1+skip, w))
	}
	return c, nil
}

// sepLine reads the line "sep=;" that spreadsheets write, and read, before the header to
// say which character separates the columns. ok is false, and nothing is read, if the
// first line is not one.
func sepLine(br *bufio.Reader) (sep rune, ok bool, err error) {
	b := peekLine(br)
	line, _, _ := bytes.Cut(b, []byte{'\n'})
	text := bytes.TrimSuffix(line, []byte{'\r'})
	if len(text) < 5 || !strings.EqualFold(string(text[:4]), "sep=") {
		return 0, false, nil
	}
	sep, size := utf8.DecodeRune(text[4:])
	if 4+size != len(text) {
		return 0, false, nil // "sep=..." with more after it is a header, if an odd one
	}
	if sep == '"' || sep == utf8.RuneError || (unicode.IsSpace(sep) || unicode.IsControl(sep)) && sep != '\t' {
		return 0, false, fmt.Errorf("line 1, %s, names a separator CSV cannot use; use a comma, semicolon or tab", textsafe.Quote(string(text)))
	}
	br.Discard(min(len(line)+1, len(b)))
	return sep, true, nil
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
			if _, question := vocab.Question(f); question || answers.Normalize(f) == "id" {
				n++
			}
		}
		if n > most {
			best, most = sep, n
		}
	}
	return best
}

func (c *csvReader) Vocabulary() *Vocabulary { return c.vocab }

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
			row.Line = pe.StartLine + c.skip
			row.Err = errors.New(csvMessage(err, c.skip))
			return row, nil
		}
		return nil, err
	}
	row.Line, _ = c.r.FieldPos(0)
	row.Line += c.skip
	if slices.ContainsFunc(rec, func(cell string) bool { return strings.Contains(cell, tooLong) }) {
		row.Err = fmt.Errorf("the line is longer than %d MiB, the limit for a row; it is skipped", MaxLine>>20)
		return row, nil
	}
	row.Legacy = c.decode(rec)
	if c.t.isHeader(rec) {
		c.n--
		row.N, row.Repeat = 0, true
		return row, nil
	}
	c.t.fill(row, rec, false)
	return row, nil
}

// LegacyNotice says, once a run, that text was not UTF-8 and how it was read.
const LegacyNotice = `text that is not UTF-8 is read as Windows-1252, as Excel saves "CSV (Comma delimited)"; if names look wrong, save the file as CSV UTF-8`

// decode reads the cells that are not UTF-8 as Windows-1252, the code page Excel on
// Windows saves "CSV (Comma delimited)" in for Western European languages. Accented
// Windows-1252 text is almost never valid UTF-8, so each cell decides for itself. It
// reports whether this is the first time in the file.
func (c *csvReader) decode(rec []string) (first bool) {
	for i, cell := range rec {
		if utf8.ValidString(cell) {
			continue
		}
		var b strings.Builder
		b.Grow(len(cell) + len(cell)/2)
		for j := 0; j < len(cell); j++ {
			b.WriteRune(charmap.Windows1252.DecodeByte(cell[j]))
		}
		rec[i] = b.String()
		first = first || !c.legacy
		c.legacy = true
	}
	return first
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

// tooLong stands, in what the CSV reader reads, for a line longer than MaxLine, which is
// dropped: a row of its own that Next reports with its line number. Nothing a CSV file
// holds can look like it: text files hold no NUL bytes (notText).
const tooLong = "\x00a line longer than the limit\x00"

// lineGuard passes CSV text through a line at a time, and gives each line longer than
// MaxLine as tooLong instead, so that a file with no line ends cannot make the CSV reader
// hold all of it and one overlong line costs one row, not the run. Lines may end in CR
// alone, as old Mac spreadsheets save them, where the first line ends so.
type lineGuard struct {
	br      *bufio.Reader
	cr      bool   // lines end in CR alone
	long    []byte // a line that spans the reader's buffer
	pending []byte // what Read gives next
	err     error
}

func newLineGuard(br *bufio.Reader) *lineGuard {
	g := &lineGuard{br: br}
	head := peekLine(br)
	if i := bytes.IndexAny(head, "\r\n"); i >= 0 && head[i] == '\r' && (i+1 == len(head) || head[i+1] != '\n') {
		g.cr = true
	}
	return g
}

func (g *lineGuard) Read(p []byte) (int, error) {
	for len(g.pending) == 0 {
		if g.err != nil {
			return 0, g.err
		}
		g.next()
	}
	n := copy(p, g.pending)
	g.pending = g.pending[n:]
	return n, nil
}

// next reads the next line into pending: most often a slice of the reader's buffer,
// which holds until pending is read.
func (g *lineGuard) next() {
	end := byte('\n')
	if g.cr {
		end = '\r'
	}
	g.long = g.long[:0]
	for {
		b, err := g.br.ReadSlice(end)
		if len(g.long)+len(b) > MaxLine+2 { // the limit, with room for CR LF
			for err == bufio.ErrBufferFull {
				_, err = g.br.ReadSlice(end)
			}
			g.pending, g.err = []byte(tooLong+"\n"), nonFull(err)
			return
		}
		if err == bufio.ErrBufferFull {
			g.long = append(g.long, b...)
			continue
		}
		if len(g.long) > 0 {
			b = append(g.long, b...)
		}
		if g.cr && len(b) > 0 && b[len(b)-1] == '\r' {
			b[len(b)-1] = '\n' // CR alone ends the line: the CSV reader's line end
		}
		g.pending, g.err = b, nonFull(err)
		return
	}
}

func nonFull(err error) error {
	if err == bufio.ErrBufferFull {
		return nil
	}
	return err
}

// csvMessage explains encoding/csv's errors in a spreadsheet user's terms. The row label
// gives the line the record starts on; a quoted field can run on, so the line the problem
// was found on is added when it is another.
func csvMessage(err error, skip int) string {
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
		msg += fmt.Sprintf(" (found on line %d)", pe.Line+skip)
	}
	return msg
}
