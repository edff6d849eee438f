package serve

import (
	"bytes"
	"context"
	"errors"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/coachmentor/coachmentor/internal/cmdutil"
	"github.com/coachmentor/coachmentor/internal/iostreams"
)

// parse runs argv through the command and returns the options it would run with.
func parse(t *testing.T, argv ...string) (*Options, error) {
	t.Helper()
	ios, _, _, _ := iostreams.Test()
	var got *Options
	cmd := NewCmdServe(cmdutil.New(ios, "test"), func(o *Options) error { got = o; return nil })
	cmd.SetArgs(argv)
	cmd.SetOut(&bytes.Buffer{})
	cmd.SetErr(&bytes.Buffer{})
	cmd.SilenceErrors, cmd.SilenceUsage = true, true
	return got, cmd.Execute()
}

// The defaults are the contract's: loopback port 2222, 50 sessions, 15 minutes idle.
func TestDefaultsAndFlags(t *testing.T) {
	opts, err := parse(t, "--collect", "a.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	if opts.Listen != "127.0.0.1:2222" || opts.MaxSessions != 50 || opts.IdleTimeout != 15*time.Minute || opts.HideResults || opts.HostKey != "" {
		t.Errorf("defaults %+v", opts)
	}
	opts, err = parse(t, "--collect", "a.jsonl", "--listen", "0.0.0.0:22", "--invites", "i.csv", "--authorized-keys", "k",
		"--host-key", "hk", "--max-sessions", "3", "--idle-timeout", "2m", "--hide-results")
	if err != nil {
		t.Fatal(err)
	}
	if opts.Listen != "0.0.0.0:22" || opts.Invites != "i.csv" || opts.AuthorizedKeys != "k" || opts.HostKey != "hk" ||
		opts.MaxSessions != 3 || opts.IdleTimeout != 2*time.Minute || !opts.HideResults {
		t.Errorf("flags %+v", opts)
	}
}

// The line people are told to run names the port, and a placeholder where the address
// is every interface or the user name is theirs to give.
func TestConnectHint(t *testing.T) {
	for _, tc := range []struct {
		addr, invites, want string
	}{
		{"127.0.0.1:2222", "", "ssh -t -p 2222 NAME@127.0.0.1"},
		{"0.0.0.0:2200", "i.csv", "ssh -t -p 2200 CODE@HOST"},
		{"[::]:2200", "i.csv", "ssh -t -p 2200 CODE@HOST"},
	} {
		if got := connectHint(tc.addr, &Options{Invites: tc.invites}); got != tc.want {
			t.Errorf("%s: %q, want %q", tc.addr, got, tc.want)
		}
	}
}

// Without a terminal, serve logs where to connect and the key, then an event a line, and
// stops when its context ends, saying how many are in.
func TestRunLogsAndStops(t *testing.T) {
	ios, _, _, stderr := iostreams.Test()
	dir := t.TempDir()
	ctx, cancel := context.WithCancel(context.Background())
	f := cmdutil.New(ios, "test")
	opts := &Options{IO: ios, Bank: f.Bank, Ctx: ctx, Listen: "127.0.0.1:0", Collect: filepath.Join(dir, "a.jsonl"),
		HostKey: filepath.Join(dir, "hk"), MaxSessions: 5, IdleTimeout: time.Minute,
		Ready: func(string) { cancel() }}
	var silent *cmdutil.SilentError
	if err := serveRun(opts); !errors.As(err, &silent) || silent.Code != cmdutil.ExitInterrupted {
		t.Fatalf("ended with %v, want the interrupted status", err) // the context ends on a signal
	}
	out := stderr.String()
	for _, want := range []string{"collecting on 127.0.0.1:", "respondents connect with ssh -t -p ", "the server's key is SHA256:", "msg=stopping", "Stopped. 0 questionnaires in "} {
		if !strings.Contains(out, want) {
			t.Errorf("stderr lacks %q:\n%s", want, out)
		}
	}
}
