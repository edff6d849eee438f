package serve

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"sync"
	"time"

	"github.com/coachmentor/coachmentor/internal/bank"
	"github.com/coachmentor/coachmentor/internal/engine"
	"github.com/coachmentor/coachmentor/internal/report"
)

// collector appends a line per finished questionnaire to the collect file. Each line is
// written with one write and synced to the disk before the respondent sees their result,
// so that a line the respondent was told about is never lost, and no line is ever half
// there: after a crash the next start finds whole lines and goes on after them.
type collector struct {
	mu        sync.Mutex
	f         *os.File
	bank      *bank.Bank
	submitted map[string]bool // the ids already in the file
	counts    map[string]int  // recommendations so far, for the dashboard
}

// openCollector opens the collect file for appending, made 0600 if new (it holds people's
// answers), and reads who is in it already. A last line cut short by a crash of the
// machine (not of the program: a write is whole once it returns) is removed and said.
func openCollector(path string, b *bank.Bank) (*collector, string, error) {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE|os.O_APPEND, 0o600)
	if err != nil {
		return nil, "", fmt.Errorf("--collect %s: %w", path, unwrapPath(err))
	}
	c := &collector{f: f, bank: b, submitted: map[string]bool{}, counts: map[string]int{}}
	note, err := c.read()
	if err != nil {
		f.Close()
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

func (c *collector) read() (string, error) {
	data, err := io.ReadAll(c.f)
	if err != nil {
		return "", err
	}
	note := ""
	if n := bytes.LastIndexByte(data, '\n'); len(data) > 0 && n != len(data)-1 {
		// The machine stopped mid-line: the part is no one's answers.
		if err := c.f.Truncate(int64(n + 1)); err != nil {
			return "", err
		}
		note = fmt.Sprintf("a last line cut short (%d bytes) was removed", len(data)-n-1)
		data = data[:n+1]
	}
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var l struct{ ID, Recommendation string }
		if json.Unmarshal(sc.Bytes(), &l) == nil && l.ID != "" {
			c.submitted[l.ID] = true
			c.counts[l.Recommendation]++
		}
	}
	return note, sc.Err()
}

// ErrSubmitted is the error for answers from someone whose answers are in already.
var ErrSubmitted = errors.New("your answers are in already")

// add appends a respondent's answers and the result they will be shown, and syncs it.
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
	if _, err := c.f.Write(append(data, '\n')); err != nil { // one write: the line whole, or nothing
		return fmt.Errorf("cannot keep your answers: %w", err)
	}
	if err := c.f.Sync(); err != nil {
		return fmt.Errorf("cannot keep your answers: %w", err)
	}
	c.submitted[id] = true
	c.counts[r.Recommendation]++
	return nil
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
