package batch

import (
	"bufio"
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"runtime/metrics"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/exp/golden"

	"github.com/coachmentor/coachmentor/internal/answers"
	"github.com/coachmentor/coachmentor/internal/bank"
	"github.com/coachmentor/coachmentor/internal/engine"
	"github.com/coachmentor/coachmentor/internal/report"
	"github.com/coachmentor/coachmentor/questions"
)

var def = questions.Default()

func run(t *testing.T, input string, opts Options) (string, string, Summary, error) {
	t.Helper()
	if opts.Bank == nil {
		opts.Bank = def
	}
	if opts.Name == "" {
		opts.Name = "team.csv"
	}
	vocab := VocabularyOf(opts.Bank)
	if opts.Compare != nil {
		vocab = VocabularyOf(opts.Bank, opts.Compare)
	}
	r, err := NewReader(strings.NewReader(input), "", vocab)
	if err != nil {
		return "", "", Summary{}, err
	}
	if opts.Reopen == nil { // as a file can be read again
		opts.Reopen = func() (Reader, error) { return NewReader(strings.NewReader(input), "", vocab) }
	}
	var out, errOut bytes.Buffer
	sum, err := Run(context.Background(), r, &out, &errOut, opts)
	return out.String(), errOut.String(), sum, err
}

// runOnce is Run for an input read once, as from a pipe.
func runOnce(t *testing.T, input string, opts Options) (string, string, Summary, error) {
	t.Helper()
	if opts.Bank == nil {
		opts.Bank = def
	}
	r, err := NewReader(strings.NewReader(input), "", VocabularyOf(opts.Bank))
	if err != nil {
		return "", "", Summary{}, err
	}
	opts.Reopen = nil
	var out, errOut bytes.Buffer
	sum, err := Run(context.Background(), r, &out, &errOut, opts)
	return out.String(), errOut.String(), sum, err
}

// A CSV as spreadsheets export it: byte-order mark, CRLF, quotes, blank lines, ids in any
// case, a column that is not a question, and three bad rows.
const spreadsheet = "\ufeffID,Scope,DURATION,goal,Success,Department\r\n" +
	"ann,Specific-Skills,weeks,performance,metrics,Ops\r\n" +
	"\r\n" +
	"\"Lee, Bo\",broad_development,Years,GROWTH,Growth,\"R&D\"\r\n" +
	"cat,specific-skills,wekks,skill,metrics,Ops\r\n" +
	"dan,broad-development\r\n" +
	"fay,,,,,\r\n" +
	"eve,\"broken,weeks,performance,x\r\n"

func TestSpreadsheetCSV(t *testing.T) {
	out, errOut, sum, err := run(t, spreadsheet, Options{Format: FormatCSV})
	if !errors.Is(err, ErrInvalidRows) {
		t.Fatalf("want ErrInvalidRows, got %v", err)
	}
	golden.RequireEqual(t, []byte(out))
	wantErr := []string{
		`team.csv:1: ignoring columns that are not questions: "Department"`,
		`team.csv:5 (id "cat"): unknown answer "wekks" for duration (did you mean "weeks"?); valid: weeks, months, year, years, unsure`,
		`team.csv:6 (id "dan"): 2 fields, but the header has 6`,
		`team.csv:7 (id "fay"): no answers; undecided`,
		`team.csv:8: broken quoting: a quoted field is never closed, or a quote inside it is not doubled ("")`,
	}
	lines := strings.Split(strings.TrimSpace(errOut), "\n")
	if len(lines) != len(wantErr) {
		t.Fatalf("stderr:\n%s", errOut)
	}
	for i, w := range wantErr {
		if !strings.HasPrefix(lines[i], w) {
			t.Errorf("stderr line %d:\n got %s\nwant %s", i+1, lines[i], w)
		}
	}
	if sum.Respondents != 6 || sum.Invalid != 3 || sum.ByRecommendation[engine.Coaching] != 1 || sum.ByRecommendation[engine.Mentoring] != 1 || sum.ByRecommendation[engine.Undecided] != 1 {
		t.Fatalf("summary %+v", sum)
	}
	if got := sum.Line(); got != "6 respondents: 1 coaching, 1 mentoring, 0 blend, 1 undecided, 3 invalid" {
		t.Errorf("summary line %q", got)
	}
}

// readAlike checks that each of inputs, by name, gives the CSV output that plain gives.
func readAlike(t *testing.T, plain string, inputs map[string]string) {
	t.Helper()
	want, _, _, err := run(t, plain, Options{Format: FormatCSV})
	if err != nil {
		t.Fatal(err)
	}
	for name, input := range inputs {
		got, errOut, _, err := run(t, input, Options{Format: FormatCSV})
		if err != nil || got != want {
			t.Errorf("%s: %v\n%s\ngot:\n%s\nwant:\n%s", name, err, errOut, got, want)
		}
	}
}

// Spreadsheets in many languages save "CSV" with semicolons, or tabs: the header row tells
// which, and the rows are read alike. A comma stays a comma on a tie.
func TestSeparators(t *testing.T) {
	readAlike(t, "id,scope,goal\n\"Lee; Bo\",specific-skills,performance\nann,broad-development,growth\n", map[string]string{
		"semicolons": "\ufeffID;Scope;\"Goal\"\r\n\"Lee; Bo\";Specific-Skills;performance\r\nann;broad-development;growth\r\n",
		"tabs":       "id\tscope\tgoal\nLee; Bo\tspecific-skills\tperformance\nann\tbroad-development\tgrowth\n",
	})
	// A semicolon inside a comma-separated header's column stays part of it.
	out, errOut, _, err := run(t, "id,scope,\"a;b\"\nann,specific-skills,x\n", Options{Format: FormatCSV})
	if err != nil || !strings.Contains(out, "ann,undecided") || !strings.Contains(errOut, `ignoring columns that are not questions: "a;b"`) {
		t.Errorf("%v\n%s\n%s", err, out, errOut)
	}
}

