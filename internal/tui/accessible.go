package tui

import (
	"context"
	"fmt"
	"io"
	"sync"
	"testing/iotest"

	"github.com/charmbracelet/huh"

	"github.com/coachmentor/coachmentor/internal/answers"
	"github.com/coachmentor/coachmentor/internal/bank"
	"github.com/coachmentor/coachmentor/internal/engine"
)

// Accessible asks the questions as plain numbered prompts, huh's accessible mode, which
// works with a screen reader and can be answered line by line from piped input. An empty
// line answers "Not sure". When the input ends, the remaining questions stay unanswered.
type Accessible struct {
	Bank    *bank.Bank
	Answers map[string]string // pre-filled answers become each prompt's default
	In      io.Reader
	Out     io.Writer

	mu    sync.Mutex
	given map[string]string
}

// Run asks every question. If ctx is cancelled (Ctrl+C) it returns at once with
// context.Canceled; Given then holds the answers so far.
func (a *Accessible) Run(ctx context.Context) (engine.Selection, error) {
	a.given = map[string]string{}
	done := make(chan struct{})
	var sel engine.Selection
	go func() {
		defer close(done)
		sel = a.ask()
	}()
	select {
	case <-done:
		return sel, nil
	case <-ctx.Done():
		// The prompt is blocked reading; leave it, the program is about to exit.
		return nil, ctx.Err()
	}
}

// Given returns the answers given so far.
func (a *Accessible) Given() map[string]string {
	a.mu.Lock()
	defer a.mu.Unlock()
	out := make(map[string]string, len(a.given))
	for k, v := range a.given {
		out[k] = v
	}
	return out
}

func (a *Accessible) ask() engine.Selection {
	// huh makes a new line scanner for every prompt; reading a byte at a time keeps each
	// from swallowing the lines meant for the next.
	in := &countingReader{r: iotest.OneByteReader(a.In)}
	sel := make(engine.Selection, len(a.Bank.Questions))
	n := len(a.Bank.Questions)
	for i, q := range a.Bank.Questions {
		if in.eof {
			break
		}
		fmt.Fprintf(a.Out, "Question %d of %d. %s\n%s\n", i+1, n, q.Title, q.Help)
		value := bank.Unsure
		if v, ok := a.Answers[q.ID]; ok && v != "" {
			value = v
		}
		opts := make([]huh.Option[string], 0, len(q.Options)+1)
		keep := fmt.Sprintf("%d, %s", len(q.Options)+1, answers.NotSure)
		for j, o := range q.Options {
			opts = append(opts, huh.NewOption(o.Label+": "+o.Description, o.ID))
			if o.ID == value {
				keep = fmt.Sprintf("%d, %s", j+1, o.Label)
			}
		}
		opts = append(opts, huh.NewOption(answers.NotSure, bank.Unsure))
		// Enter alone keeps the value the field starts with; a screen reader cannot see a
		// cursor on it, so the prompt says which it is.
		field := huh.NewSelect[string]().Title(q.Prompt + " (enter alone: " + keep + ")").Options(opts...).Value(&value)
		before := in.n
		_ = huh.NewForm(huh.NewGroup(field)).WithAccessible(true).WithInput(in).WithOutput(a.Out).WithShowHelp(false).Run()
		if in.eof && in.n == before {
			fmt.Fprintln(a.Out, "The input ended; the remaining questions are left unanswered.")
			fmt.Fprintln(a.Out)
			break
		}
		a.mu.Lock()
		a.given[q.ID] = value
		a.mu.Unlock()
		if o, ok := q.Option(value); ok {
			sel[i] = o
		}
		fmt.Fprintln(a.Out)
	}
	return sel
}

// countingReader notes how many bytes were read and whether the input has ended.
type countingReader struct {
	r   io.Reader
	n   int
	eof bool
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += n
	if err != nil {
		c.eof = true
	}
	return n, err
}
