package answers_test

import (
	"strings"
	"testing"

	"github.com/coachmentor/coachmentor/internal/answers"
	"github.com/coachmentor/coachmentor/internal/bank"
	"github.com/coachmentor/coachmentor/questions"
)

func TestParseFileYAMLAndJSON(t *testing.T) {
	for name, src := range map[string]string{
		"yaml":      "scope: specific-skills\nduration: weeks\nguide:\n",
		"json":      `{"scope": "specific-skills", "duration": "weeks", "guide": null}`,
		"bom, crlf": "\ufeffscope: specific-skills\r\nduration: weeks\r\n",
	} {
		t.Run(name, func(t *testing.T) {
			f, err := answers.ParseFile("a", []byte(src))
			if err != nil {
				t.Fatal(err)
			}
			got := f.Answers
			if len(got) != 2 || got[0].Question != "scope" || got[1].Answer != "weeks" || got[0].From != "a:1" {
				t.Fatalf("got %+v", got)
			}
		})
	}
}

func TestParseFileErrors(t *testing.T) {
	tests := map[string]struct{ src, want string }{
		"list":        {"- scope\n", "a:1: expected a mapping of question id to answer id"},
		"number":      {"scope: 3\n", `a:1: "scope": expected an answer id as text, found a number`},
		"mapping":     {"scope:\n  x: y\n", `a:1: "scope": expected an answer id as text, found a mapping`},
		"duplicate":   {"scope: a\nscope: b\n", `a:2: invalid YAML: mapping key "scope" already defined at line 1`},
		"same id":     {"scope: a\nSCOPE: b\n", `a:2: question "SCOPE" is answered twice (also on line 1)`},
		"alias":       {"a: &x s\nb: *x\n", "a:1: anchors (&) are not supported"},
		"empty":       {"", "a: the file is empty"},
		"bad utf8":    {"scope: \"\xff\"\n", "a:1: not valid UTF-8 text"},
		"bad json":    {`{"scope": "x",`, "a:1: invalid YAML"},
		"nul":         {"scope: a\x00", "a:1: contains a NUL byte"},
		"deep":        {strings.Repeat("{a: ", 100), "nested more than 64 levels deep"},
		"too big":     {strings.Repeat(" ", answers.MaxFileSize+1), "larger than the 1 MiB limit"},
		"two docs":    {"scope: a\n---\nscope: b\n", "a:3: holds more than one YAML document"},
		"tag":         {"scope: !!str a\n", "tags (!) are not supported"},
		"multi error": {"scope: 1\nduration: [x]\n", "a:1: \"scope\": expected an answer id as text, found a number\na:2: \"duration\""},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			_, err := answers.ParseFile("a", []byte(tt.src))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("error %v, want it to contain %q", err, tt.want)
			}
			if !answers.IsError(err) && !strings.Contains(err.Error(), "limit") {
				t.Fatalf("%v is not classed as an answers error", err)
			}
		})
	}
}

// A team's file given as one person's answers says where it belongs.
func TestParseFileTeamFileHint(t *testing.T) {
	for name, src := range map[string]string{
		"team.csv":   "id,scope\nann,specific-skills\n",
		"team.JSONL": "{\"scope\": \"weeks\"}\n{\"scope\": \"years\"}\n",
	} {
		_, err := answers.ParseFile(name, []byte(src))
		if want := `(a file of many respondents is for "coachmentor batch ` + name + `")`; err == nil || !strings.HasSuffix(err.Error(), want) || !answers.IsError(err) {
			t.Errorf("%s: %v, want it to end %s", name, err, want)
		}
	}
	if _, err := answers.ParseFile("a.yaml", []byte("- scope\n")); err == nil || strings.Contains(err.Error(), "batch") {
		t.Errorf("a.yaml: %v", err)
	}
}

func TestResolveIsLenientWithIDs(t *testing.T) {
	b := questions.Default()
	sel, err := answers.Resolve(b, []answers.Given{
		{Question: " Scope ", Answer: "Specific_Skills"},
		{Question: "DURATION", Answer: "WEEKS"},
		{Question: "participants", Answer: "senior leader"},
		{Question: "goal", Answer: "Unsure"},
		{Question: "guide", Answer: ""},
	})
	if err != nil {
		t.Fatal(err)
	}
	got := answers.Map(b, sel)
	if got["scope"] != "specific-skills" || got["duration"] != "weeks" || got["participants"] != "senior-leader" || len(got) != 3 {
		t.Fatalf("got %v", got)
	}
}

func TestResolveReportsEveryProblem(t *testing.T) {
	_, err := answers.Resolve(questions.Default(), []answers.Given{
		{Question: "scope", Answer: "narrow", From: "f:1"},
		{Question: "durration", Answer: "weeks", From: "f:2"},
		{Question: "goal", Answer: "\x1b]0;hi\x07", From: "f:3"},
	})
	if err == nil {
		t.Fatal("accepted")
	}
	lines := strings.Split(err.Error(), "\n")
	if len(lines) != 3 {
		t.Fatalf("want 3 problems, got %q", err)
	}
	if !strings.HasPrefix(lines[0], `f:1: unknown answer "narrow" for scope; valid: specific-skills, broad-development, unsure`) {
		t.Errorf("line 1: %s", lines[0])
	}
	if !strings.HasPrefix(lines[1], `f:2: unknown question "durration" (did you mean "duration"?)`) {
		t.Errorf("line 2: %s", lines[1])
	}
	if strings.ContainsAny(lines[2], "\x1b\x07") {
		t.Errorf("control characters reach the message: %q", lines[2])
	}
}

