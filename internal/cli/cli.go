// Package cli runs the program: it builds the command tree, runs it with the process's
// streams and maps the outcome to the exit status the scripting contract promises.
package cli

import (
	"context"
	"errors"
	"fmt"
	"os"
	"runtime/debug"

	"github.com/coachmentor/coachmentor/internal/cmd/root"
	"github.com/coachmentor/coachmentor/internal/cmdutil"
	"github.com/coachmentor/coachmentor/internal/ctxio"
	"github.com/coachmentor/coachmentor/internal/iostreams"
	"github.com/coachmentor/coachmentor/internal/safefile"
	"github.com/coachmentor/coachmentor/internal/textsafe"
	"github.com/spf13/cobra"
)

// Version is set at build time with -ldflags "-X .../internal/cli.Version=v1.2.3".
var Version = ""

// Main runs coachmentor with os.Args and returns the exit status: for a run a signal
// ended, 128 plus the signal's number (130 for Ctrl+C, 143 for SIGTERM).
func Main() int {
	received, stop := func() os.Signal { return nil }, func() {}
	code := run(context.Background(), cmdutil.New(iostreams.System(), version()), os.Args[1:], func(parent context.Context) context.Context {
		var ctx context.Context
		ctx, received, stop = watch(parent)
		return ctx
	})
	stop()
	if sig := received(); sig != nil && code == cmdutil.ExitInterrupted {
		return signalStatus(sig)
	}
	return code
}

// Run runs the command tree with the given factory and arguments, ended early only by ctx.
func Run(ctx context.Context, f *cmdutil.Factory, args []string) int {
	return run(ctx, f, args, nil)
}

// run runs the command tree; watch, when given, makes the context that stop signals
// cancel, for every command but those that only print.
func run(ctx context.Context, f *cmdutil.Factory, args []string, watch func(context.Context) context.Context) (code int) {
	defer func() {
		// A bug must not show users a stack trace; say what happened and exit 1.
		if r := recover(); r != nil {
			fmt.Fprintf(f.IOStreams.ErrOut, "internal error: %v\nplease report this with the command you ran\n", r)
			code = cmdutil.ExitFailure
		}
	}()
	cmd := root.NewCmdRoot(f)
	if watch != nil && !printsOnly(cmd, args) {
		ctx = watch(ctx)
	}
	if ios := f.IOStreams; !ios.IsStdinTTY() {
		// A pipe can wait for ever for its next line; Ctrl+C and SIGTERM must not.
		ios.In = ctxio.Reader(ctx, ios.In)
	}
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

// printsOnly reports whether args ask only for something printed: the version, help, or
// the completions a shell asks for at every Tab.
func printsOnly(root *cobra.Command, args []string) bool {
	if len(args) > 0 && (args[0] == cobra.ShellCompRequestCmd || args[0] == cobra.ShellCompNoDescRequestCmd) {
		return true
	}
	c, _, err := root.Find(args)
	return err == nil && cmdutil.PrintsOnly(c)
}

func version() string {
	if Version != "" {
		return Version
	}
	if info, ok := debug.ReadBuildInfo(); ok && info.Main.Version != "" && info.Main.Version != "(devel)" {
		return info.Main.Version
	}
	return "dev"
}
