package bank_test

import (
	"errors"
	"os"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/coachmentor/coachmentor/internal/bank"
	"github.com/coachmentor/coachmentor/questions"
)

// minimal is the smallest valid bank; the table below breaks it one way at a time.
const minimal = `version: "0.1"
sources:
  - id: src
    publisher: Someone
families:
  - id: coaching
    name: Coaching
    summary: Time-boxed work on a skill.
  - id: mentoring
    name: Mentoring
    summary: A long relationship.
blend:
  summary: Use both.
questions:
  - id: pace
    title: Pace
    prompt: How fast?
    help: Speed matters.
    sources: [src]
    options:
      - id: fast
        label: Fast
        description: Weeks
        coaching: 2
        types: {quick-coaching: 1}
        explain: Fast suits coaching.
      - id: slow
        label: Slow
        description: Years
        mentoring: 2
        explain: Slow suits mentoring.
types:
  - id: quick-coaching
    family: coaching
    name: Quick coaching
    summary: Short.
    fits: When time is short.
    setup:
      length: 6 weeks
      cadence: Weekly
      guide: A coach
      success: Measured
      steps: [Start]
`

func TestParseMinimal(t *testing.T) {
	b, err := bank.Parse("mini.yaml", []byte(minimal))
	if err != nil {
		t.Fatal(err)
	}
	if b.MinShare != 0.6 {
		t.Errorf("min_share defaults to %g, want 0.6", b.MinShare)
	}
	q, ok := b.Question("pace")
	if !ok || len(q.Options) != 2 || q.Options[0].TypeWeight("quick-coaching") != 1 {
		t.Fatalf("question not decoded: %+v", q)
	}
	if got := q.Choices(); strings.Join(got, ",") != "fast,slow,unsure" {
		t.Errorf("choices %v", got)
	}
}

