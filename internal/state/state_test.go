package state

import (
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/coachmentor/coachmentor/questions"
)

func TestPath(t *testing.T) {
	env := map[string]string{"XDG_STATE_HOME": "/x/state", "HOME": "/home/u"}
	getenv := func(k string) string { return env[k] }
	if got, _ := Path(getenv); got != "/x/state/coachmentor/answers.yaml" {
		t.Errorf("XDG_STATE_HOME: %s", got)
	}
	if runtime.GOOS == "linux" {
		env["XDG_STATE_HOME"] = "relative/not/allowed"
		if got, _ := Path(getenv); got != "/home/u/.local/state/coachmentor/answers.yaml" {
			t.Errorf("HOME fallback: %s", got)
		}
	}
}

func TestSaveLoadRoundTrip(t *testing.T) {
	b := questions.Default()
	path := filepath.Join(t.TempDir(), "deep", "coachmentor", FileName)
	given := map[string]string{"goal": "growth", "scope": "broad-development", "guide": "unsure"}
	if err := Save(path, b, given, "Zoë \"Z\" Lee", time.Date(2026, 11, 22, 10, 0, 0, 0, time.UTC)); err != nil {
		t.Fatal(err)
	}
	// The answers are the person's own: the folder and the file are theirs alone.
	if runtime.GOOS != "windows" {
		dir, _ := os.Stat(filepath.Dir(path))
		file, _ := os.Stat(path)
		if dir.Mode().Perm() != 0o700 || file.Mode().Perm() != 0o600 {
			t.Errorf("folder %v, file %v; want 0700 and 0600", dir.Mode().Perm(), file.Mode().Perm())
		}
	}
	data, _ := os.ReadFile(path)
	// Bank order, with the name, and a comment that says how to use the file.
	if !strings.Contains(string(data), "name: \"Zoë \\\"Z\\\" Lee\"\ngoal: growth\nscope: broad-development\nguide: unsure\n") ||
		!strings.Contains(string(data), "coachmentor recommend --answers "+path) {
		t.Fatalf("file:\n%s", data)
	}
	saved, err := Load(path, b)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(saved.Answers, given) || saved.For != "Zoë \"Z\" Lee" {
		t.Fatalf("loaded %v for %q, want %v", saved.Answers, saved.For, given)
	}
	if err := Remove(path); err != nil {
		t.Fatal(err)
	}
	if saved, err := Load(path, b); saved != nil || err != nil {
		t.Fatalf("after remove: %v %v", saved, err)
	}
	if err := Remove(path); err != nil {
		t.Fatal("removing twice is not an error")
	}
}

func TestLoadDropsWhatTheBankNoLongerAsks(t *testing.T) {
	path := filepath.Join(t.TempDir(), FileName)
	os.WriteFile(path, []byte("scope: specific-skills\nretired: yes\nduration: decades\n"), 0o600)
	saved, err := Load(path, questions.Default())
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(saved.Answers, map[string]string{"scope": "specific-skills"}) || !reflect.DeepEqual(saved.Other, []string{"retired"}) {
		t.Fatalf("loaded %v, other %v", saved.Answers, saved.Other)
	}
}

// Answers saved with another bank, to questions this one does not ask, are neither offered
// nor lost: saving and finishing with this bank keep them for the bank that asks them.
func TestOtherBanksAnswersStay(t *testing.T) {
	b := questions.Default()
	path := filepath.Join(t.TempDir(), FileName)
	os.WriteFile(path, []byte("scope: specific-skills\nmanager: manager-can\n"), 0o600)
	now := time.Date(2026, 11, 22, 10, 0, 0, 0, time.UTC)
	if err := Save(path, b, map[string]string{"scope": "broad-development", "goal": "growth"}, "", now); err != nil {
		t.Fatal(err)
	}
	saved, err := Load(path, b)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(saved.Answers, map[string]string{"scope": "broad-development", "goal": "growth"}) || !reflect.DeepEqual(saved.Other, []string{"manager"}) {
		t.Fatalf("loaded %v, other %v", saved.Answers, saved.Other)
	}
	// Finished: this bank's answers are used up, the other bank's stay.
	if err := Done(path, b, now); err != nil {
		t.Fatal(err)
	}
	if saved, err := Load(path, b); saved != nil || err != nil {
		t.Fatalf("after done, this bank is offered %v %v", saved, err)
	}
	data, err := os.ReadFile(path)
	if err != nil || !strings.HasSuffix(string(data), "# For questions another bank asks:\nmanager: manager-can\n") || strings.Contains(string(data), "scope:") {
		t.Fatalf("after done: %v\n%s", err, data)
	}
	// With nothing of another bank's, finishing removes the file.
	os.WriteFile(path, []byte("scope: specific-skills\n"), 0o600)
	if err := Done(path, b, now); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(path); !os.IsNotExist(err) {
		t.Fatalf("the file is still there: %v", err)
	}
}

func TestLoadBrokenFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), FileName)
	os.WriteFile(path, []byte("- not\n- a mapping\n"), 0o600)
	if _, err := Load(path, questions.Default()); err == nil {
		t.Fatal("a broken file loads")
	}
}
