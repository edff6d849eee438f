package cli

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/coachmentor/coachmentor/internal/bank"
	"github.com/coachmentor/coachmentor/internal/cmd/root"
	"github.com/coachmentor/coachmentor/internal/cmdutil"
	"github.com/coachmentor/coachmentor/internal/iostreams"
	"github.com/coachmentor/coachmentor/questions"
)

// runCLI runs the whole command tree in-process.
func runCLI(t *testing.T, stdin string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	ios, in, out, errOut := iostreams.Test()
	in.WriteString(stdin)
	code = Run(context.Background(), cmdutil.New(ios, "1.2.3"), args)
	return code, out.String(), errOut.String()
}

func TestExitCodes(t *testing.T) {
	tests := []struct {
		name   string
		args   []string
		code   int
		stderr string
	}{
		{"ok", []string{"recommend", "--scope", "specific-skills"}, 0, ""},
		{"unknown answer", []string{"recommend", "--duration", "wekks"}, 2,
			`--duration: unknown answer "wekks" for duration (did you mean "weeks"?); valid: weeks, months, year, years, unsure`},
		{"unknown flag", []string{"recommend", "--colour"}, 2, "unknown flag: --colour; only the default bank's questions have flags of their own: for others, use --answer colour=ANSWER"},
		{"misspelt flag", []string{"recommend", "--duraton", "weeks"}, 2, "unknown flag: --duraton (did you mean --duration?)"},
		{"misspelt batch flag", []string{"batch", "-", "--formt", "csv"}, 2, "unknown flag: --formt (did you mean --format?)"},
		{"unknown command", []string{"recomend"}, 2, `unknown command "recomend" (did you mean "recommend"?)`},
		{"missing file", []string{"recommend", "--answers", "/no/such.yaml"}, 2, `answers file "/no/such.yaml": no such file`},
		{"bad bank", []string{"recommend", "--questions", "/no/bank.yaml"}, 2, `question bank "/no/bank.yaml": no such file`},
		{"validate needs a file", []string{"validate"}, 2, `"coachmentor validate" needs the bank file to check`},
		{"not a number", []string{"batch", "-", "--workers", "abc"}, 2, `invalid --workers "abc": expected a whole number`},
		{"no answer after a question flag", []string{"recommend", "--scope"}, 2, `--scope needs an answer: specific-skills, broad-development, unsure`},
		{"empty bank", []string{"recommend", "--questions", ""}, 2, `--questions is empty; it needs a bank file`},
		{"empty output", []string{"batch", "-", "-o", " "}, 2, `--output is empty; it needs a file name; leave it out to write to standard output`},
		{"empty compare", []string{"batch", "-", "--compare="}, 2, `--compare is empty; it needs a bank file`},
		{"empty out dir", []string{"batch", "-", "--out-dir", ""}, 2, `--out-dir is empty; it needs a folder`},
		{"empty answers file", []string{"--answers", ""}, 2, `--answers is empty; it needs a file, or - for standard input`},
		{"unknown help topic", []string{"help", "bogus"}, 2, `unknown help topic "bogus"; commands: batch, completion, people, questions, recommend, serve, validate, version`},
		{"completion with more", []string{"completion", "bash", "extra"}, 2, `unexpected argument "extra" for "coachmentor completion bash"`},
		{"unknown shell", []string{"completion", "tcsh"}, 2, `unknown shell "tcsh"; use bash, fish, powershell, zsh`},
		{"no shell", []string{"completion"}, 2, `"coachmentor completion" needs a shell: bash, fish, powershell, zsh`},
		{"batch of two files", []string{"batch", "a.csv", "b.csv"}, 2, `"coachmentor batch" needs a CSV or JSON Lines file, or - for standard input, not 2 arguments ("a.csv", "b.csv"); see --help`},
		{"no terminal", []string{}, 2, "coachmentor recommend"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, _, stderr := runCLI(t, "", tt.args...)
			if code != tt.code {
				t.Errorf("exit %d, want %d (stderr %q)", code, tt.code, stderr)
			}
			if !strings.Contains(stderr, tt.stderr) {
				t.Errorf("stderr %q does not contain %q", stderr, tt.stderr)
			}
			if tt.code == 2 && strings.Count(strings.TrimSpace(stderr), "\n") > 0 {
				t.Errorf("want a one-line error, got %q", stderr)
			}
			if strings.Contains(stderr, "goroutine") || strings.Contains(stderr, "Usage:") {
				t.Errorf("stderr shows a trace or usage: %q", stderr)
			}
		})
	}
}

