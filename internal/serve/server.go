// Package serve lets a team answer the guided questionnaire over SSH: each session runs
// the same questionnaire as a terminal does, one program per session, and every finished
// questionnaire is appended to a collect file that `coachmentor batch` scores.
package serve

import (
	"context"
	"errors"
	"fmt"
	"net"
	"path/filepath"
	"sync"
	"sync/atomic"
	"time"

	"github.com/charmbracelet/ssh"
	"github.com/charmbracelet/wish"
	gossh "golang.org/x/crypto/ssh"

	"github.com/coachmentor/coachmentor/internal/bank"
	"github.com/coachmentor/coachmentor/internal/textsafe"
)

// Config is how a collection runs.
type Config struct {
	Listen  string // the address to listen on
	Collect string // the file finished questionnaires are appended to
	HostKey string // the server's key, made there on first start
	// Invites and AuthorizedKeys, if given, say who may answer; with neither, anyone may,
	// on a loopback address only.
	Invites, AuthorizedKeys string
	Bank                    *bank.Bank
	MaxSessions             int
	IdleTimeout             time.Duration
	HideResults             bool
	// StopWithin is how long a stop gives the sessions to end; DefaultStopWithin if zero.
	StopWithin time.Duration
	Now        func() time.Time
	// Events, if set, hears of everything that happens, from many goroutines at once.
	Events func(Event)
}

// Server is a collection: its SSH server, who may answer, and what is in.
type Server struct {
	cfg     Config
	acc     *access
	col     *collector
	partial string // the folder where unfinished answers are kept
	// fingerprint is the host key's, which respondents' clients show on first connecting.
	fingerprint string
	srv         *ssh.Server
	ln          net.Listener

	mu       sync.Mutex
	live     map[string]*live // by respondent id
	sessions sync.WaitGroup
	stopping atomic.Bool
}

// New checks the configuration and opens the collect file; notes are what to tell the
// consultant about what was found.
func New(cfg Config) (*Server, []string, error) {
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.StopWithin == 0 {
		cfg.StopWithin = DefaultStopWithin
	}
	if cfg.Events == nil {
		cfg.Events = func(Event) {}
	}
	acc := &access{}
	var err error
	if cfg.Invites != "" {
		if acc.invites, err = readInvites(cfg.Invites); err != nil {
			return nil, nil, &ConfigError{err}
		}
	}
	if cfg.AuthorizedKeys != "" {
		if acc.keys, err = readKeys(cfg.AuthorizedKeys); err != nil {
			return nil, nil, &ConfigError{err}
		}
	}
	if err := checkListen(cfg.Listen, acc.open()); err != nil {
		return nil, nil, &ConfigError{err}
	}
	fingerprint, err := ensureHostKey(cfg.HostKey)
	if err != nil {
		return nil, nil, &ConfigError{err}
	}
	col, note, err := openCollector(cfg.Collect, cfg.Bank)
	if err != nil {
		return nil, nil, &ConfigError{err}
	}
	var notes []string
	if note != "" {
		notes = append(notes, cfg.Collect+": "+note)
	}
	s := &Server{cfg: cfg, acc: acc, col: col, fingerprint: fingerprint, partial: cfg.Collect + ".partial", live: map[string]*live{}}
	if err := s.newSSH(); err != nil {
		col.close()
		return nil, nil, &ConfigError{err}
	}
	return s, notes, nil
}

// ConfigError is a configuration that cannot work: invalid usage.
type ConfigError struct{ Err error }

func (e *ConfigError) Error() string { return e.Err.Error() }
func (e *ConfigError) Unwrap() error { return e.Err }

func (s *Server) newSSH() error {
	srv, err := wish.NewServer(
		wish.WithAddress(s.cfg.Listen),
		wish.WithHostKeyPath(s.cfg.HostKey),
		wish.WithIdleTimeout(s.cfg.IdleTimeout),
		wish.WithPublicKeyAuth(s.publicKey),
		wish.WithKeyboardInteractiveAuth(s.keyboardInteractive),
		wish.WithSubsystem("sftp", refuseSubsystem),
	)
	if err != nil {
		return err
	}
	srv.Handler = s.handle
	s.srv = srv
	return nil
}

