package bank

import (
	"cmp"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math"
	"slices"
	"strings"

	"github.com/coachmentor/coachmentor/internal/strictyaml"
	"github.com/coachmentor/coachmentor/internal/textsafe"
)

// MaxSize is the largest bank file accepted. The default bank is about 35 KiB.
const MaxSize = 4 << 20

// MaxWeight bounds every weight, so that sums stay exact and readable.
const MaxWeight = 100

// Limits on a bank's shape. The default bank has 15 questions, at most 12 answers to one,
// 50 answers in all and ten types. Beyond these a questionnaire is no longer usable, and
// the work of scoring and of preparing its JSON (which grows with the square of a
// question's answers) would no longer be small.
const (
	MaxTypes      = 100
	MaxQuestions  = 100
	MaxOptions    = 30  // answers to one question
	MaxAllOptions = 500 // answers to all the questions together
)

// twoPlaces is whether x has at most two decimal places, the precision scores are
// counted in.
func twoPlaces(x float64) bool {
	return math.Abs(x*100-math.Round(x*100)) < 1e-6
}

// Problem is one thing wrong with a bank, at a line of its file.
type Problem struct {
	File  string
	Line  int
	Where string // e.g. `question "scope", option "weeks"`
	Msg   string
}

func (p Problem) String() string {
	var b strings.Builder
	b.WriteString(textsafe.Line(p.File)) // a file's name may hold anything
	if p.Line > 0 {
		fmt.Fprintf(&b, ":%d", p.Line)
	}
	b.WriteString(": ")
	if p.Where != "" {
		b.WriteString(p.Where)
		b.WriteString(": ")
	}
	b.WriteString(p.Msg)
	return b.String()
}

// Error lists every problem found in a bank, one per line.
type Error struct {
	Problems []Problem
}

func (e *Error) Error() string {
	lines := make([]string, len(e.Problems))
	for i, p := range e.Problems {
		lines[i] = p.String()
	}
	return textsafe.Capped(lines, textsafe.MaxShown, "problems")
}

// Load reads and validates the bank called name in fsys.
func Load(fsys fs.FS, name string) (*Bank, error) {
	f, err := fsys.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if st, err := f.Stat(); err == nil && st.IsDir() {
		return nil, fmt.Errorf("%s: is a folder; expected a question bank file", name)
	}
	data, err := io.ReadAll(io.LimitReader(f, MaxSize+1))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return Parse(name, data)
}

// Parse validates data as a bank read from a file called name. On failure the error is
// an *Error listing every problem found.
func Parse(name string, data []byte) (*Bank, error) {
	if len(data) > MaxSize {
		return nil, &Error{Problems: []Problem{{File: name, Msg: fmt.Sprintf("larger than the %d MiB limit for a question bank", MaxSize>>20)}}}
	}
	root, err := strictyaml.Parse(name, data)
	if err != nil {
		var se *strictyaml.Error
		if errors.As(err, &se) {
			return nil, &Error{Problems: []Problem{{File: se.File, Line: se.Line, Msg: se.Msg}}}
		}
		return nil, err
	}
	if root.Kind() != strictyaml.Mapping {
		return nil, &Error{Problems: []Problem{{File: name, Line: root.Line(),
			Msg: fmt.Sprintf("expected a question bank (a mapping with version, questions, types and so on), found %s", root.Kind())}}}
	}
	d := &decoder{file: name}
	raw := d.decodeBank(root)
	b := d.validate(raw)
	if len(d.problems) > 0 {
		// In file order, whatever order the checks found them in.
		slices.SortStableFunc(d.problems, func(a, b Problem) int { return cmp.Compare(a.Line, b.Line) })
		return nil, &Error{Problems: d.problems}
	}
	b.File = name
	b.Raw = data
	return b.Index(), nil
}
