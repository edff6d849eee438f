package serve

import (
	"encoding/binary"
	"net"
	"sync"
	"sync/atomic"
	"time"

	"github.com/charmbracelet/ssh"
	gossh "golang.org/x/crypto/ssh"
)

// What a client may ask of the server is bounded, whatever it sends: a connection that has
// not logged in is cut at a deadline that nothing it sends extends, and only so many wait
// at once (the oldest goes to make room); a connection has one session; a terminal is at
// most MaxColumns × MaxRows; agent forwarding is refused.

// Limits on connections and sessions.
const (
	// LoginWithin is how long a connection has to log in, as OpenSSH's LoginGraceTime.
	LoginWithin = 30 * time.Second
	// MaxWaiting is how many connections may wait to log in at once; past it, the one that
	// has waited longest is cut, so that a respondent always gets in.
	MaxWaiting = 64
	// MaxColumns and MaxRows bound the window a session draws for.
	MaxColumns = 500
	MaxRows    = 250
)

// guard follows the connections that have not logged in.
type guard struct {
	mu      sync.Mutex
	waiting []*waitingConn // oldest first
	max     int
	within  time.Duration
	// refused hears of a connection that closed without logging in after a refusal.
	refused func(addr net.Addr, why string)
}

// waitingConn is a connection, cut at its deadline until it has logged in: every deadline
// set on it is held to the login deadline, so a byte now and then does not keep it.
type waitingConn struct {
	net.Conn
	deadline time.Time
	in       atomic.Bool // logged in
	timer    *time.Timer
	g        *guard

	mu      sync.Mutex
	failed  map[string]bool // the user names refused on this connection
	refused string          // why it was not let in, said when it closes without logging in
	said    bool
}

// maxNamesTried bounds the user names a connection's refusals remember: x/crypto/ssh ends
// a connection after six failed attempts anyway.
const maxNamesTried = 16

// refuse notes a refusal of user on the connection, and reports whether it is the first
// of that user name here: a client offering its keys one by one for one name, or after
// them no key, is one attempt, not several.
func (w *waitingConn) refuse(user, why string) (first bool) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.refused = why
	if w.failed[user] || len(w.failed) >= maxNamesTried {
		return false
	}
	if w.failed == nil {
		w.failed = map[string]bool{}
	}
	w.failed[user] = true
	return true
}

type waitingKey struct{}

// accept takes a new connection in, cutting the one that has waited longest if too many
// wait; ctx is the connection's, where login finds it.
func (g *guard) accept(ctx ssh.Context, conn net.Conn) net.Conn {
	w := &waitingConn{Conn: conn, deadline: time.Now().Add(g.within), g: g}
	conn.SetDeadline(w.deadline)
	w.timer = time.AfterFunc(g.within, func() {
		if !w.in.Load() {
			conn.Close() // however it trickles: the deadline is absolute
		}
	})
	g.mu.Lock()
	if len(g.waiting) >= g.max {
		oldest := g.waiting[0]
		g.waiting = g.waiting[1:]
		oldest.Conn.Close()
	}
	g.waiting = append(g.waiting, w)
	g.mu.Unlock()
	ctx.SetValue(waitingKey{}, w)
	ctx.SetValue(sessionsKey{}, new(atomic.Int32))
	return w
}

// loggedIn lifts the login deadline of ctx's connection.
func (g *guard) loggedIn(ctx ssh.Context) {
	w, ok := ctx.Value(waitingKey{}).(*waitingConn)
	if !ok || w.in.Swap(true) {
		return
	}
	w.timer.Stop()
	g.forget(w)
	w.Conn.SetDeadline(time.Time{})
}

func (g *guard) forget(w *waitingConn) {
	g.mu.Lock()
	defer g.mu.Unlock()
	for i, c := range g.waiting {
		if c == w {
			g.waiting = append(g.waiting[:i], g.waiting[i+1:]...)
			return
		}
	}
}