// parseProblems are one change each to the minimal bank, and what the error must say.
var parseProblems = []struct {
	name string
	from string // replaced in minimal
	to   string
	want []string // each must appear in the error
}{
	{"unknown key", "    help: Speed matters.\n", "    help: Speed matters.\n    hint: extra\n",
		[]string{`mini.yaml:19: question "pace": unknown key "hint" (expected one of: id, title, prompt, help, sources, options)`}},
	{"unknown type", "types: {quick-coaching: 1}", "types: {slow-coaching: 1}",
		[]string{`mini.yaml:25: question "pace", option "fast": weight toward unknown type "slow-coaching" (known: quick-coaching)`}},
	{"duplicate question", "types:\n  - id: quick", "  - id: pace\n    title: Again\n    prompt: P\n    help: H\n    options:\n      - {id: a, label: A, description: D, explain: E}\n      - {id: b, label: B, description: D, explain: E}\ntypes:\n  - id: quick",
		[]string{`mini.yaml:32: question: duplicate id "pace"`}},
	{"missing explain", "        explain: Slow suits mentoring.\n", "",
		[]string{`mini.yaml:27: question "pace", option "slow": missing "explain"`}},
	{"bad id", "  - id: pace", "  - id: Pace Fast",
		[]string{`mini.yaml:15: question: invalid id "Pace Fast": ids are lower case letters and digits, joined by single hyphens`}},
	{"unsure reserved", "      - id: slow", "      - id: unsure",
		[]string{`option "unsure": "unsure" is reserved`}},
	{"negative weight", "coaching: 2", "coaching: -2",
		[]string{`mini.yaml:24: question "pace", option "fast": coaching weight must be from 0 to 100, found -2`}},
	{"weight too precise", "coaching: 2", "coaching: 2.125",
		[]string{`mini.yaml:24: question "pace", option "fast": coaching weight may have at most two decimal places, found 2.125`}},
	{"type weight too precise", "types: {quick-coaching: 1}", "types: {quick-coaching: 0.333}",
		[]string{`mini.yaml:25: question "pace", option "fast": type quick-coaching weight may have at most two decimal places, found 0.333`}},
	{"weight as text", "coaching: 2", "coaching: two",
		[]string{`mini.yaml:24: question "pace", option "fast", coaching: expected a number, found text`}},
	{"unknown source", "sources: [src]", "sources: [src, nobody]",
		[]string{`mini.yaml:19: question "pace": cites unknown source "nobody" (known: src)`}},
	{"one option", "      - id: slow\n        label: Slow\n        description: Years\n        mentoring: 2\n        explain: Slow suits mentoring.\n", "",
		[]string{`mini.yaml:15: question "pace": needs at least two options`}},
	{"bad family", "    family: coaching\n    name: Quick", "    family: training\n    name: Quick",
		[]string{`mini.yaml:34: type "quick-coaching": family must be "coaching" or "mentoring", found "training"`}},
	{"missing setup", "    setup:\n      length: 6 weeks\n      cadence: Weekly\n      guide: A coach\n      success: Measured\n      steps: [Start]\n", "",
		[]string{`type "quick-coaching": missing "setup"`}},
	{"min share", "blend:", "scoring:\n  min_share: 0.4\nblend:",
		[]string{`mini.yaml:13: scoring: min_share must be above 0.5 and at most 1, found 0.4`}},
	{"min share too precise", "blend:", "scoring:\n  min_share: 0.625\nblend:",
		[]string{`mini.yaml:13: scoring: min_share may have at most two decimal places, found 0.625`}},
	{"list for mapping", "blend:\n  summary: Use both.", "blend:\n  - Use both.",
		[]string{`mini.yaml:13: blend: expected a mapping, found a list`}},
	{"control character", "prompt: How fast?", "prompt: \"How \\e]0;pwned\\a fast?\"",
		[]string{`mini.yaml:17: question "pace", prompt: contains the control character U+001B; remove it`}},
	{"alias", "summary: Short.", "summary: &s Short.\n    fits2: *s",
		[]string{`mini.yaml:36: anchors (&) are not supported`}},
	{"duplicate key", "    title: Pace\n", "    title: Pace\n    title: Speed\n",
		[]string{`mini.yaml:17: invalid YAML: mapping key "title" already defined at line 16`}},
	{"missing family", "  - id: mentoring\n    name: Mentoring\n    summary: A long relationship.\n", "",
		[]string{`families: missing the "mentoring" family`}},
	{"min answers not whole", "blend:", "scoring:\n  min_answers: 1.5\nblend:",
		[]string{`mini.yaml:13: scoring: min_answers must be a whole number of at least 1, found 1.5`}},
	{"min answers above the questions", "blend:", "scoring:\n  min_answers: 3\nblend:",
		[]string{`mini.yaml:13: scoring: min_answers is 3 but the bank has only 1 questions`}},
	{"family share out of range", "blend:", "scoring:\n  family_share: 1.5\nblend:",
		[]string{`mini.yaml:13: scoring: family_share must be from 0 to 1, found 1.5`}},
	{"family share too precise for a weight", "blend:\n", "scoring:\n  family_share: 0.25\nblend:\n",
		[]string{}},
	{"family share of a weight too precise", "coaching: 2\n", "coaching: 2.5\n",
		[]string{}},
	{"requires an unknown question", "    family: coaching\n", "    family: coaching\n    requires: {speed: [fast]}\n",
		[]string{`type "quick-coaching", requires: unknown question "speed" (known: pace)`}},
	{"requires an unknown answer", "    family: coaching\n", "    family: coaching\n    requires: {pace: [quick]}\n",
		[]string{`type "quick-coaching", requires: question "pace" has no answer "quick" (valid: fast, slow)`}},
	{"practice names no field", "      steps: [Start]\n", "      steps: [Start]\n      practice: [cadence, speed]\n",
		[]string{`type "quick-coaching", setup: practice names "speed", which is not a setup field (use: length, cadence, guide, success)`}},
	{"option cites an unknown source", "        explain: Fast suits coaching.\n", "        explain: Fast suits coaching.\n        sources: [elsewhere]\n",
		[]string{`question "pace", option "fast": cites unknown source "elsewhere" (known: src)`}},
	{"reserved question id", "  - id: pace\n", "  - id: name\n",
		[]string{`question "name": "name" is reserved`}},
	{"essentials cite an unknown source", "questions:", "essentials:\n  points: [Trust]\n  sources: [nobody]\nquestions:",
		[]string{`essentials: cites unknown source "nobody" (known: src)`}},
}

func TestParseProblems(t *testing.T) {
	tests := parseProblems
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := strings.Replace(minimal, tt.from, tt.to, 1)
			if src == minimal {
				t.Fatalf("test does not change the bank: %q not found", tt.from)
			}
			_, err := bank.Parse("mini.yaml", []byte(src))
			if len(tt.want) == 0 {
				if err != nil {
					t.Fatalf("a valid change was refused: %v", err)
				}
				return
			}
			var be *bank.Error
			if !errors.As(err, &be) {
				t.Fatalf("want a *bank.Error, got %v", err)
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error does not contain\n  %s\ngot\n  %s", w, strings.ReplaceAll(err.Error(), "\n", "\n  "))
				}
			}
		})
	}
}

