package tui

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"maps"
	"strconv"
	"strings"
	"sync"

	"github.com/coachmentor/coachmentor/internal/answers"
	"github.com/coachmentor/coachmentor/internal/bank"
	"github.com/coachmentor/coachmentor/internal/engine"
)

// Accessible asks the questions as plain numbered prompts, a line at a time, for screen
// readers and for piped input: nothing is drawn, nothing moves, and every choice is said
// back. Enter alone takes the answer the prompt names (Not sure unless one was given
// before), "b" or "back" returns to the previous question and "?" explains the keys. When
// the input ends, the remaining questions stay unanswered.
type Accessible struct {
	Bank *bank.Bank
	// Answers are answers given before (pre-filled or saved): each is its prompt's default,
	// and the questions start at the first without one.
	Answers map[string]string
	In      io.Reader
	Out     io.Writer

	mu    sync.Mutex
	given map[string]string
}

// accessibleHelp is what "?" prints.
const accessibleHelp = "Type the number of an answer and press enter. Enter alone takes the answer named in brackets. " +
	"Type b or back for the previous question, and ? for this help. Ctrl+C keeps your answers and exits."

// Run asks the questions. If ctx is cancelled (Ctrl+C) it returns at once with
// context.Canceled; Given then holds the answers so far.
func (a *Accessible) Run(ctx context.Context) (engine.Selection, error) {
	a.mu.Lock()
	a.given = maps.Clone(a.Answers)
	if a.given == nil {
		a.given = map[string]string{}
	}
	a.mu.Unlock()
	done := make(chan struct{})
	go func() {
		defer close(done)
		a.ask(bufio.NewReader(a.In))
	}()
	select {
	case <-done:
		return a.selection(), nil
	case <-ctx.Done():
		// The prompt is blocked reading; leave it, the program is about to exit.
		return nil, ctx.Err()
	}
}

// Given returns the answers given so far.
func (a *Accessible) Given() map[string]string {
	a.mu.Lock()
	defer a.mu.Unlock()
	return maps.Clone(a.given)
}

func (a *Accessible) selection() engine.Selection {
	given := a.Given()
	sel := make(engine.Selection, len(a.Bank.Questions))
	for i, q := range a.Bank.Questions {
		if o, ok := q.Option(given[q.ID]); ok {
			sel[i] = o
		}
	}
	return sel
}

// ask goes through the questions from the first without an answer.
func (a *Accessible) ask(in *bufio.Reader) {
	qs := a.Bank.Questions
	i := 0
	for i < len(qs) && a.Given()[qs[i].ID] != "" {
		i++
	}
	if i > 0 && i < len(qs) {
		fmt.Fprintf(a.Out, "Resuming at question %d; type b to go back to the answers given before.\n\n", i+1)
	}
	for i < len(qs) {
		switch next, ok := a.question(in, i); {
		case !ok:
			fmt.Fprintln(a.Out, "The input ended; the remaining questions are left unanswered.")
			fmt.Fprintln(a.Out)
			return
		default:
			i = next
		}
	}
}

// question asks question i until it is answered, and says which question comes next; ok
// is false when the input has ended.
func (a *Accessible) question(in *bufio.Reader, i int) (next int, ok bool) {
	q := a.Bank.Questions[i]
	fmt.Fprintf(a.Out, "Question %d of %d. %s\n%s\n%s\n", i+1, len(a.Bank.Questions), q.Title, q.Help, q.Prompt)
	choices := q.Choices() // the options, then unsure
	def := len(choices)    // Not sure, unless an answer was given before
	for j, o := range q.Options {
		fmt.Fprintf(a.Out, "%d. %s: %s\n", j+1, o.Label, o.Description)
		if a.Given()[q.ID] == o.ID {
			def = j + 1
		}
	}
	fmt.Fprintf(a.Out, "%d. %s\n", len(choices), answers.NotSure)
	for {
		fmt.Fprintf(a.Out, "Answer (enter alone: %d, %s; b to go back; ? for help): ", def, labelOf(q, choices[def-1]))
		line, err := in.ReadString('\n')
		if err != nil && line == "" {
			fmt.Fprintln(a.Out)
			return i, false
		}
		switch reply := strings.ToLower(strings.TrimSpace(line)); {
		case reply == "b" || reply == "back":
			if i == 0 {
				fmt.Fprintln(a.Out, "This is the first question.")
				continue
			}
			fmt.Fprintln(a.Out)
			return i - 1, true
		case reply == "?" || reply == "help":
			fmt.Fprintln(a.Out, accessibleHelp)
			continue
		case reply == "":
			return a.choose(q, i, def, choices), true
		default:
			n, err := strconv.Atoi(reply)
			if err != nil || n < 1 || n > len(choices) {
				fmt.Fprintf(a.Out, "Enter a number between 1 and %d, b to go back or ? for help.\n", len(choices))
				continue
			}
			return a.choose(q, i, n, choices), true
		}
	}
}

// choose records answer n (from 1) to question i, says it back, and gives the next question.
func (a *Accessible) choose(q *bank.Question, i, n int, choices []string) int {
	a.mu.Lock()
	a.given[q.ID] = choices[n-1]
	a.mu.Unlock()
	fmt.Fprintf(a.Out, "Chosen: %d, %s.\n\n", n, labelOf(q, choices[n-1]))
	return i + 1
}

// labelOf is an answer's label, or Not sure.
func labelOf(q *bank.Question, id string) string {
	if o, ok := q.Option(id); ok {
		return o.Label
	}
	return answers.NotSure
}
