package answers_test

import (
	"strings"
	"testing"

	"github.com/coachmentor/coachmentor/internal/answers"
	"github.com/coachmentor/coachmentor/internal/textsafe"
	"github.com/coachmentor/coachmentor/questions"
)

// Any bytes as an answers file: an error or answers, never a panic, and messages that
// are safe to print.
func FuzzParseFile(f *testing.F) {
	for _, s := range []string{
		"scope: specific-skills\nduration: weeks\n",
		`{"scope": "broad-development", "goal": null}`,
		"- a\n- b\n", "scope: [x]\n", "a: &x 1\nb: *x\n", "\ufeffscope: weeks\r\n",
		"scope: \"\\e]0;x\\a\"\n", "{", "scope:\n  deep: {a: [1, {b: 2}]}\n", "---\n---\n",
	} {
		f.Add([]byte(s))
	}
	b := questions.Default()
	f.Fuzz(func(t *testing.T, data []byte) {
		given, err := answers.ParseFile("a.yaml", data)
		if err != nil {
			if textsafe.HasUnsafe(err.Error()) {
				t.Fatalf("unsafe message: %q", err)
			}
			if !strings.HasPrefix(err.Error(), "a.yaml") {
				t.Fatalf("message does not name the file: %q", err)
			}
			return
		}
		if _, err := answers.Resolve(b, given.Answers); err != nil && textsafe.HasUnsafe(err.Error()) {
			t.Fatalf("unsafe message: %q", err)
		}
	})
}

// Any text as an --answer value.
func FuzzAssignment(f *testing.F) {
	for _, s := range []string{"scope=specific-skills", "Scope=Broad_Development", "=", "scope", "goal=\x1b[31m", "x=y=z", "durration=weeks"} {
		f.Add(s)
	}
	b := questions.Default()
	f.Fuzz(func(t *testing.T, s string) {
		g, err := answers.ParseAssignment(s, "--answer")
		if err != nil {
			if textsafe.HasUnsafe(err.Error()) {
				t.Fatalf("unsafe message: %q", err)
			}
			return
		}
		sel, err := answers.Resolve(b, []answers.Given{g})
		if err != nil {
			if textsafe.HasUnsafe(err.Error()) || strings.Count(err.Error(), "\n") > 0 {
				t.Fatalf("message: %q", err)
			}
			return
		}
		if len(sel) != len(b.Questions) {
			t.Fatal("selection of the wrong length")
		}
	})
}
