// Package questionscmd implements `coachmentor questions`: list the question bank so that
// scripts can discover question and answer ids, and write it out as a starting point for a
// custom bank.
package questionscmd

import (
	"cmp"
	"context"
	"io"

	"github.com/spf13/cobra"

	"github.com/coachmentor/coachmentor/internal/bank"
	"github.com/coachmentor/coachmentor/internal/cmdutil"
	"github.com/coachmentor/coachmentor/internal/format"
	"github.com/coachmentor/coachmentor/internal/iostreams"
	"github.com/coachmentor/coachmentor/internal/safefile"
)

// Options are the parsed flags.
type Options struct {
	IO        *iostreams.IOStreams
	Bank      func() (*bank.Bank, error)
	Format    *format.Format
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
	banks := format.For(format.KindBank)
	cmdutil.FormatFlag(cmd, &opts.Format, format.Text, "", banks)
	cmd.Flags().StringVarP(&opts.Output, "output", "o", "", "write to `file` instead of standard output (format from "+format.Exts(fileFormats())+" if --format is not given)")
	cmd.Flags().BoolVar(&opts.Force, "force", false, "replace the --output file if it exists")
	return cmd
}

func questionsRun(opts *Options) error {
	if f, ok := format.FromPath(opts.Output, fileFormats()); ok && !opts.FormatSet {
		opts.Format = f // -o my-bank.yaml means the bank file
	}
	if err := cmdutil.NotOntoInputs(opts.IO, opts.Output, opts.BankPath); err != nil {
		return err
	}
	b, err := opts.Bank()
	if err != nil {
		return err
	}
	out := cmp.Or(opts.Format, format.Text)
	if opts.Output != "" {
		return safefile.WriteFunc(context.Background(), opts.Output, opts.Force, func(w io.Writer) error { return out.Bank(w, b) })
	}
	return out.Bank(opts.IO.Out, b)
}

// fileFormats are the formats an -o file's extension implies: the bank file first, and
// not text, which is the default anyway.
func fileFormats() []*format.Format {
	return append([]*format.Format{format.YAML}, format.Except(format.For(format.KindBank), format.Text, format.YAML)...)
}
