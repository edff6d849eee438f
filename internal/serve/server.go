// Package serve lets a team answer the guided questionnaire over SSH: each session runs
// the same questionnaire as a terminal does, one program per session, and every finished
// questionnaire is appended to a collect file that `coachmentor batch` scores.
package serve

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"net"
	"path/filepath"
	"slices"
	"strings"
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
	// Now and Sleep are the clock, and the wait before a failed login is answered; the
	// system's when nil.
	Now   func() time.Time
	Sleep func(time.Duration)
	// Input is how many bytes a second a respondent may send, after a burst of InputBurst;
	// the rest is dropped. DefaultInput and DefaultInputBurst when zero.
	Input, InputBurst int
	// LoginWithin is how long a connection has to log in; the package's LoginWithin when
	// zero.
	LoginWithin time.Duration
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
	guard       *guard
	penalties   *penalties
	memory      *memory // answers so far that the disk would not take

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
	if cfg.Sleep == nil {
		cfg.Sleep = time.Sleep
	}
	if cfg.Input == 0 {
		cfg.Input, cfg.InputBurst = DefaultInput, DefaultInputBurst
	}
	if cfg.LoginWithin == 0 {
		cfg.LoginWithin = LoginWithin
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
	var notes []string
	if cfg.AuthorizedKeys != "" {
		var keyNotes []string
		if acc.keys, keyNotes, err = readKeys(cfg.AuthorizedKeys); err != nil {
			return nil, nil, &ConfigError{err}
		}
		notes = append(notes, keyNotes...)
	}
	if err := checkListen(cfg.Listen, acc.open()); err != nil {
		return nil, nil, &ConfigError{err}
	}
	fingerprint, keyNote, err := ensureHostKey(cfg.HostKey)
	if err != nil {
		return nil, nil, &ConfigError{err}
	}
	if keyNote != "" {
		notes = append(notes, keyNote)
	}
	col, note, err := openCollector(cfg.Collect, cfg.Bank)
	if err != nil {
		return nil, nil, &ConfigError{err}
	}
	if note != "" {
		notes = append(notes, cfg.Collect+": "+note)
	}
	s := &Server{cfg: cfg, acc: acc, col: col, fingerprint: fingerprint, partial: cfg.Collect + ".partial", live: map[string]*live{},
		guard: &guard{max: MaxWaiting, within: cfg.LoginWithin}, penalties: newPenalties(cfg.Now), memory: newMemory()}
	s.guard.refused = func(addr net.Addr, why string) { s.event(Event{Kind: Refused, Addr: addr.String(), Reason: why}) }
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
	srv.ConnCallback = s.connect
	srv.ChannelHandlers = map[string]ssh.ChannelHandler{"session": s.oneSession}
	s.srv = srv
	return nil
}

// connect takes a new connection in, unless its address is refused for now: it must log
// in within LoginWithin.
func (s *Server) connect(ctx ssh.Context, conn net.Conn) net.Conn {
	if s.penalties.refused(host(conn.RemoteAddr())) {
		return nil // refused without a word, as the log said when it began
	}
	return s.guard.accept(ctx, conn)
}

type respondentKey struct{}

// admit decides whether a connection is let in, and as whom. A failure is slowed, more
// with each from the same address, and is said without the code that was tried.
func (s *Server) admit(ctx ssh.Context, key ssh.PublicKey) bool {
	var who Respondent
	var ok bool
	switch {
	case s.acc.open():
		who, ok = byName(ctx.User())
	case s.acc.invites != nil:
		who, ok = s.acc.invites[ctx.User()]
		if !ok && key != nil && s.acc.keys != nil {
			who, ok = s.acc.byKey(key, ctx.RemoteAddr())
		}
	case key != nil:
		who, ok = s.acc.byKey(key, ctx.RemoteAddr())
	}
	addr := host(ctx.RemoteAddr())
	if !ok {
		// What was tried: with invites or open, the user name; with keys alone, the
		// connection (a key is not guessed). Said as the connection closes, once.
		reason, tried := "not let in (user "+textsafe.Quote(ctx.User())+")", ctx.User()
		switch {
		case s.acc.invites != nil:
			reason = "not let in (a wrong invite code)" // never the code: it may be a near miss
		case key != nil:
			reason, tried = "not let in (no key listed)", ""
		}
		if w, ok := ctx.Value(waitingKey{}).(*waitingConn); ok && !w.refuse(tried, reason) {
			return false // the same name again, with another key: one attempt
		}
		wait, refusedNow := s.penalties.failed(addr)
		if refusedNow {
			s.event(Event{Kind: Problem, Addr: addrOf(ctx), Reason: fmt.Sprintf("%d failed logins from %s: it is refused for %s", refuseAfter, addr, refuseFor)})
		}
		s.cfg.Sleep(wait)
		return false
	}
	s.penalties.succeeded(addr)
	if w, ok := ctx.Value(waitingKey{}).(*waitingConn); ok {
		w.admitted()
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

// RetryEvery is how often what the disk refused is tried again.
const RetryEvery = 15 * time.Second

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
	retries := time.NewTicker(RetryEvery)
	defer retries.Stop()
	for {
		select {
		case err := <-done:
			s.col.close()
			if errors.Is(err, ssh.ErrServerClosed) {
				return nil
			}
			return err
		case <-retries.C:
			s.retry()
			continue
		case <-ctx.Done():
		}
		break
	}
	s.stop()
	<-done
	s.retry()
	s.lastResort()
	return s.col.close()
}

// lastResort says, as the server stops, the lines the disk still would not take, whole, so
// that the consultant can put them in the collect file by hand: they are not lost with
// the server.
// Answers so far that the disk would not take are said too: they end with the server.
func (s *Server) lastResort() {
	lines := s.col.waitingLines()
	for _, id := range slices.Sorted(maps.Keys(lines)) {
		s.event(Event{Kind: Problem, Who: Respondent{ID: id}, Line: strings.TrimSpace(string(lines[id])),
			Reason: "not written to the collect file, as the disk would not take it: the line follows, to be appended to it"})
	}
	held := s.memory.all()
	for _, id := range slices.Sorted(maps.Keys(held)) {
		if _, ok := lines[id]; !ok {
			s.event(Event{Kind: Problem, Who: Respondent{ID: id}, Reason: fmt.Sprintf("%d answers so far could not be kept on the disk and end with the server: they will start again", len(held[id].answers))})
		}
	}
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
