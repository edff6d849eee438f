// Package validate implements `coachmentor validate`: check a custom question bank and list
// every problem with its file, line and id.
package validate

import (
	"errors"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/coachmentor/coachmentor/internal/bank"
	"github.com/coachmentor/coachmentor/internal/cmdutil"
	"github.com/coachmentor/coachmentor/internal/iostreams"
	"github.com/coachmentor/coachmentor/internal/report"
	"github.com/coachmentor/coachmentor/internal/textsafe"
)

// Options are the parsed arguments.
type Options struct {
	IO    *iostreams.IOStreams
	Files []string
}

// NewCmdValidate builds the command.
func NewCmdValidate(f *cmdutil.Factory, runF func(*Options) error) *cobra.Command {
	opts := &Options{IO: f.IOStreams}
	return &cobra.Command{
		Use:   "validate [FILE...]",
		Short: "Check question banks and list every problem",
		Long: `Check question bank files and list every problem, each with its file, line and the
question, option or type it belongs to. Every file is checked; the exit status is 2 if
any has a problem. Without a file, the bank given with --questions is checked. The same
checks run whenever a bank is loaded with --questions.

A valid bank may still get notes: a type no answer gives points to, a question that
carries no weight, or a rubric that can give one family far more points than the other.`,
		Example: `  coachmentor questions --format yaml > my-bank.yaml
  coachmentor validate my-bank.yaml
  coachmentor validate banks/*.yaml
  coachmentor --questions my-bank.yaml validate`,
		Args: cobra.ArbitraryArgs,
		ValidArgsFunction: func(cmd *cobra.Command, args []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
			return []cobra.Completion{"yaml", "yml", "json"}, cobra.ShellCompDirectiveFilterFileExt
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Files = args
			if len(args) == 0 && f.BankPath != "" {
				opts.Files = []string{f.BankPath}
			}
			if len(opts.Files) == 0 {
				return cmdutil.Invalidf("\"coachmentor validate\" needs the bank file to check, or --questions FILE; see --help")
			}
			if runF != nil {
				return runF(opts)
			}
			return validateRun(opts)
		},
	}
}

// validateRun checks each file in turn: every one is checked, whatever the others hold.
func validateRun(opts *Options) error {
	var failed error
	for _, file := range opts.Files {
		if err := validateFile(opts, file); err != nil {
			if cmdutil.ExitCode(err) != cmdutil.ExitInvalid || len(opts.Files) == 1 {
				return err
			}
			if _, silent := err.(*cmdutil.SilentError); !silent {
				fmt.Fprintln(opts.IO.ErrOut, textsafe.Clean(err.Error()))
			}
			failed = &cmdutil.SilentError{Code: cmdutil.ExitInvalid}
		}
	}
	return failed
}

func validateFile(opts *Options, file string) error {
	b, err := cmdutil.LoadBank(opts.IO, file)
	var be *bank.Error
	if errors.As(err, &be) {
		fmt.Fprintln(opts.IO.ErrOut, be.Error())
		fmt.Fprintf(opts.IO.ErrOut, "%s in %s\n", report.Count(len(be.Problems), "problem"), textsafe.Line(be.Problems[0].File))
		return &cmdutil.SilentError{Code: cmdutil.ExitInvalid}
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(opts.IO.Out, "%s: valid question bank %s (%s): %d questions, %d types\n", textsafe.Line(b.File), textsafe.Line(b.Version), b.Hash, len(b.Questions), len(b.Types))
	for _, n := range b.Notes() {
		fmt.Fprintf(opts.IO.Out, "note: %s\n", n)
	}
	return nil
}
