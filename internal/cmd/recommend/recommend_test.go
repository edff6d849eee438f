package recommend

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"testing"

	"github.com/charmbracelet/x/exp/golden"

	"github.com/coachmentor/coachmentor/internal/answers"
	"github.com/coachmentor/coachmentor/internal/cmdutil"
	"github.com/coachmentor/coachmentor/internal/format"
	"github.com/coachmentor/coachmentor/internal/iostreams"
	"github.com/coachmentor/coachmentor/internal/safefile"
)

// parse runs argv through the command and returns the options it would run with.
func parse(t *testing.T, argv ...string) (*Options, error) {
	t.Helper()
	ios, _, _, _ := iostreams.Test()
	var got *Options
	cmd := NewCmdRecommend(cmdutil.New(ios, "test"), func(o *Options) error { got = o; return nil })
	cmd.SetArgs(argv)
	cmd.SetOut(&bytes.Buffer{})
	cmd.SetErr(&bytes.Buffer{})
	cmd.SilenceErrors, cmd.SilenceUsage = true, true
	err := cmd.Execute()
	return got, err
}

func TestFlagsToOptions(t *testing.T) {
	opts, err := parse(t, "--goal", "performance", "--answer", "scope=specific-skills", "--answer", "duration=weeks",
		"--scope", "broad-development", "--answers", "a.yaml", "-f", "json", "-o", "r.json", "--force", "--for", "Sam")
	if err != nil {
		t.Fatal(err)
	}
	if opts.AnswersFile != "a.yaml" || opts.Format != format.JSON || !opts.FormatSet || opts.Output != "r.json" || !opts.Force || opts.For != "Sam" {
		t.Errorf("options %+v", opts)
	}
	if strings.Join(opts.Assignments, " ") != "scope=specific-skills duration=weeks" {
		t.Errorf("assignments %v", opts.Assignments)
	}
	// Per-question flags come in bank order whatever the command line order.
	want := []answers.Given{{Question: "goal", Answer: "performance", From: "--goal"}, {Question: "scope", Answer: "broad-development", From: "--scope"}}
	if len(opts.PerQuestion) != 2 || opts.PerQuestion[0] != want[0] || opts.PerQuestion[1] != want[1] {
		t.Errorf("per-question %+v", opts.PerQuestion)
	}
}

func TestFlagErrors(t *testing.T) {
	if _, err := parse(t, "--scoop", "x"); err == nil || !strings.Contains(err.Error(), "unknown flag: --scoop") {
		t.Errorf("unknown flag: %v", err)
	}
	if _, err := parse(t, "extra"); cmdutil.ExitCode(err) != cmdutil.ExitInvalid {
		t.Errorf("positional argument: %v", err)
	}
}

// run runs the command's work with the given options and returns stdout and stderr.
func run(t *testing.T, tty bool, opts *Options) (string, string, error) {
	t.Helper()
	ios, _, out, errOut := iostreams.Test()
	ios.SetStdoutTTY(tty)
	ios.SetStderrTTY(tty)
	f := cmdutil.New(ios, "test")
	opts.IO, opts.Bank, opts.Ctx = ios, f.Bank, context.Background()
	if opts.Format == nil {
		opts.Format = format.Text
	}
	err := recommendRun(opts)
	return out.String(), errOut.String(), err
}

var scenario = []string{"scope=specific-skills", "duration=weeks", "structure=sessions", "success=metrics",
	"driver=organization", "focus=task", "start=now", "participants=individual", "goal=performance",
	"horizon=current-role", "involvement=hands-on"}

