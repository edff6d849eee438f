// Package advisor runs the guided questionnaire: `coachmentor` with no command, in a
// terminal.
package advisor

import (
	"cmp"
	"context"
	"errors"
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
	var team []state.Person
	if statePath != "" {
		team = teamOf(opts, b, statePath, name)
	}
	if name == "" && prefill == nil && len(team) > 1 {
		if accessible {
			return runAccessibleTeam(ctx, opts, b, statePath, team)
		}
		return runTeam(ctx, opts, b, statePath)
	}
	if name == "" && len(team) == 1 {
		name = textsafe.Line(team[0].Name) // the one person kept comes back
	}
	kept := keptAt{path: statePath}
	if statePath != "" && name != "" {
		if kept, err = personOf(opts, b, statePath, name); err != nil {
			return err
		}
		if kept.unlock != nil {
			defer kept.unlock()
		}
		name = kept.name
	} else if statePath != "" {
		if kept.saved, err = state.Load(statePath, b); err != nil {
			fmt.Fprintf(opts.IO.ErrOut, "Ignoring saved answers that cannot be read: %v\n", err)
		}
	}
	saved := kept.saved
	if prefill != nil {
		saved = nil // the answers given now, not those kept
	}
	if saved != nil && name == "" {
		name = textsafe.Line(saved.For) // the name comes back with the answers
	}
	k := &keeper{opts: opts, bank: b, path: kept.path, person: kept.person}
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
	k.finished(a.Given(), name)
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

// keptAt is where a questionnaire's answers are kept, and what is kept there.
type keptAt struct {
	path   string // "" when they cannot be kept
	person bool   // one person's of a team
	name   string // as the person was kept, if they were
	saved  *state.Saved
	unlock func()
}

// personOf is where the answers of the person called name are kept, among the team's,
// with what they have; their file is locked while the questionnaire has it. "ann lee"
// opens Ann Lee, named as she was kept.
func personOf(opts *Options, b *bank.Bank, statePath, name string) (keptAt, error) {
	dir := state.PeopleDir(statePath)
	p, err := state.Find(dir, name, b)
	if err != nil {
		fmt.Fprintf(opts.IO.ErrOut, "Ignoring saved answers that cannot be read: %v\n", err)
	}
	k := keptAt{path: state.PersonFile(dir, name), person: true, name: name}
	if p != nil {
		k.name, k.saved = textsafe.Line(p.Name), p.Saved
	}
	k.unlock, err = state.LockPerson(k.path, k.name)
	var inUse *state.InUseError
	if errors.As(err, &inUse) {
		return keptAt{}, err
	}
	if err != nil {
		fmt.Fprintf(opts.IO.ErrOut, "Cannot keep %s's answers: %v\n", k.name, err)
		return keptAt{name: k.name, saved: k.saved}, nil
	}
	return k, nil
}

// teamOf takes answers kept under a name before people had files of their own over as
// that person's, then lists the team: no one when answers are kept without a name (the
// questionnaire opens those, as ever) or when a name is given.
func teamOf(opts *Options, b *bank.Bank, statePath, name string) []state.Person {
	if err := state.TakeOver(statePath); err != nil {
		fmt.Fprintf(opts.IO.ErrOut, "Cannot move named answers to their own file: %v\n", err)
	}
	if name != "" {
		return nil
	}
	if _, err := os.Stat(statePath); err == nil {
		return nil
	}
	people, _, _ := state.People(state.PeopleDir(statePath), b)
	return people
}