func TestAnswersFromStdin(t *testing.T) {
	code, out, stderr := runCLI(t, `{"scope": "broad-development", "duration": "years", "goal": "growth", "structure": "flexible"}`, "recommend", "--answers", "-", "--format", "json")
	if code != 0 || !strings.Contains(out, `"recommendation": "mentoring"`) {
		t.Fatalf("exit %d\n%s\n%s", code, out, stderr)
	}
}

func TestVersion(t *testing.T) {
	b := questions.Default()
	want := "coachmentor 1.2.3 (question bank " + b.Version + ", " + b.Hash + ")\n"
	for _, args := range [][]string{{"version"}, {"--version"}} {
		if code, out, _ := runCLI(t, "", args...); code != 0 || out != want {
			t.Errorf("%v: exit %d, %q, want %q", args, code, out, want)
		}
	}
}

// The YAML the questions command writes is a bank that loads back unchanged.
func TestQuestionsYAMLRoundTrip(t *testing.T) {
	code, out, _ := runCLI(t, "", "questions", "--format", "yaml")
	if code != 0 {
		t.Fatal(code)
	}
	b, err := bank.Parse("my-bank.yaml", []byte(out))
	if err != nil {
		t.Fatal(err)
	}
	if b.Hash != questions.Default().Hash {
		t.Fatalf("hash %s, want %s", b.Hash, questions.Default().Hash)
	}
	path := filepath.Join(t.TempDir(), "my-bank.yaml")
	os.WriteFile(path, []byte(out), 0o644)
	code, vout, _ := runCLI(t, "", "validate", path)
	if code != 0 || !strings.Contains(vout, "valid question bank 3.0.0 ("+b.Hash+"): 15 questions, 10 types") {
		t.Fatalf("validate: %d %q", code, vout)
	}
	// The same file drives a recommendation.
	code, rout, rerr := runCLI(t, "", "recommend", "--questions", path, "--answer", "scope=specific-skills", "-f", "json")
	if code != 0 || !strings.Contains(rout, `"hash": "`+b.Hash+`"`) {
		t.Fatalf("recommend with the copy: %d %s %s", code, rout, rerr)
	}
}

func TestQuestionsListsIDs(t *testing.T) {
	for _, format := range []string{"text", "markdown", "json"} {
		code, out, _ := runCLI(t, "", "questions", "--format", format)
		if code != 0 {
			t.Fatalf("%s: exit %d", format, code)
		}
		for _, id := range []string{"scope", "specific-skills", "career-move", "reverse-mentoring", "unsure"} {
			if !strings.Contains(out, id) {
				t.Errorf("%s listing lacks %q", format, id)
			}
		}
	}
}

func TestValidateListsEveryProblem(t *testing.T) {
	_, src, _ := runCLI(t, "", "questions", "--format", "yaml")
	src = strings.Replace(src, "types: {performance-coaching: 1, skills-coaching: 1", "types: {perf-coaching: 1, skills-coaching: 1", 1)
	src = strings.Replace(src, "    title: Scope\n", "    title: Scope\n    colour: blue\n", 1)
	path := filepath.Join(t.TempDir(), "bad.yaml")
	os.WriteFile(path, []byte(src), 0o644)
	code, out, stderr := runCLI(t, "", "validate", path)
	if code != 2 || out != "" {
		t.Fatalf("exit %d, stdout %q", code, out)
	}
	lines := strings.Split(strings.TrimSpace(stderr), "\n")
	if len(lines) != 3 || !strings.HasPrefix(lines[0], path+":") || !strings.Contains(stderr, `question "scope"`) ||
		!strings.Contains(stderr, `unknown type "perf-coaching"`) || !strings.Contains(stderr, `unknown key "colour"`) ||
		lines[2] != "2 problems in "+path {
		t.Fatalf("stderr:\n%s", stderr)
	}
}

