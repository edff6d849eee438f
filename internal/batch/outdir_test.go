package batch

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"strings"
	"testing"

	"github.com/coachmentor/coachmentor/internal/format"
	"github.com/coachmentor/coachmentor/internal/safefile"
)

func TestOutDir(t *testing.T) {
	dir := t.TempDir()
	input := "id,scope\n" +
		"../../escape,specific-skills\n" +
		"a/b\\c,specific-skills\n" +
		"Ann Lee,specific-skills\n" +
		"ann-lee,broad-development\n" +
		"CON,specific-skills\n" +
		".hidden,specific-skills\n" +
		",specific-skills\n" +
		"\x1b[31mred,specific-skills\n"
	_, errOut, sum, err := run(t, input, Options{OutDir: dir})
	if err != nil {
		t.Fatalf("%v\n%s", err, errOut)
	}
	entries, _ := os.ReadDir(dir)
	var names []string
	for _, e := range entries {
		if e.Name() != safefile.LockName {
			names = append(names, e.Name())
		}
	}
	want := []string{"Ann-Lee.md", "_CON.md", "a-b-c.md", "ann-lee-2.md", "escape.md", "hidden.md", "index.md", "red.md", "respondent-7.md"}
	if !reflect.DeepEqual(names, want) {
		t.Fatalf("files %v, want %v", names, want)
	}
	if sum.Respondents != 8 {
		t.Fatalf("summary %+v", sum)
	}
	data, _ := os.ReadFile(filepath.Join(dir, "Ann-Lee.md"))
	if !bytes.Contains(data, []byte("**For:** Ann Lee")) {
		t.Fatalf("report:\n%s", data)
	}
	// A second run keeps them, row by row, still writing every result, and replaces them
	// with force.
	os.WriteFile(filepath.Join(dir, "escape.md"), []byte("my notes"), 0o644)
	out, errOut, sum, err := run(t, input, Options{OutDir: dir, Format: format.CSV})
	if !errors.Is(err, ErrInvalidRows) || sum.Invalid != 0 || sum.NotWritten != 9 || !strings.Contains(errOut, "escape.md already exists; kept it (use --force to replace it)") ||
		!strings.Contains(errOut, "index.md already exists; kept it (use --force to replace it)") {
		t.Fatalf("second run: %v %+v\n%s", err, sum, errOut)
	}
	if n := strings.Count(out, "\n"); n != 9 {
		t.Fatalf("second run wrote %d lines, want a header and 8 results:\n%s", n, out)
	}
	if !strings.HasSuffix(sum.Line(), "; 9 reports were not written (see above)") {
		t.Errorf("summary %q", sum.Line())
	}
	if got, _ := os.ReadFile(filepath.Join(dir, "escape.md")); string(got) != "my notes" {
		t.Fatal("replaced without --force")
	}
	if _, _, _, err := run(t, input, Options{OutDir: dir, Force: true}); err != nil {
		t.Fatal(err)
	}
	if got, _ := os.ReadFile(filepath.Join(dir, "escape.md")); string(got) == "my notes" {
		t.Fatal("--force did not replace")
	}
}

// A folder the reports cannot be written to ends the run at the first report, with the
// reason, rather than failing every row alike.
func TestOutDirUnwritable(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("uses /proc/self, a folder no one can create files in")
	}
	input := "id,scope\n" + strings.Repeat("ann,specific-skills\n", 1000)
	out, errOut, _, err := run(t, input, Options{OutDir: "/proc/self"})
	var re *ReportError
	if !errors.As(err, &re) || !strings.HasPrefix(err.Error(), `cannot write into /proc/self`) {
		t.Fatalf("got %v", err)
	}
	if out != "" || errOut != "" {
		t.Fatalf("wrote %d bytes and %q", len(out), errOut)
	}
}

// A link in the report folder is never followed, whoever planted it, even with --force:
// the file it leads to is untouched, and the run says so.
func TestOutDirNeverFollowsLinks(t *testing.T) {
	dir, outside := t.TempDir(), filepath.Join(t.TempDir(), "secret.txt")
	os.WriteFile(outside, []byte("mine"), 0o600)
	if err := os.Symlink(outside, filepath.Join(dir, "ann.md")); err != nil {
		t.Skip("no links here")
	}
	_, errOut, sum, err := run(t, "id,scope\nann,specific-skills\nbo,broad-development\n", Options{OutDir: dir, Force: true, Format: format.CSV})
	if !errors.Is(err, ErrInvalidRows) || sum.NotWritten != 1 || !strings.Contains(errOut, "ann.md is a link; reports are never written through one (kept it)") {
		t.Fatalf("%v %+v\n%s", err, sum, errOut)
	}
	if got, _ := os.ReadFile(outside); string(got) != "mine" {
		t.Fatal("the link was followed")
	}
	if _, err := os.Stat(filepath.Join(dir, "bo.md")); err != nil {
		t.Fatal("the other report was not written")
	}
}

