package batch

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/charmbracelet/x/exp/golden"

	"github.com/coachmentor/coachmentor/internal/answers"
	"github.com/coachmentor/coachmentor/internal/engine"
	"github.com/coachmentor/coachmentor/internal/format"
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
	ro := ReadOptions{Vocab: vocab, Columns: opts.Columns}
	r, err := Open(strings.NewReader(input), ro)
	if err != nil {
		return "", "", Summary{}, err
	}
	if opts.Reopen == nil { // as a file can be read again
		opts.Reopen = func() (Reader, error) { return Open(strings.NewReader(input), ro) }
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
	r, err := Open(strings.NewReader(input), ReadOptions{Format: "", Vocab: VocabularyOf(opts.Bank)})
	if err != nil {
		return "", "", Summary{}, err
	}
	opts.Reopen = nil
	var out, errOut bytes.Buffer
	sum, err := Run(context.Background(), r, &out, &errOut, opts)
	return out.String(), errOut.String(), sum, err
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
	want := `{"id":"ann","status":"ok",` + compact.String()[1:] + "\n"
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
	out, _, _, err := run(t, spreadsheet, Options{Format: format.Markdown})
	if !errors.Is(err, ErrInvalidRows) {
		t.Fatal(err)
	}
	golden.RequireEqual(t, []byte(out))
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
	r, err := Open(pr, ReadOptions{Format: "", Vocab: VocabularyOf(def)})
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
		want := `{"id":"` + row["id"] + `","status":"ok",` + compact.String()[1:]
		if !got.Scan() || got.Text() != want {
			t.Fatalf("line %d: got\n%.300s\nwant\n%.300s", n, got.Text(), want)
		}
	}
}

// From a stream, read once, the team report's totals follow the respondents, and nothing is
// kept in a temporary file.
func TestTotalsFollowAStream(t *testing.T) {
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	out, _, sum, err := runOnce(t, "id,scope\nann,specific-skills\nbo,broad-development\n", Options{Format: format.Markdown})
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
	out, _, _, _ = run(t, "id,scope\nann,specific-skills\nbo,broad-development\n", Options{Format: format.Markdown})
	if strings.Index(out, "## Recommendations") > strings.Index(out, "### ann") {
		t.Fatalf("report:\n%s", out)
	}
}
