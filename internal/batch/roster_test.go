package batch

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/coachmentor/coachmentor/internal/format"
)

// A roster as consultants get them: an id, a name, the client's own columns, a team.
const rosterCSV = "Employee ID,Name,Email,Team,scope,duration,goal,success\n" +
	"e1,Ann Lee,ann@x.org,Sales,specific-skills,weeks,performance,metrics\n" +
	"e2,Bo <b>Ray</b>,bo@x.org,Sales,broad-development,years,growth,growth\n" +
	"e3,Cy Zed,cy@x.org,Ops,sideways,weeks,performance,metrics\n" +
	"e4,Di Ng,di@x.org,,broad-development,years,network,growth\n"

var rosterColumns = Columns{ID: "Employee ID", Keep: []string{"email"}, Group: "team"}

// The kept columns and the group go through to the results beside them, under the names
// they were asked by; the name goes to "for"; every row has its line, in order.
func TestKeptColumns(t *testing.T) {
	out, errOut, sum, err := run(t, rosterCSV, Options{Columns: rosterColumns})
	if err != ErrInvalidRows || sum.Respondents != 4 || sum.Invalid != 1 {
		t.Fatalf("%v %+v\n%s", err, sum, errOut)
	}
	if strings.Contains(errOut, "ignoring") {
		t.Errorf("kept columns reported as ignored:\n%s", errOut)
	}
	var got []string
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		var d struct {
			ID, Status, Error, For string
			Columns                map[string]string
		}
		if err := json.Unmarshal([]byte(line), &d); err != nil {
			t.Fatal(err)
		}
		got = append(got, d.ID+"|"+d.Status+"|"+d.Columns["email"]+"|"+d.Columns["team"]+"|"+d.For)
	}
	want := "e1|ok|ann@x.org|Sales|Ann Lee e2|ok|bo@x.org|Sales|Bo <b>Ray</b> e3|invalid|cy@x.org|Ops|Cy Zed e4|ok|di@x.org||Di Ng"
	if strings.Join(got, " ") != want {
		t.Fatalf("got  %s\nwant %s", strings.Join(got, " "), want)
	}
	csvOut, _, _, _ := run(t, rosterCSV, Options{Format: format.CSV, Columns: rosterColumns})
	if !strings.HasPrefix(csvOut, "id,email,team,recommendation,") || !strings.Contains(csvOut, "\ne3,cy@x.org,Ops,,") {
		t.Fatalf("CSV:\n%s", csvOut)
	}
	// JSON Lines keys work the same.
	jsonl := `{"Employee ID": "e1", "Email": "ann@x.org", "team": "Sales", "scope": "specific-skills"}` + "\n"
	out, _, _, err = run(t, jsonl, Options{Columns: rosterColumns})
	if err != nil || !strings.HasPrefix(out, `{"id":"e1","status":"ok","columns":{"email":"ann@x.org","team":"Sales"},`) {
		t.Fatalf("%v\n%s", err, out)
	}
}

// A column asked for that the header lacks is an error that lists the columns there are.
func TestMissingColumns(t *testing.T) {
	for cols, want := range map[*Columns]string{
		{ID: "staff no"}:          `--id-column "staff no": the header has no such column (columns: Employee ID, Name, Email, Team, scope, duration, goal, success)`,
		{Keep: []string{"phone"}}: `--keep "phone": the header has no such column`,
		{Group: "region"}:         `--group-by "region": the header has no such column`,
	} {
		_, err := Open(strings.NewReader(rosterCSV), ReadOptions{Vocab: VocabularyOf(def), Columns: *cols})
		if err == nil || !strings.HasPrefix(err.Error(), want) {
			t.Errorf("got %v\nwant %s", err, want)
		}
	}
}

// The team report has a section per group, those without one last, with who in it could
// not be scored; the summary has a line per group.
func TestGroups(t *testing.T) {
	out, _, sum, _ := run(t, rosterCSV, Options{Format: format.Markdown, Columns: rosterColumns})
	for _, want := range []string{"## By team\n\n### Ops\n\n1 respondent, of whom 1 could not be scored.", "### Sales\n\n2 respondents.", "### (none)\n\n1 respondent.",
		"- e3 (line 4): unknown answer \"sideways\" for scope", "### Bo \\<b>Ray\\</b>"} {
		if !strings.Contains(out, want) {
			t.Errorf("the report lacks %q", want)
		}
	}
	lines := sum.GroupLines()
	if len(lines) != 3 || lines[0] != "Ops: 1 respondent: 0 coaching, 0 mentoring, 0 blend, 0 undecided, 1 invalid" || !strings.HasPrefix(lines[2], "(none): 1 respondent") {
		t.Fatalf("group lines %q", lines)
	}
}