// A "sep=;" line before the header, which spreadsheets write and read to say which
// character separates the columns, is obeyed, and lines keep their numbers in the file.
func TestSepLine(t *testing.T) {
	readAlike(t, "id,scope,goal\nann,specific-skills,performance\nbob,broad-development,growth\n", map[string]string{
		"semicolons": "sep=;\r\nid;scope;goal\r\nann;specific-skills;performance\r\nbob;broad-development;growth\r\n",
		"pipes":      "SEP=|\nid|scope|goal\nann|specific-skills|performance\nbob|broad-development|growth\n",
		"tabs":       "sep=\t\nid\tscope\tgoal\nann\tspecific-skills\tperformance\nbob\tbroad-development\tgrowth\n",
	})
	_, errOut, _, _ := run(t, "sep=;\nid;scope;Dept\nann;specific-skills;x\nbob;wekks;x\ncat;\"specific-skills\n\nx\"y;z\n", Options{Format: FormatCSV})
	wantErr := "team.csv:2: ignoring columns that are not questions: \"Dept\"\n" +
		"team.csv:4 (id \"bob\"): unknown answer \"wekks\" for scope; valid: specific-skills, broad-development, unsure\n" +
		"team.csv:5: broken quoting: a quoted field is never closed, or a quote inside it is not doubled (\"\") (found on line 7)\n"
	if errOut != wantErr {
		t.Errorf("stderr:\n%s\nwant:\n%s", errOut, wantErr)
	}
	// A separator CSV cannot use is named, with the ones it can.
	for _, sep := range []string{`"`, "\x01", " "} {
		_, err := NewReader(strings.NewReader("sep="+sep+"\nid"+sep+"scope\n"), "", VocabularyOf(def))
		if err == nil || !strings.HasSuffix(err.Error(), "names a separator CSV cannot use; use a comma, semicolon or tab") {
			t.Errorf("sep=%q: got %v", sep, err)
		}
	}
}

// Files joined one after another (cat a.csv b.csv) repeat the header: it is said and
// skipped, not scored as a respondent whose every answer is unknown.
func TestHeaderAgain(t *testing.T) {
	input := "Scope,goal\nspecific-skills,performance\nbroad-development,growth\n" +
		"\ufeffscope,Goal\r\nspecific-skills,skill\n"
	out, errOut, sum, err := run(t, input, Options{Format: FormatCSV})
	if err != nil || sum.Respondents != 3 || sum.Invalid != 0 {
		t.Fatalf("%v %+v\n%s", err, sum, errOut)
	}
	if want := "team.csv:4: the header row again, as when files are joined; skipped\n"; errOut != want {
		t.Errorf("stderr %q, want %q", errOut, want)
	}
	// Respondents without ids are numbered on, past the header.
	var ids []string
	for _, line := range strings.Split(strings.TrimSpace(out), "\n")[1:] {
		ids = append(ids, strings.Split(line, ",")[0])
	}
	if got := strings.Join(ids, " "); got != "1 2 3" {
		t.Errorf("ids %q, want 1 2 3", got)
	}
	// With reports, the header gets none.
	dir := t.TempDir()
	if _, errOut, _, err := run(t, "id,scope\nann,specific-skills\nid,scope\nbob,broad-development\n", Options{OutDir: dir}); err != nil {
		t.Fatalf("%v\n%s", err, errOut)
	}
	files, _ := filepath.Glob(filepath.Join(dir, "*"))
	if len(files) != 2 || filepath.Base(files[0]) != "ann.md" || filepath.Base(files[1]) != "bob.md" {
		t.Errorf("reports %v", files)
	}
}

