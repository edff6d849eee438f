// Package answers turns answers as people give them (an answers file, `--answer id=value`,
// a per-question flag, a CSV cell) into a selection the engine can score. Ids are matched
// loosely, ignoring case, surrounding space and the difference between "-", "_" and " ",
// because they come from spreadsheets and shells; anything that still does not match is
// reported with the valid choices.
package answers

import (
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"strings"

	"github.com/coachmentor/coachmentor/internal/bank"
	"github.com/coachmentor/coachmentor/internal/strictyaml"
	"github.com/coachmentor/coachmentor/internal/textsafe"
)

// MaxFileSize is the largest answers file accepted.
const MaxFileSize = 1 << 20

// Given is one answer as supplied, before it is checked against a bank.
type Given struct {
	Question string
	Answer   string
	// From says where the answer came from, for error messages: "team.csv:4",
	// "--answer", "--scope".
	From string
}

// Error lists every answer that could not be used, one per line.
type Error struct {
	Problems []string
}

func (e *Error) Error() string { return textsafe.Capped(e.Problems, textsafe.MaxShown, "problems") }

// Normalize is how ids are compared: lower case, trimmed, with "_" and " " read as "-".
func Normalize(s string) string {
	if isNormal(s) {
		return s // the usual case, without allocating
	}
	s = strings.ToLower(strings.TrimSpace(s))
	return strings.Map(func(r rune) rune {
		if r == '_' || r == ' ' {
			return '-'
		}
		return r
	}, s)
}

// isNormal reports whether s is already lower case ASCII letters, digits and hyphens.
func isNormal(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-') {
			return false
		}
	}
	return true
}

// teamFileHint adds, to the error of a file that looks like a team's (a CSV or JSON
// Lines file), that such files are for batch.
func teamFileHint(name string, err error) error {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".csv", ".tsv", ".jsonl", ".ndjson":
		return fmt.Errorf("%w (a file of many respondents is for \"coachmentor batch %s\")", err, name)
	}
	return err
}

// File is an answers file: the answers, and who they are for when the file says, as a line
// of a batch file does with its id and name.
type File struct {
	Answers []Given
	ID      string
	Name    string
}

// Keys of an answers file that name the respondent rather than a question; no bank may use
// them as question ids.
const (
	IDKey   = "id"
	NameKey = "name"
)

// ParseFile reads an answers file: a YAML or JSON mapping of question id to answer id, with
// the respondent's id and name if it gives them. Empty values count as not answered.
func ParseFile(name string, data []byte) (File, error) {
	var f File
	if len(data) > MaxFileSize {
		return f, fmt.Errorf("%s: larger than the %d MiB limit for an answers file", name, MaxFileSize>>20)
	}
	root, err := strictyaml.Parse(name, data)
	if err != nil {
		return f, teamFileHint(name, err)
	}
	if root.Kind() != strictyaml.Mapping {
		return f, teamFileHint(name, root.Errorf("expected a mapping of question id to answer id, e.g. {\"scope\": \"specific-skills\"}; found %s", root.Kind()))
	}
	pairs, err := root.Mapping()
	if err != nil {
		return f, err
	}
	if inner, ok := resultLine(pairs); ok {
		// A line of batch's results: the answers are under "answers", and the rest is what
		// was said about them. The id and the name ("for") name the respondent.
		for _, p := range pairs {
			switch v, _ := p.Value.Text(); Normalize(p.Key) {
			case IDKey:
				f.ID = strings.TrimSpace(v)
			case "for", NameKey:
				f.Name = strings.TrimSpace(v)
			}
		}
		if pairs, err = inner.Value.Mapping(); err != nil {
			return f, err
		}
	}
	var problems []string
	seen := map[string]int{}
	for _, p := range pairs {
		from := fmt.Sprintf("%s:%d", name, p.Line)
		if prev, dup := seen[Normalize(p.Key)]; dup {
			problems = append(problems, fmt.Sprintf("%s: question %s is answered twice (also on line %d)", from, textsafe.Quote(p.Key), prev))
			continue
		}
		seen[Normalize(p.Key)] = p.Line
		if p.Value.Kind() == strictyaml.Null {
			continue
		}
		if k := Normalize(p.Key); k == IDKey || k == NameKey {
			v, err := p.Value.Text()
			if err != nil {
				problems = append(problems, fmt.Sprintf("%s: %s: expected text, found %s", from, textsafe.Quote(p.Key), p.Value.Kind()))
				continue
			}
			if k == IDKey {
				f.ID = strings.TrimSpace(v)
			} else {
				f.Name = strings.TrimSpace(v)
			}
			continue
		}
		v, err := p.Value.String()
		if err != nil {
			problems = append(problems, fmt.Sprintf("%s: %s: expected an answer id as text, found %s", from, textsafe.Quote(p.Key), p.Value.Kind()))
			continue
		}
		f.Answers = append(f.Answers, Given{Question: p.Key, Answer: v, From: from})
	}
	if len(problems) > 0 {
		return File{}, &Error{Problems: problems}
	}
	return f, nil
}

