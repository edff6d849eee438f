package batch

import (
	"bytes"
	"errors"
	"io"
	"strconv"
	"strings"
	"testing"

	"github.com/coachmentor/coachmentor/internal/format"
	"github.com/coachmentor/coachmentor/internal/team"
)

// The three stages of a pass, each on its own: the reader stage hands out chunks, a worker
// scores one, the writer writes them.

func rowsOf(t *testing.T, csv string) *chunker {
	t.Helper()
	r, err := Open(strings.NewReader(csv), ReadOptions{Format: "", Vocab: VocabularyOf(def)})
	if err != nil {
		t.Fatal(err)
	}
	return &chunker{in: r, opts: Options{Bank: def, Name: "team.csv"}}
}

// The reader stage hands out whole chunks in input order, the last one short, then none.
func TestChunkerHandsOutRowsInOrder(t *testing.T) {
	var in strings.Builder
	in.WriteString("id,scope\n")
	for i := range 600 {
		in.WriteString("p" + strconv.Itoa(i) + ",specific-skills\n")
	}
	c := rowsOf(t, in.String())
	var sizes []int
	next := 1
	for {
		rows, err := c.next(io.Discard)
		if err != nil {
			t.Fatal(err)
		}
		if len(rows) == 0 {
			break
		}
		sizes = append(sizes, len(rows))
		for _, r := range rows {
			if r.N != next {
				t.Fatalf("row %d where %d was due", r.N, next)
			}
			next++
		}
	}
	if len(sizes) != 3 || sizes[0] != chunk || sizes[1] != chunk || sizes[2] != 600-2*chunk {
		t.Fatalf("chunks of %v", sizes)
	}
}

// A worker scores and renders its chunk: an output line and an outcome per row, and a
// row's problem as a note in its place, its line saying it could not be scored.
func TestScoreStage(t *testing.T) {
	opts := Options{Bank: def, Name: "team.csv", Format: format.CSV}
	c := rowsOf(t, "id,scope\nann,specific-skills\nbob,sideways\ncy,broad-development\n")
	rows, err := c.next(io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	f, err := newFormat(opts)
	if err != nil {
		t.Fatal(err)
	}
	scorers := newScorers(opts, c.in.Vocabulary())
	d := score(f, rows, scorers, opts, newWorker(scorers), new(team.Out), nil)
	lines := strings.Split(strings.TrimSuffix(string(d.out.Bytes), "\n"), "\n")
	if len(lines) != 3 || !strings.HasPrefix(lines[0], "ann,") || !strings.HasPrefix(lines[1], "bob,,") || !strings.Contains(lines[1], ",invalid,") || !strings.HasPrefix(lines[2], "cy,") {
		t.Fatalf("output:\n%s", d.out.Bytes)
	}
	if len(d.results) != 3 || d.results[0].Unscored != nil || d.results[1].Unscored == nil || d.results[2].Unscored != nil {
		t.Fatalf("outcomes %+v", d.results)
	}
	if len(d.notes) != 1 || !strings.HasPrefix(d.notes[0].err, `team.csv:3 (id "bob"): unknown answer "sideways"`) {
		t.Fatalf("notes %+v", d.notes)
	}
}

// failingWriter fails every write after the first n bytes.
type failingWriter struct{ n int }

func (w *failingWriter) Write(p []byte) (int, error) {
	if len(p) > w.n {
		return 0, errors.New("disk full")
	}
	w.n -= len(p)
	return len(p), nil
}

// The writer writes chunks as they come, says their notes and counts their rows; once the
// output fails it stops the run and writes nothing more. Counting, it says nothing.
func TestWriterStage(t *testing.T) {
	f, _ := newFormat(Options{Bank: def, Format: format.JSONL})
	var w *writer
	// As in a pass, each chunk's output goes into a buffer the writer handed out.
	chunkOf := func(text string, n int) done {
		out := w.buffer()
		out.Bytes = append(out.Bytes, text...)
		d := done{out: out}
		for range n {
			d.results = append(d.results, team.Outcome{Rec: "coaching", Top: "skills-coaching"})
		}
		d.notes = []note{{err: "a note for " + strings.TrimSuffix(text, "\n")}}
		return d
	}
	var out, errOut bytes.Buffer
	stopped := false
	w = newWriter(&out, &errOut, f, Options{Bank: def}, 1, func() { stopped = true })
	w.write(chunkOf("one\n", 2))
	w.write(chunkOf("two\n", 1))
	if err := w.end(nil); err != nil {
		t.Fatal(err)
	}
	if out.String() != "one\ntwo\n" || errOut.String() != "a note for one\na note for two\n" || w.sum.Respondents != 3 || w.sum.ByRecommendation["coaching"] != 3 || stopped {
		t.Fatalf("out %q, messages %q, summary %+v, stopped %v", out.String(), errOut.String(), w.sum, stopped)
	}

	// The output fails: the run is stopped, and nothing after is written.
	fw := &failingWriter{}
	w = newWriter(fw, io.Discard, f, Options{Bank: def}, 1, func() { stopped = true })
	big := strings.Repeat("x", 1<<20) + "\n" // more than the writer buffers: written at once
	w.write(chunkOf(big, 1))
	w.write(chunkOf("after\n", 1))
	if !stopped || !w.stopped() || w.end(nil) == nil || w.sum.Respondents != 1 {
		t.Fatalf("a failed write did not stop the run: stopped %v, summary %+v", stopped, w.sum)
	}

	// Counting, the first of two passes, says nothing.
	errOut.Reset()
	w = newWriter(io.Discard, &errOut, f, Options{Bank: def}, 1, func() {})
	w.counting = true
	w.write(chunkOf("one\n", 1))
	if errOut.Len() != 0 || w.sum.Respondents != 1 {
		t.Fatalf("counting said %q, counted %d", errOut.String(), w.sum.Respondents)
	}
}
