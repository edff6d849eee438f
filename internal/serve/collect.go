package serve

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/coachmentor/coachmentor/internal/bank"
	"github.com/coachmentor/coachmentor/internal/engine"
	"github.com/coachmentor/coachmentor/internal/report"
	"github.com/coachmentor/coachmentor/internal/safefile"
)

// collector appends a line per finished questionnaire to the collect file. Each line is
// written with one write and synced to the disk before the respondent sees their result,
// so that a line the respondent was told about is never lost. A write that fails part-way
// (a full disk) is cut back to the last whole line before anything else is written, and
// the line waits in memory, to be written again (retry) when the disk takes it: no line is
// ever joined to a part of another. At start, any line that is not whole JSON, wherever it
// is, is set aside in a file of its own and said.
type collector struct {
	mu        sync.Mutex
	f         *os.File
	path      string
	size      int64 // the file's size: where the next line goes, and where a failed one is cut back to
	bank      *bank.Bank
	submitted map[string]bool // the ids already in the file
	counts    map[string]int  // recommendations so far, for the dashboard
	// waiting are lines the disk did not take, by id, to be written by retry.
	waiting map[string]waitingLine
	// cut is set while part of a failed line may still be in the file: nothing is written
	// until it is cut back.
	cut bool
}

// waitingLine is a respondent's line that the disk did not take yet.
type waitingLine struct {
	data []byte
	rec  string
}

// SaveError is a line the disk would not take. It is kept, and written by retry.
type SaveError struct{ Err error }

func (e *SaveError) Error() string { return "cannot append to the collect file: " + e.Err.Error() }
func (e *SaveError) Unwrap() error { return e.Err }

// tornSuffix names the file beside the collect file where lines that are not whole JSON
// are set aside.
const tornSuffix = ".torn"

// openCollector opens the collect file for appending, made 0600 if new (it holds people's
// answers), and reads who is in it already; what to say about it comes back as a note.
func openCollector(path string, b *bank.Bank) (*collector, string, error) {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE|os.O_APPEND, 0o600)
	if err != nil {
		return nil, "", fmt.Errorf("--collect %s: %w", path, unwrapPath(err))
	}
	c := &collector{f: f, path: path, bank: b, submitted: map[string]bool{}, counts: map[string]int{}, waiting: map[string]waitingLine{}}
	note, err := c.read()
	if err != nil {
		c.f.Close()
		return nil, "", fmt.Errorf("--collect %s: %w", path, err)
	}
	return c, note, nil
}

// line is a collect file's line: the respondent, their answers as an answers file holds
// them, and what was said about them.
type line struct {
	ID             string            `json:"id"`
	Name           string            `json:"name,omitempty"`
	Answers        orderedAnswers    `json:"answers"`
	Submitted      string            `json:"submitted"`
	Recommendation string            `json:"recommendation"`
	TopType        string            `json:"top_type"`
	Bank           map[string]string `json:"bank"`
}

// orderedAnswers are answers in the bank's order.
type orderedAnswers struct {
	b   *bank.Bank
	ans map[string]string
}

func (o orderedAnswers) MarshalJSON() ([]byte, error) {
	buf := []byte{'{'}
	for _, q := range o.b.Questions {
		a, ok := o.ans[q.ID]
		if !ok {
			continue
		}
		if len(buf) > 1 {
			buf = append(buf, ',')
		}
		buf = report.AppendJSONString(buf, q.ID)
		buf = append(buf, ':')
		buf = report.AppendJSONString(buf, a)
	}
	return append(buf, '}'), nil
}

// read reads who is in the file. Lines that are not whole JSON objects (a machine stopped
// mid-line; a line joined to another by an older release on a full disk) are set aside in
// the file's .torn file, and the file is written again without them, whole, before the
// first new line goes in.
func (c *collector) read() (string, error) {
	data, err := io.ReadAll(c.f)
	if err != nil {
		return "", err
	}
	var keep, torn bytes.Buffer
	var tornLines []int
	for n, rest := 1, data; len(rest) > 0; n++ {
		line, after, found := bytes.Cut(rest, []byte("\n"))
		rest = after
		var l struct{ ID, Recommendation string }
		if !found || json.Unmarshal(line, &l) != nil || l.ID == "" {
			if len(bytes.TrimSpace(line)) > 0 {
				torn.Write(line)
				torn.WriteByte('\n')
				tornLines = append(tornLines, n)
			}
			continue
		}
		keep.Write(line)
		keep.WriteByte('\n')
		c.submitted[l.ID] = true
		c.counts[l.Recommendation]++
	}
	c.size = int64(keep.Len())
	if len(tornLines) == 0 {
		return "", nil
	}
	if err := c.setAside(keep.Bytes(), torn.Bytes()); err != nil {
		return "", err
	}
	return fmt.Sprintf("%s that %s not whole JSON (%s) set aside in %s%s; the rest goes on",
		countOf(len(tornLines), "line"), plural(len(tornLines), "was", "were"), lineList(tornLines), filepath.Base(c.path), tornSuffix), nil
}

