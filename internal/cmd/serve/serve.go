// Package serve implements `coachmentor serve`: a team answers the guided questionnaire
// over SSH, and every finished questionnaire is appended to a collect file.
package serve

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"path/filepath"
	"strconv"
	"sync"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/spf13/cobra"

	"github.com/coachmentor/coachmentor/internal/bank"
	"github.com/coachmentor/coachmentor/internal/cmdutil"
	"github.com/coachmentor/coachmentor/internal/iostreams"
	"github.com/coachmentor/coachmentor/internal/serve"
	"github.com/coachmentor/coachmentor/internal/state"
)

// Options are the parsed flags.
type Options struct {
	IO             *iostreams.IOStreams
	Bank           func() (*bank.Bank, error)
	Ctx            context.Context
	Listen         string
	Collect        string
	HostKey        string
	Invites        string
	AuthorizedKeys string
	MaxSessions    int
	IdleTimeout    time.Duration
	HideResults    bool
	// BankPath is the --questions file, an input like any other; "" for the default bank.
	BankPath string
	// StatePath is where unfinished answers are kept; the host key goes beside them.
	StatePath func() (string, error)
	// Ready, if set, hears the address once the server listens.
	Ready func(addr string)
}

// NewCmdServe builds the command.
func NewCmdServe(f *cmdutil.Factory, runF func(*Options) error) *cobra.Command {
	opts := &Options{IO: f.IOStreams, Bank: f.Bank, StatePath: func() (string, error) { return state.Path(f.IOStreams.Getenv) }}
	cmd := &cobra.Command{
		Use:   "serve --collect FILE",
		Short: "Let a team answer the questionnaire over SSH and collect their answers",
		Long: `Let a team answer the guided questionnaire over SSH, with nothing to install: each
respondent runs ssh -t -p PORT name@host and answers in their own terminal. Every finished
questionnaire is appended to the --collect file, one JSON line each, synced to the disk
before the respondent sees their result; "coachmentor batch FILE" scores it as it is.

Who may answer: without --invites or --authorized-keys, anyone who connects, under the
SSH user name they give, which is why the server then listens on a loopback address only
(reach it through a jump host). --invites FILE is a CSV of id,code[,name]: the code is the
SSH user name, and each code hands in once. --authorized-keys FILE lets in the listed
keys, each named by its comment. No one needs a password.

Answers so far are kept when a session drops, on Ctrl+C and when the server stops, and
a respondent who comes back is offered them. On a full disk nothing is torn: the
respondent is told their answers are kept, the server holds them and writes them when
the disk takes them, and the problem is shown at once. In a terminal, serve shows who is
connected and what is in; otherwise it logs a line per event. Ctrl+C or SIGTERM stops it.

A terminal with TERM=dumb, or a respondent who connects with
ssh -o SetEnv=ACCESSIBLE=1 -t ..., gets the questionnaire a line at a time, for screen
readers. Connections that do not log in within 30 seconds are cut; wrong invite codes
from one address are answered more and more slowly, and after 10 the address is refused
for 10 minutes.`,
		Example: `  coachmentor serve --collect answers.jsonl
  coachmentor serve --listen 0.0.0.0:2222 --invites invites.csv --collect answers.jsonl --hide-results
  coachmentor batch answers.jsonl --format html -o team.html`,
		Args: cmdutil.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Ctx = cmd.Context()
			opts.BankPath = f.BankPath
			if runF != nil {
				return runF(opts)
			}
			return serveRun(opts)
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&opts.Listen, "listen", "127.0.0.1:2222", "the `address` to listen on")
	fl.StringVar(&opts.Collect, "collect", "", "append every finished questionnaire to this `file` (JSON Lines)")
	fl.StringVar(&opts.HostKey, "host-key", "", "the server's SSH key `file`, made there on first start (default: in the state folder)")
	fl.StringVar(&opts.Invites, "invites", "", "a CSV `file` of id,code[,name]: only these codes, as SSH user names, may answer")
	fl.StringVar(&opts.AuthorizedKeys, "authorized-keys", "", "an authorized_keys `file`: only these keys may answer, each named by its comment")
	fl.IntVar(&opts.MaxSessions, "max-sessions", 50, "how many may answer at once")
	fl.DurationVar(&opts.IdleTimeout, "idle-timeout", 15*time.Minute, "close a session after this long without a key")
	fl.BoolVar(&opts.HideResults, "hide-results", false, "thank respondents instead of showing them their results")
	return cmd
}