func TestParseAssignment(t *testing.T) {
	g, err := answers.ParseAssignment("scope=specific-skills=x", "--answer")
	if err != nil || g.Question != "scope" || g.Answer != "specific-skills=x" {
		t.Fatalf("%+v %v", g, err)
	}
	for _, bad := range []string{"scope", "=weeks", ""} {
		if _, err := answers.ParseAssignment(bad, "--answer"); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
}

// Answers may be given as the questionnaire shows them, which is what a spreadsheet filled
// in by hand often holds; ids come first, and a label two options share names neither.
func TestFindOptionByLabel(t *testing.T) {
	b := questions.Default()
	for _, c := range []struct{ question, given, want string }{
		{"duration", "A few weeks", "weeks"},
		{"duration", " a FEW_weeks ", "weeks"},
		{"scope", "A specific skill or gap", "specific-skills"},
		{"scope", "a specific skill, or gap", "specific-skills"},
		{"scope", "Not sure", ""},
		{"scope", "not_sure", ""},
	} {
		q, _ := b.Question(c.question)
		o, err := answers.FindOption(q, c.given)
		got := ""
		if o != nil {
			got = o.ID
		}
		if err != nil || got != c.want {
			t.Errorf("%s %q: got %q, %v; want %q", c.question, c.given, got, err, c.want)
		}
	}

	// The default bank with the first duration's label the second's id, and the last two
	// sharing a label.
	custom, err := bank.Parse("custom.yaml", []byte(strings.NewReplacer(
		"label: A few weeks", "label: Months",
		"label: About a year", "label: Either",
		"label: More than a year", "label: Either",
	).Replace(string(b.Raw))))
	if err != nil {
		t.Fatal(err)
	}
	q, _ := custom.Question("duration")
	if q.Options[0].Label != "Months" || q.Options[2].Label != "Either" || q.Options[3].Label != "Either" {
		t.Fatalf("labels %q, %q, %q", q.Options[0].Label, q.Options[2].Label, q.Options[3].Label)
	}
	if o, err := answers.FindOption(q, "Months"); err != nil || o.ID != "months" {
		t.Errorf(`"Months" is the id months before it is the label of weeks: got %v, %v`, o, err)
	}
	if _, err := answers.FindOption(q, "either"); err == nil || !strings.Contains(err.Error(), "valid: weeks, months, year, years, unsure") {
		t.Errorf("a label two options share: %v", err)
	}
}

// A question may be named as the questionnaire shows it, by title or prompt, in any case
// and with or without its punctuation, as long as no other question has the same.
func TestFindQuestionByTitle(t *testing.T) {
	b := questions.Default()
	for given, want := range map[string]string{
		"Agenda":                              "driver",
		"who is setting the agenda":           "driver",
		"Timing: How soon do they need help?": "start",
		" TIMING ":                            "start",
		"Budget":                              "capacity",
		"Is there budget for paid, professional help": "capacity",
	} {
		if q, err := answers.FindQuestion(b, given); err != nil || q.ID != want {
			t.Errorf("%q: got %v, %v; want %s", given, q, err, want)
		}
	}
	if _, err := answers.FindQuestion(b, "Who"); err == nil || !strings.Contains(err.Error(), "questions: participants, goal, scope") {
		t.Errorf("part of a title: %v", err)
	}
	// The default bank with the guide question titled like the scope question.
	shared, err := bank.Parse("shared.yaml", []byte(strings.Replace(string(b.Raw), "title: Knowledge", "title: Scope", 1)))
	if err != nil {
		t.Fatal(err)
	}
	if q, err := answers.FindQuestion(shared, "scope"); err != nil || q.ID != "scope" {
		t.Errorf("an id shared with a title: %v, %v", q, err)
	}
	if q, err := answers.FindQuestion(shared, "Who knows what they need to learn"); err != nil || q.ID != "guide" {
		t.Errorf("a prompt: %v, %v", q, err)
	}
	if q, err := answers.FindQuestion(shared, "Scope!"); err == nil {
		t.Errorf("a title two questions share named %s", q.ID)
	}
}

// A line of batch's results reads as the answers it holds, for the person it names.
func TestParseFileResultLine(t *testing.T) {
	line := `{"id":"e1","status":"ok","columns":{"email":"a@x.org"},"recommendation":"coaching","answers":{"scope":"specific-skills","goal":"performance"},"for":"Ann Lee","bank":{"version":"2.0.0"}}`
	f, err := answers.ParseFile("results.jsonl", []byte(line))
	if err != nil {
		t.Fatal(err)
	}
	if f.ID != "e1" || f.Name != "Ann Lee" || len(f.Answers) != 2 || f.Answers[0].Question != "scope" || f.Answers[1].Answer != "performance" {
		t.Fatalf("%+v", f)
	}
}