func TestCompletion(t *testing.T) {
	tests := []struct {
		args []string
		want []string
	}{
		{[]string{"__complete", "recommend", "--scope", ""}, []string{"specific-skills", "broad-development", "unsure"}},
		{[]string{"__complete", "recommend", "--answer", "dur"}, []string{"duration=\tDuration", "goal=\tMain need"}},
		{[]string{"__complete", "recommend", "--answer", "duration="}, []string{"duration=weeks", "duration=years", "duration=unsure"}},
		{[]string{"__complete", "recommend", "--format", ""}, []string{"text", "markdown", "json"}},
		{[]string{"__complete", "batch", "team.csv", "--format", ""}, []string{"jsonl", "csv", "markdown"}},
		{[]string{"__complete", ""}, []string{"recommend", "batch", "questions", "validate", "completion"}},
	}
	for _, tt := range tests {
		code, out, _ := runCLI(t, "", tt.args...)
		if code != 0 {
			t.Fatalf("%v: exit %d", tt.args, code)
		}
		for _, w := range tt.want {
			if !strings.Contains(out, w) {
				t.Errorf("%v: completions lack %q:\n%s", tt.args, w, out)
			}
		}
	}
	for _, shell := range []string{"bash", "zsh", "fish", "powershell"} {
		if code, out, _ := runCLI(t, "", "completion", shell); code != 0 || len(out) < 500 {
			t.Errorf("completion %s: exit %d, %d bytes", shell, code, len(out))
		}
	}
}

// recommend's help lists the flags that answer questions apart from the others, in the
// questionnaire's order, so that a reader can go down them as the questionnaire would.
func TestRecommendHelpListsQuestionsInOrder(t *testing.T) {
	for _, args := range [][]string{{"recommend", "--help"}, {"help", "recommend"}} {
		code, out, _ := runCLI(t, "", args...)
		if code != 0 {
			t.Fatalf("%v: exit %d", args, code)
		}
		flags, answers, ok := strings.Cut(out, "\nAnswers, one flag per question of the default bank:\n")
		if !ok {
			t.Fatalf("%v: no section of question flags:\n%s", args, out)
		}
		_, flags, _ = strings.Cut(flags, "\nFlags:\n")
		if !strings.Contains(flags, "--format") || strings.Contains(flags, "--scope") {
			t.Errorf("%v: the general flags should hold --format and no question:\n%s", args, flags)
		}
		last := -1
		for _, q := range questions.Default().Questions {
			at := strings.Index(answers, "--"+q.ID+" answer")
			if at < last {
				t.Fatalf("%v: --%s is missing or out of the questionnaire's order:\n%s", args, q.ID, answers)
			}
			last = at
		}
		if strings.Contains(answers[:strings.Index(answers, "Global Flags:")], "--format") {
			t.Errorf("%v: --format is listed among the questions", args)
		}
	}
}

// Commands that do work watch for Ctrl+C and SIGTERM, to keep answers and leave no
// temporary file; those that only print (the version, help, completion, which a shell
// runs at every Tab) start without it and may be ended the default way.
func TestOnlyWorkWatchesSignals(t *testing.T) {
	tests := []struct {
		args []string
		only bool
	}{
		{[]string{"version"}, true},
		{[]string{"help"}, true},
		{[]string{"help", "batch"}, true},
		{[]string{"completion", "bash"}, true},
		{[]string{"__complete", "recommend", "--format", ""}, true},
		{[]string{"__completeNoDesc", "recommend", "--format", ""}, true},
		{[]string{"recommend", "--scope", "unsure"}, false},
		{[]string{"batch", "team.csv"}, false},
		{[]string{"people"}, false},
		{[]string{"serve"}, false},
		{[]string{"--for", "Ann"}, false},
		{[]string{"--questions", "bank.yaml", "version"}, false}, // a flag first: watched, to be safe
		{nil, false},
	}
	for _, tt := range tests {
		if got := printsOnly(tt.args); got != tt.only {
			t.Errorf("%v: prints only %v, want %v", tt.args, got, tt.only)
		}
	}
	// Each word it passes over is a command that exists, and only prints.
	ios, _, _, _ := iostreams.Test()
	tree := root.NewCmdRoot(cmdutil.New(ios, "1.2.3"))
	tree.InitDefaultHelpCmd() // as cobra does when it runs
	for name := range printOnly {
		if strings.HasPrefix(name, "__") {
			continue // cobra adds its completion request commands as it runs
		}
		if c, _, err := tree.Find([]string{name}); err != nil || c.Name() != name {
			t.Errorf("%q is not a command of the tree", name)
		}
	}
}