func serveRun(opts *Options) error {
	switch {
	case opts.Collect == "":
		return cmdutil.Invalidf("serve needs --collect FILE: the file finished questionnaires are appended to")
	case opts.MaxSessions < 1:
		return cmdutil.Invalidf("--max-sessions must be 1 or more")
	case opts.IdleTimeout < time.Minute:
		return cmdutil.Invalidf("--idle-timeout must be a minute or more, such as 15m")
	}
	if err := cmdutil.NotOntoInputs(opts.IO, opts.Collect, opts.BankPath, opts.Invites, opts.AuthorizedKeys, opts.HostKey); err != nil {
		return err
	}
	b, err := opts.Bank()
	if err != nil {
		return err
	}
	if opts.HostKey == "" {
		p, err := opts.StatePath()
		if err != nil {
			return fmt.Errorf("no folder for the server's key (give --host-key FILE): %w", err)
		}
		opts.HostKey = filepath.Join(filepath.Dir(p), "serve_host_ed25519")
	}
	events := make(chan serve.Event, 256)
	var problems problemLog
	dashboard := opts.IO.IsStdoutTTY()
	errOut := &lockedWriter{w: opts.IO.ErrOut} // events are logged from every session's goroutine
	logf := serve.Logger(errOut)
	cfg := serve.Config{Listen: opts.Listen, Collect: opts.Collect, HostKey: opts.HostKey, Invites: opts.Invites,
		AuthorizedKeys: opts.AuthorizedKeys, Bank: b, MaxSessions: opts.MaxSessions, IdleTimeout: opts.IdleTimeout,
		HideResults: opts.HideResults,
		Events: func(e serve.Event) {
			if !dashboard {
				logf(e)
				return
			}
			if e.Kind == serve.Problem {
				problems.add(e) // logged whole once the dashboard is gone
			}
			select {
			case events <- e:
			default: // the screen is behind: it draws from the snapshot anyway
			}
		}}
	s, notes, err := serve.New(cfg)
	var ce *serve.ConfigError
	if errors.As(err, &ce) {
		return &cmdutil.InvalidError{Err: ce}
	}
	if err != nil {
		return err
	}
	for _, n := range notes {
		fmt.Fprintln(errOut, n)
	}
	if err := s.Listen(); err != nil {
		return &cmdutil.InvalidError{Err: err}
	}
	hint := connectHint(s.Addr(), opts)
	if opts.Ready != nil {
		opts.Ready(s.Addr())
	}
	ctx, stop := context.WithCancel(opts.Ctx)
	defer stop()
	served := make(chan error, 1)
	go func() { served <- s.Serve(ctx) }()
	shown := make(chan struct{}) // closed once the dashboard, if any, has left the screen
	if dashboard {
		d := serve.NewDashboard(s, lipgloss.NewRenderer(opts.IO.Terminal()), hint, events)
		p := tea.NewProgram(d, tea.WithAltScreen(), tea.WithContext(ctx), tea.WithInput(opts.IO.In), tea.WithOutput(opts.IO.Terminal()), tea.WithoutSignalHandler())
		go func() { p.Run(); stop(); close(shown) }() // q on the dashboard stops the collection
	} else {
		close(shown)
		fmt.Fprintf(errOut, "collecting on %s: respondents connect with %s\n", s.Addr(), hint)
		fmt.Fprintf(errOut, "the server's key is %s: ssh shows it when someone first connects\n", s.Fingerprint())
	}
	err = <-served
	<-shown // the terminal is the consultant's again
	problems.write(errOut, logf)
	fmt.Fprintf(errOut, "Stopped. %s in %s.\n", finishedLine(s), opts.Collect)
	if err == nil && opts.Ctx.Err() != nil {
		return &cmdutil.SilentError{Code: cmdutil.ExitInterrupted}
	}
	return err
}

func finishedLine(s *serve.Server) string {
	n, _ := s.Tally()
	if n == 1 {
		return "1 questionnaire"
	}
	return strconv.Itoa(n) + " questionnaires"
}

// connectHint is the command respondents run.
func connectHint(addr string, opts *Options) string {
	host, port, _ := net.SplitHostPort(addr)
	if ip := net.ParseIP(host); ip != nil && ip.IsUnspecified() {
		host = "HOST"
	}
	who := "NAME"
	if opts.Invites != "" {
		who = "CODE"
	}
	return fmt.Sprintf("ssh -t -p %s %s@%s", port, who, host)
}

// problemLog keeps the problems a dashboard showed, to log them whole when it is gone: a
// line the disk would not take, said as the server stops, must not vanish with the screen.
type problemLog struct {
	mu     sync.Mutex
	events []serve.Event
	more   int
}

// maxProblems bounds the problems kept for the log; past it, they are counted.
const maxProblems = 1000

func (p *problemLog) add(e serve.Event) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if len(p.events) >= maxProblems {
		p.more++
		return
	}
	p.events = append(p.events, e)
}

func (p *problemLog) write(w io.Writer, logf func(serve.Event)) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if len(p.events) == 0 {
		return
	}
	fmt.Fprintf(w, "Problems while collecting (%d):\n", len(p.events)+p.more)
	for _, e := range p.events {
		logf(e)
	}
	if p.more > 0 {
		fmt.Fprintf(w, "… and %d more\n", p.more)
	}
}

// lockedWriter lets many goroutines write whole lines to one stream.
type lockedWriter struct {
	mu sync.Mutex
	w  io.Writer
}

func (l *lockedWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(p)
}