func TestGolden(t *testing.T) {
	for _, f := range []*format.Format{format.Text, format.Markdown, format.JSON} {
		t.Run(f.Name, func(t *testing.T) {
			out, _, err := run(t, false, &Options{Assignments: scenario, Format: f, FormatSet: true, For: "Alex <Ops> | night shift"})
			if err != nil {
				t.Fatal(err)
			}
			golden.RequireEqual(t, []byte(out))
		})
	}
	t.Run("blend", func(t *testing.T) {
		out, _, err := run(t, false, &Options{Assignments: []string{"scope=specific-skills", "duration=years", "goal=career-move", "structure=flexible"}, Format: format.Markdown, FormatSet: true})
		if err != nil {
			t.Fatal(err)
		}
		golden.RequireEqual(t, []byte(out))
	})
	// Two answers: too few to decide, which every format says, with how many more would.
	for _, f := range []*format.Format{format.Text, format.Markdown, format.JSON} {
		t.Run("undecided "+f.Name, func(t *testing.T) {
			out, _, err := run(t, false, &Options{Assignments: []string{"goal=perspective", "participants=senior-leader"}, Format: f, FormatSet: true})
			if err != nil {
				t.Fatal(err)
			}
			golden.RequireEqual(t, []byte(out))
		})
	}
	// A team that wants to grow as leaders, with a mix of answers: team coaching and
	// one-on-one mentoring tie, and every format says so rather than pick one by bank order.
	for _, f := range []*format.Format{format.Text, format.Markdown, format.JSON} {
		t.Run("tie "+f.Name, func(t *testing.T) {
			out, _, err := run(t, false, &Options{Assignments: []string{"participants=team", "goal=leadership", "scope=broad-development", "focus=task", "capacity=many-volunteer"}, Format: f, FormatSet: true})
			if err != nil {
				t.Fatal(err)
			}
			golden.RequireEqual(t, []byte(out))
		})
	}
	t.Run("empty", func(t *testing.T) {
		out, _, err := run(t, false, &Options{Format: format.Text})
		if err != nil {
			t.Fatal(err)
		}
		golden.RequireEqual(t, []byte(out))
	})
}

var ansi = regexp.MustCompile("\x1b\\[[0-9;]*m")

// In a terminal the text is styled; without the styling it says the same as when piped.
func TestTextInTerminal(t *testing.T) {
	styled, _, err := run(t, true, &Options{Assignments: scenario})
	if err != nil {
		t.Fatal(err)
	}
	plain, _, _ := run(t, false, &Options{Assignments: scenario})
	if !ansi.MatchString(styled) {
		t.Fatal("no styling in a terminal")
	}
	if ansi.MatchString(plain) {
		t.Fatal("styling when not a terminal")
	}
	if got := ansi.ReplaceAllString(styled, ""); got != plain {
		t.Fatalf("styled text differs from plain text once unstyled:\n%s\n---\n%s", got, plain)
	}
}

func TestSameAnswersSameBytes(t *testing.T) {
	a, _, errA := run(t, false, &Options{Assignments: scenario, Format: format.JSON, FormatSet: true})
	reversed := make([]string, len(scenario))
	for i, s := range scenario {
		reversed[len(scenario)-1-i] = s
	}
	b, _, errB := run(t, false, &Options{Assignments: reversed, Format: format.JSON, FormatSet: true})
	if errA != nil || errB != nil || !strings.Contains(a, `"recommendation": "coaching"`) {
		t.Fatalf("the runs failed: %v, %v\n%s", errA, errB, a)
	}
	if a != b {
		t.Fatal("answer order changed the output")
	}
}

func TestJSONContract(t *testing.T) {
	out, _, err := run(t, false, &Options{Assignments: []string{"scope=specific-skills", "duration=weeks", "structure=sessions", "success=metrics", "guide=unsure"}, Format: format.JSON, FormatSet: true})
	if err != nil {
		t.Fatal(err)
	}
	var doc map[string]json.RawMessage
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"recommendation", "confidence", "scores", "types", "answers", "unanswered", "explanations", "what_would_change"} {
		if _, ok := doc[k]; !ok {
			t.Errorf("JSON lacks the contract key %q", k)
		}
	}
	var r struct {
		Recommendation string            `json:"recommendation"`
		Answers        map[string]string `json:"answers"`
		Unanswered     []string          `json:"unanswered"`
		Types          []struct{ ID, Family string }
	}
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatal(err)
	}
	if r.Recommendation != "coaching" || r.Answers["scope"] != "specific-skills" || len(r.Answers) != 4 || len(r.Types) != 10 {
		t.Errorf("decoded %+v", r)
	}
	if !strings.Contains(strings.Join(r.Unanswered, " "), "guide") {
		t.Errorf("an unsure answer is not listed as unanswered: %v", r.Unanswered)
	}
}