// Excel on Windows saves "CSV (Comma delimited)" in Windows-1252: text that is not UTF-8
// is read so, and said once, rather than every row with an accent refused.
func TestWindows1252(t *testing.T) {
	input := "id;scope;D\xe9partement\r\n" + // Département
		"ann;specific-skills;Ops\r\n" +
		"G\xf3mez;broad-development;R\x26D\r\n" + // Gómez
		"M\xfcller \x80;specific-skills;x\r\n" // Müller €
	out, errOut, sum, err := run(t, input, Options{Format: FormatCSV})
	if err != nil || sum.Respondents != 3 || sum.Invalid != 0 {
		t.Fatalf("%v %+v\n%s", err, sum, errOut)
	}
	for _, want := range []string{"\nGómez,undecided,", "\nMüller €,undecided,"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	wantErr := "team.csv:1: " + legacyNotice + "\n" +
		"team.csv:1: ignoring columns that are not questions: \"Département\"\n"
	if errOut != wantErr {
		t.Errorf("stderr:\n%s\nwant:\n%s", errOut, wantErr)
	}
	// Said at the first row that needs it when the header does not.
	_, errOut, _, _ = run(t, "id,scope\nann,specific-skills\nG\xf3mez,weeks\nM\xfcller,specific-skills\n", Options{Format: FormatCSV})
	if want := "team.csv:3: " + legacyNotice + "\nteam.csv:3 (id \"Gómez\"): unknown answer \"weeks\" for scope"; !strings.HasPrefix(errOut, want) || strings.Count(errOut, "Windows-1252") != 1 {
		t.Errorf("stderr:\n%s\nwant it to start:\n%s", errOut, want)
	}
}

// A workbook saved as it is, or any file that is not text, is refused before any row with
// what to do instead, rather than read as a header of junk.
func TestNotText(t *testing.T) {
	for input, want := range map[string]string{
		"PK\x03\x04\x14\x00\x06\x00[Content_Types].xml":  "a workbook (.xlsx or .ods), not CSV; save it from the spreadsheet as CSV UTF-8 and run batch on that",
		"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\x00\x00":       "an old Excel workbook (.xls), not CSV; save it from the spreadsheet as CSV UTF-8 and run batch on that",
		"i\x00d\x00,\x00s\x00c\x00o\x00p\x00e\x00\n\x00": "not text (it holds NUL bytes); batch reads CSV or JSON Lines, saved as UTF-8 or as UTF-16 with a byte-order mark",
	} {
		for _, format := range []string{"", InputCSV, InputJSONL} {
			_, err := NewReader(strings.NewReader(input), format, VocabularyOf(def))
			if err == nil || err.Error() != want {
				t.Errorf("%q as %q: got %v\nwant %s", input, format, err, want)
			}
		}
	}
}

// JSON that is not JSON Lines is refused before any row, with the way to turn it into
// JSON Lines, rather than reported line by line.
func TestJSONThatIsNotJSONLines(t *testing.T) {
	for input, want := range map[string]string{
		"[{\"scope\": \"weeks\"}, {\"scope\": \"years\"}]\n": "a JSON list; batch reads JSON Lines, one object per line (jq -c '.[]' turns a list into that)",
		"\n  [\n  {\"scope\": \"weeks\"}\n]\n":               "a JSON list;",
		"{\n  \"scope\": \"weeks\"\n}\n":                     "JSON spread over lines; batch reads JSON Lines, one object per line (jq -c . joins each object's lines)",
	} {
		_, err := NewReader(strings.NewReader(input), "", VocabularyOf(def))
		if err == nil || !strings.HasPrefix(err.Error(), want) {
			t.Errorf("%q: got %v, want %s", input, err, want)
		}
	}
}

// Telling the format and the separator waits for the first line only, not for the input
// to end, so that a program can pipe its rows in as it makes them.
func TestReaderWaitsForTheFirstLineOnly(t *testing.T) {
	for _, first := range []string{"id;scope\n", `{"scope": "weeks"}` + "\n", "\n\nscope\n", "scope\n", "sep=;\nscope\n"} {
		pr, pw := io.Pipe()
		go pw.Write([]byte(first))
		made := make(chan error, 1)
		go func() {
			_, err := NewReader(pr, "", VocabularyOf(def))
			made <- err
		}()
		// Were it waiting for more input, this would wait until the test's own limit.
		if err := <-made; err != nil {
			t.Errorf("%q: %v", first, err)
		}
		pw.Close()
	}
}

// A header that names no question would score everyone as an unanswered blend; it is an
// error instead, which says what the header should hold.
func TestHeaderWithoutQuestions(t *testing.T) {
	_, err := NewReader(strings.NewReader("name|scope|goal\nann|specific-skills|growth\n"), "", VocabularyOf(def))
	want := `the header row names no question (found "name|scope|goal"); it should name questions such as participants, goal, scope, separated by commas`
	if err == nil || err.Error() != want {
		t.Fatalf("got %v\nwant %s", err, want)
	}
}

// Quoting mistakes are explained in a spreadsheet user's terms, with the line a quoted
// field ran on to when it is not the line the row starts on.
func TestCSVQuotingMessages(t *testing.T) {
	input := "id,scope\n" +
		"ann,x\"y\n" +
		"bob,\"specific-skills\n\nand more\"z\n" +
		"cat,specific-skills\n"
	_, errOut, sum, _ := run(t, input, Options{Format: FormatCSV})
	want := "team.csv:2: broken quoting: a quote inside a field that does not start with one; put the field in quotes and double the quote (\"\")\n" +
		"team.csv:3: broken quoting: a quoted field is never closed, or a quote inside it is not doubled (\"\") (found on line 5)\n"
	if errOut != want {
		t.Errorf("stderr:\n%s\nwant:\n%s", errOut, want)
	}
	if got := sum.Line(); got != "3 respondents: 0 coaching, 0 mentoring, 0 blend, 1 undecided, 2 invalid" {
		t.Errorf("summary %q", got)
	}
}

// Messages about rows come in input order, whichever kind they are, and one respondent is
// one respondent.
func TestMessagesInInputOrder(t *testing.T) {
	input := `{"id": "a", "scope": 1}` + "\n" +
		`{"id": "b", "scope": "specific-skills", "team": "ops"}` + "\n" +
		`{"id": "c", "scope": "nope"}` + "\n" +
		`{"id": "d", "Team": "hr"}` + "\n"
	_, errOut, _, _ := run(t, input, Options{Name: "t.jsonl"})
	lines := strings.Split(strings.TrimSpace(errOut), "\n")
	want := []string{`t.jsonl:1 (id "a")`, `t.jsonl:2: ignoring "team"`, `t.jsonl:3 (id "c")`, `t.jsonl:4 (id "d"): no answers`}
	if len(lines) != len(want) {
		t.Fatalf("stderr:\n%s", errOut)
	}
	for i, w := range want {
		if !strings.HasPrefix(lines[i], w) {
			t.Errorf("line %d: got %s, want it to start %s", i+1, lines[i], w)
		}
	}
	_, _, sum, _ := run(t, "scope\nspecific-skills\n", Options{})
	if got := sum.Line(); got != "1 respondent: 0 coaching, 0 mentoring, 0 blend, 1 undecided, 0 invalid" {
		t.Errorf("summary %q", got)
	}
}

func TestJSONLines(t *testing.T) {
	input := `{"id": "ann", "scope": "specific-skills", "goal": "performance"}` + "\r\n" +
		"\n" +
		`{"scope": "broad-development", "duration": null}` + "\n" +
		`{"id": "bad", "scope": ` + "\n" +
		`{"id": "num", "scope": 3}` + "\n" +
		`{"id": "dup", "scope": "a", "Scope": "b"}` + "\n" +
		`{"id": "list", "goal": ["growth"]}` + "\n" +
		`["not", "an", "object"]` + "\n" +
		`{"id": 7, "goal": "growth"}` + "\n" +
		`{"id": "esc", "goal": "gr\u006fwth"} trailing` + "\n"
	out, errOut, sum, err := run(t, input, Options{Name: "team.jsonl"})
	if !errors.Is(err, ErrInvalidRows) {
		t.Fatalf("got %v", err)
	}
	var ids []string
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		var d report.Document
		if err := json.Unmarshal([]byte(line), &d); err != nil {
			t.Fatalf("output line is not JSON: %v\n%s", err, line)
		}
		ids = append(ids, d.ID)
	}
	if strings.Join(ids, ",") != "ann,2,7" {
		t.Fatalf("ids %v (a row without an id is named by its position)", ids)
	}
	for _, w := range []string{
		`team.jsonl:4 (id "bad"): invalid JSON: the line ends inside the object`,
		`team.jsonl:5 (id "num"): "scope": expected an answer id as text, found the number 3`,
		`team.jsonl:6 (id "dup"): the key "Scope" appears twice`,
		`team.jsonl:7 (id "list"): "goal": expected an answer id as text, found a list`,
		`team.jsonl:8: expected a JSON object of answers`,
		`team.jsonl:10 (id "esc"): invalid JSON at column 38: text after the object`,
	} {
		if !strings.Contains(errOut, w) {
			t.Errorf("stderr lacks %q:\n%s", w, errOut)
		}
	}
	if sum.Respondents != 9 || sum.Invalid != 6 {
		t.Fatalf("summary %+v", sum)
	}
}