// setAside appends the torn lines to the .torn file, then puts the whole lines in place of
// the collect file, synced, keeping its mode.
func (c *collector) setAside(keep, torn []byte) error {
	tf, err := os.OpenFile(c.path+tornSuffix, os.O_WRONLY|os.O_CREATE|os.O_APPEND, 0o600)
	if err != nil {
		return err
	}
	if _, err := tf.Write(torn); err != nil {
		tf.Close()
		return err
	}
	if err := tf.Sync(); err != nil {
		tf.Close()
		return err
	}
	if err := tf.Close(); err != nil {
		return err
	}
	if err := safefile.WriteFunc(context.Background(), c.path, true, func(w io.Writer) error {
		_, err := w.Write(keep)
		return err
	}); err != nil {
		return err
	}
	c.f.Close()
	c.f, err = os.OpenFile(c.path, os.O_RDWR|os.O_APPEND, 0)
	return err
}

func countOf(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return strconv.Itoa(n) + " " + noun + "s"
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// lineList names lines: "line 4", "lines 2, 7 and 9", the first ten of many.
func lineList(lines []int) string {
	parts := make([]string, 0, 10)
	for _, n := range lines[:min(10, len(lines))] {
		parts = append(parts, strconv.Itoa(n))
	}
	list := strings.Join(parts, ", ")
	if len(lines) > 10 {
		list += fmt.Sprintf(" and %d more", len(lines)-10)
	}
	if len(lines) == 1 {
		return "line " + list
	}
	return "lines " + list
}

// ErrSubmitted is the error for answers from someone whose answers are in already.
var ErrSubmitted = errors.New("your answers are in already")

// add appends a respondent's answers and the result they will be shown, and syncs it. A
// line the disk does not take is cut back out and kept to be written by retry (SaveError).
func (c *collector) add(id, name string, answers map[string]string, r *engine.Result, now time.Time) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.submitted[id] {
		return ErrSubmitted
	}
	top := ""
	if report.HasTypeSignal(r) {
		top = r.TopType().ID
	}
	data, err := json.Marshal(line{ID: id, Name: name, Answers: orderedAnswers{c.bank, answers},
		Submitted: now.UTC().Format(time.RFC3339), Recommendation: r.Recommendation, TopType: top,
		Bank: map[string]string{"version": c.bank.Version, "hash": c.bank.Hash}})
	if err != nil {
		return err
	}
	w := waitingLine{data: append(data, '\n'), rec: r.Recommendation}
	if err := c.write(id, w); err != nil {
		c.waiting[id] = w
		return err
	}
	delete(c.waiting, id)
	return nil
}

// write appends a line whole, with one write, and syncs it; a write that fails part-way
// is cut back to the last whole line.
func (c *collector) write(id string, w waitingLine) error {
	if c.cut {
		if err := c.f.Truncate(c.size); err != nil {
			return &SaveError{Err: fmt.Errorf("part of a line is still to be cut back: %v", err)}
		}
		c.cut = false
	}
	_, err := c.f.Write(w.data) // one write: the line whole, or cut back below
	if err == nil {
		err = c.f.Sync()
	}
	if err != nil {
		if terr := c.f.Truncate(c.size); terr != nil {
			c.cut = true
			return &SaveError{Err: fmt.Errorf("%v, and cutting back what was written failed too: %v", err, terr)}
		}
		return &SaveError{Err: err}
	}
	c.size += int64(len(w.data))
	c.submitted[id] = true
	c.counts[w.rec]++
	return nil
}

// retry writes the lines that wait, in order of id, and says whose went in.
func (c *collector) retry() (written []string, err error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	ids := make([]string, 0, len(c.waiting))
	for id := range c.waiting {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	for _, id := range ids {
		if err := c.write(id, c.waiting[id]); err != nil {
			return written, err
		}
		delete(c.waiting, id)
		written = append(written, id)
	}
	return written, nil
}

// waitingLines are the lines that wait, by id.
func (c *collector) waitingLines() map[string][]byte {
	c.mu.Lock()
	defer c.mu.Unlock()
	out := make(map[string][]byte, len(c.waiting))
	for id, w := range c.waiting {
		out[id] = w.data
	}
	return out
}

// done reports whether id's answers are in.
func (c *collector) done(id string) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.submitted[id]
}

// tally is how many are in, and their recommendations.
func (c *collector) tally() (int, map[string]int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	counts := map[string]int{}
	for k, v := range c.counts {
		counts[k] = v
	}
	return len(c.submitted), counts
}

func (c *collector) close() error { return c.f.Close() }
