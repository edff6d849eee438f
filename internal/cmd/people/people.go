// Package people implements `coachmentor people`: the people a manager has answered the
// questionnaire for, listed, exported as a roster that batch scores, or removed.
package people

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/coachmentor/coachmentor/internal/answers"
	"github.com/coachmentor/coachmentor/internal/bank"
	"github.com/coachmentor/coachmentor/internal/cmdutil"
	"github.com/coachmentor/coachmentor/internal/engine"
	"github.com/coachmentor/coachmentor/internal/iostreams"
	"github.com/coachmentor/coachmentor/internal/report"
	"github.com/coachmentor/coachmentor/internal/roster"
	"github.com/coachmentor/coachmentor/internal/safefile"
	"github.com/coachmentor/coachmentor/internal/state"
	"github.com/coachmentor/coachmentor/internal/textsafe"
)

// Options are the parsed arguments.
type Options struct {
	IO        *iostreams.IOStreams
	Bank      func() (*bank.Bank, error)
	StatePath func() (string, error)
	Ctx       context.Context

	Action string // "list", "export" or "remove"
	Format string
	Output string
	Force  bool
	Names  []string
}

// NewCmdPeople builds the command and its subcommands.
func NewCmdPeople(f *cmdutil.Factory, runF func(*Options) error) *cobra.Command {
	opts := &Options{IO: f.IOStreams, Bank: f.Bank, StatePath: func() (string, error) { return state.Path(f.IOStreams.Getenv) }}
	run := func(cmd *cobra.Command) error {
		opts.Ctx = cmd.Context()
		if runF != nil {
			return runF(opts)
		}
		return peopleRun(opts)
	}
	cmd := &cobra.Command{
		Use:   "people",
		Short: "List the people you have answered for, export them as a roster, or remove one",
		Long: `The questionnaire keeps each person's answers when you give their name with --for
(coachmentor --for "Ann Lee"). This lists them: how far along each is, the recommendation
and the best-fitting type, or how many more answers would decide.

Export them as a roster that "coachmentor batch" scores to the same results, for a team
report or a workbook; remove a person's answers for good.`,
		Example: `  coachmentor people
  coachmentor people --format json
  coachmentor people export > team.csv && coachmentor batch team.csv -f markdown -o team.md
  coachmentor people remove "Ann Lee"`,
		Args: cmdutil.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error { opts.Action = "list"; return run(cmd) },
	}
	cmdutil.EnumFlag(cmd, &opts.Format, "format", "f", "table", "", "table", "json")

	export := &cobra.Command{
		Use:   "export",
		Short: "Write everyone's answers as a roster that batch reads",
		Args:  cmdutil.NoArgs,
		RunE:  func(cmd *cobra.Command, args []string) error { opts.Action = "export"; return run(cmd) },
	}
	cmdutil.EnumFlag(export, &opts.Format, "format", "f", "csv", "", "csv", "jsonl", "xlsx")
	export.Flags().StringVarP(&opts.Output, "output", "o", "", "write to this `file` instead of standard output")
	export.Flags().BoolVar(&opts.Force, "force", false, "replace the output file if it exists")

	remove := &cobra.Command{
		Use:   "remove NAME...",
		Short: "Remove people's answers for good",
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 {
				return cmdutil.Invalidf("\"coachmentor people remove\" needs the name of the person to remove; see coachmentor people")
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Action, opts.Names = "remove", args
			return run(cmd)
		},
		ValidArgsFunction: func(*cobra.Command, []string, string) ([]cobra.Completion, cobra.ShellCompDirective) {
			return names(opts), cobra.ShellCompDirectiveNoFileComp
		},
	}
	cmd.AddCommand(export, remove)
	return cmd
}

func peopleRun(opts *Options) error {
	b, err := opts.Bank()
	if err != nil {
		return err
	}
	statePath, err := opts.StatePath()
	if err != nil {
		return fmt.Errorf("no folder to keep answers in: %w", err)
	}
	if err := state.TakeOver(statePath); err != nil {
		return err
	}
	dir := state.PeopleDir(statePath)
	people, skipped, err := state.People(dir, b)
	if err != nil {
		return err
	}
	for _, s := range skipped {
		fmt.Fprintf(opts.IO.ErrOut, "Skipping %s: not a person's answers\n", s)
	}
	switch opts.Action {
	case "remove":
		return removeRun(opts, dir, b)
	case "export":
		if opts.Format == "xlsx" && opts.Output == "" {
			return cmdutil.Invalidf("--format xlsx writes a workbook, which is no text for a terminal or a pipe: name it with --output, e.g. -o team.xlsx")
		}
		return write(opts, func(w io.Writer) error { return roster.WriteAnswers(w, opts.Format, b, state.RosterOf(people)) })
	}
	if opts.Format == "json" {
		return list(opts.IO.Out, b, people, true)
	}
	if len(people) == 0 {
		fmt.Fprintln(opts.IO.ErrOut, `No one yet: answer for someone with coachmentor --for "NAME".`)
		return nil
	}
	return list(opts.IO.Out, b, people, false)
}