// Each output object is exactly `recommend --format json`'s, plus id.
func TestJSONLMatchesRecommend(t *testing.T) {
	out, _, _, err := run(t, "id,scope,duration,goal\nann,specific-skills,years,network\n", Options{})
	if err != nil {
		t.Fatal(err)
	}
	sel, _ := answers.Resolve(def, []answers.Given{{Question: "scope", Answer: "specific-skills"}, {Question: "duration", Answer: "years"}, {Question: "goal", Answer: "network"}})
	var pretty, compact bytes.Buffer
	report.JSON(&pretty, def, engine.New(def).Evaluate(sel), report.Options{})
	json.Compact(&compact, pretty.Bytes())
	want := `{"id":"ann",` + compact.String()[1:] + "\n"
	if out != want {
		t.Fatalf("got\n%s\nwant\n%s", out, want)
	}
}

// Output keeps input order whatever the number of workers.
func TestOrderKept(t *testing.T) {
	data := string(teamCSV(3000, 7))
	want, _, _, err := run(t, data, Options{Workers: 1})
	if err != nil {
		t.Fatal(err)
	}
	got, _, _, err := run(t, data, Options{Workers: 4})
	if err != nil {
		t.Fatal(err)
	}
	if got != want {
		t.Fatal("output differs with more workers")
	}
	sc := bufio.NewScanner(strings.NewReader(got))
	sc.Buffer(nil, 1<<20)
	for i := 0; sc.Scan(); i++ {
		if !strings.HasPrefix(sc.Text(), `{"id":"p`+strconv.Itoa(i)+`",`) {
			t.Fatalf("line %d is %.30s", i+1, sc.Text())
		}
	}
}

func TestTeamMarkdown(t *testing.T) {
	out, _, _, err := run(t, spreadsheet, Options{Format: FormatMarkdown})
	if !errors.Is(err, ErrInvalidRows) {
		t.Fatal(err)
	}
	golden.RequireEqual(t, []byte(out))
}

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
		names = append(names, e.Name())
	}
	want := []string{"Ann-Lee.md", "_CON.md", "a-b-c.md", "ann-lee-2.md", "escape.md", "hidden.md", "red.md", "respondent-7.md"}
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
	out, errOut, sum, err := run(t, input, Options{OutDir: dir, Format: FormatCSV})
	if !errors.Is(err, ErrInvalidRows) || sum.Invalid != 0 || sum.NotWritten != 8 || !strings.Contains(errOut, "escape.md already exists; kept it (use --force to replace it)") {
		t.Fatalf("second run: %v %+v\n%s", err, sum, errOut)
	}
	if n := strings.Count(out, "\n"); n != 9 {
		t.Fatalf("second run wrote %d lines, want a header and 8 results:\n%s", n, out)
	}
	if !strings.HasSuffix(sum.Line(), "; 8 reports were not written (see above)") {
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
	if !errors.As(err, &re) || !strings.HasPrefix(err.Error(), `team.csv:2 (id "ann"): cannot write /proc/self/ann.md`) {
		t.Fatalf("got %v", err)
	}
	if out != "" || errOut != "" {
		t.Fatalf("wrote %d bytes and %q", len(out), errOut)
	}
}

