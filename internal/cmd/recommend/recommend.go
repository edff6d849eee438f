// Package recommend implements `coachmentor recommend`: score answers given as flags or in
// a file and print the recommendation. It never prompts.
package recommend

import (
	"cmp"
	"context"
	"fmt"
	"io"
	"strings"

	"github.com/muesli/termenv"
	"github.com/spf13/cobra"

	"github.com/coachmentor/coachmentor/internal/answers"
	"github.com/coachmentor/coachmentor/internal/bank"
	"github.com/coachmentor/coachmentor/internal/cmdutil"
	"github.com/coachmentor/coachmentor/internal/engine"
	"github.com/coachmentor/coachmentor/internal/format"
	"github.com/coachmentor/coachmentor/internal/iostreams"
	"github.com/coachmentor/coachmentor/internal/report"
	"github.com/coachmentor/coachmentor/internal/safefile"
	"github.com/coachmentor/coachmentor/internal/state"
	"github.com/coachmentor/coachmentor/internal/textsafe"
	"github.com/coachmentor/coachmentor/questions"
)

// Options are the parsed flags and what the command needs to run.
type Options struct {
	IO   *iostreams.IOStreams
	Bank func() (*bank.Bank, error)
	Ctx  context.Context
	// BankPath is the --questions file, an input like any other; "" for the default bank.
	BankPath string

	AnswersFile string
	// Saved scores the answers the questionnaire keeps for the person named by For.
	Saved bool
	// StatePath is where the questionnaire keeps answers.
	StatePath   func() (string, error)
	Assignments []string        // --answer, in order
	PerQuestion []answers.Given // per-question flags that were set, in bank order
	Format      *format.Format
	FormatSet   bool // --format was given; else the --output file's extension may say
	Output      string
	Force       bool
	For         string
	Date        string // --date, YYYY-MM-DD; "" for none
}

// NewCmdRecommend builds the command. runF replaces the run function in tests.
func NewCmdRecommend(f *cmdutil.Factory, runF func(*Options) error) *cobra.Command {
	opts := &Options{IO: f.IOStreams, Bank: f.Bank}
	perQuestion := map[string]*string{}
	def := questions.Default()

	cmd := &cobra.Command{
		Use:   "recommend [flags]",
		Short: "Score answers and print the recommendation, without prompting",
		Long: `Score answers given as flags or in a file and print the recommendation: coaching,
mentoring or a blend, the types ranked, why, and what would change it.

Answers can be combined; a later source overrides an earlier one in this order: the
--answers file, then each --answer, then the per-question flags. Any question may be
left out or answered "unsure"; it then carries no weight. Ids ignore case, and "_" or a
space may stand for "-"; an answer may also be given by its label and a question by its
title, as the questionnaire shows them ("Who drives=The person being developed").`,
		Example: `  coachmentor recommend --scope specific-skills --duration weeks --goal performance
  coachmentor recommend --answers answers.yaml --format markdown --date 2026-12-05 --output report.md
  echo '{"scope": "broad-development"}' | coachmentor recommend --answers - --format json
  coachmentor recommend --questions client-bank.yaml --answer pace=fast`,
		Args: cmdutil.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Ctx = cmd.Context()
			opts.BankPath = f.BankPath
			opts.FormatSet = cmd.Flags().Changed("format")
			for _, q := range def.Questions {
				if cmd.Flags().Changed(q.ID) {
					opts.PerQuestion = append(opts.PerQuestion, answers.Given{Question: q.ID, Answer: *perQuestion[q.ID], From: "--" + q.ID})
				}
			}
			if runF != nil {
				return runF(opts)
			}
			return recommendRun(opts)
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&opts.AnswersFile, "answers", "", "read answers from a YAML or JSON `file` (\"-\" for standard input)")
	fl.StringArrayVar(&opts.Assignments, "answer", nil, "answer a question: `question=answer` (repeatable; works with any bank)")
	persons := format.For(format.KindPerson)
	cmdutil.FormatFlag(cmd, &opts.Format, format.Text, "", persons)
	fl.StringVarP(&opts.Output, "output", "o", "", "write to `file` instead of standard output (format from "+format.Exts(format.Except(persons, format.Text))+" if --format is not given)")
	fl.BoolVar(&opts.Force, "force", false, "replace the --output file if it exists")
	fl.StringVar(&opts.For, "for", "", "`name` of the person or team, printed on the report")
	fl.BoolVar(&opts.Saved, "saved", false, "score the answers the questionnaire keeps for the person named by --for (see coachmentor people)")
	cmdutil.DateFlag(cmd, &opts.Date)
	ids := make([]string, len(def.Questions))
	for i, q := range def.Questions {
		ids[i] = q.ID
		perQuestion[q.ID] = fl.String(q.ID, "", fmt.Sprintf("%s (`answer`: %s)", q.Prompt, strings.Join(q.Choices(), "|")))
		_ = cmd.RegisterFlagCompletionFunc(q.ID, cobra.FixedCompletions(q.Choices(), cobra.ShellCompDirectiveNoFileComp))
	}
	cmdutil.QuestionFlags(cmd, ids...)
	_ = cmd.RegisterFlagCompletionFunc("answer", cmdutil.CompleteAssignment(f))
	return cmd
}

