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
	if name == "" && prefill == nil && statePath != "" && teamOf(opts, b, statePath) > 1 {
		if accessible {
			return runAccessibleTeam(ctx, opts, b, statePath)
		}
		return runTeam(ctx, opts, b, statePath)
	}
	person := false
	if statePath != "" {
		var unlock func()
		if statePath, person, name, unlock, err = personOf(opts, statePath, name); err != nil {
			return err
		}
		if unlock != nil {
			defer unlock()
		}
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
	k := &keeper{opts: opts, bank: b, path: statePath, person: person}
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

// personOf is where the answers are kept: with --for, that person's file among the team's
// (answers kept under that name before people had files of their own are taken over);
// without it, the one person kept if there is one and no answers without a name, else the
// answers without a name, as ever. A person's file is locked while the questionnaire has it.
func personOf(opts *Options, statePath, name string) (path string, person bool, who string, unlock func(), err error) {
	if err := state.TakeOver(statePath); err != nil {
		fmt.Fprintf(opts.IO.ErrOut, "Cannot move the answers kept for %s to their own file: %v\n", name, err)
	}
	dir := state.PeopleDir(statePath)
	if name == "" {
		if _, err := os.Stat(statePath); err == nil {
			return statePath, false, "", nil, nil
		}
		b, err := opts.Bank()
		if err != nil {
			return "", false, "", nil, err
		}
		people, _, _ := state.People(dir, b)
		if len(people) != 1 {
			return statePath, false, "", nil, nil
		}
		name = people[0].Name
	}
	path = state.PersonFile(dir, name)
	if b, err := opts.Bank(); err == nil {
		if p, _ := state.Find(dir, name, b); p != nil {
			name = textsafe.Line(p.Name) // "ann lee" opens Ann Lee, named as she was kept
		}
	}
	unlock, err = state.LockPerson(path, name)
	var inUse *state.InUseError
	if errors.As(err, &inUse) {
		return "", false, "", nil, err
	}
	if err != nil {
		fmt.Fprintf(opts.IO.ErrOut, "Cannot keep %s's answers: %v\n", name, err)
		return "", false, name, nil, nil
	}
	return path, true, name, unlock, nil
}

// teamOf is how many people the team screen would list: 0 when there are answers kept
// without a name, which the questionnaire opens as ever.
func teamOf(opts *Options, b *bank.Bank, statePath string) int {
	if err := state.TakeOver(statePath); err != nil {
		fmt.Fprintf(opts.IO.ErrOut, "Cannot move named answers to their own file: %v\n", err)
	}
	if _, err := os.Stat(statePath); err == nil {
		return 0
	}
	people, _, _ := state.People(state.PeopleDir(statePath), b)
	return len(people)
}
