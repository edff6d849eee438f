package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// The README's transcripts (a code block that starts with "$ coachmentor ...") show what
// the program prints on standard error, word for word. team.csv is in testdata/readme;
// my-bank.yaml is the default bank with the two mistakes the README describes.
func TestREADMETranscripts(t *testing.T) {
	readme, err := os.ReadFile(filepath.Join("..", "..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	team, err := os.ReadFile(filepath.Join("testdata", "readme", "team.csv"))
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, filepath.Join(dir, "team.csv"), team)
	writeFile(t, filepath.Join(dir, "my-bank.yaml"), brokenBank(t))

	found := 0
	for _, block := range strings.Split(string(readme), "```")[1:] {
		cmdLine, want, _ := strings.Cut(strings.TrimPrefix(block, "\n"), "\n")
		if !strings.HasPrefix(cmdLine, "$ coachmentor ") || strings.HasSuffix(cmdLine, `\`) {
			continue // not a transcript, or one that needs a shell
		}
		found++
		var stderr bytes.Buffer
		cmd := exec.Command(binary, strings.Fields(strings.TrimPrefix(cmdLine, "$ coachmentor "))...)
		cmd.Dir, cmd.Stderr = dir, &stderr
		cmd.Run()
		if got, want := strings.TrimSpace(stderr.String()), strings.TrimSpace(want); got != want {
			t.Errorf("%s\nprints:\n%s\nthe README says:\n%s", cmdLine, got, want)
		}
	}
	if found < 3 {
		t.Fatalf("found %d transcripts in the README; the recommend, batch and validate ones are gone", found)
	}
}

// brokenBank is the default bank with an unknown key in the first question and a weight
// toward a misspelt type, at the lines the README shows.
func brokenBank(t *testing.T) []byte {
	t.Helper()
	out, err := exec.Command(binary, "questions", "--format", "yaml").Output()
	if err != nil {
		t.Fatal(err)
	}
	bank := strings.Replace(string(out), "  - id: participants\n", "  - id: participants\n    colour: blue\n", 1)
	return []byte(strings.Replace(bank, "types: {performance-coaching: 1,", "types: {perf-coaching: 1,", 1))
}

func writeFile(t *testing.T, name string, data []byte) {
	t.Helper()
	if err := os.WriteFile(name, data, 0o644); err != nil {
		t.Fatal(err)
	}
}
