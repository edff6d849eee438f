// Package root builds the `coachmentor` command tree. Run alone in a terminal, the root
// command starts the guided questionnaire.
package root

import (
	"errors"
	"fmt"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/coachmentor/coachmentor/internal/answers"
	"github.com/coachmentor/coachmentor/internal/cmd/advisor"
	"github.com/coachmentor/coachmentor/internal/cmd/batch"
	"github.com/coachmentor/coachmentor/internal/cmd/people"
	"github.com/coachmentor/coachmentor/internal/cmd/questionscmd"
	"github.com/coachmentor/coachmentor/internal/cmd/recommend"
	"github.com/coachmentor/coachmentor/internal/cmd/serve"
	"github.com/coachmentor/coachmentor/internal/cmd/validate"
	"github.com/coachmentor/coachmentor/internal/cmd/version"
	"github.com/coachmentor/coachmentor/internal/cmdutil"
	"github.com/coachmentor/coachmentor/internal/textsafe"
	"github.com/coachmentor/coachmentor/questions"
)

// NewCmdRoot builds the root command and its subcommands.
func NewCmdRoot(f *cmdutil.Factory) *cobra.Command {
	cmd := advisor.NewCmdAdvisor(f, nil)
	cmd.Use = "coachmentor"
	cmd.Short = "Decide between coaching and mentoring, and which kind of each"
	cmd.Long = `coachmentor helps managers and L&D consultants decide, for a person or a team, between
coaching and mentoring, and which of ten types fits: performance, executive, team, skills
or career coaching; one-on-one, peer, group, reverse or situational mentoring.

Run it alone in a terminal for the guided questionnaire. Script it with "recommend" and
"batch". Every recommendation explains each point and what would change it.`
	cmd.Example = `  coachmentor                                    # the guided questionnaire
  coachmentor recommend --scope specific-skills --duration weeks
  coachmentor batch team.csv --format csv
  coachmentor questions`
	def := questions.Default()
	cmd.Version = version.Format(f.Version, def.Version, def.Hash)
	cmd.SilenceErrors = true
	cmd.SilenceUsage = true
	cmd.Args = rootArgs
	cmd.SuggestionsMinimumDistance = 2
	cmd.SetVersionTemplate("{{.Version}}\n")
	cmd.SetFlagErrorFunc(flagError)
	cmd.PersistentPreRunE = func(c *cobra.Command, _ []string) error { return noEmptyNames(c) }
	cmd.CompletionOptions.HiddenDefaultCmd = false
	cmd.PersistentFlags().StringVar(&f.BankPath, "questions", "", "use the question bank in `file` instead of the default")

	cmd.AddCommand(
		recommend.NewCmdRecommend(f, nil),
		batch.NewCmdBatch(f, nil),
		people.NewCmdPeople(f, nil),
		questionscmd.NewCmdQuestions(f, nil),
		validate.NewCmdValidate(f, nil),
		serve.NewCmdServe(f, nil),
		version.NewCmdVersion(f),
	)
	// The streams are set before the completion command is made: it takes its writer then.
	cmd.SetIn(f.IOStreams.In)
	cmd.SetOut(f.IOStreams.Out)
	cmd.SetErr(f.IOStreams.ErrOut)
	// cobra's completion command, asked for a shell it does not know or for none, prints
	// its help and exits 0; here it is invalid usage, like any other.
	cmd.InitDefaultCompletionCmd()
	for _, c := range cmd.Commands() {
		if c.Name() == "completion" {
			c.Args = cobra.ArbitraryArgs
			c.RunE = completionShell
			for _, shell := range c.Commands() {
				shell.Args = cmdutil.NoArgs
			}
		}
	}
	cmd.SetHelpCommand(newCmdHelp())
	return cmd
}

// newCmdHelp is cobra's help command, except that a topic it does not know is invalid
// usage with the commands listed, where cobra's shows the root's help and exits 0.
func newCmdHelp() *cobra.Command {
	return &cobra.Command{
		Use:   "help [command]",
		Short: "Help about any command",
		Long:  "Help for any command: coachmentor help COMMAND is the same as coachmentor COMMAND --help.",
		ValidArgsFunction: func(c *cobra.Command, args []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
			target, _, err := c.Root().Find(args)
			if err != nil {
				return nil, cobra.ShellCompDirectiveNoFileComp
			}
			var out []cobra.Completion
			for _, sub := range target.Commands() {
				if sub.IsAvailableCommand() && strings.HasPrefix(sub.Name(), toComplete) {
					out = append(out, cobra.CompletionWithDesc(sub.Name(), sub.Short))
				}
			}
			return out, cobra.ShellCompDirectiveNoFileComp
		},
		RunE: func(c *cobra.Command, args []string) error {
			target, rest, err := c.Root().Find(args)
			if err != nil || len(rest) > 0 {
				return cmdutil.Invalidf("unknown help topic %s; commands: %s", textsafe.Quote(strings.Join(args, " ")), strings.Join(subcommands(c.Root()), ", "))
			}
			target.InitDefaultHelpFlag()
			target.InitDefaultVersionFlag()
			return target.Help()
		},
	}
}

