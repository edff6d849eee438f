package main

import (
	"bytes"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// Every file in examples/ works as the README says.
func TestExamples(t *testing.T) {
	ex := func(name string) string { return filepath.Join("..", "..", "examples", name) }
	tests := []struct {
		name string
		args []string
		want []string
	}{
		{"answers.yaml", []string{"recommend", "--answers", ex("answers.yaml")}, []string{"Recommendation: Coaching", "Not answered (4): Knowledge, Fit, Budget, Reach"}},
		{"answers.json", []string{"recommend", "--answers", ex("answers.json"), "--format", "json"}, []string{`"recommendation": "mentoring"`, `"top_type": "one-on-one-mentoring"`}},
		{"team.csv", []string{"batch", ex("team.csv"), "--format", "csv"}, []string{"amara,coaching,", `"Gómez, Luis",coaching,`, "hana,mentoring,", "fatima,undecided,"}},
		{"client-bank.yaml validates", []string{"validate", ex("client-bank.yaml")}, []string{"valid question bank 2.0.0-acme.1", "16 questions"}},
		{"client-bank.yaml scores", []string{"recommend", "--questions", ex("client-bank.yaml"), "--answer", "manager=someone-else", "--answer", "goal=knowledge", "-f", "json"}, []string{`"manager": "someone-else"`, `"version": "2.0.0-acme.1"`}},
		{"comparison", []string{"batch", ex("team.csv"), "--compare", ex("client-bank.yaml")}, []string{"# Rubric comparison", "question manager: only in B", "| ivan | coaching 0.35 → blend 0.03 |"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			cmd := exec.Command(binary, tt.args...)
			cmd.Stdout, cmd.Stderr = &stdout, &stderr
			if err := cmd.Run(); err != nil {
				t.Fatalf("%v\n%s", err, stderr.String())
			}
			for _, w := range tt.want {
				if !strings.Contains(stdout.String(), w) {
					t.Errorf("output lacks %q:\n%s", w, stdout.String())
				}
			}
		})
	}
}
