// Package iostreams holds a command's standard streams and what is known about them: which
// are terminals, whether colour is wanted, how wide the terminal is. Commands write only to
// these streams, so tests can run them with buffers and either answer to "is a terminal".
package iostreams

import (
	"bytes"
	"io"
	"io/fs"
	"os"

	"github.com/charmbracelet/x/term"
	"github.com/muesli/termenv"
)

// IOStreams are a command's standard input, output and error.
type IOStreams struct {
	In     io.Reader
	Out    io.Writer
	ErrOut io.Writer
	// terminal is standard output as the file it is, for a full-screen program, which
	// needs the terminal itself; Out keeps the first error writing to it.
	terminal io.Writer
	out      *errWriter

	stdinTTY  bool
	stdoutTTY bool
	stderrTTY bool
	width     int
	noColor   bool
	profile   termenv.Profile
	errProf   termenv.Profile
	getenv    func(string) string
	// stat tells what standard input and output are, where they are files, so that a
	// command can refuse to write onto what it reads.
	stat func(fd int) (fs.FileInfo, error)
}

// System returns the process's streams. It asks the operating system whether they are
// terminals but never queries the terminal itself.
func System() *IOStreams {
	out := &errWriter{w: os.Stdout}
	s := &IOStreams{
		In:        os.Stdin,
		Out:       out,
		out:       out,
		terminal:  os.Stdout,
		ErrOut:    os.Stderr,
		stdinTTY:  term.IsTerminal(os.Stdin.Fd()),
		stdoutTTY: term.IsTerminal(os.Stdout.Fd()),
		stderrTTY: term.IsTerminal(os.Stderr.Fd()),
		getenv:    os.Getenv,
		stat: func(fd int) (fs.FileInfo, error) {
			if fd == 0 {
				return os.Stdin.Stat()
			}
			return os.Stdout.Stat()
		},
	}
	if s.stdoutTTY {
		if w, _, err := term.GetSize(os.Stdout.Fd()); err == nil {
			s.width = w
		}
		s.profile = termenv.NewOutput(os.Stdout).EnvColorProfile()
	}
	if s.stderrTTY {
		s.errProf = termenv.NewOutput(os.Stderr).EnvColorProfile()
	}
	s.noColor = os.Getenv("NO_COLOR") != "" || os.Getenv("TERM") == "dumb"
	return s
}

// Test returns streams backed by buffers, none of them a terminal.
func Test() (s *IOStreams, in *bytes.Buffer, out *bytes.Buffer, errOut *bytes.Buffer) {
	in, out, errOut = &bytes.Buffer{}, &bytes.Buffer{}, &bytes.Buffer{}
	s = &IOStreams{In: in, Out: out, ErrOut: errOut, width: 80, profile: termenv.ANSI, errProf: termenv.ANSI, getenv: func(string) string { return "" }}
	return s, in, out, errOut
}

// Terminal is standard output as the process has it, for a full-screen program that draws
// on the terminal; writes to it are not watched for errors.
func (s *IOStreams) Terminal() io.Writer {
	if s.terminal != nil {
		return s.terminal
	}
	return s.Out
}

// OutError is the first error writing to standard output, such as a full disk; a command
// that wrote less than it meant to must not exit as if it had written everything.
func (s *IOStreams) OutError() error {
	if s.out == nil {
		return nil
	}
	return s.out.err
}

// errWriter is a writer that remembers its first error.
type errWriter struct {
	w   io.Writer
	err error
}

func (e *errWriter) Write(p []byte) (int, error) {
	if e.err != nil {
		return 0, e.err
	}
	n, err := e.w.Write(p)
	if err != nil {
		e.err = err
	}
	return n, err
}

// StdinFile and StdoutFile are what standard input and output are, when they are regular
// files (a redirection: < team.csv, > results.csv); nil otherwise.
func (s *IOStreams) StdinFile() fs.FileInfo  { return s.file(0) }
func (s *IOStreams) StdoutFile() fs.FileInfo { return s.file(1) }

func (s *IOStreams) file(fd int) fs.FileInfo {
	if s.stat == nil {
		return nil
	}
	st, err := s.stat(fd)
	if err != nil || !st.Mode().IsRegular() {
		return nil
	}
	return st
}

// SetFiles sets what standard input and output are, for tests; nil for a stream that is
// not a file.
func (s *IOStreams) SetFiles(stdin, stdout fs.FileInfo) {
	s.stat = func(fd int) (fs.FileInfo, error) {
		st := stdout
		if fd == 0 {
			st = stdin
		}
		if st == nil {
			return nil, fs.ErrNotExist
		}
		return st, nil
	}
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

// ErrColorProfile is the colour profile for standard error, as ColorProfile is for
// standard output: the batch progress bar draws there.
func (s *IOStreams) ErrColorProfile() termenv.Profile {
	if !s.stderrTTY || s.noColor {
		return termenv.Ascii
	}
	return s.errProf
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
