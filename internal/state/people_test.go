package state

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/coachmentor/coachmentor/questions"
)

var now = time.Date(2026, 12, 5, 9, 0, 0, 0, time.UTC)

// Any name makes a safe file of its own; a name in other letter case or spacing is the
// same person.
func TestPersonFile(t *testing.T) {
	dir := "/s/people"
	for _, name := range []string{"Ann Lee", "../../etc/passwd", "名前", "\x1b[31mred", strings.Repeat("x", 300)} {
		p := PersonFile(dir, name)
		if filepath.Dir(p) != dir || strings.ContainsAny(filepath.Base(p), "/\\\x1b ") || len(filepath.Base(p)) > 50 {
			t.Errorf("%q: %q", name, p)
		}
	}
	if PersonFile(dir, "Ann Lee") != PersonFile(dir, "  ann   LEE ") || PersonFile(dir, "Ann Lee") == PersonFile(dir, "Ann Leé") {
		t.Error("names and files do not match one to one")
	}
}

// People are listed by name with their answers; renamed, they keep them; removed, their
// file is gone; one open in a questionnaire is refused to another.
func TestPeople(t *testing.T) {
	b := questions.Default()
	dir := filepath.Join(t.TempDir(), "people")
	for name, goal := range map[string]string{"bo Ray": "growth", "Ann Lee": "performance"} {
		if err := Save(PersonFile(dir, name), b, map[string]string{"goal": goal}, name, now); err != nil {
			t.Fatal(err)
		}
	}
	os.WriteFile(filepath.Join(dir, "stray.yaml"), []byte("goal: growth\n"), 0o600)
	people, skipped, err := People(dir, b)
	if err != nil || len(people) != 2 || people[0].Name != "Ann Lee" || people[1].Answered() != 1 || len(skipped) != 1 {
		t.Fatalf("%v %+v %v", err, people, skipped)
	}
	if err := RenamePerson(dir, "ann lee", "Bo Ray", b, now); err == nil {
		t.Fatal("renamed onto another person")
	}
	if err := RenamePerson(dir, "ann lee", "Ann Smith", b, now); err != nil {
		t.Fatal(err)
	}
	p, _ := Find(dir, "ANN SMITH", b)
	if p == nil || p.Name != "Ann Smith" || p.Saved.Answers["goal"] != "performance" {
		t.Fatalf("renamed: %+v", p)
	}
	if old, _ := Find(dir, "Ann Lee", b); old != nil {
		t.Fatal("the old name is still there")
	}

	unlock, err := LockPerson(p.Path, p.Name)
	if err != nil {
		t.Fatal(err)
	}
	// A lock is per open file: a second one, as another process would take it, is refused.
	var inUse *InUseError
	if _, err := LockPerson(p.Path, p.Name); !errors.As(err, &inUse) || !strings.Contains(err.Error(), "Ann Smith's answers are open in another") {
		t.Fatalf("second lock: %v", err)
	}
	unlock()
	if err := RemovePerson(p.Path); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(p.Path); !errors.Is(err, os.ErrNotExist) {
		t.Fatal("the file is still there")
	}
}

// Answers kept under a name before people had files become that person's; answers
// without a name stay.
func TestTakeOver(t *testing.T) {
	b := questions.Default()
	statePath := filepath.Join(t.TempDir(), "coachmentor", FileName)
	if err := Save(statePath, b, map[string]string{"goal": "growth"}, "", now); err != nil {
		t.Fatal(err)
	}
	if TakeOver(statePath); !exists(statePath) {
		t.Fatal("answers without a name were moved")
	}
	Save(statePath, b, map[string]string{"goal": "growth"}, "Di Ng", now)
	if err := TakeOver(statePath); err != nil || exists(statePath) {
		t.Fatalf("%v: not taken over", err)
	}
	if p, _ := Find(PeopleDir(statePath), "di ng", b); p == nil || p.Saved.Answers["goal"] != "growth" {
		t.Fatalf("Di Ng: %+v", p)
	}
}

func exists(path string) bool { _, err := os.Stat(path); return err == nil }