// The new keys of a bank: the minimum answers, the family share, a type's requirements,
// the sources of an answer and of the essentials, and what is common practice.
func TestParseScoringKeys(t *testing.T) {
	src := strings.Replace(minimal, "blend:", "scoring:\n  min_answers: 1\n  family_share: 0.5\nessentials:\n  points: [Trust]\n  sources: [src]\nblend:", 1)
	src = strings.Replace(src, "    family: coaching\n", "    family: coaching\n    requires: {pace: [fast]}\n", 1)
	src = strings.Replace(src, "      steps: [Start]\n", "      steps: [Start]\n      practice: [cadence]\n", 1)
	src = strings.Replace(src, "        explain: Fast suits coaching.\n", "        explain: Fast suits coaching.\n        sources: [src]\n", 1)
	b, err := bank.Parse("mini.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	q, _ := b.Question("pace")
	fast, slow := q.Options[0], q.Options[1]
	tp, _ := b.Type("quick-coaching")
	switch {
	case b.MinAnswers != 1 || b.FamilyShare != 0.5:
		t.Errorf("scoring %d, %g", b.MinAnswers, b.FamilyShare)
	case len(fast.Points) != 1 || fast.Points[0].Weight != 2: // 1 of its own and half of 2 coaching points
		t.Errorf("points %v", fast.Points)
	case len(slow.Points) != 0: // mentoring points, and no mentoring type
		t.Errorf("points %v", slow.Points)
	case tp.Allows(q, slow) || !tp.Allows(q, fast) || !tp.Allows(q, nil):
		t.Error("requires not kept")
	case !tp.Setup.IsPractice("cadence") || tp.Setup.IsPractice("length"):
		t.Error("practice not kept")
	case strings.Join(q.OptionSources(fast), ",") != "src" || strings.Join(b.EssentialsSources, ",") != "src":
		t.Error("sources not kept")
	}
	// Without the keys, four answers or as many as there are questions, and no share.
	b, _ = bank.Parse("mini.yaml", []byte(minimal))
	if b.MinAnswers != 1 || b.FamilyShare != 0 {
		t.Errorf("defaults %d, %g", b.MinAnswers, b.FamilyShare)
	}
}

// All problems are reported at once, not just the first.
func TestParseReportsEveryProblem(t *testing.T) {
	src := strings.Replace(minimal, "coaching: 2", "coaching: 200", 1)
	src = strings.Replace(src, "        explain: Slow suits mentoring.\n", "", 1)
	src = strings.Replace(src, "    fits: When time is short.\n", "", 1)
	_, err := bank.Parse("mini.yaml", []byte(src))
	var be *bank.Error
	if !errors.As(err, &be) || len(be.Problems) != 3 {
		t.Fatalf("want 3 problems, got %v", err)
	}
	for _, line := range strings.Split(err.Error(), "\n") {
		if !strings.HasPrefix(line, "mini.yaml:") {
			t.Errorf("problem without file and line: %s", line)
		}
	}
	// In file order, though an option's bad id is found after its unknown key.
	src = strings.Replace(minimal, "      - id: slow\n", "      - id: Slow\n", 1)
	src = strings.Replace(src, "        explain: Slow suits mentoring.\n", "        explain: Slow suits mentoring.\n        colour: red\n", 1)
	_, err = bank.Parse("mini.yaml", []byte(src))
	if !errors.As(err, &be) || len(be.Problems) != 2 || be.Problems[0].Line >= be.Problems[1].Line {
		t.Fatalf("want 2 problems in line order, got %v", err)
	}
}

func TestParseRejectsShapes(t *testing.T) {
	for name, src := range map[string]string{
		"empty":        "",
		"comment only": "# nothing\n",
		"list":         "- a\n- b\n",
		"text":         "hello",
		"two docs":     minimal + "---\nversion: 2\n",
		"invalid utf8": "version: \"\xff\"\n",
		"deep":         strings.Repeat("[", 10000),
		"huge":         strings.Repeat("#", bank.MaxSize+1),
	} {
		t.Run(name, func(t *testing.T) {
			_, err := bank.Parse("x.yaml", []byte(src))
			if err == nil {
				t.Fatal("accepted")
			}
			if msg := err.Error(); !strings.HasPrefix(msg, "x.yaml") || strings.Contains(msg, "\n") {
				t.Fatalf("want one line naming the file, got %q", msg)
			}
		})
	}
}

// The hash follows the content, not its formatting.
func TestHashIgnoresFormatting(t *testing.T) {
	a, err := bank.Parse("a.yaml", []byte(minimal))
	if err != nil {
		t.Fatal(err)
	}
	reformatted := "# a comment\n" + strings.Replace(minimal, "types: {quick-coaching: 1}", "types:\n          quick-coaching: 1", 1)
	b, err := bank.Parse("b.yaml", []byte(reformatted))
	if err != nil {
		t.Fatal(err)
	}
	if a.Hash != b.Hash {
		t.Fatalf("hash changed with formatting: %s vs %s", a.Hash, b.Hash)
	}
	c, err := bank.Parse("c.yaml", []byte(strings.Replace(minimal, "coaching: 2", "coaching: 3", 1)))
	if err != nil {
		t.Fatal(err)
	}
	if c.Hash == a.Hash {
		t.Fatal("hash did not change with a weight")
	}
}

func TestLoadFromFS(t *testing.T) {
	fsys := fstest.MapFS{"bank.yaml": {Data: []byte(minimal)}, "dir": {Mode: 0o755 | 1<<31}}
	if _, err := bank.Load(fsys, "bank.yaml"); err != nil {
		t.Fatal(err)
	}
	if _, err := bank.Load(fsys, "missing.yaml"); err == nil {
		t.Fatal("missing file accepted")
	}
}

func TestDefaultBankHasNoNotes(t *testing.T) {
	if notes := questions.Default().Notes(); len(notes) > 0 {
		t.Fatalf("the default bank should need no notes:\n%s", strings.Join(notes, "\n"))
	}
}

func TestNotes(t *testing.T) {
	src := strings.Replace(minimal, "types: {quick-coaching: 1}", "", 1)
	src = strings.Replace(src, "mentoring: 2", "mentoring: 1", 1)
	src = strings.Replace(src, "label: Slow", "label: FAST", 1)
	src = strings.Replace(src, "types:\n", "  - id: steps\n    title: PACE\n    prompt: How many steps?\n    help: Steps matter.\n    sources: [src]\n"+
		"    options:\n      - {id: one, label: One, description: One step, coaching: 1, explain: One step suits coaching.}\n"+
		"      - {id: many, label: Many, description: Many steps, mentoring: 1, explain: Many steps suit mentoring.}\ntypes:\n", 1)
	b, err := bank.Parse("n.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	got := strings.Join(b.Notes(), "\n")
	for _, w := range []string{`type "quick-coaching" gets no points`, "leans toward coaching: answers can give at most 3 coaching points but 2 mentoring points",
		`question "pace": answers "fast" and "slow" have the same label, "FAST"`, `questions "pace" and "steps" have the same title, "PACE"`} {
		if !strings.Contains(got, w) {
			t.Errorf("notes lack %q:\n%s", w, got)
		}
	}
}

// A family share whose product with a weight has more than two decimal places is refused:
// points are counted in hundredths.
func TestFamilyShareMustBeExact(t *testing.T) {
	src := strings.Replace(minimal, "blend:", "scoring:\n  family_share: 0.25\nblend:", 1)
	src = strings.Replace(src, "coaching: 2\n", "coaching: 2.5\n", 1)
	_, err := bank.Parse("mini.yaml", []byte(src))
	if err == nil || !strings.Contains(err.Error(), `question "pace", option "fast": coaching weight 2.5 times the family_share 0.25 is 0.625, which has more than two decimal places`) {
		t.Fatalf("got %v", err)
	}
}

// A bank keeps its content hash from one release of the program to the next: the default
// bank 2.0.0, whose steps are plain text, hashes as the reports made with it say, although
// steps may now cite sources.
func TestHashOfAnEarlierBankIsStable(t *testing.T) {
	b, err := bank.Load(os.DirFS("testdata"), "bank-2.0.0.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if b.Hash != "8fe0df8fdc72" {
		t.Fatalf("hash %s, want 8fe0df8fdc72 as reports of bank 2.0.0 carry it", b.Hash)
	}
}

// Steps are text alone (common practice) or text with the sources behind it; a step that
// cites a source the bank lacks, or has no text, is a problem with its line.
func TestSteps(t *testing.T) {
	src := strings.Replace(minimal, "blend:\n  summary: Use both.", `blend:
  summary: Use both.
  steps:
    - Plain practice.
    - text: From a source.
      sources: [src]
    - text: From nowhere.
      sources: [nobody]
    - sources: [src]`, 1)
	_, err := bank.Parse("b.yaml", []byte(src))
	if err == nil || !strings.Contains(err.Error(), `cites unknown source "nobody"`) || !strings.Contains(err.Error(), `missing "text"`) {
		t.Fatalf("got %v", err)
	}
	ok := strings.Replace(src, "    - text: From nowhere.\n      sources: [nobody]\n    - sources: [src]", "", 1)
	b, err := bank.Parse("b.yaml", []byte(ok))
	if err != nil {
		t.Fatal(err)
	}
	if got := b.Blend.Steps; len(got) != 2 || !got[0].Practice() || got[1].Practice() || got[1].Sources[0] != "src" {
		t.Fatalf("steps %+v", got)
	}
}
