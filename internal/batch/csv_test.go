package batch

import (
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"testing"

	"github.com/charmbracelet/x/exp/golden"

	"github.com/coachmentor/coachmentor/internal/bank"
	"github.com/coachmentor/coachmentor/internal/engine"
	"github.com/coachmentor/coachmentor/internal/format"
	"github.com/coachmentor/coachmentor/internal/roster"
	"github.com/coachmentor/coachmentor/internal/sample"
)

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
	out, errOut, sum, err := run(t, spreadsheet, Options{Format: format.CSV})
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
	want, _, _, err := run(t, plain, Options{Format: format.CSV})
	if err != nil {
		t.Fatal(err)
	}
	for name, input := range inputs {
		got, errOut, _, err := run(t, input, Options{Format: format.CSV})
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
	out, errOut, _, err := run(t, "id,scope,\"a;b\"\nann,specific-skills,x\n", Options{Format: format.CSV})
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
	_, errOut, _, _ := run(t, "sep=;\nid;scope;Dept\nann;specific-skills;x\nbob;wekks;x\ncat;\"specific-skills\n\nx\"y;z\n", Options{Format: format.CSV})
	wantErr := "team.csv:2: ignoring columns that are not questions: \"Dept\"\n" +
		"team.csv:4 (id \"bob\"): unknown answer \"wekks\" for scope; valid: specific-skills, broad-development, unsure\n" +
		"team.csv:5: broken quoting: a quoted field is never closed, or a quote inside it is not doubled (\"\") (found on line 7)\n"
	if errOut != wantErr {
		t.Errorf("stderr:\n%s\nwant:\n%s", errOut, wantErr)
	}
	// A separator CSV cannot use is named, with the ones it can.
	for _, sep := range []string{`"`, "\x01", " "} {
		_, err := Open(strings.NewReader("sep="+sep+"\nid"+sep+"scope\n"), ReadOptions{Format: "", Vocab: VocabularyOf(def)})
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
	out, errOut, sum, err := run(t, input, Options{Format: format.CSV})
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
	files, _ := filepath.Glob(filepath.Join(dir, "[^.]*"))
	if len(files) != 3 || filepath.Base(files[0]) != "ann.md" || filepath.Base(files[1]) != "bob.md" || filepath.Base(files[2]) != "index.md" {
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
	out, errOut, sum, err := run(t, input, Options{Format: format.CSV})
	if err != nil || sum.Respondents != 3 || sum.Invalid != 0 {
		t.Fatalf("%v %+v\n%s", err, sum, errOut)
	}
	for _, want := range []string{"\nGómez,undecided,", "\nMüller €,undecided,"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	wantErr := "team.csv:1: " + roster.LegacyNotice + "\n" +
		"team.csv:1: ignoring columns that are not questions: \"Département\"\n"
	if errOut != wantErr {
		t.Errorf("stderr:\n%s\nwant:\n%s", errOut, wantErr)
	}
	// Said at the first row that needs it when the header does not.
	_, errOut, _, _ = run(t, "id,scope\nann,specific-skills\nG\xf3mez,weeks\nM\xfcller,specific-skills\n", Options{Format: format.CSV})
	if want := "team.csv:3: " + roster.LegacyNotice + "\nteam.csv:3 (id \"Gómez\"): unknown answer \"weeks\" for scope"; !strings.HasPrefix(errOut, want) || strings.Count(errOut, "Windows-1252") != 1 {
		t.Errorf("stderr:\n%s\nwant it to start:\n%s", errOut, want)
	}
}

// A workbook saved as it is, or any file that is not text, is refused before any row with
// what to do instead, rather than read as a header of junk.
func TestNotText(t *testing.T) {
	for input, want := range map[string]string{
		"PK\x03\x04\x14\x00\x06\x00[Content_Types].xml":  "a zip file or an OpenDocument spreadsheet (.ods), not CSV; save it from the spreadsheet as .xlsx or CSV UTF-8 and run batch on that",
		"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\x00\x00":       "an old Excel workbook (.xls), not CSV; save it from the spreadsheet as .xlsx or CSV UTF-8 and run batch on that",
		"i\x00d\x00,\x00s\x00c\x00o\x00p\x00e\x00\n\x00": "not text (it holds NUL bytes); batch reads CSV or JSON Lines, saved as UTF-8 or as UTF-16 with a byte-order mark",
	} {
		for _, format := range []string{"", InputCSV, InputJSONL} {
			_, err := Open(strings.NewReader(input), ReadOptions{Format: format, Vocab: VocabularyOf(def)})
			if err == nil || err.Error() != want {
				t.Errorf("%q as %q: got %v\nwant %s", input, format, err, want)
			}
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
			_, err := Open(pr, ReadOptions{Format: "", Vocab: VocabularyOf(def)})
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
	_, err := Open(strings.NewReader("name|scope|goal\nann|specific-skills|growth\n"), ReadOptions{Format: "", Vocab: VocabularyOf(def)})
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
	_, errOut, sum, _ := run(t, input, Options{Format: format.CSV})
	want := "team.csv:2: broken quoting: a quote inside a field that does not start with one; put the field in quotes and double the quote (\"\")\n" +
		"team.csv:3: broken quoting: a quoted field is never closed, or a quote inside it is not doubled (\"\") (found on line 5)\n"
	if errOut != want {
		t.Errorf("stderr:\n%s\nwant:\n%s", errOut, want)
	}
	if got := sum.Line(); got != "3 respondents: 0 coaching, 0 mentoring, 0 blend, 1 undecided, 2 invalid" {
		t.Errorf("summary %q", got)
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
	out, errOut, sum, err := run(t, input, Options{Format: format.CSV})
	if !errors.Is(err, ErrInvalidRows) {
		t.Fatalf("want ErrInvalidRows, got %v\n%s", err, errOut)
	}
	if sum.Respondents != 2 || sum.Invalid != 1 {
		t.Errorf("summary %+v, want 2 respondents, 1 invalid", sum)
	}
	if want := `team.csv:5 (id "bo"): unknown answer "wekks"`; !strings.HasPrefix(errOut, want) {
		t.Errorf("stderr:\n%s\nwant it to start %s", errOut, want)
	}
	// A line per respondent: the rows of empty cells are no one's.
	if lines := strings.Split(strings.TrimSpace(out), "\n"); len(lines) != 3 || !strings.HasPrefix(lines[1], "ann,") || !strings.HasPrefix(lines[2], "bo,,") {
		t.Errorf("output:\n%s", out)
	}
	// A row with an id and nothing else is a respondent who answered nothing.
	_, _, sum, err = run(t, "id,scope\nann,\n", Options{Format: format.CSV})
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
// none, and names the person in reports when there is one.
func TestNameStandsForID(t *testing.T) {
	for _, c := range []struct {
		input, ids, errOut string
	}{
		{"Name,scope\nAnn Lee,specific-skills\nBo,broad-development\n", "Ann Lee Bo", ""},
		{"id,name,scope\np1,Ann Lee,specific-skills\n", "p1", ""}, // the name names the person in reports
		{`{"Name": "Ann Lee", "scope": "specific-skills"}` + "\n" + `{"name": 7, "scope": "specific-skills"}` + "\n", "Ann Lee 7", ""},
		{`{"name": "Ann Lee", "id": "p1", "scope": "specific-skills"}` + "\n", "p1", ""},
		{`{"name": ["Ann"], "scope": "specific-skills"}` + "\n", "1", `team.csv:1: ignoring "name", which is not a question` + "\n"},
	} {
		out, errOut, _, err := run(t, c.input, Options{Format: format.CSV})
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

// The same team read as CSV and as JSON Lines gives the same bytes out.
func TestCSVAndJSONLinesAgree(t *testing.T) {
	var csvIn, jsonlIn strings.Builder
	if err := sample.Team(&csvIn, def, 500, 9, false); err != nil {
		t.Fatal(err)
	}
	if err := sample.Team(&jsonlIn, def, 500, 9, true); err != nil {
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
			out, errOut, sum, err := run(t, input, Options{Format: format.CSV})
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
	if _, err := Open(strings.NewReader(strings.Repeat("x", 3<<20)+"\n"), ReadOptions{Format: "", Vocab: VocabularyOf(def)}); err == nil || !strings.Contains(err.Error(), "the header row is longer than 1 MiB") {
		t.Fatalf("a header over the limit: %v", err)
	}
}

// Lines that end in CR alone, as old Mac spreadsheets save them, are lines.
func TestCROnlyLineEnds(t *testing.T) {
	want, _, _, err := run(t, "id,scope\nann,specific-skills\nbo,broad-development\n", Options{Format: format.CSV})
	if err != nil {
		t.Fatal(err)
	}
	// A CR inside quotes is part of the answer, which is then not one the bank knows.
	_, errOut, sum, err := run(t, "id,scope\rann,specific-skills\rbo,\"broad-\rdevelopment\"\r", Options{Format: format.CSV})
	if err == nil || sum.Respondents != 2 {
		t.Fatalf("%v %+v\n%s", err, sum, errOut)
	}
	got, _, _, err := run(t, "id,scope\rann,specific-skills\rbo,broad-development\r", Options{Format: format.CSV})
	if err != nil || got != want {
		t.Fatalf("%v\ngot:\n%s\nwant:\n%s", err, got, want)
	}
}

// Two rows with one id are said, in a plain run as with reports; an id is compared as file
// names are, ignoring case.
func TestDuplicateIDsAreSaid(t *testing.T) {
	_, errOut, sum, err := run(t, "id,scope,duration,goal,success\ne1,specific-skills,weeks,performance,metrics\ne2,broad-development,years,growth,growth\nE1,specific-skills,weeks,skill,metrics\n", Options{Name: "team.csv"})
	if err != nil || sum.Respondents != 3 {
		t.Fatalf("%v %+v", err, sum)
	}
	if !strings.Contains(errOut, `team.csv:4 (id "E1"): the same id as line 2; give each person an id of their own`) {
		t.Fatalf("stderr:\n%s", errOut)
	}
}

// However many columns a sheet has, the ones that are not questions make one short line.
func TestManyIgnoredColumnsMakeOneShortLine(t *testing.T) {
	var header strings.Builder
	header.WriteString("id,scope")
	for i := range 16384 {
		fmt.Fprintf(&header, ",extra%d", i)
	}
	_, errOut, _, _ := run(t, header.String()+"\ne1,weeks\n", Options{Name: "wide.csv"})
	first := strings.SplitN(errOut, "\n", 2)[0]
	if len(first) > 300 || !strings.Contains(first, "ignoring 16384 columns that are not questions: \"extra0\"") || !strings.HasSuffix(first, "and 16374 more") {
		t.Fatalf("%d bytes: %.400s", len(first), first)
	}
}
