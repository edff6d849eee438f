package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
	"github.com/rogpeppe/go-internal/txtar"
)

// The README's transcripts (a code block that starts with "$ coachmentor ...") show what
// the program prints on standard error, word for word. They are made into a script each
// time, so the README cannot drift from the program: team.csv is in testdata/readme, and
// my-bank.yaml is the default bank with the two mistakes the README describes.
func TestREADMETranscripts(t *testing.T) {
	readme, err := os.ReadFile(filepath.Join("..", "..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	team, err := os.ReadFile(filepath.Join("testdata", "readme", "team.csv"))
	if err != nil {
		t.Fatal(err)
	}
	archive := &txtar.Archive{Files: []txtar.File{{Name: "team.csv", Data: team}, {Name: "my-bank.yaml", Data: brokenBank(t)}}}
	var script strings.Builder
	script.WriteString("# The README's transcripts: each command prints on standard error what the README shows.\n")
	found := 0
	for _, block := range strings.Split(string(readme), "```")[1:] {
		cmdLine, want, _ := strings.Cut(strings.TrimPrefix(block, "\n"), "\n")
		args, ok := strings.CutPrefix(cmdLine, "$ coachmentor ")
		if !ok || strings.HasSuffix(cmdLine, `\`) {
			continue // not a transcript, or one that needs a shell
		}
		found++
		name := fmt.Sprintf("transcript%d.txt", found)
		fmt.Fprintf(&script, "\n%sexec coachmentor %s\ncmp stderr %s\n", negation(t, team, args), args, name)
		archive.Files = append(archive.Files, txtar.File{Name: name, Data: []byte(strings.TrimSpace(want) + "\n")})
	}
	if found < 3 {
		t.Fatalf("found %d transcripts in the README; the recommend, batch and validate ones are gone", found)
	}
	archive.Comment = []byte(script.String())
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "readme.txtar"), txtar.Format(archive), 0o644); err != nil {
		t.Fatal(err)
	}
	testscript.Run(t, scriptParams(dir))
}

// negation is "! " for a transcript whose command fails, as most show an error.
func negation(t *testing.T, team []byte, args string) string {
	t.Helper()
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "team.csv"), team)
	writeFile(t, filepath.Join(dir, "my-bank.yaml"), brokenBank(t))
	cmd := exec.Command(binary, strings.Fields(args)...)
	cmd.Dir = dir
	if cmd.Run() != nil {
		return "! "
	}
	return ""
}

func writeFile(t *testing.T, name string, data []byte) {
	t.Helper()
	if err := os.WriteFile(name, data, 0o644); err != nil {
		t.Fatal(err)
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
