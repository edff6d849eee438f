// Package questionscmd implements `coachmentor questions`: list the question bank so that
// scripts can discover question and answer ids, and write it out as a starting point for a
// custom bank.
package questionscmd

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/coachmentor/coachmentor/internal/bank"
	"github.com/coachmentor/coachmentor/internal/cmdutil"
	"github.com/coachmentor/coachmentor/internal/iostreams"
	"github.com/coachmentor/coachmentor/internal/report"
	"github.com/coachmentor/coachmentor/internal/safefile"
)

// Options are the parsed flags.
type Options struct {
	IO        *iostreams.IOStreams
	Bank      func() (*bank.Bank, error)
	Format    report.Format
	FormatSet bool // --format was given; else the --output file's extension may say
	Output    string
	Force     bool
	BankPath  string // the --questions file, which the output may not replace
}

// NewCmdQuestions builds the command.
func NewCmdQuestions(f *cmdutil.Factory, runF func(*Options) error) *cobra.Command {
	opts := &Options{IO: f.IOStreams, Bank: f.Bank}
	cmd := &cobra.Command{
		Use:   "questions",
		Short: "List the questions, their answer ids and the types",
		Long: `List the question bank: every question with its answer ids, and the types.

With --format yaml it prints the bank file itself, a starting point for a custom bank
that loads back unchanged:

  coachmentor questions --format yaml > my-bank.yaml`,
		Example: `  coachmentor questions
  coachmentor questions --format json | jq -r '.questions[].id'
  coachmentor questions --format yaml > my-bank.yaml
  coachmentor questions -o my-bank.yaml`,
		Args: cmdutil.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.FormatSet = cmd.Flags().Changed("format")
			opts.BankPath = f.BankPath
			if runF != nil {
				return runF(opts)
			}
			return questionsRun(opts)
		},
	}
	cmdutil.FormatFlag(cmd, &opts.Format, report.FormatText, "", report.FormatText, report.FormatMarkdown, report.FormatJSON, report.FormatYAML)
	cmd.Flags().StringVarP(&opts.Output, "output", "o", "", "write to `file` instead of standard output (format from .yaml, .md or .json if --format is not given)")
	cmd.Flags().BoolVar(&opts.Force, "force", false, "replace the --output file if it exists")
	return cmd
}

func questionsRun(opts *Options) error {
	if f, ok := report.FormatFromPath(opts.Output, report.FormatYAML, report.FormatMarkdown, report.FormatJSON); ok && !opts.FormatSet {
		opts.Format = f // -o my-bank.yaml means the bank file
	}
	if err := cmdutil.NotOntoInputs(opts.IO, opts.Output, opts.BankPath); err != nil {
		return err
	}
	b, err := opts.Bank()
	if err != nil {
		return err
	}
	if opts.Output != "" {
		return safefile.WriteFunc(context.Background(), opts.Output, opts.Force, func(w io.Writer) error { return write(w, opts.Format, b) })
	}
	return write(opts.IO.Out, opts.Format, b)
}

// write writes the bank in format to out.
func write(out io.Writer, format report.Format, b *bank.Bank) error {
	var err error
	w := bufio.NewWriter(out)
	switch format {
	case report.FormatYAML:
		_, err = w.Write(b.Raw)
	case report.FormatJSON:
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		err = enc.Encode(newBankDoc(b))
	case report.FormatMarkdown:
		writeMarkdown(w, b)
	default:
		writeText(w, b)
	}
	if err != nil {
		return err
	}
	return w.Flush()
}

func writeText(w io.Writer, b *bank.Bank) {
	fmt.Fprintf(w, "Question bank %s (%s): %d questions, %d types.\n", b.Version, b.Hash, len(b.Questions), len(b.Types))
	fmt.Fprintf(w, "Every question also accepts %q, which carries no weight.\n", bank.Unsure)
	fmt.Fprintln(w, scoringLine(b))
	for _, q := range b.Questions {
		fmt.Fprintf(w, "\n%s  %s: %s\n", q.ID, q.Title, q.Prompt)
		width := 0
		for _, o := range q.Options {
			width = max(width, len(o.ID))
		}
		for _, o := range q.Options {
			fmt.Fprintf(w, "  %-*s  %s (%s)\n", width, o.ID, o.Label, favours(o))
		}
	}
	fmt.Fprintln(w, "\nTypes:")
	for _, t := range b.Types {
		fmt.Fprintf(w, "  %-22s %s (%s)", t.ID, t.Name, t.Family)
		if len(t.Requires) > 0 {
			fmt.Fprintf(w, "; %s", report.Needs(b, t))
		}
		fmt.Fprintln(w)
	}
}

// scoringLine says how points become a recommendation.
func scoringLine(b *bank.Bank) string {
	line := fmt.Sprintf("A family is recommended with at least %s%% of the points and %s; below that share it is a blend.",
		report.Num(b.MinShare*100), report.Count(b.MinAnswers, "answer"))
	if b.FamilyShare > 0 {
		line += fmt.Sprintf(" Each type also gets %s%% of its family's points.", report.Num(b.FamilyShare*100))
	}
	return line
}

func writeMarkdown(w io.Writer, b *bank.Bank) {
	fmt.Fprintf(w, "# Question bank %s\n\n", report.MDEscape(b.Version))
	if b.Title != "" {
		fmt.Fprintf(w, "%s. Hash `%s`.\n\n", report.MDEscape(b.Title), b.Hash)
	}
	fmt.Fprintf(w, "Every question also accepts `%s`, which carries no weight. %s\n\n", bank.Unsure, report.MDEscape(scoringLine(b)))
	for _, q := range b.Questions {
		fmt.Fprintf(w, "## %s (`%s`)\n\n%s %s\n\n", report.MDEscape(q.Title), q.ID, report.MDEscape(q.Prompt), report.MDEscape(q.Help))
		fmt.Fprintln(w, "| Answer id | Answer | Favors | Points |")
		fmt.Fprintln(w, "| --- | --- | --- | --- |")
		for _, o := range q.Options {
			fmt.Fprintf(w, "| `%s` | %s | %s | %s |\n", o.ID, report.MDCell(o.Label+": "+o.Description), o.Favours(), report.MDCell(report.Points(b, o)))
		}
		fmt.Fprintln(w)
	}
	fmt.Fprintln(w, "## Types")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "| Type id | Name | Family | What it is |")
	fmt.Fprintln(w, "| --- | --- | --- | --- |")
	for _, t := range b.Types {
		what := t.Summary
		if len(t.Requires) > 0 {
			what += " It " + report.Needs(b, t) + "."
		}
		fmt.Fprintf(w, "| `%s` | %s | %s | %s |\n", t.ID, report.MDCell(t.Name), t.Family, report.MDCell(what))
	}
}

func favours(o *bank.Option) string {
	f := o.Favours()
	if f == "neither" {
		return "narrows the type"
	}
	return strings.Replace(f, "both", "coaching and mentoring", 1)
}

// bankDoc is the bank as JSON, with each question's full list of accepted answers so that
// scripts need not know that every question also takes "unsure".
type bankDoc struct {
	*bank.Bank
	Questions []questionDoc `json:"questions"`
}

type questionDoc struct {
	*bank.Question
	Choices []string `json:"choices"`
}

func newBankDoc(b *bank.Bank) bankDoc {
	d := bankDoc{Bank: b}
	for _, q := range b.Questions {
		d.Questions = append(d.Questions, questionDoc{Question: q, Choices: q.Choices()})
	}
	return d
}