// The HTML team report is one page: no script, nothing from the network, charts as SVG,
// names escaped.
func TestTeamHTML(t *testing.T) {
	out, _, _, _ := run(t, rosterCSV, Options{Format: format.HTML, Columns: rosterColumns})
	if !strings.HasPrefix(out, "<!DOCTYPE html>") || !strings.HasSuffix(out, "</html>\n") {
		t.Fatalf("not a whole page:\n%.200s", out)
	}
	for _, bad := range []string{"<script", "<b>Ray", "src=", "http://", "https://", "```"} {
		if strings.Contains(out, bad) {
			t.Errorf("the page holds %q", bad)
		}
	}
	if strings.Count(out, "<svg") < 4 || !strings.Contains(out, "Bo &lt;b&gt;Ray&lt;/b&gt;") {
		t.Errorf("charts %d, escaped name %v", strings.Count(out, "<svg"), strings.Contains(out, "Bo &lt;b&gt;Ray"))
	}
}

// With --out-dir, an index links every report with the kept columns, lists who could not
// be scored and the names that were shared; names come from the id column, so that a
// person's report keeps its name from run to run.
func TestIndex(t *testing.T) {
	dir := t.TempDir()
	input := rosterCSV + "e2,Bo Ray,bo2@x.org,Ops,specific-skills,weeks,skill,metrics\n"
	_, errOut, sum, err := run(t, input, Options{Format: format.HTML, OutDir: dir, Output: filepath.Join(dir, "team.html"), Columns: rosterColumns})
	if err != ErrInvalidRows || sum.Respondents != 5 {
		t.Fatalf("%v %+v\n%s", err, sum, errOut)
	}
	index, err := os.ReadFile(filepath.Join(dir, "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`<a href="e1.html">Ann Lee</a></td><td>e1</td><td class="long">ann@x.org</td><td class="long">Sales</td>`,
		`<a href="e2-2.html">Bo Ray</a>`, `<a href="team.html">team.html</a>`, "e3 (line 4): unknown answer",
		"line 6: another respondent (line 3) has the same name; this report is e2-2.html"} {
		if !strings.Contains(string(index), want) {
			t.Errorf("the index lacks %q", want)
		}
	}
	report, _ := os.ReadFile(filepath.Join(dir, "e1.html"))
	if !bytes.Contains(report, []byte("<strong>For:</strong> Ann Lee")) {
		t.Errorf("a person's report:\n%.600s", report)
	}
}

// A workbook of results: the results sheet with the kept columns, numbers as numbers, a
// summary sheet with each group.
func TestWorkbookOutput(t *testing.T) {
	out, _, _, err := run(t, rosterCSV, Options{Format: format.XLSX, Columns: rosterColumns, Output: filepath.Join(t.TempDir(), "r.xlsx")})
	if err != ErrInvalidRows {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(strings.NewReader(out))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if got := strings.Join(f.GetSheetList(), ","); got != "Results,Summary" {
		t.Fatalf("sheets %s", got)
	}
	rows, _ := f.GetRows("Results")
	if len(rows) != 5 || strings.Join(rows[0][:4], ",") != "id,email,team,recommendation" || rows[3][0] != "e3" || rows[3][len(rows[3])-3] != "invalid" {
		t.Fatalf("results %q", rows)
	}
	if v, _ := f.GetCellValue("Results", "F2"); v != "12" { // coaching points, a number
		t.Errorf("F2 %q", v)
	}
	summary, _ := f.GetRows("Summary")
	var text []string
	for _, r := range summary {
		text = append(text, strings.Join(r, "|"))
	}
	for _, want := range []string{"Respondents|4", "team: Sales", "team: (none)", "e3|4|unknown answer"} {
		if !strings.Contains(strings.Join(text, "\n"), want) {
			t.Errorf("summary lacks %q:\n%s", want, strings.Join(text, "\n"))
		}
	}
}