// SetDeadline holds every deadline to the login deadline until the connection has logged in.
func (w *waitingConn) SetDeadline(t time.Time) error {
	if !w.in.Load() && (t.IsZero() || t.After(w.deadline)) {
		t = w.deadline
	}
	return w.Conn.SetDeadline(t)
}

// admitted forgets the connection's refusals: another key, or another name, let it in.
// (A key's signature is checked after; a client that cannot sign with the key it offered
// is cut without a word, which only a client made for it does.)
func (w *waitingConn) admitted() {
	w.mu.Lock()
	w.refused = ""
	w.mu.Unlock()
}

// Close closes the connection and, when it was refused and never logged in, says so, once
// per connection, with the last reason.
func (w *waitingConn) Close() error {
	w.timer.Stop()
	w.g.forget(w)
	w.mu.Lock()
	why := w.refused
	say := why != "" && !w.said && !w.in.Load()
	w.said = true
	w.mu.Unlock()
	if say && w.g.refused != nil {
		w.g.refused(w.RemoteAddr(), why)
	}
	return w.Conn.Close()
}

// Waiting is how many connections wait to log in.
func (g *guard) Waiting() int {
	g.mu.Lock()
	defer g.mu.Unlock()
	return len(g.waiting)
}

type sessionsKey struct{}

// oneSession is the session channel's handler, held to one session a connection, with its
// requests watched (watchRequests).
func (s *Server) oneSession(srv *ssh.Server, conn *gossh.ServerConn, newChan gossh.NewChannel, ctx ssh.Context) {
	s.guard.loggedIn(ctx)                            // a channel opens only once the login is complete
	n, _ := ctx.Value(sessionsKey{}).(*atomic.Int32) // set as the connection came
	if n == nil || n.Add(1) > 1 {
		newChan.Reject(gossh.ResourceShortage, "one session per connection")
		return
	}
	ssh.DefaultSessionHandler(srv, conn, watched{NewChannel: newChan, s: s, ctx: ctx}, ctx)
}

// watched is a session channel whose requests pass through watchRequests.
type watched struct {
	gossh.NewChannel
	s   *Server
	ctx ssh.Context
}

func (w watched) Accept() (gossh.Channel, <-chan *gossh.Request, error) {
	ch, reqs, err := w.NewChannel.Accept()
	if err != nil {
		return ch, reqs, err
	}
	out := make(chan *gossh.Request)
	go w.s.watchRequests(w.ctx, reqs, out)
	return ch, out, nil
}

// agentRequest is the request by which a client offers its agent to the session.
const agentRequest = "auth-agent-req@openssh.com"

// watchRequests passes on a session's requests, but refuses agent forwarding, which the
// questionnaire has no use for, and holds a terminal's size to MaxColumns × MaxRows.
func (s *Server) watchRequests(ctx ssh.Context, in <-chan *gossh.Request, out chan<- *gossh.Request) {
	defer close(out)
	for req := range in {
		switch req.Type {
		case agentRequest:
			if req.WantReply {
				req.Reply(false, nil)
			}
			continue
		case "pty-req":
			req.Payload = clampPty(req.Payload)
		case "window-change":
			req.Payload = clampWindow(req.Payload)
		}
		select {
		case out <- req:
		case <-ctx.Done():
			return
		}
	}
}

// clampPty holds a pty-req's window (after its TERM) to MaxColumns × MaxRows.
func clampPty(p []byte) []byte {
	if len(p) < 4 {
		return p
	}
	n := int(binary.BigEndian.Uint32(p))
	if n < 0 || 4+n > len(p) {
		return p
	}
	clamped := append([]byte(nil), p...)
	clampWindow(clamped[4+n:])
	return clamped
}

// clampWindow holds a window's columns and rows, its first two numbers, to the bounds.
func clampWindow(p []byte) []byte {
	if len(p) < 8 {
		return p
	}
	if binary.BigEndian.Uint32(p) > MaxColumns {
		binary.BigEndian.PutUint32(p, MaxColumns)
	}
	if binary.BigEndian.Uint32(p[4:]) > MaxRows {
		binary.BigEndian.PutUint32(p[4:], MaxRows)
	}
	return p
}