func TestCompare(t *testing.T) {
	src := strings.Replace(string(def.Raw), "min_share: 0.6", "min_share: 0.7", 1)
	src = strings.Replace(src, "types: {one-on-one-mentoring: 4, peer-mentoring: 1}", "types: {one-on-one-mentoring: 1, peer-mentoring: 6}", 1)
	other, err := bank.Parse("client.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	input := "id,participants,scope,duration,goal\n" +
		"ann,individual,specific-skills,weeks,performance\n" + // unchanged
		"bob,individual,broad-development,year,growth\n" + // top type changes
		"cy,individual,specific-skills,weeks,growth\n" + // recommendation changes
		"dee,individual,broad-development,months,performance\n" // recommendation changes, top type stays
	t.Run("markdown", func(t *testing.T) {
		out, _, sum, err := run(t, input, Options{Compare: other})
		if err != nil {
			t.Fatal(err)
		}
		if sum.Changed != 3 {
			t.Fatalf("changed %d, want 3", sum.Changed)
		}
		golden.RequireEqual(t, []byte(out))
	})
	t.Run("json", func(t *testing.T) {
		out, _, _, err := run(t, input, Options{Compare: other, Format: FormatJSON})
		if err != nil {
			t.Fatal(err)
		}
		golden.RequireEqual(t, []byte(out))
	})
	t.Run("csv", func(t *testing.T) {
		out, _, _, err := run(t, input, Options{Compare: other, Format: FormatCSV})
		if err != nil {
			t.Fatal(err)
		}
		golden.RequireEqual(t, []byte(out))
		// The same outcomes as the JSON form, a line each.
		js, _, _, _ := run(t, input, Options{Compare: other, Format: FormatJSON})
		recs, err := csv.NewReader(strings.NewReader(out)).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		docs := strings.Split(strings.TrimSpace(js), "\n")
		if len(recs) != len(docs)+1 {
			t.Fatalf("%d lines for %d respondents", len(recs)-1, len(docs))
		}
		for i, line := range docs {
			var d compareDoc
			if err := json.Unmarshal([]byte(line), &d); err != nil {
				t.Fatal(err)
			}
			want := []string{d.ID, strconv.FormatBool(d.Changed), d.A.Recommendation, strconv.FormatFloat(d.A.Confidence, 'f', -1, 64), d.A.TopType,
				d.B.Recommendation, strconv.FormatFloat(d.B.Confidence, 'f', -1, 64), d.B.TopType, strings.Join(d.Why, "; "),
				strings.Join(d.A.TopTie, " "), strings.Join(d.B.TopTie, " ")}
			if !reflect.DeepEqual(recs[i+1], want) {
				t.Errorf("line %d:\n got %q\nwant %q", i+2, recs[i+1], want)
			}
		}
	})
}

// Memory stays flat: a quarter of a million rows, streamed, never hold more than a few
// megabytes of live heap.
func TestMemoryStaysFlat(t *testing.T) {
	if testing.Short() {
		t.Skip("streams 250,000 rows")
	}
	pr, pw := io.Pipe()
	go func() {
		w := bufio.NewWriter(pw)
		w.WriteString("id,scope,duration,goal\n")
		rng := rand.New(rand.NewPCG(1, 1))
		scopes := []string{"specific-skills", "broad-development", ""}
		for i := range 250000 {
			w.WriteString("p" + strconv.Itoa(i) + "," + scopes[rng.IntN(3)] + ",weeks,growth\n")
		}
		w.Flush()
		pw.Close()
	}()
	r, err := NewReader(pr, "", VocabularyOf(def))
	if err != nil {
		t.Fatal(err)
	}
	// The live heap as of each collection: what the run holds on to, not garbage waiting
	// to be collected. Earlier tests' garbage is collected first.
	runtime.GC()
	stop := make(chan struct{})
	peak := make(chan uint64)
	go func() {
		var max uint64
		sample := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
		for {
			select {
			case <-stop:
				peak <- max
				return
			case <-time.After(10 * time.Millisecond):
				metrics.Read(sample)
				if v := sample[0].Value.Uint64(); v > max {
					max = v
				}
			}
		}
	}()
	sum, err := Run(context.Background(), r, io.Discard, io.Discard, Options{Bank: def})
	close(stop)
	max := <-peak
	if err != nil || sum.Respondents != 250000 {
		t.Fatalf("%v %+v", err, sum)
	}
	t.Logf("peak live heap: %d MiB", max>>20)
	if max > 48<<20 {
		t.Fatalf("peak live heap %d MiB: memory grows with the input", max>>20)
	}
}

// Cancelling stops the run with only complete lines written.
func TestCancelWritesWholeLines(t *testing.T) {
	pr, pw := io.Pipe()
	go func() {
		pw.Write([]byte("id,scope\n"))
		for i := 0; ; i++ {
			if _, err := pw.Write([]byte("p" + strconv.Itoa(i) + ",specific-skills\n")); err != nil {
				return
			}
		}
	}()
	r, err := NewReader(pr, "", VocabularyOf(def))
	if err != nil {
		t.Fatal(err)
	}
	// Cancelled once results have come out, whenever that is.
	ctx, cancel := context.WithCancel(context.Background())
	var out bytes.Buffer
	_, err = Run(ctx, r, cancelAfterWrite{&out, cancel}, io.Discard, Options{Bank: def})
	pr.Close()
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("got %v", err)
	}
	if out.Len() == 0 || !bytes.HasSuffix(out.Bytes(), []byte("\n")) {
		t.Fatal("output does not end with a whole line")
	}
	for _, line := range strings.Split(strings.TrimSuffix(out.String(), "\n"), "\n") {
		if !json.Valid([]byte(line)) {
			t.Fatalf("a partial line: %.60s", line)
		}
	}
}

// cancelAfterWrite cancels the run as its first results are written.
type cancelAfterWrite struct {
	w      io.Writer
	cancel context.CancelFunc
}

func (c cancelAfterWrite) Write(p []byte) (int, error) {
	c.cancel()
	return c.w.Write(p)
}

// The JSON Lines scanner reads what encoding/json reads.
func TestParseObjectAgreesWithEncodingJSON(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 5))
	pieces := []string{"a", "é", "\"", "\\", "\n", "\t", "\u2028", "\x01", "日本", " ", "/", "\U0001F600"}
	vocab := &Vocabulary{}
	for k := range 5 {
		vocab.add("q"+strconv.Itoa(k), true)
	}
	for range 2000 {
		obj := map[string]any{}
		for k := range rng.IntN(5) + 1 {
			var s strings.Builder
			for range rng.IntN(6) {
				s.WriteString(pieces[rng.IntN(len(pieces))])
			}
			key := "q" + strconv.Itoa(k)
			if rng.IntN(5) == 0 {
				obj[key] = nil
			} else {
				obj[key] = s.String()
			}
		}
		data, _ := json.Marshal(obj)
		row := new(Row)
		err := parseObject(data, vocab, row)
		given := row.Given
		if err != nil {
			t.Fatalf("%s: %v", data, err)
		}
		got := map[string]any{}
		for k, v := range obj {
			if v == nil {
				got[k] = nil
			}
		}
		for _, g := range given {
			got[g.Question] = g.Answer
		}
		if !reflect.DeepEqual(got, obj) {
			t.Fatalf("%s: got %v", data, got)
		}
	}
}

