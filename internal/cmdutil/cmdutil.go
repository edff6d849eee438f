// Package cmdutil holds what every command shares: the factory that gives commands their
// streams and the question bank, the error kinds that decide the exit status, and reading
// input files with limits and clear messages.
package cmdutil

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"runtime"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/spf13/cobra"

	"github.com/coachmentor/coachmentor/internal/answers"
	"github.com/coachmentor/coachmentor/internal/bank"
	"github.com/coachmentor/coachmentor/internal/iostreams"
	"github.com/coachmentor/coachmentor/internal/safefile"
	"github.com/coachmentor/coachmentor/internal/textsafe"
	"github.com/coachmentor/coachmentor/questions"
)

// Exit statuses, as the scripting contract defines them.
const (
	ExitOK          = 0
	ExitFailure     = 1
	ExitInvalid     = 2
	ExitInterrupted = 130
)

// Factory gives commands what they need. Fields are functions so that nothing is loaded
// until a command asks for it.
type Factory struct {
	IOStreams *iostreams.IOStreams
	// Version is the program's version.
	Version string
	// BankPath is the --questions file; empty for the default bank.
	BankPath string

	bankOnce sync.Once
	bank     *bank.Bank
	bankErr  error
}

// New returns a factory for the given streams.
func New(ios *iostreams.IOStreams, version string) *Factory {
	return &Factory{IOStreams: ios, Version: version}
}

// Bank loads the question bank once: the --questions file if given, else the default.
func (f *Factory) Bank() (*bank.Bank, error) {
	f.bankOnce.Do(func() {
		if f.BankPath == "" {
			f.bank = questions.Default()
			return
		}
		f.bank, f.bankErr = LoadBank(f.IOStreams, f.BankPath)
	})
	return f.bank, f.bankErr
}

// LoadBank reads and validates a bank file ("-" for standard input).
func LoadBank(ios *iostreams.IOStreams, path string) (*bank.Bank, error) {
	data, name, err := ReadInput(ios, path, bank.MaxSize, "question bank")
	if err != nil {
		return nil, err
	}
	return bank.Parse(name, data)
}

// InvalidError marks invalid usage or input: exit status 2.
type InvalidError struct {
	Err error
}

func (e *InvalidError) Error() string { return e.Err.Error() }
func (e *InvalidError) Unwrap() error { return e.Err }

// Invalidf makes an InvalidError.
func Invalidf(format string, a ...any) error {
	return &InvalidError{Err: fmt.Errorf(format, a...)}
}

// SilentError is returned when the command has already reported its problems and only the
// exit status remains to be set.
type SilentError struct {
	Code int
}

func (e *SilentError) Error() string { return fmt.Sprintf("exit status %d", e.Code) }

// ErrInterrupted is returned when the user pressed Ctrl+C.
var ErrInterrupted = errors.New("interrupted")

// ExitCode maps an error to the exit status the contract promises.
func ExitCode(err error) int {
	var silent *SilentError
	var invalid *InvalidError
	var bankErr *bank.Error
	var exists *safefile.ExistsError
	var name *safefile.NameError
	switch {
	case err == nil:
		return ExitOK
	case errors.As(err, &silent):
		return silent.Code
	case errors.Is(err, ErrInterrupted), errors.Is(err, context.Canceled):
		return ExitInterrupted
	case errors.As(err, &invalid), errors.As(err, &bankErr), errors.As(err, &exists), errors.As(err, &name), answers.IsError(err):
		return ExitInvalid
	}
	return ExitFailure
}

// OpenInput opens a file named on the command line, with a clear error for a missing
// file, a folder or a file that cannot be read.
func OpenInput(path, what string) (*os.File, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, &InvalidError{Err: fmt.Errorf("%s %s: %s", what, textsafe.Quote(path), describe(err))}
	}
	if st, err := f.Stat(); err == nil && st.IsDir() {
		f.Close()
		return nil, Invalidf("%s %s is a folder; expected a file", what, textsafe.Quote(path))
	}
	return f, nil
}

// ReadInput reads a file named on the command line, or standard input for "-", refusing
// folders and anything over limit bytes. It returns the name to use in messages.
func ReadInput(ios *iostreams.IOStreams, path string, limit int64, what string) ([]byte, string, error) {
	var r io.Reader
	name := path
	if path == "-" {
		r, name = ios.In, "<stdin>"
		if ios.IsStdinTTY() { // nothing piped in: without a word it would seem to hang
			fmt.Fprintf(ios.ErrOut, "Reading the %s from the terminal; type or paste it, then press %s.\n", what, EndOfInputKey())
		}
	} else {
		f, err := OpenInput(path, what)
		if err != nil {
			return nil, name, err
		}
		defer f.Close()
		r = f
	}
	data, err := io.ReadAll(io.LimitReader(r, limit+1))
	if errors.Is(err, context.Canceled) {
		return nil, name, ErrInterrupted // not the file's fault
	}
	if err != nil {
		return nil, name, &InvalidError{Err: fmt.Errorf("%s %s: %s", what, textsafe.Quote(path), describe(err))}
	}
	if int64(len(data)) > limit {
		return nil, name, Invalidf("%s %s is larger than the %s limit", what, textsafe.Quote(path), size(limit))
	}
	return data, name, nil
}

