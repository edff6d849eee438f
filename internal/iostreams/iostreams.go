// Package iostreams holds a command's standard streams and what is known about them: which
// are terminals, whether colour is wanted, how wide the terminal is. Commands write only to
// these streams, so tests can run them with buffers and either answer to "is a terminal".
package iostreams

import (
	"bytes"
	"io"
	"os"

	"github.com/charmbracelet/x/term"
	"github.com/muesli/termenv"
)

// IOStreams are a command's standard input, output and error.
type IOStreams struct {
	In     io.Reader
	Out    io.Writer
	ErrOut io.Writer

	stdinTTY  bool
	stdoutTTY bool
	stderrTTY bool
	width     int
	noColor   bool
	profile   termenv.Profile
	getenv    func(string) string
}

// System returns the process's streams. It asks the operating system whether they are
// terminals but never queries the terminal itself.
func System() *IOStreams {
	s := &IOStreams{
		In:        os.Stdin,
		Out:       os.Stdout,
		ErrOut:    os.Stderr,
		stdinTTY:  term.IsTerminal(os.Stdin.Fd()),
		stdoutTTY: term.IsTerminal(os.Stdout.Fd()),
		stderrTTY: term.IsTerminal(os.Stderr.Fd()),
		getenv:    os.Getenv,
	}
	if s.stdoutTTY {
		if w, _, err := term.GetSize(os.Stdout.Fd()); err == nil {
			s.width = w
		}
		s.profile = termenv.NewOutput(os.Stdout).EnvColorProfile()
	}
	s.noColor = os.Getenv("NO_COLOR") != "" || os.Getenv("TERM") == "dumb"
	return s
}

// Test returns streams backed by buffers, none of them a terminal.
func Test() (s *IOStreams, in *bytes.Buffer, out *bytes.Buffer, errOut *bytes.Buffer) {
	in, out, errOut = &bytes.Buffer{}, &bytes.Buffer{}, &bytes.Buffer{}
	s = &IOStreams{In: in, Out: out, ErrOut: errOut, width: 80, profile: termenv.ANSI, getenv: func(string) string { return "" }}
	return s, in, out, errOut
}

// IsStdinTTY reports whether standard input is a terminal.
func (s *IOStreams) IsStdinTTY() bool { return s.stdinTTY }

// IsStdoutTTY reports whether standard output is a terminal.
func (s *IOStreams) IsStdoutTTY() bool { return s.stdoutTTY }

// IsStderrTTY reports whether standard error is a terminal.
func (s *IOStreams) IsStderrTTY() bool { return s.stderrTTY }

// SetStdinTTY overrides terminal detection, for tests.
func (s *IOStreams) SetStdinTTY(v bool) { s.stdinTTY = v }

// SetStdoutTTY overrides terminal detection, for tests.
func (s *IOStreams) SetStdoutTTY(v bool) { s.stdoutTTY = v }

// SetStderrTTY overrides terminal detection, for tests.
func (s *IOStreams) SetStderrTTY(v bool) { s.stderrTTY = v }

// SetNoColor turns colour off, as NO_COLOR does.
func (s *IOStreams) SetNoColor(v bool) { s.noColor = v }

// SetEnv replaces the environment lookup, for tests.
func (s *IOStreams) SetEnv(getenv func(string) string) { s.getenv = getenv }

// Getenv reads an environment variable.
func (s *IOStreams) Getenv(key string) string { return s.getenv(key) }

// ColorProfile is the colour profile for standard output: none unless it is a terminal
// and NO_COLOR is unset.
func (s *IOStreams) ColorProfile() termenv.Profile {
	if !s.stdoutTTY || s.noColor {
		return termenv.Ascii
	}
	return s.profile
}

// TerminalWidth is the width of standard output if it is a terminal, else 80.
func (s *IOStreams) TerminalWidth() int {
	if s.stdoutTTY && s.width > 0 {
		return s.width
	}
	return 80
}

// SetTerminalWidth overrides the width, for tests.
func (s *IOStreams) SetTerminalWidth(w int) { s.width = w }
