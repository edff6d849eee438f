package batch

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"testing"

	"github.com/coachmentor/coachmentor/internal/cmdutil"
	"github.com/coachmentor/coachmentor/internal/format"
	"github.com/coachmentor/coachmentor/internal/iostreams"
)

func TestFlagsToOptions(t *testing.T) {
	ios, _, _, _ := iostreams.Test()
	var got *Options
	cmd := NewCmdBatch(cmdutil.New(ios, "test"), func(o *Options) error { got = o; return nil })
	cmd.SetArgs([]string{"team.csv", "--input", "csv", "-f", "markdown", "--out-dir", "r", "-o", "x.md", "--force", "--compare", "b.yaml", "--workers", "3"})
	cmd.SetOut(&bytes.Buffer{})
	if err := cmd.Execute(); err != nil {
		t.Fatal(err)
	}
	want := Options{File: "team.csv", Input: "csv", Format: format.Markdown, OutDir: "r", Output: "x.md", Force: true, Compare: "b.yaml", Workers: 3}
	if got.File != want.File || got.Input != want.Input || got.Format != want.Format || got.OutDir != want.OutDir ||
		got.Output != want.Output || !got.Force || got.Compare != want.Compare || got.Workers != want.Workers {
		t.Fatalf("got %+v", *got)
	}
	cmd = NewCmdBatch(cmdutil.New(ios, "test"), func(o *Options) error { return nil })
	cmd.SetArgs([]string{})
	cmd.SetOut(&bytes.Buffer{})
	cmd.SetErr(&bytes.Buffer{})
	if err := cmd.Execute(); cmdutil.ExitCode(err) != cmdutil.ExitInvalid {
		t.Fatalf("no file: %v", err)
	}
}

func runBatch(t *testing.T, stdin string, opts Options) (string, string, error) {
	t.Helper()
	ios, in, out, errOut := iostreams.Test()
	in.WriteString(stdin)
	f := cmdutil.New(ios, "test")
	opts.IO, opts.Bank, opts.Ctx = ios, f.Bank, context.Background()
	err := batchRun(&opts)
	return out.String(), errOut.String(), err
}

func TestRunFromStdinAndSummary(t *testing.T) {
	out, errOut, err := runBatch(t, "id,scope,duration,structure,success\nann,specific-skills,weeks,sessions,metrics\nbob,broad-development,years,flexible,growth\n", Options{File: "-", Format: format.CSV})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(out, "id,recommendation,") || strings.Count(out, "\n") != 3 {
		t.Fatalf("stdout:\n%s", out)
	}
	if errOut != "2 respondents: 1 coaching, 1 mentoring, 0 blend, 0 undecided, 0 invalid\n" {
		t.Fatalf("stderr %q", errOut)
	}
}

// errorCase is a run that fails: its exit status and part of its messages.
type errorCase struct {
	name  string
	stdin string
	opts  Options
	code  int
	want  string
}

func TestErrors(t *testing.T) {
	dir := t.TempDir()
	tests := []errorCase{
		{"missing file", "", Options{File: filepath.Join(dir, "nope.csv")}, 2, "no such file"},
		{"folder", "", Options{File: dir}, 2, "is a folder"},
		{"empty", "", Options{File: "-"}, 2, "<stdin>: the input is empty"},
		{"duplicate column", "scope,Scope\n", Options{File: "-"}, 2, `the header row names the question scope twice (the second time as "Scope")`},
		{"bad input flag", "x\n", Options{File: "-", Input: "xml"}, 2, `invalid --input "xml"; use csv or jsonl`},
		{"format for one person", "scope\nweeks\n", Options{File: "-", Format: format.Text}, 2, `invalid --format "text"; use jsonl, markdown, html, csv or xlsx`},
		{"format not for a comparison", "scope\nweeks\n", Options{File: "-", Format: format.JSONL, Compare: "b.yaml"}, 2, `invalid --format "jsonl"; use markdown, json or csv with --compare`},
		{"bad row", "scope\nsideways\n", Options{File: "-"}, 2, `<stdin>:2: unknown answer "sideways" for scope`},
		{"compare bank missing", "scope\n", Options{File: "-", Compare: filepath.Join(dir, "b.yaml")}, 2, "no such file"},
		{"out dir is a file", "scope\n", Options{File: "-", OutDir: writeFile(t, "reports", "")}, 2, "is a file, not a folder; name a folder for the reports"},
		{"one person's answers", "", Options{File: writeFile(t, "answers.yaml", "scope: specific-skills\n")}, 2, `a file of one person's answers is for "coachmentor recommend --answers `},
		{"a JSON list", "", Options{File: writeFile(t, "team.json", `[{"scope": "weeks"}]`)}, 2, "team.json: a JSON list; batch reads JSON Lines"},
		{"reports already there", "id,scope\nann,specific-skills\n", Options{File: "-", OutDir: withReport(t, "ann.md")}, 2, "ann.md already exists; kept it (use --force to replace it)"},
	}
	if runtime.GOOS == "linux" { // a folder no one can create files in
		tests = append(tests, errorCase{"out dir cannot be created", "id,scope\nann,specific-skills\n", Options{File: "-", OutDir: "/proc/self/reports"}, 1, "cannot create --out-dir /proc/self/reports: "})
		tests = append(tests, errorCase{"unwritable out dir", "id,scope\nann,specific-skills\n", Options{File: "-", OutDir: "/proc/self"}, 1, "cannot write into /proc/self"})
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, errOut, err := runBatch(t, tt.stdin, tt.opts)
			if code := cmdutil.ExitCode(err); code != tt.code {
				t.Fatalf("exit %d (%v), want %d", code, err, tt.code)
			}
			msg := errOut
			if err != nil {
				msg += err.Error()
			}
			if !strings.Contains(msg, tt.want) {
				t.Fatalf("messages %q lack %q", msg, tt.want)
			}
		})
	}
}

