package main

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// billionLaughs is the classic exponential-alias file.
func billionLaughs() string {
	var b strings.Builder
	b.WriteString("a0: &a0 [x, x, x, x, x, x, x, x, x]\n")
	for i := 1; i < 10; i++ {
		fmt.Fprintf(&b, "a%d: &a%d [", i, i)
		for j := 0; j < 9; j++ {
			if j > 0 {
				b.WriteString(", ")
			}
			fmt.Fprintf(&b, "*a%d", i-1)
		}
		b.WriteString("]\n")
	}
	return b.String()
}

// TestHostileInput feeds every command what spreadsheets, other tools and other people
// might: each must end with the promised exit status and a clear message, without a
// panic, without an escape sequence on standard error, and without leaving a file behind.
func TestHostileInput(t *testing.T) {
	const esc = "\x1b]0;pwned\x07\x1b[31m"
	bigBank, _ := os.ReadFile(filepath.Join("..", "..", "questions", "default.yaml"))
	tests := []struct {
		name  string
		files map[string]string // written in the working folder first
		args  []string
		stdin string
		code  int
		want  string            // in standard error
		keep  map[string]string // files that must be unchanged afterwards
	}{
		{name: "billion laughs answers", files: map[string]string{"a.yaml": billionLaughs()},
			args: []string{"recommend", "--answers", "a.yaml"}, code: 2, want: "a.yaml:1: anchors (&) are not supported"},
		{name: "billion laughs bank", files: map[string]string{"b.yaml": billionLaughs()},
			args: []string{"validate", "b.yaml"}, code: 2, want: "b.yaml:1: anchors (&) are not supported"},
		{name: "deep nesting", files: map[string]string{"a.yaml": strings.Repeat("[", 1<<20)},
			args: []string{"recommend", "--answers", "a.yaml"}, code: 2, want: "a.yaml:1: nested more than 64 levels deep"},
		{name: "answers too big", files: map[string]string{"a.yaml": "scope: weeks\n" + strings.Repeat("#", 2<<20)},
			args: []string{"recommend", "--answers", "a.yaml"}, code: 2, want: `answers file "a.yaml" is larger than the 1 MiB limit`},
		{name: "bank too big", files: map[string]string{"b.yaml": strings.Repeat("# padding\n", 500000)},
			args: []string{"recommend", "--questions", "b.yaml"}, code: 2, want: `question bank "b.yaml" is larger than the 4 MiB limit`},
		{name: "list for mapping", files: map[string]string{"a.yaml": "- scope\n- weeks\n"},
			args: []string{"recommend", "--answers", "a.yaml"}, code: 2, want: "a.yaml:1: expected a mapping of question id to answer id"},
		{name: "number as answer", files: map[string]string{"a.json": `{"scope": 2}`},
			args: []string{"recommend", "--answers", "a.json"}, code: 2, want: `a.json:1: "scope": expected an answer id as text, found a number`},
		{name: "mapping as answer", files: map[string]string{"a.yaml": "scope:\n  pick: weeks\n"},
			args: []string{"recommend", "--answers", "a.yaml"}, code: 2, want: `a.yaml:1: "scope": expected an answer id as text, found a mapping`},
		{name: "invalid utf-8", files: map[string]string{"a.yaml": "scope: \"\xc3\x28\"\n"},
			args: []string{"recommend", "--answers", "a.yaml"}, code: 2, want: "a.yaml:1: not valid UTF-8 text"},
		{name: "folder as file", files: map[string]string{"dir/x": ""},
			args: []string{"recommend", "--answers", "dir"}, code: 2, want: `answers file "dir" is a folder; expected a file`},
		{name: "empty file", files: map[string]string{"a.yaml": ""},
			args: []string{"recommend", "--answers", "a.yaml"}, code: 2, want: "a.yaml: the file is empty"},
		{name: "duplicate keys", files: map[string]string{"a.yaml": "scope: weeks\nscope: years\n"},
			args: []string{"recommend", "--answers", "a.yaml"}, code: 2, want: `a.yaml:2: invalid YAML: mapping key "scope" already defined at line 1`},
		{name: "escape in answer", files: map[string]string{"a.yaml": "scope: \"" + strings.ReplaceAll(esc, "\x1b", "\\e") + "\"\n"},
			args: []string{"recommend", "--answers", "a.yaml"}, code: 2, want: `unknown answer "\x1b]0;pwned\a\x1b[31m" for scope`},
		{name: "escape in --answer", args: []string{"recommend", "--answer", "goal=" + esc}, code: 2, want: `--answer: unknown answer "\x1b]0;pwned\a\x1b[31m" for goal`},
		{name: "escape in question id", args: []string{"recommend", "--answer", esc + "=x"}, code: 2, want: `unknown question "\x1b]0;pwned\a\x1b[31m"`},
		{name: "huge --answer", args: []string{"recommend", "--answer", "goal=" + strings.Repeat("x", 100<<10)}, code: 2, want: `unknown answer "xxxxxxxx`},
		{name: "escape in bank text", files: map[string]string{"b.yaml": strings.Replace(string(bigBank), "title: Scope", "title: \"Sc\\eope\"", 1)},
			args: []string{"validate", "b.yaml"}, code: 2, want: `question "scope", title: contains the control character U+001B`},
		{name: "escape in csv id", stdin: "id,scope\n\"" + esc + "\",sideways\n",
			args: []string{"batch", "-"}, code: 2, want: `<stdin>:2: unknown answer "sideways"`},
		{name: "csv without line ends", stdin: "scope\n" + strings.Repeat("x", 2<<20),
			args: []string{"batch", "-", "--format", "csv"}, code: 2, want: "<stdin>:2: the line is longer than 1 MiB, the limit for a row; it is skipped"},
		{name: "jsonl garbage", stdin: "{\"id\": \"x\", \"scope\": {\"$gt\": \"\"}}\n\x00\x01\x02\n[1,2]\n",
			args: []string{"batch", "-", "--input", "jsonl"}, code: 2, want: "3 respondents: 0 coaching, 0 mentoring, 0 blend, 0 undecided, 3 invalid"},
		{name: "existing output", files: map[string]string{"r.md": "mine"},
			args: []string{"recommend", "--scope", "specific-skills", "-o", "r.md"}, code: 2, want: "r.md already exists; use --force to replace it",
			keep: map[string]string{"r.md": "mine"}},
		{name: "output in missing folder", args: []string{"recommend", "-o", "no/such/r.md"}, code: 2, want: "the folder no/such does not exist"},
		{name: "traversal ids", files: map[string]string{"out/keep": ""}, stdin: "id,scope\n../../../etc/passwd,specific-skills\n/abs,weeks\n",
			args: []string{"batch", "-", "--out-dir", "out"}, code: 2, want: `<stdin>:3 (id "/abs"): unknown answer "weeks" for scope`},
		{name: "unknown command", args: []string{"recomend"}, code: 2, want: `unknown command "recomend" (did you mean "recommend"?)`},
		{name: "unknown flag", args: []string{"recommend", "--sope", "x"}, code: 2, want: "unknown flag: --sope"},
		{name: "bad format", args: []string{"questions", "--format", esc}, code: 2, want: `invalid --format "\x1b]0;pwned\a\x1b[31m"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			for name, content := range tt.files {
				p := filepath.Join(dir, name)
				os.MkdirAll(filepath.Dir(p), 0o755)
				if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			before := listFiles(dir)
			cmd := exec.Command(binary, tt.args...)
			cmd.Dir = dir
			cmd.Env = append(os.Environ(), "XDG_STATE_HOME="+t.TempDir())
			cmd.Stdin = strings.NewReader(tt.stdin)
			var stdout, stderr bytes.Buffer
			cmd.Stdout, cmd.Stderr = &stdout, &stderr
			err := cmd.Run()
			if code := exitCode(err); code != tt.code {
				t.Errorf("exit %d, want %d; stderr:\n%s", code, tt.code, stderr.String())
			}
			msg := stderr.String()
			if strings.Contains(msg, "panic") || strings.Contains(msg, "goroutine ") {
				t.Fatalf("a panic:\n%s", msg)
			}
			if strings.ContainsAny(msg, "\x1b\x07") {
				t.Errorf("an escape sequence on standard error: %q", msg)
			}
			if !strings.Contains(msg, strings.NewReplacer("\x1b", `\x1b`, "\a", `\a`).Replace(tt.want)) {
				t.Errorf("stderr lacks %q:\n%s", tt.want, msg)
			}
			if strings.ContainsAny(stdout.String(), "\x1b\x07") {
				t.Errorf("an escape sequence on standard output")
			}
			// Nothing left behind but what the command was asked to make.
			for _, f := range listFiles(dir) {
				if !contains(before, f) && !strings.HasPrefix(f, "out/") {
					t.Errorf("left behind: %s", f)
				}
				if strings.Contains(f, ".tmp-") {
					t.Errorf("temporary file left: %s", f)
				}
			}
			for name, want := range tt.keep {
				if got, _ := os.ReadFile(filepath.Join(dir, name)); string(got) != want {
					t.Errorf("%s changed to %q", name, got)
				}
			}
		})
	}
}

func listFiles(dir string) []string {
	var out []string
	filepath.Walk(dir, func(p string, info os.FileInfo, err error) error {
		if err == nil && !info.IsDir() {
			rel, _ := filepath.Rel(dir, p)
			out = append(out, filepath.ToSlash(rel))
		}
		return nil
	})
	return out
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
