// Package advisor runs the guided questionnaire: `coachmentor` with no command, in a
// terminal.
package advisor

import (
	"cmp"
	"context"
	"fmt"
	"os"
	"strings"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/muesli/termenv"
	"github.com/spf13/cobra"

	"github.com/coachmentor/coachmentor/internal/answers"
	"github.com/coachmentor/coachmentor/internal/bank"
	"github.com/coachmentor/coachmentor/internal/cmdutil"
	"github.com/coachmentor/coachmentor/internal/engine"
	"github.com/coachmentor/coachmentor/internal/iostreams"
	"github.com/coachmentor/coachmentor/internal/report"
	"github.com/coachmentor/coachmentor/internal/state"
	"github.com/coachmentor/coachmentor/internal/textsafe"
	"github.com/coachmentor/coachmentor/internal/tui"
)

// Options are the parsed flags and what the questionnaire needs.
type Options struct {
	IO   *iostreams.IOStreams
	Bank func() (*bank.Bank, error)
	Ctx  context.Context

	Accessible  bool
	AnswersFile string
	For         string

	// StatePath is where unfinished answers are kept.
	StatePath func() (string, error)
	Now       func() time.Time
	// ProgramOptions are extra bubbletea options, for tests.
	ProgramOptions []tea.ProgramOption
}

// NewCmdAdvisor builds the command that runs the questionnaire.
func NewCmdAdvisor(f *cmdutil.Factory, runF func(*Options) error) *cobra.Command {
	opts := &Options{IO: f.IOStreams, Bank: f.Bank, Now: time.Now}
	opts.StatePath = func() (string, error) { return state.Path(opts.IO.Getenv) }
	cmd := &cobra.Command{
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Ctx = cmd.Context()
			if runF != nil {
				return runF(opts)
			}
			return Run(opts)
		},
	}
	fl := cmd.Flags()
	fl.BoolVar(&opts.Accessible, "accessible", false, "plain numbered prompts for screen readers and piped input (also ACCESSIBLE=1 or TERM=dumb)")
	fl.StringVar(&opts.AnswersFile, "answers", "", "pre-fill answers from a YAML or JSON `file`")
	fl.StringVar(&opts.For, "for", "", "`name` of the person or team, shown on the screens and the report")
	return cmd
}

// Run runs the questionnaire.
func Run(opts *Options) error {
	ctx := opts.Ctx
	if ctx == nil {
		ctx = context.Background()
	}
	accessible := opts.Accessible || truthy(opts.IO.Getenv("ACCESSIBLE")) || opts.IO.Getenv("TERM") == "dumb"
	if !accessible && (!opts.IO.IsStdinTTY() || !opts.IO.IsStdoutTTY()) {
		return cmdutil.Invalidf("the questionnaire needs a terminal; to score answers from a script use `coachmentor recommend` (see coachmentor recommend --help), or --accessible for plain prompts")
	}
	b, err := opts.Bank()
	if err != nil {
		return err
	}
	name, err := cmdutil.ForName(opts.For)
	if err != nil {
		return err
	}
	var prefill map[string]string
	if opts.AnswersFile != "" {
		f, err := cmdutil.ReadAnswersFile(opts.IO, opts.AnswersFile)
		if err != nil {
			return err
		}
		sel, err := answers.Resolve(b, f.Answers)
		if err != nil {
			return err
		}
		prefill = answers.Map(b, sel)
		name = cmp.Or(name, textsafe.Line(cmp.Or(f.Name, f.ID)))
	}
	statePath, err := opts.StatePath()
	if err != nil {
		statePath = "" // no home folder: the answers cannot be kept, but the questionnaire runs
	}
	var saved *state.Saved
	if prefill == nil && statePath != "" {
		if saved, err = state.Load(statePath, b); err != nil {
			fmt.Fprintf(opts.IO.ErrOut, "Ignoring saved answers that cannot be read: %v\n", err)
			saved = nil
		}
	}
	if saved != nil && name == "" {
		name = textsafe.Line(saved.For) // the name comes back with the answers
	}
	k := &keeper{opts: opts, bank: b, path: statePath}
	if accessible {
		return runAccessible(ctx, opts, b, prefill, saved, k, name)
	}
	return runTerminal(ctx, opts, b, prefill, saved, k, name)
}

func runAccessible(ctx context.Context, opts *Options, b *bank.Bank, prefill map[string]string, saved *state.Saved, k *keeper, name string) error {
	if saved != nil {
		prefill = saved.Answers
		fmt.Fprintf(opts.IO.Out, "Your saved answers (%s) are kept: press enter to keep each one.%s\n\n", report.Count(len(saved.Answers), "answer"), tui.OtherBankNote(saved.Other))
	}
	a := &tui.Accessible{Bank: b, Answers: prefill, In: opts.IO.In, Out: opts.IO.Out}
	fmt.Fprintf(opts.IO.Out, "coachmentor: %d questions on coaching or mentoring. Type the number of an answer and press enter; enter alone takes the answer named in brackets; b goes back; ? explains.\n\n", len(b.Questions))
	sel, err := a.Run(ctx)
	if err != nil {
		k.interrupted(a.Given(), name)
		return &cmdutil.SilentError{Code: cmdutil.ExitInterrupted}
	}
	k.done()
	r := engine.New(b).Evaluate(sel)
	return report.Text(opts.IO.Out, b, r, report.TextOptions{
		Options: report.Options{For: name, Date: opts.today()}, Profile: termenv.Ascii, Width: opts.IO.TerminalWidth(), Full: true, Spoken: true,
		NoAnswers: "Start coachmentor --accessible again and type the number of an answer at each question; enter alone leaves one out.",
	})
}

func exists(path string) bool {
	_, err := os.Lstat(path)
	return err == nil
}

func truthy(s string) bool {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "", "0", "false", "no", "off":
		return false
	}
	return true
}

// today is the date the reports carry, YYYY-MM-DD, from the injected clock.
func (opts *Options) today() string {
	if opts.Now == nil {
		return ""
	}
	return opts.Now().Format(time.DateOnly)
}