// Two respondents with one name are said, with the line of the first; the run's own
// output file is never a person's report; a report is never written over an input.
func TestOutDirNamesThatClash(t *testing.T) {
	dir := t.TempDir()
	input := "name,scope\nZoë Müller,specific-skills\nbo,broad-development\nZoë Müller,broad-development\nteam-report,specific-skills\n"
	_, errOut, _, err := run(t, input, Options{OutDir: dir, Output: filepath.Join(dir, "team-report.md"), Format: format.CSV})
	if err != nil {
		t.Fatalf("%v\n%s", err, errOut)
	}
	for _, want := range []string{
		`team.csv:4 (id "Zoë Müller"): another respondent (line 2) has the same name; this report is Zoë-Müller-2.md`,
		`team.csv:5 (id "team-report"): team-report.md is the run's own output; this report is team-report-2.md`,
	} {
		if !strings.Contains(errOut, want) {
			t.Errorf("stderr lacks %q:\n%s", want, errOut)
		}
	}
	input2 := filepath.Join(dir, "bo.md")
	os.WriteFile(input2, []byte("scope: weeks\n"), 0o600)
	st, _ := os.Stat(input2)
	_, errOut, _, _ = run(t, input, Options{OutDir: dir, Force: true, Inputs: []fs.FileInfo{st}, Format: format.CSV})
	if got, _ := os.ReadFile(input2); string(got) != "scope: weeks\n" || !strings.Contains(errOut, "bo.md is one of the files this run reads; kept it") {
		t.Fatalf("an input was written over:\n%s", errOut)
	}
}

// Reports an earlier run wrote that this run does not are said, and left alone.
func TestOutDirStaleReports(t *testing.T) {
	dir := t.TempDir()
	if _, _, _, err := run(t, "id,scope\nann,specific-skills\nbo,broad-development\n", Options{OutDir: dir, Format: format.CSV}); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(dir, "notes.md"), []byte("# My notes\n"), 0o600) // not a report
	_, errOut, _, err := run(t, "id,scope\nann,specific-skills\n", Options{OutDir: dir, Force: true, Format: format.CSV})
	if err != nil || !strings.Contains(errOut, ": 1 reports from an earlier run name no one in this one: bo.md; they were left as they are") {
		t.Fatalf("%v\n%s", err, errOut)
	}
	if _, err := os.Stat(filepath.Join(dir, "bo.md")); err != nil {
		t.Fatal("the earlier report was removed")
	}
}

// A second run into a folder another run is writing into is refused at once, before it
// reads a row, and changes nothing; the first run ends with all its reports and its index.
func TestOutDirOneRunAtATime(t *testing.T) {
	dir := t.TempDir()
	pr, pw := io.Pipe()
	first := make(chan error, 1)
	go func() {
		r, err := Open(pr, ReadOptions{Vocab: VocabularyOf(def)})
		if err == nil {
			_, err = Run(context.Background(), r, io.Discard, io.Discard, Options{Bank: def, OutDir: dir})
		}
		first <- err
	}()
	io.WriteString(pw, "id,scope\nann,specific-skills\n")
	// The first run has its lock once its folder holds its hidden stage.
	for {
		if staged, _ := filepath.Glob(filepath.Join(dir, ".coachmentor-staged-*")); len(staged) > 0 {
			break
		}
		runtime.Gosched()
	}
	_, errOut, _, err2 := run(t, "id,scope\nbo,broad-development\n", Options{OutDir: dir})
	var inUse *safefile.InUseError
	if !errors.As(err2, &inUse) || errOut != "" {
		t.Fatalf("the second run: %v\n%s", err2, errOut)
	}
	io.WriteString(pw, "cy,broad-development\n")
	pw.Close()
	if err := <-first; err != nil {
		t.Fatal(err)
	}
	files, _ := filepath.Glob(filepath.Join(dir, "[^.]*"))
	var names []string
	for _, f := range files {
		names = append(names, filepath.Base(f))
	}
	if strings.Join(names, " ") != "ann.md cy.md index.md" {
		t.Fatalf("files %v", names)
	}
}

// A run that stops part-way (here, cancelled after its first rows) puts no report and no
// index in the folder: it is as it was.
func TestOutDirInterruptedChangesNothing(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "mine.md"), []byte("my notes"), 0o644)
	ctx, cancel := context.WithCancel(context.Background())
	pr, pw := io.Pipe()
	go func() {
		io.WriteString(pw, "id,scope\n")
		for i := range 2000 {
			fmt.Fprintf(pw, "p%d,specific-skills\n", i)
			if i == 1000 {
				cancel()
			}
		}
		pw.Close()
	}()
	r, err := Open(pr, ReadOptions{Vocab: VocabularyOf(def)})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Run(ctx, r, io.Discard, io.Discard, Options{Bank: def, OutDir: dir}); !errors.Is(err, context.Canceled) {
		t.Fatalf("got %v", err)
	}
	entries, _ := os.ReadDir(dir)
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	if strings.Join(names, " ") != safefile.LockName+" mine.md" {
		t.Fatalf("the folder holds %v", names)
	}
}