// completionShell is the completion command run without one of its shells.
func completionShell(c *cobra.Command, args []string) error {
	shells := subcommands(c)
	if len(args) == 0 {
		return cmdutil.Invalidf("%q needs a shell: %s", c.CommandPath(), strings.Join(shells, ", "))
	}
	return cmdutil.Invalidf("unknown shell %s; use %s", textsafe.Quote(args[0]), strings.Join(shells, ", "))
}

// named are the flags that name a file or folder, and what each needs.
var named = []struct{ flag, needs string }{
	{"questions", "a bank file"},
	{"answers", "a file, or - for standard input"},
	{"output", "a file name; leave it out to write to standard output"},
	{"out-dir", "a folder"},
	{"compare", "a bank file"},
}

// noEmptyNames refuses a flag that names a file or folder given as "", as an unset
// variable in a script gives (--questions "$BANK"): taken as no flag at all, it would
// quietly score with the default bank, or write to the screen.
func noEmptyNames(c *cobra.Command) error {
	for _, n := range named {
		if f := c.Flags().Lookup(n.flag); f != nil && f.Changed && strings.TrimSpace(f.Value.String()) == "" {
			return cmdutil.Invalidf("--%s is empty; it needs %s", n.flag, n.needs)
		}
	}
	return nil
}

// flagError reports a flag problem as invalid usage. A value that is not a number says
// what was expected rather than strconv's words; an unknown flag gets the closest flag of
// the command, or, where the command takes --answer, the way to answer a question that has
// no flag of its own: those of a --questions bank.
func flagError(c *cobra.Command, err error) error {
	var invalid *pflag.InvalidValueError
	var required *pflag.ValueRequiredError
	var unknown *pflag.NotExistError
	var own *cmdutil.InvalidError
	switch {
	case errors.As(err, &own):
		return own // a flag's own check, such as --format's, already says it in full
	case errors.As(err, &invalid):
		want := map[string]string{"int": "a whole number", "uint": "a whole number of 0 or more", "float64": "a number", "bool": "true or false"}[invalid.GetFlag().Value.Type()]
		if want != "" {
			return cmdutil.Invalidf("invalid --%s %s: expected %s", invalid.GetFlag().Name, textsafe.Quote(invalid.GetValue()), want)
		}
	case errors.As(err, &required):
		name := required.GetFlag().Name
		if q, ok := questions.Default().Question(name); ok && c.Flags().Lookup(name) != nil {
			return cmdutil.Invalidf("--%s needs an answer: %s", name, strings.Join(q.Choices(), ", "))
		}
	case errors.As(err, &unknown) && unknown.GetSpecifiedShortnames() == "":
		return unknownFlag(c, unknown.GetSpecifiedName(), err)
	}
	return &cmdutil.InvalidError{Err: err}
}

// unknownFlag is the error for --name, which the command does not have.
func unknownFlag(c *cobra.Command, name string, err error) error {
	var flags []string
	c.Flags().VisitAll(func(f *pflag.Flag) {
		if !f.Hidden {
			flags = append(flags, f.Name)
		}
	})
	switch best := answers.Closest(name, flags); {
	case best != "":
		err = fmt.Errorf("%w (did you mean --%s?)", err, best)
	case c.Flags().Lookup("answer") != nil:
		err = fmt.Errorf("%w; only the default bank's questions have flags of their own: for others, use --answer %s=ANSWER", err, name)
	}
	return &cmdutil.InvalidError{Err: err}
}

// rootArgs reports an unknown command as invalid usage, with a suggestion.
func rootArgs(cmd *cobra.Command, args []string) error {
	if len(args) == 0 {
		return nil
	}
	names := subcommands(cmd)
	hint := ""
	if s := cmd.SuggestionsFor(args[0]); len(s) > 0 {
		hint = " (did you mean \"" + s[0] + "\"?)"
	}
	return cmdutil.Invalidf("unknown command %s%s; commands: %s", textsafe.Quote(args[0]), hint, strings.Join(names, ", "))
}

// subcommands names the commands under c that a user may run, for messages that list them.
func subcommands(c *cobra.Command) []string {
	var names []string
	for _, sub := range c.Commands() {
		if sub.IsAvailableCommand() {
			names = append(names, sub.Name())
		}
	}
	return names
}
