// Package sshtest drives questionnaire sessions over SSH for tests: a respondent's client
// with a terminal, what it has been shown as text, and keys to send.
package sshtest

import (
	"crypto/ed25519"
	cryptorand "crypto/rand"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"
	gossh "golang.org/x/crypto/ssh"

	"github.com/coachmentor/coachmentor/internal/bank"
	"github.com/coachmentor/coachmentor/internal/testutil"
)

// T is what a client needs of a test: testing.TB, or Go's stand-in for a goroutine.
type T interface {
	Helper()
	Fatalf(format string, args ...any)
	Cleanup(func())
}

// Go runs f in a goroutine of its own, with a T whose Fatalf ends that goroutine only; the
// function returned waits for f and returns the failure, if any.
func Go(t testing.TB, f func(T)) func() error {
	g := &goT{parent: t}
	done := make(chan struct{})
	go func() {
		defer close(done)
		f(g)
	}()
	return func() error { <-done; return g.err }
}

type goT struct {
	parent testing.TB
	err    error
}

func (g *goT) Helper() {}

func (g *goT) Fatalf(format string, args ...any) {
	g.err = fmt.Errorf(format, args...)
	runtime.Goexit()
}

func (g *goT) Cleanup(f func()) { g.parent.Cleanup(f) }

// Deadline is the test's, for testutil.HangLimit.
func (g *goT) Deadline() (time.Time, bool) {
	if d, ok := g.parent.(interface{ Deadline() (time.Time, bool) }); ok {
		return d.Deadline()
	}
	return time.Time{}, false
}

// Options say how a client connects.
type Options struct {
	User string
	Key  ed25519.PrivateKey // nil: no key, keyboard-interactive with no answers
	// NoPTY asks for no terminal; Command, if set, asks to run a command.
	NoPTY   bool
	Command string
	Width   int // the terminal's size; 100×30 if zero
	Height  int
	Term    string   // the terminal's TERM; xterm-256color if empty
	Env     []string // NAME=value pairs to send, as ssh -o SetEnv does
	// Mute leaves the terminal's queries about itself unanswered, as a few terminals do.
	Mute bool
	// HostKey, if set, is told the server's key.
	HostKey func(gossh.PublicKey)
}

// Client is a respondent's SSH session: what it shows, as text.
type Client struct {
	t    T
	Conn *gossh.Client
	Sess *gossh.Session
	in   io.Writer
	mu   sync.Mutex
	out  []byte
	from int           // where the output the next wait looks at starts
	seen chan struct{} // signalled on every write
	done chan struct{}
	exit error // how the session ended, once done is closed
	mute bool
}

// Dial connects to addr and opens a session as o says. The connection is closed when the
// test ends.
func Dial(t T, addr string, o Options) (*Client, error) {
	conn, err := Connect(t, addr, o)
	if err != nil {
		return nil, err
	}
	return Open(t, conn, o)
}

// Connect connects to addr and logs in as o says, opening no session. The connection is
// closed when the test ends.
func Connect(t T, addr string, o Options) (*gossh.Client, error) {
	auth := []gossh.AuthMethod{gossh.KeyboardInteractive(func(string, string, []string, []bool) ([]string, error) { return nil, nil })}
	if o.Key != nil {
		signer, err := gossh.NewSignerFromKey(o.Key)
		if err != nil {
			return nil, err
		}
		auth = []gossh.AuthMethod{gossh.PublicKeys(signer)}
	}
	hostKey := func(_ string, _ net.Addr, key gossh.PublicKey) error {
		if o.HostKey != nil {
			o.HostKey(key)
		}
		return nil
	}
	conn, err := gossh.Dial("tcp", addr, &gossh.ClientConfig{User: o.User, Auth: auth, HostKeyCallback: hostKey, Timeout: testutil.HangLimit(t)})
	if err != nil {
		return nil, err
	}
	t.Cleanup(func() { conn.Close() })
	return conn, nil
}

// Open opens a session on a connection as o says: a terminal unless NoPTY, then the
// command or the shell.
func Open(t T, conn *gossh.Client, o Options) (*Client, error) {
	sess, err := conn.NewSession()
	if err != nil {
		return nil, err
	}
	c := &Client{t: t, Conn: conn, Sess: sess, mute: o.Mute, seen: make(chan struct{}, 1), done: make(chan struct{})}
	sess.Stdout, sess.Stderr = c, c
	if c.in, err = sess.StdinPipe(); err != nil {
		return nil, err
	}
	for _, kv := range o.Env {
		name, value, _ := strings.Cut(kv, "=")
		if err := sess.Setenv(name, value); err != nil {
			return nil, err
		}
	}
	if !o.NoPTY {
		w, h := o.Width, o.Height
		if w == 0 {
			w, h = 100, 30
		}
		term := o.Term
		if term == "" {
			term = "xterm-256color"
		}
		if err := sess.RequestPty(term, h, w, gossh.TerminalModes{}); err != nil {
			return nil, err
		}
	}
	if o.Command != "" {
		err = sess.Start(o.Command)
	} else {
		err = sess.Shell()
	}
	if err != nil {
		return nil, err
	}
	go func() { c.exit = sess.Wait(); close(c.done) }()
	return c, nil
}

