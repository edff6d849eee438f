package bank_test

import (
	"regexp"
	"strings"
	"testing"

	"github.com/coachmentor/coachmentor/internal/bank"
	"github.com/coachmentor/coachmentor/internal/textsafe"
	"github.com/coachmentor/coachmentor/questions"
)

var capped = regexp.MustCompile(`^… and [0-9]+ more problems?$`)

// Any bytes as a bank: every problem on its own line naming the file, never a panic; a
// bank that loads is indexed and hashed.
func FuzzParse(f *testing.F) {
	f.Add([]byte(minimal))
	f.Add(questions.Default().Raw)
	f.Add([]byte("version: 1\nquestions: []\n"))
	f.Add([]byte("questions:\n  - id: a\n    options: {x: 1}\n"))
	f.Add([]byte("a: &a [*a]\n"))
	f.Add([]byte(strings.Repeat("[", 100)))
	f.Fuzz(func(t *testing.T, data []byte) {
		b, err := bank.Parse("f.yaml", data)
		if err != nil {
			lines := strings.Split(err.Error(), "\n")
			if last := lines[len(lines)-1]; capped.MatchString(last) {
				lines = lines[:len(lines)-1] // "… and 62 more problems" after the first 20
			}
			for _, line := range lines {
				if !strings.HasPrefix(line, "f.yaml") {
					t.Fatalf("problem without the file: %q", line)
				}
			}
			if textsafe.HasUnsafe(strings.ReplaceAll(err.Error(), "\n", " ")) {
				t.Fatalf("unsafe message: %q", err)
			}
			return
		}
		if b.Hash == "" || len(b.Questions) == 0 || len(b.Types) == 0 {
			t.Fatalf("a loaded bank is incomplete: %+v", b)
		}
		for _, q := range b.Questions {
			if got, ok := b.Question(q.ID); !ok || got != q {
				t.Fatalf("question %q not indexed", q.ID)
			}
		}
	})
}
