package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestGenerate(t *testing.T) {
	dir := t.TempDir()
	if err := generate(dir); err != nil {
		t.Fatal(err)
	}
	for _, page := range []string{"coachmentor.1", "coachmentor-recommend.1", "coachmentor-batch.1", "coachmentor-questions.1", "coachmentor-validate.1", "coachmentor-version.1", "coachmentor-completion.1", "coachmentor-completion-bash.1"} {
		data, err := os.ReadFile(filepath.Join(dir, page))
		if err != nil {
			t.Fatalf("%s: %v", page, err)
		}
		if !strings.Contains(string(data), ".SH NAME") {
			t.Fatalf("%s is not a man page", page)
		}
		text := string(data)
		exit, env, see := strings.Index(text, ".SH EXIT STATUS"), strings.Index(text, ".SH ENVIRONMENT"), strings.Index(text, ".SH SEE ALSO")
		if exit < 0 || env < exit || see < env {
			t.Fatalf("%s lacks EXIT STATUS and ENVIRONMENT before SEE ALSO", page)
		}
	}
}
