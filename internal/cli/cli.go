// Package cli runs the program: it builds the command tree, runs it with the process's
// streams and maps the outcome to the exit status the scripting contract promises.
package cli

import (
	"context"
	"errors"
	"fmt"
	"os"
	"runtime/debug"

	"github.com/spf13/cobra"

	"github.com/coachmentor/coachmentor/internal/cmd/root"
	"github.com/coachmentor/coachmentor/internal/cmdutil"
	"github.com/coachmentor/coachmentor/internal/ctxio"
	"github.com/coachmentor/coachmentor/internal/iostreams"
	"github.com/coachmentor/coachmentor/internal/safefile"
	"github.com/coachmentor/coachmentor/internal/textsafe"
)

// Version is set at build time with -ldflags "-X .../internal/cli.Version=v1.2.3".
var Version = ""

// Main runs coachmentor with os.Args and returns the exit status: for a run a signal
// ended, 128 plus the signal's number (130 for Ctrl+C, 143 for SIGTERM).
func Main() int {
	args := os.Args[1:]
	ctx, received := context.Background(), func() os.Signal { return nil }
	if !printsOnly(args) {
		var stop func()
		ctx, received, stop = watch(ctx)
		defer stop()
	}
	code := Run(ctx, cmdutil.New(iostreams.System(), version()), args)
	if sig := received(); sig != nil && code == cmdutil.ExitInterrupted {
		return signalStatus(sig)
	}
	return code
}

// Run runs the command tree with the given factory and arguments.
func Run(ctx context.Context, f *cmdutil.Factory, args []string) (code int) {
	defer func() {
		// A bug must not show users a stack trace; say what happened and exit 1.
		if r := recover(); r != nil {
			fmt.Fprintf(f.IOStreams.ErrOut, "internal error: %v\nplease report this with the command you ran\n", r)
			code = cmdutil.ExitFailure
		}
	}()
	if ios := f.IOStreams; !ios.IsStdinTTY() {
		// A pipe can wait for ever for its next line; Ctrl+C and SIGTERM must not.
		ios.In = ctxio.Reader(ctx, ios.In)
	}
	cmd := root.NewCmdRoot(f)
	cmd.SetArgs(args)
	err := cmd.ExecuteContext(ctx)
	if err == nil && ctx.Err() != nil {
		err = cmdutil.ErrInterrupted
	}
	if werr := f.IOStreams.OutError(); werr != nil && (err == nil || errors.Is(err, werr)) {
		// Less was written than was meant (a full disk, a closed pipe): not a success.
		err = fmt.Errorf("cannot write to standard output: %w", safefile.Cause(werr))
	}
	code = cmdutil.ExitCode(err)
	if err != nil && code != cmdutil.ExitOK {
		if _, silent := err.(*cmdutil.SilentError); !silent {
			fmt.Fprintln(f.IOStreams.ErrOut, textsafe.Clean(err.Error()))
		}
	}
	return code
}

// printOnly are the commands that only print: the version, help, a completion script and
// the completions a shell asks for at every Tab.
var printOnly = map[string]bool{
	"version": true, "help": true, "completion": true,
	cobra.ShellCompRequestCmd: true, cobra.ShellCompNoDescRequestCmd: true,
}

// printsOnly reports whether args run a command that only prints. With nothing to keep,
// Ctrl+C may end it the default way, and it starts without watching for signals, which
// takes the runtime a thread of its own and 0.6 to 1 ms. The first word decides: a flag
// first, as in --questions FILE version, is watched, which costs that and nothing else.
func printsOnly(args []string) bool { return len(args) > 0 && printOnly[args[0]] }

func version() string {
	if Version != "" {
		return Version
	}
	if info, ok := debug.ReadBuildInfo(); ok && info.Main.Version != "" && info.Main.Version != "(devel)" {
		return info.Main.Version
	}
	return "dev"
}
