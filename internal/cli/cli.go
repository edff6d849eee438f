// Package cli runs the program: it builds the command tree, runs it with the process's
// streams and maps the outcome to the exit status the scripting contract promises.
package cli

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"runtime/debug"
	"syscall"

	"github.com/coachmentor/coachmentor/internal/cmd/root"
	"github.com/coachmentor/coachmentor/internal/cmdutil"
	"github.com/coachmentor/coachmentor/internal/iostreams"
	"github.com/coachmentor/coachmentor/internal/textsafe"
)

// Version is set at build time with -ldflags "-X .../internal/cli.Version=v1.2.3".
var Version = ""

// Main runs coachmentor with os.Args and returns the exit status.
func Main() int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	ios := iostreams.System()
	return Run(ctx, cmdutil.New(ios, version()), os.Args[1:])
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
	cmd := root.NewCmdRoot(f)
	cmd.SetArgs(args)
	err := cmd.ExecuteContext(ctx)
	if err == nil && ctx.Err() != nil {
		err = cmdutil.ErrInterrupted
	}
	code = cmdutil.ExitCode(err)
	if err != nil && code != cmdutil.ExitOK {
		if _, silent := err.(*cmdutil.SilentError); !silent {
			fmt.Fprintln(f.IOStreams.ErrOut, textsafe.Clean(err.Error()))
		}
	}
	return code
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