// Reading standard input from a terminal says so, and how to end it, rather than seem to
// hang; piped input gets no such word.
func TestStdinFromTerminal(t *testing.T) {
	for _, tty := range []bool{true, false} {
		ios, in, _, errOut := iostreams.Test()
		ios.SetStdinTTY(tty)
		in.WriteString("id,scope\nann,specific-skills\n")
		opts := Options{IO: ios, Bank: cmdutil.New(ios, "test").Bank, Ctx: context.Background(), File: "-", Format: format.CSV}
		if err := batchRun(&opts); err != nil {
			t.Fatal(err)
		}
		said := strings.Contains(errOut.String(), "Reading a team from the terminal: paste CSV with its header row, or JSON Lines, then press Ctrl+D.")
		if runtime.GOOS != "windows" && said != tty {
			t.Errorf("terminal %v: stderr %q", tty, errOut)
		}
	}
}

// More workers than cores are no faster; a huge number is not a billion goroutines and
// their buffers, but the cores there are.
func TestWorkersAtMostCores(t *testing.T) {
	out, errOut, err := runBatch(t, "id,scope\nann,specific-skills\nbob,broad-development\n", Options{File: "-", Format: format.CSV, Workers: 1 << 30})
	if err != nil || strings.Count(out, "\n") != 3 {
		t.Fatalf("%v\n%s\n%s", err, out, errOut)
	}
}

// A folder for the reports that is not there yet is made, parents and all, as a
// consultant's first run (README: --out-dir reports/) expects.
func TestOutDirIsCreated(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "client", "reports")
	_, errOut, err := runBatch(t, "id,scope\nann,specific-skills\nbob,broad-development\n", Options{File: "-", OutDir: dir + string(filepath.Separator)})
	if err != nil {
		t.Fatalf("%v; stderr %q", err, errOut)
	}
	for _, name := range []string{"ann.md", "bob.md"} {
		b, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil || !strings.Contains(string(b), "# ") {
			t.Fatalf("report %s: %v %q", name, err, b)
		}
	}
	// Run again: the reports are kept and named once, by a clean path.
	_, errOut, _ = runBatch(t, "id,scope\nann,specific-skills\n", Options{File: "-", OutDir: dir + string(filepath.Separator)})
	if want := filepath.Join(dir, "ann.md") + " already exists"; !strings.Contains(errOut, want) {
		t.Fatalf("stderr %q lacks %q", errOut, want)
	}
}

// Ctrl+C with --output leaves no file, and says so.
func TestInterruptedOutputFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "results.jsonl")
	ios, in, _, errOut := iostreams.Test()
	in.WriteString("id,scope\nann,specific-skills\n")
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	opts := Options{IO: ios, Bank: cmdutil.New(ios, "test").Bank, Ctx: ctx, File: "-", Output: path}
	if code := cmdutil.ExitCode(batchRun(&opts)); code != cmdutil.ExitInterrupted {
		t.Fatalf("exit %d, want %d", code, cmdutil.ExitInterrupted)
	}
	if _, err := os.Stat(path); !os.IsNotExist(err) {
		t.Fatalf("the output file exists: %v", err)
	}
	if want := path + " was not written."; !strings.Contains(errOut.String(), want) {
		t.Fatalf("stderr %q lacks %q", errOut, want)
	}
}

