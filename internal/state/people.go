package state

import (
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"
	"unicode"

	"github.com/coachmentor/coachmentor/internal/answers"
	"github.com/coachmentor/coachmentor/internal/bank"
	"github.com/coachmentor/coachmentor/internal/roster"
	"github.com/coachmentor/coachmentor/internal/safefile"
)

// A manager's team: each person's answers in a file of their own in the people folder
// beside the state file, the name inside, so that answering for one never touches
// another's.

// PeopleDir is the folder of people's answers for the state file at statePath.
func PeopleDir(statePath string) string { return filepath.Join(filepath.Dir(statePath), "people") }

// PersonFile is the file that keeps name's answers in dir: the name's letters and digits,
// then a hash of the whole name folded to lower case, so that any name makes a safe file
// name, two names never share one, and "Ann Lee" and "ann lee" are one person.
func PersonFile(dir, name string) string {
	key := Key(name)
	var slug strings.Builder
	for _, r := range key {
		switch {
		case slug.Len() >= 32:
		case r < 128 && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			slug.WriteRune(r)
		case slug.Len() > 0 && !strings.HasSuffix(slug.String(), "-"):
			slug.WriteByte('-')
		}
	}
	sum := sha256.Sum256([]byte(key))
	return filepath.Join(dir, strings.Trim(slug.String(), "-")+"-"+hex.EncodeToString(sum[:4])+".yaml")
}

// Key is how names are compared: case and surrounding spaces aside.
func Key(name string) string { return strings.ToLower(strings.Join(strings.Fields(name), " ")) }

// Person is one person's kept answers.
type Person struct {
	Name string
	Path string
	// Saved are the answers this bank knows; nil when there are none.
	Saved *Saved
}

// Answered is how many questions the person has answered, "Not sure" included.
func (p Person) Answered() int {
	if p.Saved == nil {
		return 0
	}
	return len(p.Saved.Answers)
}

// People lists everyone kept in dir, by name. A file that cannot be read is skipped and
// named in skipped.
func People(dir string, b *bank.Bank) (people []Person, skipped []string, err error) {
	entries, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil, nil
	}
	if err != nil {
		return nil, nil, err
	}
	for _, e := range entries {
		if e.IsDir() || filepath.Ext(e.Name()) != ".yaml" {
			continue
		}
		path := filepath.Join(dir, e.Name())
		p, err := readPerson(path, b)
		if err != nil || strings.TrimSpace(p.Name) == "" {
			skipped = append(skipped, path)
			continue
		}
		people = append(people, p)
	}
	slices.SortFunc(people, func(a, b Person) int { return cmp.Compare(Key(a.Name), Key(b.Name)) })
	return people, skipped, nil
}

// Find is the person called name in dir, nil if there is none.
func Find(dir, name string, b *bank.Bank) (*Person, error) {
	p, err := readPerson(PersonFile(dir, name), b)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	return &p, nil
}

// readPerson reads a person's file once: their name, and the answers b knows.
func readPerson(path string, b *bank.Bank) (Person, error) {
	f, err := read(path)
	if err != nil {
		return Person{}, err
	}
	return Person{Name: f.Name, Path: path, Saved: saved(path, f, b)}, nil
}

// Given are the person's answers in bank order, as a roster row or flags give them.
func (p Person) Given(b *bank.Bank) []answers.Given {
	var out []answers.Given
	for _, q := range b.Questions {
		if p.Saved != nil && p.Saved.Answers[q.ID] != "" {
			out = append(out, answers.Given{Question: q.ID, Answer: p.Saved.Answers[q.ID], From: "the kept answers"})
		}
	}
	return out
}

// TakeOver moves answers kept in the state file under a name (as --for gave it before
// people had files of their own) to that person's file, unless the person has one
// already. Answers without a name stay where they are.
func TakeOver(statePath string) error {
	f, err := read(statePath)
	if err != nil || strings.TrimSpace(f.Name) == "" {
		return nil // nothing kept, or nothing to take over
	}
	dir := PeopleDir(statePath)
	to := PersonFile(dir, f.Name)
	if _, err := os.Stat(to); err == nil {
		return nil
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return err
	}
	return os.Rename(statePath, to)
}

// InUseError is a person whose answers another questionnaire has open.
type InUseError struct{ Name string }

func (e *InUseError) Error() string {
	return fmt.Sprintf("%s's answers are open in another coachmentor questionnaire; finish there, or close it first", e.Name)
}

// LockPerson keeps other questionnaires from the answers at path while this one has them
// open; the system lets go when the process ends, however it ends.
func LockPerson(path, name string) (unlock func(), err error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, err
	}
	unlock, held, err := safefile.Lock(strings.TrimSuffix(path, ".yaml") + ".lock")
	if held {
		return nil, &InUseError{Name: name}
	}
	return unlock, err
}

// RemovePerson deletes a person's answers and their lock.
func RemovePerson(path string) error {
	if err := os.Remove(path); err != nil {
		return err
	}
	_ = os.Remove(strings.TrimSuffix(path, ".yaml") + ".lock")
	return nil
}

// RosterOf is people as a roster's respondents, each one's name their id, for
// roster.WriteAnswers: a team export that batch scores.
func RosterOf(people []Person) []roster.Answers {
	out := make([]roster.Answers, len(people))
	for i, p := range people {
		out[i] = roster.Answers{ID: p.Name}
		if p.Saved != nil {
			out[i].Answers = p.Saved.Answers
		}
	}
	return out
}

// RenamePerson gives the person called from the name to, keeping their answers; it
// refuses a name another person has.
func RenamePerson(dir, from, to string, b *bank.Bank, now time.Time) error {
	p, err := Find(dir, from, b)
	if err != nil {
		return err
	}
	if p == nil {
		return fmt.Errorf("no one called %s", from)
	}
	newPath := PersonFile(dir, to)
	if newPath != p.Path {
		if _, err := os.Stat(newPath); err == nil {
			return fmt.Errorf("%s is on the team already", to)
		}
	}
	unlock, err := LockPerson(p.Path, p.Name)
	if err != nil {
		return err
	}
	defer unlock()
	var given map[string]string
	if p.Saved != nil {
		given = p.Saved.Answers
	}
	if err := Save(newPath, b, given, to, now); err != nil {
		return err
	}
	if newPath != p.Path {
		return RemovePerson(p.Path)
	}
	return nil
}
