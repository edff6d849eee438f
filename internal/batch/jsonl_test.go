package batch

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/coachmentor/coachmentor/internal/format"
)

// JSON that is not JSON Lines is refused before any row, with the way to turn it into
// JSON Lines, rather than reported line by line.
func TestJSONThatIsNotJSONLines(t *testing.T) {
	for input, want := range map[string]string{
		"[{\"scope\": \"weeks\"}, {\"scope\": \"years\"}]\n": "a JSON list; batch reads JSON Lines, one object per line (jq -c '.[]' turns a list into that)",
		"\n  [\n  {\"scope\": \"weeks\"}\n]\n":               "a JSON list;",
		"{\n  \"scope\": \"weeks\"\n}\n":                     "JSON spread over lines; batch reads JSON Lines, one object per line (jq -c . joins each object's lines)",
	} {
		_, err := Open(strings.NewReader(input), ReadOptions{Format: "", Vocab: VocabularyOf(def)})
		if err == nil || !strings.HasPrefix(err.Error(), want) {
			t.Errorf("%q: got %v, want %s", input, err, want)
		}
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
	// A line per row, in order, each saying whether it was scored; a row without an id
	// is named by its position.
	var ids []string
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		var d outputLine
		if err := json.Unmarshal([]byte(line), &d); err != nil {
			t.Fatalf("output line is not JSON: %v\n%s", err, line)
		}
		ids = append(ids, d.ID+":"+d.Status)
	}
	if got := strings.Join(ids, " "); got != "ann:ok 2:ok bad:invalid num:invalid dup:invalid list:invalid 7:invalid 7:ok esc:invalid" {
		t.Fatalf("ids %v", got)
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
		var d outputLine
		if err := json.Unmarshal([]byte(line), &d); err != nil {
			t.Fatal(err)
		}
		if d.ID != []string{"ann", "bo", "cy"}[i] {
			t.Errorf("line %d id %q", i+1, d.ID)
		}
		scope, goal := d.Answers["scope"], d.Answers["goal"]
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

// Fed back, a result line marked invalid is invalid again, with the same error and exit 2;
// batch's CSV results, which hold no answers, are refused with what to give instead.
func TestRoundTripsKeepFailures(t *testing.T) {
	input := "id,scope,duration,goal,success\ne1,specific-skills,weeks,performance,metrics\ne2,sideways,weeks,performance,metrics\n"
	first, errFirst, _, err := run(t, input, Options{Name: "team.csv"})
	if err != ErrInvalidRows {
		t.Fatal(err)
	}
	again, errAgain, sum, err := run(t, first, Options{Name: "results.jsonl"})
	if err != ErrInvalidRows || sum.Invalid != 1 || sum.Respondents != 2 {
		t.Fatalf("%v %+v\n%s", err, sum, errAgain)
	}
	why := `unknown answer "sideways" for scope; valid: specific-skills, broad-development, unsure`
	if !strings.Contains(errFirst, why) || !strings.Contains(errAgain, `results.jsonl:2 (id "e2"): `+why) || strings.Contains(errAgain, "ignoring") {
		t.Fatalf("stderr:\n%s\nthen:\n%s", errFirst, errAgain)
	}
	if !strings.Contains(again, `{"id":"e2","status":"invalid","error":"`+strings.ReplaceAll(why, `"`, `\"`)+`"`) {
		t.Errorf("output:\n%s", again)
	}
	results, _, _, _ := run(t, input, Options{Name: "team.csv", Format: format.CSV})
	_, _, _, err = run(t, results, Options{Name: "results.csv"})
	if err == nil || !strings.Contains(err.Error(), "these are batch's results, which hold no answers") {
		t.Errorf("CSV results fed back: %v", err)
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

// outputLine is what tests read of a JSON Lines result.
type outputLine struct {
	ID      string            `json:"id"`
	Status  string            `json:"status"`
	Answers map[string]string `json:"answers"`
}

// --date puts the date on every result line, the team report and each person's report;
// without it, nothing carries one.
func TestDateOnBatchReports(t *testing.T) {
	input := "id,scope,duration,goal,success\ne1,specific-skills,weeks,performance,metrics\n"
	jsonl, _, _, _ := run(t, input, Options{Date: "2026-12-05"})
	md, _, _, _ := run(t, input, Options{Date: "2026-12-05", Format: format.Markdown})
	dir := t.TempDir()
	run(t, input, Options{Date: "2026-12-05", OutDir: dir})
	person, _ := os.ReadFile(filepath.Join(dir, "e1.md"))
	if !strings.Contains(jsonl, `"date":"2026-12-05","bank"`) || !strings.Contains(md, "**Date:** 2026-12-05") || !strings.Contains(string(person), "**Date:** 2026-12-05") {
		t.Fatalf("jsonl:\n%s\nteam:\n%.300s\nperson:\n%.300s", jsonl, md, person)
	}
	if plain, _, _, _ := run(t, input, Options{}); strings.Contains(plain, "date") {
		t.Fatalf("a date without --date:\n%s", plain)
	}
}