// writeFile writes a file of the given name and text into a new folder.
func writeFile(t *testing.T, name, text string) string {
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// withReport is a new folder holding a report file of the given name.
func withReport(t *testing.T, name string) string {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, name), []byte("notes"), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

func TestOutputFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "results.csv")
	input := "id,scope\nann,specific-skills\nbad,sideways\n"
	_, errOut, err := runBatch(t, input, Options{File: "-", Format: format.CSV, Output: path})
	if cmdutil.ExitCode(err) != 2 || !strings.Contains(errOut, "1 invalid") {
		t.Fatalf("%v %s", err, errOut)
	}
	data, _ := os.ReadFile(path)
	if !strings.Contains(string(data), "ann,undecided") {
		t.Fatalf("the valid rows were not kept:\n%s", data)
	}
	if _, _, err := runBatch(t, input, Options{File: "-", Format: format.CSV, Output: path}); cmdutil.ExitCode(err) != 2 || !strings.Contains(err.Error(), "already exists") {
		t.Fatalf("replaced without --force: %v", err)
	}
}

// On a terminal, a progress bar shares standard error with the rows' messages: each message
// starts a line of its own, and so does the summary. With the results on the terminal too
// there is no bar, which would break their lines.
func TestProgressBarAndMessages(t *testing.T) {
	var team strings.Builder
	team.WriteString("id,scope\n")
	for i := range 1200 {
		answer := "specific-skills"
		if i%500 == 499 {
			answer = "bogus"
		}
		team.WriteString("p" + strconv.Itoa(i) + "," + answer + "\n")
	}
	run := func(stdoutTTY bool) string {
		ios, in, _, errOut := iostreams.Test()
		ios.SetStderrTTY(true)
		ios.SetStdoutTTY(stdoutTTY)
		in.WriteString(team.String())
		f := cmdutil.New(ios, "test")
		opts := Options{File: "-", Format: format.CSV, IO: ios, Bank: f.Bank, Ctx: context.Background(), Workers: 1}
		if err := batchRun(&opts); cmdutil.ExitCode(err) != cmdutil.ExitInvalid {
			t.Fatalf("exit %d: %v", cmdutil.ExitCode(err), err)
		}
		return errOut.String()
	}
	errOut := run(false)
	if !strings.Contains(errOut, "\r256 respondents") {
		t.Fatalf("no progress bar on a terminal: %q", errOut)
	}
	// A line's text starts after the last carriage return on it; what is drawn after the
	// bar on the same line without clearing it would follow "respondents".
	for _, line := range strings.Split(errOut, "\n") {
		if i := strings.LastIndex(line, "\r"); i >= 0 {
			line = line[i+1:]
		}
		line = strings.TrimPrefix(line, "\x1b[K")
		if line != "" && !strings.HasPrefix(line, "<stdin>:") && !strings.HasPrefix(line, "1200 respondents:") {
			t.Errorf("a line that does not start as a message: %q", line)
		}
	}
	if strings.Count(errOut, "unknown answer") != 2 {
		t.Errorf("stderr %q", errOut)
	}
	if errOut := run(true); strings.Contains(errOut, "\r") {
		t.Errorf("a progress bar among results on the terminal: %q", errOut)
	}
}

// The progress bar is coloured on a colour terminal and plain under NO_COLOR.
func TestProgressBarColour(t *testing.T) {
	path := filepath.Join(t.TempDir(), "team.csv")
	if err := os.WriteFile(path, []byte("id,scope\nann,specific-skills\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	colour := regexp.MustCompile(`\x1b\[[0-9;]*m`)
	for _, noColor := range []bool{false, true} {
		ios, _, _, errOut := iostreams.Test()
		ios.SetStderrTTY(true)
		ios.SetNoColor(noColor)
		f := cmdutil.New(ios, "test")
		opts := Options{File: path, Format: format.CSV, IO: ios, Bank: f.Bank, Ctx: context.Background(), Workers: 1}
		if err := batchRun(&opts); err != nil {
			t.Fatal(err)
		}
		text := errOut.String()
		if !strings.Contains(text, "█") {
			t.Fatalf("no bar drawn: %q", text)
		}
		if colour.MatchString(text) == noColor {
			t.Errorf("NO_COLOR %v: colour %v in %q", noColor, !noColor, text)
		}
	}
}