// resultLine finds the "answers" mapping of a line of batch's results, if the file is one.
func resultLine(pairs []strictyaml.Pair) (strictyaml.Pair, bool) {
	for _, p := range pairs {
		if Normalize(p.Key) == "answers" && p.Value.Kind() == strictyaml.Mapping {
			return p, true
		}
	}
	return strictyaml.Pair{}, false
}

// ParseAssignment reads "question=answer", as given to --answer.
func ParseAssignment(s, from string) (Given, error) {
	q, a, ok := strings.Cut(s, "=")
	if !ok || strings.TrimSpace(q) == "" {
		return Given{}, fmt.Errorf("%s %s: expected question=answer, e.g. scope=specific-skills", from, textsafe.Quote(s))
	}
	return Given{Question: q, Answer: a, From: from}, nil
}

// Resolve checks answers against a bank and builds the engine's selection. A later answer
// to the same question replaces an earlier one. Every problem is reported, not just the
// first.
func Resolve(b *bank.Bank, given []Given) (bank.Selection, error) {
	sel := make(bank.Selection, len(b.Questions))
	var problems []string
	for _, g := range given {
		q, err := FindQuestion(b, g.Question)
		if err != nil {
			problems = append(problems, prefix(g.From, err.Error()))
			continue
		}
		o, err := FindOption(q, g.Answer)
		if err != nil {
			problems = append(problems, prefix(g.From, err.Error()))
			continue
		}
		sel[q.Index] = o
	}
	if len(problems) > 0 {
		return nil, &Error{Problems: problems}
	}
	return sel, nil
}

// FindQuestion looks a question up by id, or else by its title or prompt as the
// questionnaire shows them ("Who drives"), if no other question has the same.
func FindQuestion(b *bank.Bank, id string) (*bank.Question, error) {
	if q, ok := b.Question(Normalize(id)); ok {
		return q, nil
	}
	if w := bank.Words(id); w != "" {
		var found []*bank.Question
		for _, q := range b.Questions {
			if slices.Contains(q.Names(), w) {
				found = append(found, q)
			}
		}
		if len(found) == 1 { // a name two questions share names neither
			return found[0], nil
		}
	}
	ids := b.QuestionIDs()
	return nil, fmt.Errorf("unknown question %s%s; questions: %s", textsafe.Quote(id), didYouMean(Normalize(id), ids), strings.Join(ids, ", "))
}

// FindOption looks an answer up by id, or else by its label as the questionnaire shows it
// ("A few weeks", "Not sure"), which is what a spreadsheet filled in by hand often holds.
// It returns nil for unsure or an empty answer.
func FindOption(q *bank.Question, id string) (*bank.Option, error) {
	if o, ok := q.Option(id); ok { // the common case, and no allocation
		return o, nil
	}
	n, w := Normalize(id), bank.Words(id)
	if n == bank.Unsure || n == "" || w == notSure {
		return nil, nil
	}
	if o, ok := q.Option(n); ok {
		return o, nil
	}
	if o := byLabel(q, w); o != nil {
		return o, nil
	}
	choices := q.Choices()
	return nil, fmt.Errorf("unknown answer %s for %s%s; valid: %s", textsafe.Quote(id), q.ID, didYouMean(n, choices), strings.Join(choices, ", "))
}

// NotSure is the questionnaire's label for unsure, which is accepted for it too.
const NotSure = "Not sure"

var notSure = bank.Words(NotSure)

// byLabel is the option whose label has the words w; nil if none has, or if more than one
// has, since then the label does not say which.
func byLabel(q *bank.Question, w string) *bank.Option {
	var found *bank.Option
	for _, o := range q.Options {
		if bank.Words(o.Label) == w {
			if found != nil {
				return nil
			}
			found = o
		}
	}
	return found
}

// Map returns a selection as question id to answer id, for answered questions only.
func Map(b *bank.Bank, sel bank.Selection) map[string]string {
	out := map[string]string{}
	for i, o := range sel {
		if o != nil {
			out[b.Questions[i].ID] = o.ID
		}
	}
	return out
}

// IsError reports whether err is a problem with the answers themselves (as opposed to,
// say, a file that cannot be read).
func IsError(err error) bool {
	var e *Error
	var se *strictyaml.Error
	return errors.As(err, &e) || errors.As(err, &se)
}

func prefix(from, msg string) string {
	if from == "" {
		return msg
	}
	return from + ": " + msg
}

// didYouMean suggests the closest valid id for a likely typo.
func didYouMean(s string, valid []string) string {
	if best := Closest(s, valid); best != "" {
		return fmt.Sprintf(" (did you mean %q?)", best)
	}
	return ""
}

// Closest is the valid word s is most likely a typo of, or "" if none is close.
func Closest(s string, valid []string) string {
	best, bestD := "", 3
	for _, v := range valid {
		d := distance(s, v)
		if strings.HasPrefix(v, s) && len(s) >= 3 {
			d = min(d, 1)
		}
		if d < bestD {
			best, bestD = v, d
		}
	}
	if s == "" {
		return ""
	}
	return best
}

// distance is the Levenshtein distance, capped for long inputs.
func distance(a, b string) int {
	if len(a) > 64 || len(b) > 64 {
		return 99
	}
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}
