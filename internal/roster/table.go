package roster

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/coachmentor/coachmentor/internal/answers"
	"github.com/coachmentor/coachmentor/internal/textsafe"
	"github.com/coachmentor/coachmentor/internal/xlsx"
)

// Columns says which of a roster's columns (or a JSON line's keys) are more than answers:
// the one that identifies people, those to carry through to every output, and the one to
// group the team report by. Names are matched as question ids are: case, spaces and
// underscores aside.
type Columns struct {
	// ID names the column that identifies people; "" for "id" (or, without one, "name").
	ID string
	// Keep names the columns carried through, in this order, under these names.
	Keep []string
	// Group names the column the team report is grouped by; it is kept too.
	Group string
}

// Kept is the names of the columns carried through: Keep, then Group if not among them.
func (c Columns) Kept() []string {
	out := slices.Clone(c.Keep)
	if c.Group != "" && !slices.ContainsFunc(out, func(k string) bool { return answers.Normalize(k) == answers.Normalize(c.Group) }) {
		out = append(out, c.Group)
	}
	return out
}

// groupIndex is where the group column is among kept(), or -1.
func (c Columns) groupIndex() int {
	if c.Group == "" {
		return -1
	}
	g := answers.Normalize(c.Group)
	return slices.IndexFunc(c.Kept(), func(k string) bool { return answers.Normalize(k) == g })
}

// IDName is the normalized name of the id column.
func (c Columns) IDName() string {
	if c.ID != "" {
		return answers.Normalize(c.ID)
	}
	return "id"
}

// table is what a header row means: which column answers which question, which
// identifies and names people, and which are kept.
type table struct {
	vocab    *Vocabulary
	columns  []string // each column's question id; "" for a column that is not one
	header   []string // every header cell normalized, to know the header when it comes again
	colWords []int32  // the vocabulary's number for each column
	idCol    int      // -1 if none
	nameCol  int      // a name column that is not the id column; -1 if none
	keepCols []int    // for each kept column, its place in the header
	groupAt  int      // the group column's place among the kept ones; -1 if none
	unknown  []string // columns that are none of these, quoted for the warning
}

// newTable reads a header row. sep is what separates its cells, for messages.
func newTable(header []string, vocab *Vocabulary, cols Columns, sep string) (*table, error) {
	t := &table{vocab: vocab, idCol: -1, nameCol: -1, groupAt: cols.groupIndex(),
		columns: make([]string, len(header)), colWords: make([]int32, len(header)), header: make([]string, len(header))}
	idName := cols.IDName()
	hasID := slices.ContainsFunc(header, func(h string) bool { return answers.Normalize(h) == idName })
	if cols.ID != "" && !hasID {
		return nil, fmt.Errorf("--id-column %s: the header has no such column (columns: %s)", textsafe.Quote(cols.ID), listCells(header))
	}
	kept := cols.Kept()
	t.keepCols = make([]int, len(kept))
	for i, k := range kept {
		n := answers.Normalize(k)
		if t.keepCols[i] = slices.IndexFunc(header, func(h string) bool { return answers.Normalize(h) == n }); t.keepCols[i] < 0 {
			flag := "--keep"
			if i == t.groupAt && !slices.Contains(cols.Keep, k) {
				flag = "--group-by"
			}
			return nil, fmt.Errorf("%s %s: the header has no such column (columns: %s)", flag, textsafe.Quote(k), listCells(header))
		}
	}
	seen := map[string]bool{}
	for i, h := range header {
		name := answers.Normalize(h)
		t.header[i] = name
		id, question := vocab.Question(h)
		if question && name != idName {
			name = id // "Who drives" is the column driver
		}
		switch {
		case name == "":
			continue
		case seen[name] && question:
			return nil, fmt.Errorf("the header row names the question %s twice (the second time as %s)", id, textsafe.Quote(h))
		case seen[name] && name == idName: // columns that are not read may repeat, as forms' "Other" do
			return nil, fmt.Errorf("the header row names the column %s twice", textsafe.Quote(h))
		case name == idName:
			t.idCol = i
		case question:
			t.columns[i], t.colWords[i] = id, vocab.lookup(id)
		case name == nameKey && !seen[name]:
			t.nameCol = i
			if !hasID {
				t.idCol = i // people listed by name
			}
		case !slices.Contains(t.keepCols, i):
			t.unknown = append(t.unknown, textsafe.Quote(textsafe.Line(h)))
		}
		seen[name] = true
	}
	if t.nameCol == t.idCol {
		t.nameCol = -1
	}
	if !slices.ContainsFunc(t.columns, func(col string) bool { return col != "" }) {
		// Every respondent would be an unanswered blend: surely not what was meant.
		if resultsHeader(t.header) {
			return nil, errors.New("these are batch's results, which hold no answers to score again: give batch the roster they were made from, or its JSON Lines results (--format jsonl), which keep each person's answers")
		}
		return nil, fmt.Errorf("the header row names no question (found %s); it should name questions such as %s, separated by commas",
			textsafe.Quote(textsafe.Line(strings.Join(header, sep))), strings.Join(vocab.questions(3), ", "))
	}
	return t, nil
}