// EndOfInputKey is the key that ends typed input on this system.
func EndOfInputKey() string {
	if runtime.GOOS == "windows" {
		return "Ctrl+Z then Enter"
	}
	return "Ctrl+D"
}

func describe(err error) string {
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return "no such file"
	case errors.Is(err, fs.ErrPermission):
		return "permission denied"
	}
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}

func size(n int64) string {
	if n >= 1<<20 {
		return fmt.Sprintf("%d MiB", n>>20)
	}
	return fmt.Sprintf("%d KiB", n>>10)
}

// ReadAnswersFile reads an answers file ("-" for standard input).
func ReadAnswersFile(ios *iostreams.IOStreams, path string) (answers.File, error) {
	data, name, err := ReadInput(ios, path, answers.MaxFileSize, "answers file")
	if err != nil {
		return answers.File{}, err
	}
	return answers.ParseFile(name, data)
}

// NoArgs rejects positional arguments as invalid usage.
func NoArgs(cmd *cobra.Command, args []string) error {
	if len(args) > 0 {
		return Invalidf("unexpected argument %s for %q; see --help", textsafe.Quote(args[0]), cmd.CommandPath())
	}
	return nil
}

// ExactArgs requires n positional arguments, named in the message.
func ExactArgs(n int, what string) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		switch {
		case len(args) < n:
			return Invalidf("%q needs %s; see --help", cmd.CommandPath(), what)
		case len(args) > n: // often a shell pattern that matched more files than meant
			quoted := make([]string, len(args))
			for i, a := range args {
				quoted[i] = textsafe.Quote(a)
			}
			return Invalidf("%q needs %s, not %d arguments (%s); see --help", cmd.CommandPath(), what, len(args), strings.Join(quoted, ", "))
		}
		return nil
	}
}

// CompleteAssignment completes --answer values: question ids, then "question=answer".
func CompleteAssignment(f *Factory) cobra.CompletionFunc {
	return func(cmd *cobra.Command, args []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
		b, err := f.Bank()
		if err != nil {
			return nil, cobra.ShellCompDirectiveError
		}
		var out []cobra.Completion
		if qid, _, ok := strings.Cut(toComplete, "="); ok {
			if q, ok := b.Question(answers.Normalize(qid)); ok {
				for _, c := range q.Choices() {
					out = append(out, q.ID+"="+c)
				}
			}
			return out, cobra.ShellCompDirectiveNoFileComp
		}
		for _, q := range b.Questions {
			out = append(out, cobra.CompletionWithDesc(q.ID+"=", q.Title))
		}
		return out, cobra.ShellCompDirectiveNoFileComp | cobra.ShellCompDirectiveNoSpace
	}
}

// NotOntoInputs refuses, before anything is read or written, an output that is one of the
// command's inputs: the file named by output, or standard output where output is "" and
// standard output is a file (> team.csv). Files are compared as the system knows them,
// through links and other names. Inputs are file names, "-" for standard input; "" is
// skipped. Writing onto an input would replace what the user made with results, or, for
// standard output appended to the input, read its own output back without end.
func NotOntoInputs(ios *iostreams.IOStreams, output string, inputs ...string) error {
	type named struct {
		name string
		st   fs.FileInfo
	}
	var in []named
	for _, name := range inputs {
		switch name {
		case "":
		case "-":
			if st := ios.StdinFile(); st != nil {
				in = append(in, named{"standard input", st})
			}
		default:
			if st, err := os.Stat(name); err == nil && st.Mode().IsRegular() {
				in = append(in, named{textsafe.Quote(name), st})
			}
		}
	}
	out, outName := ios.StdoutFile(), "standard output"
	if output != "" {
		out, outName = nil, "the output "+textsafe.Quote(output)
		if st, err := os.Stat(output); err == nil {
			out = st
		}
	}
	if out == nil {
		return nil
	}
	for _, i := range in {
		if os.SameFile(i.st, out) {
			if output == "" {
				what := "the input " + i.name
				if i.name == "standard input" {
					what = "the file standard input reads"
				}
				return Invalidf("standard output is %s (redirected onto it); writing there would destroy it or read back without end: write the results to another file", what)
			}
			return Invalidf("%s is the input %s; writing it would replace the input with results: write them to another file", outName, i.name)
		}
	}
	return nil
}

// MaxName is the longest name --for takes, in characters.
const MaxName = 200

// ForName checks and cleans the --for name: escape sequences, controls and bytes that are
// not UTF-8 are removed, and a name longer than MaxName is refused.
func ForName(s string) (string, error) {
	name := textsafe.Line(s)
	if n := utf8.RuneCountInString(name); n > MaxName {
		return "", Invalidf("--for is %d characters long; a name may have at most %d", n, MaxName)
	}
	return name, nil
}
