// Package advisor runs the guided questionnaire: `coachmentor` with no command, in a
// terminal.
package advisor

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strings"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"
	"github.com/spf13/cobra"

	"github.com/coachmentor/coachmentor/internal/answers"
	"github.com/coachmentor/coachmentor/internal/bank"
	"github.com/coachmentor/coachmentor/internal/cmdutil"
	"github.com/coachmentor/coachmentor/internal/engine"
	"github.com/coachmentor/coachmentor/internal/iostreams"
	"github.com/coachmentor/coachmentor/internal/report"
	"github.com/coachmentor/coachmentor/internal/safefile"
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
	var prefill map[string]string
	if opts.AnswersFile != "" {
		given, err := cmdutil.ReadAnswersFile(opts.IO, opts.AnswersFile)
		if err != nil {
			return err
		}
		sel, err := answers.Resolve(b, given)
		if err != nil {
			return err
		}
		prefill = answers.Map(b, sel)
	}
	statePath, err := opts.StatePath()
	if err != nil {
		statePath = "" // no home folder: the answers cannot be kept, but the questionnaire runs
	}
	name := textsafe.Line(opts.For)

	var saved *state.Saved
	if prefill == nil && statePath != "" {
		if saved, err = state.Load(statePath, b); err != nil {
			fmt.Fprintf(opts.IO.ErrOut, "Ignoring saved answers that cannot be read: %v\n", err)
			saved = nil
		}
	}
	if accessible {
		return runAccessible(ctx, opts, b, prefill, saved, statePath, name)
	}
	cfg := tui.Config{
		Bank:    b,
		For:     name,
		Answers: prefill, PrefillFrom: opts.AnswersFile,
		Now:    opts.Now,
		Save:   safefile.Write,
		Exists: exists,
	}
	if saved != nil {
		cfg.Resume, cfg.ResumedAt, cfg.ResumeOther = saved.Answers, saved.At, saved.Other
	}
	if cfg.Dir, err = os.Getwd(); err != nil {
		cfg.Dir = "."
	}

	// Ask the terminal for its background now: asked once the program is reading keys,
	// the reply would arrive as keystrokes.
	lipgloss.HasDarkBackground()

	m := tui.New(cfg)
	popts := append([]tea.ProgramOption{
		tea.WithAltScreen(), tea.WithContext(ctx), tea.WithInput(opts.IO.In), tea.WithOutput(opts.IO.Out),
	}, opts.ProgramOptions...)
	_, runErr := tea.NewProgram(m, popts...).Run()

	if m.Interrupted() || errors.Is(runErr, tea.ErrProgramKilled) || errors.Is(runErr, tea.ErrInterrupted) || ctx.Err() != nil {
		keep(opts, b, statePath, m.Answers())
		return &cmdutil.SilentError{Code: cmdutil.ExitInterrupted}
	}
	if runErr != nil {
		keep(opts, b, statePath, m.Answers())
		return fmt.Errorf("the questionnaire stopped: %w", runErr)
	}
	if statePath != "" {
		_ = state.Done(statePath, b, opts.Now())
	}
	if r := m.Result(); r != nil && m.Finished() {
		// The results screen goes with the alternate screen; leave a summary behind.
		fmt.Fprint(opts.IO.Out, report.Headline(r))
		switch {
		case len(r.TopTie) > 1:
			fmt.Fprintf(opts.IO.Out, ". Best fit: a tie between %s", report.Names(report.TypeNames(r.TopTie)))
		case report.HasTypeSignal(r):
			fmt.Fprintf(opts.IO.Out, ". Best fit: %s", r.TopType().Name)
		}
		fmt.Fprintln(opts.IO.Out, ".")
		for _, p := range m.Saved() {
			fmt.Fprintf(opts.IO.Out, "Report saved to %s\n", p)
		}
	}
	return nil
}

func runAccessible(ctx context.Context, opts *Options, b *bank.Bank, prefill map[string]string, saved *state.Saved, statePath, name string) error {
	if saved != nil {
		prefill = saved.Answers
		fmt.Fprintf(opts.IO.Out, "Your saved answers (%s) are the defaults: press enter to keep each one.%s\n\n", report.Count(len(saved.Answers), "answer"), tui.OtherBankNote(saved.Other))
	}
	a := &tui.Accessible{Bank: b, Answers: prefill, In: opts.IO.In, Out: opts.IO.Out}
	fmt.Fprintf(opts.IO.Out, "coachmentor: %d questions on coaching or mentoring. Type the number of an answer and press enter; enter alone takes the answer named after the question.\n\n", len(b.Questions))
	sel, err := a.Run(ctx)
	if err != nil {
		keep(opts, b, statePath, a.Given())
		return &cmdutil.SilentError{Code: cmdutil.ExitInterrupted}
	}
	if statePath != "" {
		_ = state.Done(statePath, b, opts.Now())
	}
	r := engine.New(b).Evaluate(sel)
	return report.Text(opts.IO.Out, b, r, report.TextOptions{
		Options: report.Options{For: name}, Profile: termenv.Ascii, Width: opts.IO.TerminalWidth(), Full: true,
	})
}

// keep saves unfinished answers and says so.
func keep(opts *Options, b *bank.Bank, path string, given map[string]string) {
	switch {
	case len(given) == 0:
		fmt.Fprintln(opts.IO.ErrOut, "Interrupted.")
	case path == "":
		fmt.Fprintln(opts.IO.ErrOut, "Interrupted; your answers could not be kept: no home folder.")
	default:
		if err := state.Save(path, b, given, opts.Now()); err != nil {
			fmt.Fprintf(opts.IO.ErrOut, "Interrupted; your answers could not be kept: %v\n", err)
			return
		}
		fmt.Fprintf(opts.IO.ErrOut, "Interrupted; %s saved. Run coachmentor to resume.\n", report.Count(len(given), "answer"))
	}
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