// resultsHeader reports whether a header, its names normalized, is batch's own CSV or
// workbook results.
func resultsHeader(header []string) bool {
	for _, col := range []string{"recommendation", "status", "bank", "confidence_label"} {
		if !slices.Contains(header, answers.Normalize(col)) {
			return false
		}
	}
	return true
}

// listCells names a header's cells for a message.
func listCells(header []string) string {
	names := make([]string, 0, len(header))
	for _, h := range header {
		if h = textsafe.Line(h); h != "" {
			names = append(names, h)
		}
	}
	return strings.Join(names, ", ")
}

// warning is what to say once about columns that are read as nothing, or "".
func (t *table) warning() string {
	if len(t.unknown) == 0 {
		return ""
	}
	const shown = 10 // a line a person can read, however many columns a sheet has
	if len(t.unknown) <= shown {
		return "ignoring columns that are not questions: " + strings.Join(t.unknown, ", ")
	}
	return fmt.Sprintf("ignoring %d columns that are not questions: %s and %d more", len(t.unknown),
		strings.Join(t.unknown[:shown], ", "), len(t.unknown)-shown)
}

// fill reads a record into row: its id, name, kept cells and answers. A record may be
// shorter than the header where short says so (a workbook leaves out empty cells at the
// end of a row); otherwise its length must match.
func (t *table) fill(row *Row, rec []string, short bool) {
	cell := func(i int) string {
		if i >= 0 && i < len(rec) {
			return rec[i]
		}
		return ""
	}
	if t.idCol >= 0 {
		row.ID = cleanID(cell(t.idCol))
	}
	if t.nameCol >= 0 {
		row.Name = cleanID(cell(t.nameCol))
	}
	for i, c := range t.keepCols {
		v := keptValue(cell(c))
		row.Kept = append(row.Kept, v)
		if i == t.groupAt {
			row.Group = v
		}
	}
	if len(rec) > len(t.columns) || len(rec) < len(t.columns) && !short {
		row.Err = fmt.Errorf("%d fields, but the header has %d", len(rec), len(t.columns))
		return
	}
	for i, c := range rec {
		if t.columns[i] == "" {
			continue
		}
		if len(c) > MaxField {
			row.Err = fmt.Errorf("the %s field is longer than %d bytes", t.columns[i], MaxField)
			return
		}
		answer, a := c, t.vocab.lookup(c)
		if a >= 0 {
			answer = t.vocab.words[a]
		}
		row.Given = append(row.Given, answers.Given{Question: t.columns[i], Answer: answer})
		row.words = append(row.words, wordPair{q: t.colWords[i], a: a})
	}
}

// isHeader reports whether a record is the header row again, as it is in files joined
// one after another (cat a.csv b.csv).
// numbers notes which of a row's id and kept cells are numbers in the workbook, so that a
// workbook written from it has them as numbers again.
func (t *table) numbers(row *Row, cells []xlsx.ReadCell) {
	isNumber := func(i int) bool { return i >= 0 && i < len(cells) && cells[i].Kind == xlsx.CellNumber }
	row.IDNumber = isNumber(t.idCol)
	row.KeptNumber = row.KeptNumber[:0]
	for _, c := range t.keepCols {
		row.KeptNumber = append(row.KeptNumber, isNumber(c))
	}
}

func (t *table) isHeader(rec []string) bool {
	if len(rec) != len(t.header) {
		return false
	}
	for i, cell := range rec {
		if i == 0 {
			cell = strings.TrimPrefix(cell, "\ufeff") // the joined file's byte-order mark
		}
		if answers.Normalize(cell) != t.header[i] {
			return false
		}
	}
	return true
}
