// Package state keeps the questionnaire's unfinished answers between runs. They are saved
// when the questionnaire is interrupted and offered again at the next start. The file is an
// ordinary answers file, so `coachmentor recommend --answers FILE` can score it too.
package state

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"time"

	"github.com/coachmentor/coachmentor/internal/answers"
	"github.com/coachmentor/coachmentor/internal/bank"
	"github.com/coachmentor/coachmentor/internal/safefile"
)

// FileName is the name of the saved answers inside the state folder.
const FileName = "answers.yaml"

// Path is where unfinished answers are kept: $XDG_STATE_HOME/coachmentor on Unix (by
// default ~/.local/state/coachmentor), the user's configuration folder elsewhere.
func Path(getenv func(string) string) (string, error) {
	if dir := getenv("XDG_STATE_HOME"); dir != "" && filepath.IsAbs(dir) {
		return filepath.Join(dir, "coachmentor", FileName), nil
	}
	switch runtime.GOOS {
	case "windows", "darwin", "ios", "plan9":
		dir, err := os.UserConfigDir()
		if err != nil {
			return "", err
		}
		return filepath.Join(dir, "coachmentor", FileName), nil
	}
	home := getenv("HOME")
	if home == "" {
		var err error
		if home, err = os.UserHomeDir(); err != nil {
			return "", err
		}
	}
	return filepath.Join(home, ".local", "state", "coachmentor", FileName), nil
}

// Saved is what a state file holds.
type Saved struct {
	// Answers maps question ids to answer ids, `unsure` included.
	Answers map[string]string
	// At is when the answers were saved.
	At time.Time
	// Other lists the questions answered in the file that this bank does not ask: answers
	// saved with another bank, which stay in the file for it.
	Other []string
	// For names the person or team the answers are for, as --for gave it; "" for none.
	For string
}

// Save writes answers (question id to answer id) atomically, in bank order, with the name
// of the person or team they are for, if any. Answers already in the file to questions
// this bank does not ask, saved with another bank, are kept after them: one bank's
// questionnaire does not lose another's answers.
func Save(path string, b *bank.Bank, given map[string]string, name string, now time.Time) error {
	return save(path, b, given, name, others(path, b), now)
}

// save writes given, then other: the answers to questions b does not ask.
func save(path string, b *bank.Bank, given map[string]string, name string, other []answers.Given, now time.Time) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return fmt.Errorf("cannot save your answers: %w", err)
	}
	var buf bytes.Buffer
	fmt.Fprintf(&buf, "# coachmentor: answers saved %s from an unfinished questionnaire.\n", now.Format("2006-01-02 15:04"))
	fmt.Fprintf(&buf, "# Run coachmentor to resume, or score them with: coachmentor recommend --answers %s\n", path)
	fmt.Fprintf(&buf, "# Question bank %s (%s).\n", b.Version, b.Hash)
	if name != "" {
		quoted, _ := json.Marshal(name) // a JSON string is a YAML one; a string cannot fail
		fmt.Fprintf(&buf, "%s: %s\n", answers.NameKey, quoted)
	}
	for _, q := range b.Questions {
		if a, ok := given[q.ID]; ok && a != "" {
			fmt.Fprintf(&buf, "%s: %s\n", q.ID, a)
		}
	}
	if len(other) > 0 {
		fmt.Fprintf(&buf, "# For questions another bank asks:\n")
		for _, g := range other {
			fmt.Fprintf(&buf, "%s: %s\n", g.Question, g.Answer)
		}
	}
	return safefile.WritePrivate(path, buf.Bytes(), true)
}

// Done is called when the questionnaire is finished: the saved answers are used up,
// except those to questions this bank does not ask, which stay for the bank that does.
func Done(path string, b *bank.Bank, now time.Time) error {
	other := others(path, b)
	if len(other) == 0 {
		return Remove(path)
	}
	return save(path, b, nil, "", other, now)
}

// others reads the answers in the file at path to questions b does not ask. Only plain
// ids are kept, as Save writes them; a file that cannot be read has none.
func others(path string, b *bank.Bank) []answers.Given {
	f, err := read(path)
	if err != nil {
		return nil
	}
	var out []answers.Given
	for _, g := range f.Answers {
		if _, err := answers.FindQuestion(b, g.Question); err != nil && plain(g) {
			out = append(out, g)
		}
	}
	return out
}

// read parses the answers file at path.
func read(path string) (answers.File, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return answers.File{}, err
	}
	return answers.ParseFile(path, data)
}

// plain reports whether an answer is written with ids only, as Save writes them: the
// answers of another bank that are kept.
func plain(g answers.Given) bool {
	return g.Question != "" && answers.Normalize(g.Question) == g.Question && g.Answer != "" && answers.Normalize(g.Answer) == g.Answer
}

// Load reads saved answers, keeping those the bank still knows. A missing file is not an
// error: it returns nil.
func Load(path string, b *bank.Bank) (*Saved, error) {
	f, err := read(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	return saved(path, f, b), nil
}

// saved is what the file f read from path holds for the bank b; nil if no answer it knows.
func saved(path string, f answers.File, b *bank.Bank) *Saved {
	s := &Saved{Answers: map[string]string{}, For: f.Name}
	if st, err := os.Stat(path); err == nil {
		s.At = st.ModTime()
	}
	for _, g := range f.Answers {
		q, err := answers.FindQuestion(b, g.Question)
		if err != nil {
			// Another bank's question, or one this bank has since dropped: not offered,
			// but kept in the file.
			if plain(g) {
				s.Other = append(s.Other, g.Question)
			}
			continue
		}
		if o, err := answers.FindOption(q, g.Answer); err == nil {
			s.Answers[q.ID] = bank.Unsure
			if o != nil {
				s.Answers[q.ID] = o.ID
			}
		}
	}
	if len(s.Answers) == 0 {
		return nil
	}
	return s
}

// Remove deletes saved answers, if any.
func Remove(path string) error {
	err := os.Remove(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	return err
}