type respondentKey struct{}

// admit decides whether a connection is let in, and as whom.
func (s *Server) admit(ctx ssh.Context, key ssh.PublicKey) bool {
	var who Respondent
	var ok bool
	switch {
	case s.acc.open():
		who, ok = byName(ctx.User())
	case s.acc.invites != nil:
		who, ok = s.acc.invites[ctx.User()]
		if !ok && key != nil && s.acc.keys != nil {
			who, ok = s.acc.byKey(key)
		}
	case key != nil:
		who, ok = s.acc.byKey(key)
	}
	if !ok {
		s.event(Event{Kind: Refused, Addr: addrOf(ctx), Reason: "not let in (user " + textsafe.Quote(ctx.User()) + ")"})
		return false
	}
	ctx.SetValue(respondentKey{}, who)
	return true
}

func (s *Server) publicKey(ctx ssh.Context, key ssh.PublicKey) bool { return s.admit(ctx, key) }

// keyboardInteractive lets in, with no question asked, those who may answer without a key.
func (s *Server) keyboardInteractive(ctx ssh.Context, _ gossh.KeyboardInteractiveChallenge) bool {
	if !s.acc.open() && s.acc.invites == nil {
		return false // only listed keys
	}
	return s.admit(ctx, nil)
}

func refuseSubsystem(sess ssh.Session) {
	wish.Fatalln(sess, "This server only runs the questionnaire; it has no "+sess.Subsystem()+".")
}

// Listen starts listening; Addr then says where.
func (s *Server) Listen() error {
	ln, err := net.Listen("tcp", s.cfg.Listen)
	if err != nil {
		return fmt.Errorf("--listen %s: %w", s.cfg.Listen, err)
	}
	s.ln = ln
	return nil
}

// Fingerprint is the server's key's fingerprint, as ssh shows it (SHA256:…).
func (s *Server) Fingerprint() string { return s.fingerprint }

// Addr is the address the server listens on.
func (s *Server) Addr() string { return s.ln.Addr().String() }

// DefaultStopWithin is how long the server gives its sessions to end once it is told to
// stop: they are told at once, and have their answers kept as they go, so this is only for
// the last screen to reach them.
const DefaultStopWithin = 5 * time.Second

// Serve answers connections until ctx is done, then stops: it takes no new connection,
// tells the respondents connected, whose answers so far are kept, and ends within
// Config.StopWithin.
func (s *Server) Serve(ctx context.Context) error {
	done := make(chan error, 1)
	go func() { done <- s.srv.Serve(s.ln) }()
	select {
	case err := <-done:
		s.col.close()
		if errors.Is(err, ssh.ErrServerClosed) {
			return nil
		}
		return err
	case <-ctx.Done():
	}
	s.stop()
	<-done
	return s.col.close()
}

func (s *Server) stop() {
	s.stopping.Store(true)
	s.ln.Close() // no new connection
	s.event(Event{Kind: Stopping})
	s.mu.Lock()
	for _, l := range s.live {
		l.stop()
	}
	s.mu.Unlock()
	ended := make(chan struct{})
	go func() { s.sessions.Wait(); close(ended) }()
	select {
	case <-ended:
	case <-time.After(s.cfg.StopWithin):
	}
	s.srv.Close()
}

func (s *Server) event(e Event) {
	if e.At.IsZero() {
		e.At = s.cfg.Now()
	}
	s.cfg.Events(e)
}

func addrOf(ctx ssh.Context) string {
	if a := ctx.RemoteAddr(); a != nil {
		return a.String()
	}
	return ""
}

// partialPath is where a respondent's unfinished answers are kept.
func (s *Server) partialPath(id string) string {
	return filepath.Join(s.partial, fileKey(id)+".yaml")
}