// write sends the export to standard output or, whole, to the output file.
func write(opts *Options, f func(io.Writer) error) error {
	if opts.Output == "" {
		return f(opts.IO.Out)
	}
	return safefile.WriteFunc(opts.Ctx, opts.Output, opts.Force, f)
}

func removeRun(opts *Options, dir string, b *bank.Bank) error {
	for _, name := range opts.Names {
		p, err := state.Find(dir, name, b)
		if err != nil {
			return err
		}
		if p == nil {
			return cmdutil.Invalidf("no one called %s; coachmentor people lists them", textsafe.Quote(name))
		}
		unlock, err := state.LockPerson(p.Path, p.Name)
		if err != nil {
			return err // open in a questionnaire: removing them would lose what it keeps next
		}
		err = state.RemovePerson(p.Path)
		unlock()
		if err != nil {
			return err
		}
		fmt.Fprintf(opts.IO.ErrOut, "Removed %s's answers.\n", textsafe.Line(p.Name))
	}
	return nil
}

// scored are the people's results, from the answers the bank knows, with one scorer.
func scored(b *bank.Bank, people []state.Person) []*engine.Result {
	scorer := engine.New(b)
	out := make([]*engine.Result, len(people))
	for i, p := range people {
		sel, err := answers.Resolve(b, p.Given(b))
		if err != nil {
			sel = make(engine.Selection, len(b.Questions))
		}
		out[i] = scorer.Evaluate(sel)
	}
	return out
}

// row is a person as the list says them.
type row struct {
	Name           string   `json:"name"`
	Answered       int      `json:"answered"`
	Questions      int      `json:"questions"`
	Recommendation string   `json:"recommendation"`
	BestType       string   `json:"best_type"`
	BestTypes      []string `json:"best_types"`
	NeedMore       int      `json:"need_more"`
}

func rowOf(b *bank.Bank, p state.Person, r *engine.Result) row {
	out := row{Name: p.Name, Answered: p.Answered(), Questions: len(b.Questions), Recommendation: r.Recommendation, BestTypes: []string{}}
	if r.Decided() {
		for _, t := range report.TopTypes(r) {
			out.BestTypes = append(out.BestTypes, t.ID)
		}
		if len(out.BestTypes) > 0 {
			out.BestType = out.BestTypes[0]
		}
	} else {
		out.NeedMore = r.AnswersNeeded
	}
	return out
}

func list(w io.Writer, b *bank.Bank, people []state.Person, asJSON bool) error {
	results := scored(b, people)
	if asJSON {
		rows := make([]row, 0, len(people))
		for i, p := range people {
			rows = append(rows, rowOf(b, p, results[i]))
		}
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(rows)
	}
	var sb strings.Builder
	lines := [][3]string{{"NAME", "ANSWERED", "RECOMMENDATION"}}
	for i, p := range people {
		r := results[i]
		verdict := report.Title(r.Recommendation) + ": " + report.Names(report.TypeNames(report.TopTypes(r)))
		if !r.Decided() {
			verdict = "Undecided: " + report.NeedMore(r)
		}
		lines = append(lines, [3]string{textsafe.Line(p.Name), fmt.Sprintf("%d of %d", p.Answered(), len(b.Questions)), verdict})
	}
	wide := [2]int{}
	for _, l := range lines {
		wide[0], wide[1] = max(wide[0], len([]rune(l[0]))), max(wide[1], len(l[1]))
	}
	for _, l := range lines {
		fmt.Fprintf(&sb, "%-*s  %-*s  %s\n", wide[0]+len(l[0])-len([]rune(l[0])), l[0], wide[1], l[1], l[2])
	}
	_, err := io.WriteString(w, sb.String())
	return err
}

// names are the people kept, for completion.
func names(opts *Options) []cobra.Completion {
	b, err := opts.Bank()
	if err != nil {
		return nil
	}
	statePath, err := opts.StatePath()
	if err != nil {
		return nil
	}
	people, _, _ := state.People(state.PeopleDir(statePath), b)
	out := make([]cobra.Completion, len(people))
	for i, p := range people {
		out[i] = textsafe.Line(p.Name)
	}
	return out
}