func recommendRun(opts *Options) error {
	out := cmp.Or(opts.Format, format.Text)
	if f, ok := format.FromPath(opts.Output, format.For(format.KindPerson)); ok && !opts.FormatSet {
		out = f // -o report.md means Markdown
	}
	name, err := cmdutil.ForName(opts.For)
	if err != nil {
		return err
	}
	if err := cmdutil.NotOntoInputs(opts.IO, opts.Output, opts.AnswersFile, opts.BankPath); err != nil {
		return err
	}

	b, err := opts.Bank()
	if err != nil {
		return err
	}
	var given []answers.Given
	if opts.Saved {
		saved, err := savedAnswers(opts, b, name)
		if err != nil {
			return err
		}
		given, name = saved.given, saved.name
	}
	if opts.AnswersFile != "" {
		f, err := cmdutil.ReadAnswersFile(opts.IO, opts.AnswersFile)
		if err != nil {
			return err
		}
		given = append(given, f.Answers...)
		if name == "" { // a line of a batch file names its respondent
			name = textsafe.Line(cmp.Or(f.Name, f.ID))
		}
	}
	for _, a := range opts.Assignments {
		g, err := answers.ParseAssignment(a, "--answer")
		if err != nil {
			return &cmdutil.InvalidError{Err: err}
		}
		given = append(given, g)
	}
	given = append(given, opts.PerQuestion...)
	sel, err := answers.Resolve(b, given)
	if err != nil {
		return err
	}

	res := engine.New(b).Evaluate(sel)
	ropts := report.Options{For: name, Date: opts.Date}
	if opts.Output == "" {
		return out.Person(opts.IO.Out, b, res, format.PersonOptions{Options: ropts, Profile: opts.IO.ColorProfile(), Width: opts.IO.TerminalWidth()})
	}
	ctx := opts.Ctx
	if ctx == nil {
		ctx = context.Background()
	}
	if err := safefile.WriteFunc(ctx, opts.Output, opts.Force, func(w io.Writer) error {
		return out.Person(w, b, res, format.PersonOptions{Options: ropts, Profile: termenv.Ascii, Width: 80})
	}); err != nil {
		return err
	}
	if opts.IO.IsStderrTTY() {
		fmt.Fprintf(opts.IO.ErrOut, "Wrote %s\n", opts.Output)
	}
	return nil
}

// saved are a person's kept answers, in bank order, and their name as it was kept.
type saved struct {
	given []answers.Given
	name  string
}

// savedAnswers reads the answers the questionnaire keeps for the person called name.
func savedAnswers(opts *Options, b *bank.Bank, name string) (saved, error) {
	if name == "" {
		return saved{}, cmdutil.Invalidf("--saved scores a person's kept answers: name them with --for, as coachmentor people lists them")
	}
	if opts.StatePath == nil {
		opts.StatePath = func() (string, error) { return state.Path(opts.IO.Getenv) }
	}
	statePath, err := opts.StatePath()
	if err != nil {
		return saved{}, fmt.Errorf("no folder where answers are kept: %w", err)
	}
	_ = state.TakeOver(statePath)
	p, err := state.Find(state.PeopleDir(statePath), name, b)
	if err != nil {
		return saved{}, err
	}
	if p == nil {
		return saved{}, cmdutil.Invalidf("no answers are kept for %s; coachmentor people lists the people who have some", textsafe.Quote(name))
	}
	return saved{name: textsafe.Line(p.Name), given: p.Given(b)}, nil
}