func TestPrecedence(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "a.yaml")
	os.WriteFile(file, []byte("scope: broad-development\nduration: years\ngoal: growth\n"), 0o644)
	out, _, err := run(t, false, &Options{
		AnswersFile: file,
		Assignments: []string{"duration=weeks"},
		PerQuestion: []answers.Given{{Question: "goal", Answer: "performance", From: "--goal"}},
		Format:      format.JSON, FormatSet: true,
	})
	if err != nil {
		t.Fatal(err)
	}
	var r struct{ Answers map[string]string }
	json.Unmarshal([]byte(out), &r)
	if r.Answers["scope"] != "broad-development" || r.Answers["duration"] != "weeks" || r.Answers["goal"] != "performance" {
		t.Fatalf("file < --answer < flag not respected: %v", r.Answers)
	}
}

func TestErrors(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.yaml")
	os.WriteFile(bad, []byte("scope: specific-skills\nduration: [weeks]\n"), 0o644)
	tests := []struct {
		name string
		opts Options
		want string
	}{
		{"typo in answer", Options{Assignments: []string{"duration=wekks"}},
			`--answer: unknown answer "wekks" for duration (did you mean "weeks"?); valid: weeks, months, year, years, unsure`},
		{"typo in flag value", Options{PerQuestion: []answers.Given{{Question: "scope", Answer: "specific", From: "--scope"}}},
			`--scope: unknown answer "specific" for scope (did you mean "specific-skills"?); valid: specific-skills, broad-development, unsure`},
		{"unknown question", Options{Assignments: []string{"scop=specific-skills"}},
			`--answer: unknown question "scop" (did you mean "scope"?); questions: participants, goal, scope,`},
		{"no equals", Options{Assignments: []string{"scope"}}, `--answer "scope": expected question=answer`},
		{"missing file", Options{AnswersFile: filepath.Join(dir, "nope.yaml")}, `answers file "` + dir + `/nope.yaml": no such file`},
		{"folder", Options{AnswersFile: dir}, `is a folder; expected a file`},
		{"list as answer", Options{AnswersFile: bad}, bad + `:2: "duration": expected an answer id as text, found a list`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, _, err := run(t, false, &tt.opts)
			if err == nil {
				t.Fatalf("no error; output:\n%s", out)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %q does not contain %q", err, tt.want)
			}
			if cmdutil.ExitCode(err) != cmdutil.ExitInvalid {
				t.Errorf("exit %d, want 2", cmdutil.ExitCode(err))
			}
			if out != "" {
				t.Errorf("wrote output despite the error:\n%s", out)
			}
		})
	}
}

func TestOutputFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "report.md")
	if _, _, err := run(t, false, &Options{Assignments: scenario, Output: path}); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(path)
	if err != nil || !bytes.HasPrefix(data, []byte("# Coaching or mentoring?")) {
		t.Fatalf("the .md output is not Markdown: %v\n%s", err, data)
	}
	// A second run refuses to replace it, and leaves it as it was.
	os.WriteFile(path, []byte("my notes"), 0o644)
	_, _, err = run(t, false, &Options{Assignments: scenario, Output: path})
	var exists *safefile.ExistsError
	if !errors.As(err, &exists) || cmdutil.ExitCode(err) != cmdutil.ExitInvalid {
		t.Fatalf("want an exists error with exit 2, got %v", err)
	}
	if got, _ := os.ReadFile(path); string(got) != "my notes" {
		t.Fatal("the existing file was changed")
	}
	if _, _, err := run(t, false, &Options{Assignments: scenario, Output: path, Force: true, Format: format.JSON, FormatSet: true}); err != nil {
		t.Fatal(err)
	}
	if got, _ := os.ReadFile(path); !bytes.HasPrefix(got, []byte("{")) {
		t.Fatal("--force did not replace the file, or --format did not win over the extension")
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Fatalf("temporary files left behind: %v", entries)
	}
}

// An answers file read from a terminal (--answers -, nothing piped in) says so, and how to
// end it, rather than seem to hang.
func TestAnswersFromTerminal(t *testing.T) {
	for _, tty := range []bool{true, false} {
		ios, in, _, errOut := iostreams.Test()
		ios.SetStdinTTY(tty)
		in.WriteString("scope: specific-skills\n")
		opts := &Options{IO: ios, Bank: cmdutil.New(ios, "test").Bank, Ctx: context.Background(), Format: format.JSON, AnswersFile: "-"}
		if err := recommendRun(opts); err != nil {
			t.Fatal(err)
		}
		said := strings.Contains(errOut.String(), "Reading the answers file from the terminal; type or paste it, then press Ctrl+D.")
		if runtime.GOOS != "windows" && said != tty {
			t.Errorf("terminal %v: stderr %q", tty, errOut)
		}
	}
}