// JSON Lines written by hand or by other tools: keys in any letter case are the
// questions they name, and keys that are no question are reported once, whatever their
// value, without spoiling the row.
func TestJSONLinesKeys(t *testing.T) {
	input := `{"ID": "ann", "Scope": "specific-skills", "GOAL": "performance", "team": "ops"}` + "\n" +
		`{"id": "bo", "scope": "specific-skills", "goal": "performance", "team": "dev", "age": 41}` + "\n" +
		`{"id": "cy", "scope": "specific-skills", "goal": "performance", "Team": ["x"], "notes": {"a": 1}}` + "\n"
	out, errOut, sum, err := run(t, input, Options{Name: "team.jsonl"})
	if err != nil {
		t.Fatalf("%v\n%s", err, errOut)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 3 || sum.Invalid != 0 {
		t.Fatalf("summary %+v\n%s", sum, out)
	}
	for i, line := range lines {
		var d report.Document
		if err := json.Unmarshal([]byte(line), &d); err != nil {
			t.Fatal(err)
		}
		if d.ID != []string{"ann", "bo", "cy"}[i] {
			t.Errorf("line %d id %q", i+1, d.ID)
		}
		scope, _ := d.Answers.Get("scope")
		goal, _ := d.Answers.Get("goal")
		if scope != "specific-skills" || goal != "performance" {
			t.Errorf("line %d: keys in another case were not read as questions: %v", i+1, d.Answers)
		}
	}
	want := `team.jsonl:1: ignoring "team", which is not a question` + "\n" +
		`team.jsonl:2: ignoring "age", which is not a question` + "\n" +
		`team.jsonl:3: ignoring "notes", which is not a question` + "\n"
	if errOut != want {
		t.Errorf("stderr:\n%s\nwant:\n%s", errOut, want)
	}
}

// Spreadsheets export rows of empty cells below a table, or between its parts: they are
// no respondents, and the rows after them keep their line numbers.
func TestRowsOfEmptyCells(t *testing.T) {
	input := "id,scope,duration\r\n" +
		"ann,specific-skills,weeks\r\n" +
		",,\r\n" +
		" , ,\t\r\n" +
		"bo,broad-development,wekks\r\n" +
		",\r\n" +
		",,\r\n"
	out, errOut, sum, err := run(t, input, Options{Format: FormatCSV})
	if !errors.Is(err, ErrInvalidRows) {
		t.Fatalf("want ErrInvalidRows, got %v\n%s", err, errOut)
	}
	if sum.Respondents != 2 || sum.Invalid != 1 {
		t.Errorf("summary %+v, want 2 respondents, 1 invalid", sum)
	}
	if want := `team.csv:5 (id "bo"): unknown answer "wekks"`; !strings.HasPrefix(errOut, want) {
		t.Errorf("stderr:\n%s\nwant it to start %s", errOut, want)
	}
	if lines := strings.Split(strings.TrimSpace(out), "\n"); len(lines) != 2 || !strings.HasPrefix(lines[1], "ann,") {
		t.Errorf("output:\n%s", out)
	}
	// A row with an id and nothing else is a respondent who answered nothing.
	_, _, sum, err = run(t, "id,scope\nann,\n", Options{Format: FormatCSV})
	if err != nil || sum.Respondents != 1 || sum.ByRecommendation[engine.Undecided] != 1 {
		t.Errorf("an id alone: %v, %+v", err, sum)
	}
}

// A spreadsheet filled in by hand may hold the answers as the questionnaire shows them.
func TestLabelsAsAnswers(t *testing.T) {
	want, _, _, err := run(t, "id,scope,duration,goal\nann,specific-skills,weeks,unsure\n", Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, input := range []string{
		"id,scope,duration,goal\nann,\"A specific skill, or gap\",A few weeks,Not sure\n",
		`{"id": "ann", "scope": "a specific skill or gap", "duration": "A FEW WEEKS", "goal": "Not sure"}` + "\n",
	} {
		got, errOut, _, err := run(t, input, Options{})
		if err != nil || got != want {
			t.Errorf("%s: %v\n%s\ngot:\n%s\nwant:\n%s", input, err, errOut, got, want)
		}
	}
}

// A form made from the questionnaire exports its questions' titles or prompts as headers
// and the answers' labels as cells, with columns of its own besides.
func TestFormExport(t *testing.T) {
	want, _, _, err := run(t, "id,scope,duration,driver,goal\nAnn Lee,specific-skills,weeks,participant,performance\n", Options{})
	if err != nil {
		t.Fatal(err)
	}
	form := "Timestamp,Name,How specific is the need?,Duration: How long is the need likely to last?,AGENDA,Main need,Other,Other\n" +
		"2026-11-20 09:14,Ann Lee,A specific skill or gap,A few weeks,\"The person, from their own goals\",Close a performance gap,,\n"
	got, errOut, _, err := run(t, form, Options{})
	if err != nil || got != want {
		t.Errorf("%v\n%s\ngot:\n%s\nwant:\n%s", err, errOut, got, want)
	}
	if want := `team.csv:1: ignoring columns that are not questions: "Timestamp", "Other", "Other"` + "\n"; !strings.HasPrefix(errOut, want) {
		t.Errorf("stderr:\n%s\nwant it to start %s", errOut, want)
	}
	got, errOut, _, err = run(t, `{"id": "Ann Lee", "How specific is the need": "specific-skills", "duration": "weeks", "Agenda": "participant", "goal": "performance"}`+"\n", Options{})
	if err != nil || got != want {
		t.Errorf("JSON Lines: %v\n%s\ngot:\n%s\nwant:\n%s", err, errOut, got, want)
	}
	_, _, _, err = run(t, "driver,Agenda\nparticipant,organization\n", Options{})
	if err == nil || err.Error() != `the header row names the question driver twice (the second time as "Agenda")` {
		t.Errorf("a question named twice: %v", err)
	}
}

// A title two banks give different questions names neither; ids still name theirs.
func TestSharedTitleNamesNeither(t *testing.T) {
	src := strings.Replace(string(def.Raw), "  - id: driver\n", "  - id: drive\n", 1)
	other, err := bank.Parse("client.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	v := VocabularyOf(def, other)
	for text, want := range map[string]string{"Agenda": "", "who is setting the agenda": "", "driver": "driver", "Drive": "drive", "Timing": "start"} {
		if got, _ := v.Question(text); got != want {
			t.Errorf("Question(%q) = %q, want %q", text, got, want)
		}
	}
}

// People are often listed by name: a name column or key stands for the id when there is
// none, and is reported as not a question when there is one.
func TestNameStandsForID(t *testing.T) {
	for _, c := range []struct {
		input, ids, errOut string
	}{
		{"Name,scope\nAnn Lee,specific-skills\nBo,broad-development\n", "Ann Lee Bo", ""},
		{"id,name,scope\np1,Ann Lee,specific-skills\n", "p1", `team.csv:1: ignoring columns that are not questions: "name"` + "\n"},
		{`{"Name": "Ann Lee", "scope": "specific-skills"}` + "\n" + `{"name": 7, "scope": "specific-skills"}` + "\n", "Ann Lee 7", ""},
		{`{"name": "Ann Lee", "id": "p1", "scope": "specific-skills"}` + "\n", "p1", `team.csv:1: ignoring "name", which is not a question` + "\n"},
		{`{"name": ["Ann"], "scope": "specific-skills"}` + "\n", "1", `team.csv:1: ignoring "name", which is not a question` + "\n"},
	} {
		out, errOut, _, err := run(t, c.input, Options{Format: FormatCSV})
		if err != nil {
			t.Fatalf("%q: %v\n%s", c.input, err, errOut)
		}
		var ids []string
		for _, line := range strings.Split(strings.TrimSpace(out), "\n")[1:] {
			ids = append(ids, strings.Split(line, ",")[0])
		}
		if got := strings.Join(ids, " "); got != c.ids || !strings.HasPrefix(errOut, c.errOut) || strings.Contains(errOut[len(c.errOut):], "ignoring") {
			t.Errorf("%q:\nids %q, want %q\nstderr:\n%s\nwant:\n%s", c.input, got, c.ids, errOut, c.errOut)
		}
	}
}

// The vocabulary finds every word of a large bank, and only those.
func TestVocabularyGrows(t *testing.T) {
	v := &Vocabulary{}
	for k := range 5000 {
		v.add("w"+strconv.Itoa(k), k%2 == 0)
	}
	for k := range 5000 {
		w := "w" + strconv.Itoa(k)
		if n := v.lookup(w); n != int32(k) {
			t.Fatalf("lookup(%q) = %d", w, n)
		}
		if s, n := v.intern([]byte(w), hashString(w)); s != w || n != int32(k) {
			t.Fatalf("intern(%q) = %q, %d", w, s, n)
		}
		if _, q := v.Question(w); q != (k%2 == 0) {
			t.Fatalf("Question(%q)", w)
		}
	}
	if _, q := v.Question("scope"); v.lookup("w5000") != -1 || q {
		t.Fatal("found a word never added")
	}
}

// The same team read as CSV and as JSON Lines gives the same bytes out.
func TestCSVAndJSONLinesAgree(t *testing.T) {
	var csvIn, jsonlIn strings.Builder
	if err := WriteSample(&csvIn, def, 500, 9, false); err != nil {
		t.Fatal(err)
	}
	if err := WriteSample(&jsonlIn, def, 500, 9, true); err != nil {
		t.Fatal(err)
	}
	a, errA, sumA, err := run(t, csvIn.String(), Options{})
	if err != nil {
		t.Fatalf("%v\n%s", err, errA)
	}
	b, errB, _, err := run(t, jsonlIn.String(), Options{Name: "team.jsonl"})
	if err != nil {
		t.Fatalf("%v\n%s", err, errB)
	}
	if sumA.Respondents != 500 || strings.Count(a, "\n") != 500 {
		t.Fatalf("summary %+v", sumA)
	}
	if a != b {
		t.Fatal("CSV and JSON Lines of the same answers gave different results")
	}
}

// A long run uses its rows again once their results are written; every result must still
// be the respondent's own, as scoring that one line on its own gives.
func TestEveryRowScoredAsItsOwn(t *testing.T) {
	data := teamJSONL(2000, 11)
	out, _, sum, err := run(t, string(data), Options{Workers: 3})
	if err != nil || sum.Respondents != 2000 {
		t.Fatalf("%v %+v", err, sum)
	}
	s := engine.New(def)
	in := bufio.NewScanner(bytes.NewReader(data))
	got := bufio.NewScanner(strings.NewReader(out))
	got.Buffer(nil, 1<<20)
	for n := 1; in.Scan(); n++ {
		var row map[string]string
		if err := json.Unmarshal(in.Bytes(), &row); err != nil {
			t.Fatal(err)
		}
		var given []answers.Given
		for q, a := range row {
			if q != "id" {
				given = append(given, answers.Given{Question: q, Answer: a})
			}
		}
		sel, err := answers.Resolve(def, given)
		if err != nil {
			t.Fatal(err)
		}
		var pretty, compact bytes.Buffer
		report.JSON(&pretty, def, s.Evaluate(sel), report.Options{})
		json.Compact(&compact, pretty.Bytes())
		want := `{"id":"` + row["id"] + `",` + compact.String()[1:]
		if !got.Scan() || got.Text() != want {
			t.Fatalf("line %d: got\n%.300s\nwant\n%.300s", n, got.Text(), want)
		}
	}
}

// A CSV line over the limit is one invalid row, named by its line, wherever it is; the
// rows around it are scored.
func TestCSVLineTooLong(t *testing.T) {
	good := "ann,specific-skills\n"
	long := "bad," + strings.Repeat("x", 2<<20) + "\n"
	for name, input := range map[string]string{
		"late":  "id,scope\n" + strings.Repeat(good, 5000) + long + strings.Repeat(good, 10),
		"early": "id,scope\n" + long + strings.Repeat(good, 10),
	} {
		t.Run(name, func(t *testing.T) {
			out, errOut, sum, err := run(t, input, Options{Format: FormatCSV})
			if !errors.Is(err, ErrInvalidRows) || sum.Invalid != 1 {
				t.Fatalf("%v, %+v", err, sum)
			}
			valid := strings.Count(input, good)
			if got := strings.Count(out, "ann,"); got != valid {
				t.Fatalf("%d rows scored, want %d", got, valid)
			}
			line := strings.Count(input[:strings.Index(input, long)], "\n") + 1
			want := fmt.Sprintf("team.csv:%d: the line is longer than 1 MiB, the limit for a row; it is skipped", line)
			if !strings.Contains(errOut, want) {
				t.Fatalf("stderr lacks %q:\n%s", want, errOut)
			}
		})
	}
	if _, err := NewReader(strings.NewReader(strings.Repeat("x", 3<<20)+"\n"), "", VocabularyOf(def)); err == nil || !strings.Contains(err.Error(), "the header row is longer than 1 MiB") {
		t.Fatalf("a header over the limit: %v", err)
	}
}

// Lines that end in CR alone, as old Mac spreadsheets save them, are lines.
func TestCROnlyLineEnds(t *testing.T) {
	want, _, _, err := run(t, "id,scope\nann,specific-skills\nbo,broad-development\n", Options{Format: FormatCSV})
	if err != nil {
		t.Fatal(err)
	}
	// A CR inside quotes is part of the answer, which is then not one the bank knows.
	_, errOut, sum, err := run(t, "id,scope\rann,specific-skills\rbo,\"broad-\rdevelopment\"\r", Options{Format: FormatCSV})
	if err == nil || sum.Respondents != 2 {
		t.Fatalf("%v %+v\n%s", err, sum, errOut)
	}
	got, _, _, err := run(t, "id,scope\rann,specific-skills\rbo,broad-development\r", Options{Format: FormatCSV})
	if err != nil || got != want {
		t.Fatalf("%v\ngot:\n%s\nwant:\n%s", err, got, want)
	}
}

// batch's own JSON Lines, fed back to it, scores everyone as before: the answers are under
// "answers", and the keys said about them are not reported as questions.
func TestOwnOutputScoresTheSame(t *testing.T) {
	input := "id,participants,goal,scope,duration\nann,individual,performance,specific-skills,weeks\nbo,peers,growth,,years\n"
	first, _, _, err := run(t, input, Options{})
	if err != nil {
		t.Fatal(err)
	}
	again, errOut, sum, err := run(t, first, Options{Name: "results.jsonl"})
	if err != nil || again != first || errOut != "" || sum.Respondents != 2 {
		t.Fatalf("%v %+v\n%s\ngot:\n%s\nwant:\n%s", err, sum, errOut, again, first)
	}
	// Inside "answers" a key that names no question is reported; a question answered
	// both inside and out is a mistake.
	_, errOut, _, _ = run(t, `{"id": "a", "answers": {"scope": "weeks", "team": "ops"}}`+"\n", Options{Name: "t.jsonl"})
	if !strings.Contains(errOut, `ignoring "team", which is not a question`) {
		t.Errorf("stderr:\n%s", errOut)
	}
	_, errOut, _, _ = run(t, `{"id": "a", "scope": "weeks", "answers": {"scope": "years"}}`+"\n", Options{Name: "t.jsonl"})
	if !strings.Contains(errOut, `"answers": the question "scope" is answered twice`) {
		t.Errorf("stderr:\n%s", errOut)
	}
}

// JSON that is not JSON is refused, even in a value that is only reported.
func TestJSONLValuesMustBeJSON(t *testing.T) {
	for _, line := range []string{`{"x":[1,,,]}`, `{"x":{"a":1,}}`, `{"x":[1 2]}`} {
		_, errOut, sum, _ := run(t, line+"\n", Options{Name: "t.jsonl"})
		if sum.Invalid != 1 || !strings.Contains(errOut, "t.jsonl:1: invalid JSON") {
			t.Errorf("%s: %+v\n%s", line, sum, errOut)
		}
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
	_, errOut, sum, err := run(t, "id,scope\nann,specific-skills\nbo,broad-development\n", Options{OutDir: dir, Force: true, Format: FormatCSV})
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
	_, errOut, _, err := run(t, input, Options{OutDir: dir, Output: filepath.Join(dir, "team-report.md"), Format: FormatCSV})
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
	_, errOut, _, _ = run(t, input, Options{OutDir: dir, Force: true, Inputs: []fs.FileInfo{st}, Format: FormatCSV})
	if got, _ := os.ReadFile(input2); string(got) != "scope: weeks\n" || !strings.Contains(errOut, "bo.md is one of the files this run reads; kept it") {
		t.Fatalf("an input was written over:\n%s", errOut)
	}
}

// Reports an earlier run wrote that this run does not are said, and left alone.
func TestOutDirStaleReports(t *testing.T) {
	dir := t.TempDir()
	if _, _, _, err := run(t, "id,scope\nann,specific-skills\nbo,broad-development\n", Options{OutDir: dir, Format: FormatCSV}); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(dir, "notes.md"), []byte("# My notes\n"), 0o600) // not a report
	_, errOut, _, err := run(t, "id,scope\nann,specific-skills\n", Options{OutDir: dir, Force: true, Format: FormatCSV})
	if err != nil || !strings.Contains(errOut, ": 1 reports from an earlier run name no one in this one: bo.md; they were left as they are") {
		t.Fatalf("%v\n%s", err, errOut)
	}
	if _, err := os.Stat(filepath.Join(dir, "bo.md")); err != nil {
		t.Fatal("the earlier report was removed")
	}
}

// From a stream, read once, the team report's totals follow the respondents, and nothing is
// kept in a temporary file.
func TestTotalsFollowAStream(t *testing.T) {
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	out, _, sum, err := runOnce(t, "id,scope\nann,specific-skills\nbo,broad-development\n", Options{Format: FormatMarkdown})
	if err != nil || sum.Respondents != 2 {
		t.Fatal(err)
	}
	if !strings.Contains(out, "The totals follow the respondents") || strings.Index(out, "## Totals") < strings.Index(out, "### bo") {
		t.Fatalf("report:\n%s", out)
	}
	if entries, _ := os.ReadDir(tmp); len(entries) != 0 {
		t.Fatalf("temporary files: %v", entries)
	}
	// Read twice, the totals come first.
	out, _, _, _ = run(t, "id,scope\nann,specific-skills\nbo,broad-development\n", Options{Format: FormatMarkdown})
	if strings.Index(out, "## Recommendations") > strings.Index(out, "### ann") {
		t.Fatalf("report:\n%s", out)
	}
}

// A respondent the compared bank cannot score (an answer it renamed) is still counted and
// shown, with why, rather than dropped from both.
func TestCompareWhenOnlyOneBankCanScore(t *testing.T) {
	src := strings.Replace(string(def.Raw), "      - id: weeks\n", "      - id: short\n", 1)
	other, err := bank.Parse("client.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	input := "id,scope,duration,goal,structure\nann,specific-skills,weeks,performance,sessions\nbo,broad-development,years,growth,flexible\n"
	out, errOut, sum, err := run(t, input, Options{Compare: other})
	if err != nil || sum.Respondents != 2 || sum.Invalid != 0 || sum.Changed != 1 {
		t.Fatalf("%v %+v\n%s", err, sum, errOut)
	}
	if !strings.Contains(out, `| ann | coaching 0.6 → cannot be scored |`) || !strings.Contains(errOut, `in the compared bank, unknown answer "weeks" for duration`) {
		t.Fatalf("report:\n%s\nstderr:\n%s", out, errOut)
	}
	js, _, _, _ := run(t, input, Options{Compare: other, Format: FormatJSON})
	if !strings.Contains(js, `"b":{"recommendation":"","confidence":0,"top_type":"","top_tie":[],"error":"unknown answer \"weeks\" for duration`) {
		t.Fatalf("json:\n%s", js)
	}
}