// Write takes what the session shows, and answers the questions a terminal is asked about
// itself (its background colour, its kind), as terminals do.
func (c *Client) Write(p []byte) (int, error) {
	c.mu.Lock()
	from := max(0, len(c.out)-len(askBackground))
	c.out = append(c.out, p...)
	asked := string(c.out[from:])
	c.mu.Unlock()
	var reply string
	if strings.Contains(asked, askBackground) {
		reply += "\x1b]11;rgb:0000/0000/0000\a"
	}
	if strings.Contains(asked, askKind) {
		reply += "\x1b[?62;22c"
	}
	if reply != "" && !c.mute {
		go c.in.Write([]byte(reply)) // not from within the session's writes
	}
	select {
	case c.seen <- struct{}{}:
	default:
	}
	return len(p), nil
}

// What a terminal is asked about itself.
const (
	askBackground = "\x1b]11;?\a"
	askKind       = "\x1b[c"
)

// Text is everything the session has shown, without escape sequences.
func (c *Client) Text() string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return ansi.Strip(string(c.out))
}

// Raw is everything the session has shown, as sent.
func (c *Client) Raw() string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return string(c.out)
}

// recent is what the session has shown since the last key sent, as text.
func (c *Client) recent() string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return ansi.Strip(string(c.out[c.from:]))
}

// Wait waits until the session has shown want since the last key was sent, and fails when
// the session ends without showing it.
func (c *Client) Wait(want string) {
	c.t.Helper()
	limit := time.After(testutil.HangLimit(c.t))
	for {
		if strings.Contains(c.recent(), want) {
			return
		}
		select {
		case <-c.seen:
		case <-c.done:
			if strings.Contains(c.recent(), want) {
				return
			}
			c.t.Fatalf("the session ended without showing %q:\n%s\nraw: %q", want, tail(c.recent()), tail(c.Raw()))
		case <-limit:
			c.t.Fatalf("never showed %q:\n%s\nraw: %q", want, tail(c.recent()), tail(c.Raw()))
		}
	}
}

// Ended waits for the session to end.
func (c *Client) Ended() {
	c.t.Helper()
	select {
	case <-c.done:
	case <-time.After(testutil.HangLimit(c.t)):
		c.t.Fatalf("the session did not end:\n%s", tail(c.Text()))
	}
}

// Exit is how the session ended: nil for status 0. It waits for the end.
func (c *Client) Exit() error {
	c.Ended()
	return c.exit
}

// Send sends keys, as a terminal sends them: "\r" for enter, "\x03" for Ctrl+C. The next
// Wait looks only at what the session shows after them.
func (c *Client) Send(keys string) {
	c.t.Helper()
	c.mu.Lock()
	c.from = len(c.out)
	c.mu.Unlock()
	if _, err := c.in.Write([]byte(keys)); err != nil {
		c.t.Fatalf("sending %q: %v", keys, err)
	}
}

// Answer starts the questionnaire from its welcome and answers every question: picks[i]
// is the number key for question i (1 for its first answer), or 0 to choose nothing. It
// stops on the review.
func (c *Client) Answer(b *bank.Bank, picks []int) {
	c.t.Helper()
	c.Wait("Press enter to start.")
	n := len(b.Questions)
	c.Send("\r")
	for i := range n {
		c.Wait(fmt.Sprintf("Question %d of %d", i+1, n))
		if picks[i] > 0 {
			c.Send(fmt.Sprint(picks[i])) // keys arrive in order: no need to wait
		}
		c.Send("\r")
	}
	c.Wait("Review your answers")
}

// RandomPicks are picks for every question of b, some of them nothing.
func RandomPicks(b *bank.Bank, rng *rand.Rand) []int {
	picks := make([]int, len(b.Questions))
	for i, q := range b.Questions {
		if n := min(len(q.Options), 9); rng.IntN(5) > 0 {
			picks[i] = 1 + rng.IntN(n)
		}
	}
	return picks
}

// Chosen is the answers picks give, by question id, as an answers file holds them: a
// question passed with nothing chosen is "unsure".
func Chosen(b *bank.Bank, picks []int) map[string]string {
	out := map[string]string{}
	for i, q := range b.Questions {
		out[q.ID] = bank.Unsure
		if picks[i] > 0 {
			out[q.ID] = q.Options[picks[i]-1].ID
		}
	}
	return out
}

// NewKey is a new ed25519 key.
func NewKey(t testing.TB) ed25519.PrivateKey {
	_, k, err := ed25519.GenerateKey(cryptorand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	return k
}

func tail(s string) string {
	if len(s) > 3000 {
		return "…" + s[len(s)-3000:]
	}
	return s
}
