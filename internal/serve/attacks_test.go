package serve

import (
	"errors"
	"io"
	"net"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	gossh "golang.org/x/crypto/ssh"

	"github.com/coachmentor/coachmentor/internal/serve/sshtest"
	"github.com/coachmentor/coachmentor/internal/testutil"
)

// What an attacker with a login, or with none, can make the server do is bounded. Each
// attack of the issue has its test, with the x/crypto/ssh client in this process.

// heapNow is the live heap after a collection.
func heapNow() uint64 {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapAlloc
}

// A window of 80 × 20,000,000 (and then 20,000,000 × 80) is drawn as one of at most
// MaxColumns × MaxRows: the session goes on, and the server's heap grows by a few
// megabytes, not by the gigabytes such a window would take.
func TestHugeWindowIsClamped(t *testing.T) {
	r := start(t, nil)
	before := heapNow()
	c := r.dialWith(sshtest.Options{User: "ann", Width: 80, Height: 20000000})
	c.Wait("Press enter to start.")
	if err := c.Sess.WindowChange(80, 20000000); err != nil {
		t.Fatal(err)
	}
	c.Send("\r")
	c.Wait("Question 1 of")
	if grew := int64(heapNow()) - int64(before); grew > 32<<20 {
		t.Fatalf("the heap grew by %d MiB", grew>>20)
	}
	if n := strings.Count(c.Text(), "\n"); n > 4*MaxRows {
		t.Fatalf("%d lines drawn", n)
	}
}

// The clamp itself: a pty-req's and a window-change's sizes, however large, are held to
// the bounds, and small ones are kept.
func TestClampWindow(t *testing.T) {
	pty := append([]byte{0, 0, 0, 5}, "xterm"...)
	pty = append(pty, 0, 0, 0, 80, 0x01, 0x31, 0x2d, 0x00, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
	got := clampPty(pty)
	if w, h := got[9:13], got[13:17]; w[3] != 80 || h[0] != 0 || h[2] != MaxRows>>8 || h[3] != MaxRows&0xff {
		t.Fatalf("clamped to %v × %v", w, h)
	}
	small := clampWindow([]byte{0, 0, 0, 100, 0, 0, 0, 30, 0, 0, 0, 0, 0, 0, 0, 0})
	if small[3] != 100 || small[7] != 30 {
		t.Fatalf("a small window changed: %v", small)
	}
}

// clock is a clock that moves only when told.
type clock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *clock) Advance(d time.Duration) {
	c.mu.Lock()
	c.now = c.now.Add(d)
	c.mu.Unlock()
}

// A paste of a megabyte reaches the questionnaire as its burst and no more: the rest is
// read and dropped, so that it costs reading it. Time lets more through, at the rate.
func TestInputIsBounded(t *testing.T) {
	clk := &clock{now: fixedNow()}
	pr, pw := io.Pipe()
	in := newSessionInput(pr, DefaultInput, DefaultInputBurst, clk.Now)
	go func() {
		pw.Write(make([]byte, 1<<20))
		clk.Advance(2 * time.Second)
		pw.Write(make([]byte, 1<<20))
		pw.Close()
	}()
	got, _ := io.ReadAll(in)
	if want := DefaultInputBurst + 2*DefaultInput; len(got) != want {
		t.Fatalf("%d bytes reached the questionnaire; want %d", len(got), want)
	}
	if in.dropped.Load() != 2<<20-int64(len(got)) {
		t.Fatalf("%d bytes dropped", in.dropped.Load())
	}
}

// ticking is a clock that moves a millisecond each time it is read: time passes as the
// server works, at the same pace on any machine.
type ticking struct {
	mu  sync.Mutex
	now time.Time
}

func (c *ticking) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(time.Millisecond)
	return c.now
}

// Over SSH, a respondent who pastes a megabyte keeps a session that answers keys: the
// paste does not queue ahead of them, and the key pressed after it gets through, even in
// the same read as the paste's end.
func TestPasteLeavesTheSessionUsable(t *testing.T) {
	clk := &ticking{now: fixedNow()}
	r := start(t, func(c *Config) { c.Now = clk.Now })
	c := r.dial("ann")
	c.Wait("Press enter to start.")
	c.Send(strings.Repeat("x", 1<<20) + "\r")
	c.Wait("Question 1 of")
}

// One connection has one session: a second is refused.
func TestOneSessionPerConnection(t *testing.T) {
	r := start(t, nil)
	c := r.dial("ann")
	c.Wait("Press enter to start.")
	if _, err := c.Conn.NewSession(); err == nil || !strings.Contains(err.Error(), "one session per connection") {
		t.Fatalf("a second session: %v", err)
	}
}

// Agent forwarding is refused: the questionnaire has no use for the respondent's keys.
func TestAgentForwardingRefused(t *testing.T) {
	r := start(t, nil)
	conn, err := sshtest.Connect(t, r.s.Addr(), sshtest.Options{User: "ann"})
	if err != nil {
		t.Fatal(err)
	}
	sess, err := conn.NewSession()
	if err != nil {
		t.Fatal(err)
	}
	if ok, err := sess.SendRequest(agentRequest, true, nil); ok || err != nil {
		t.Fatalf("agent forwarding: %v, %v", ok, err)
	}
}

// A connection that never logs in is cut at the login deadline, however it trickles bytes
// to look alive.
func TestLoginDeadlineCannotBeStretched(t *testing.T) {
	r := start(t, func(c *Config) { c.LoginWithin = 300 * time.Millisecond })
	conn, err := net.Dial("tcp", r.s.Addr())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	stop := make(chan struct{})
	defer close(stop)
	// A byte of a banner at a time, every 50 ms, for longer than the deadline. The pace
	// cannot fail the test: the deadline counts from the connection, so the server cuts it
	// however fast or slowly the bytes come; a machine too slow to send a byte within the
	// deadline only makes the test weaker, never red.
	go func() {
		for _, b := range []byte("SSH-2.0-trickle " + strings.Repeat("x", 1000)) {
			select {
			case <-stop:
				return
			case <-time.After(50 * time.Millisecond):
			}
			if _, err := conn.Write([]byte{b}); err != nil {
				return
			}
		}
	}()
	conn.SetReadDeadline(time.Now().Add(testutil.HangLimit(t)))
	if _, err := io.Copy(io.Discard, conn); err != nil && !errors.Is(err, syscall.ECONNRESET) {
		t.Fatalf("the connection was not cut: %v", err)
	}
}

// With 1,000 connections open that never log in, a respondent still gets in: the oldest
// waiting connection is cut to make room, and only MaxWaiting wait at once.
func TestRespondentGetsInPastIdleConnections(t *testing.T) {
	var lim syscall.Rlimit
	if syscall.Getrlimit(syscall.RLIMIT_NOFILE, &lim) == nil && lim.Cur < 2200 {
		lim.Cur = min(lim.Max, 4096)
		if syscall.Setrlimit(syscall.RLIMIT_NOFILE, &lim) != nil || lim.Cur < 2200 {
			t.Skipf("this test needs 2,200 open files; the limit is %d", lim.Cur)
		}
	}
	r := start(t, nil)
	var idle []net.Conn
	defer func() {
		for _, c := range idle {
			c.Close()
		}
	}()
	cut := make(chan struct{}, 1000)
	for range 1000 {
		c, err := net.Dial("tcp", r.s.Addr())
		if err != nil {
			t.Fatalf("after %d connections: %v", len(idle), err)
		}
		idle = append(idle, c)
		go func() {
			io.Copy(io.Discard, c) // until the server cuts it, or the test closes it
			cut <- struct{}{}
		}()
	}
	// The server takes connections in on goroutines of their own, in no set order; once
	// all but MaxWaiting are cut, it has taken every one in, and the respondent comes
	// after them, as one does after a flood.
	hang := time.After(testutil.HangLimit(t))
	for n := 0; n < 1000-MaxWaiting; n++ {
		select {
		case <-cut:
		case <-hang:
			t.Fatalf("only %d of the idle connections were cut", n)
		}
	}
	c := r.dial("ann")
	c.Wait("Press enter to start.")
	if n := r.s.guard.Waiting(); n > MaxWaiting {
		t.Fatalf("%d connections wait to log in", n)
	}
}

// Wrong invite codes from one address are answered more and more slowly, and past a
// number the address is refused for a while, the right code too; the log says so once,
// and never which code was tried.
func TestInviteGuessingIsSlowed(t *testing.T) {
	var mu sync.Mutex
	var waits []time.Duration
	invites := writeFile(t, "invites.csv", "id,code\nE-101,k7q2m9xa\n")
	r := start(t, func(c *Config) {
		c.Invites = invites
		c.Sleep = func(d time.Duration) { mu.Lock(); waits = append(waits, d); mu.Unlock() }
	})
	for i := range refuseAfter + 2 {
		if _, err := sshtest.Dial(t, r.s.Addr(), sshtest.Options{User: "guess" + string(rune('a'+i)) + "xyz"}); err == nil {
			t.Fatal("a wrong code let in")
		}
	}
	mu.Lock()
	got := append([]time.Duration(nil), waits...)
	mu.Unlock()
	want := []time.Duration{0, 0, 250 * time.Millisecond, 500 * time.Millisecond, time.Second, 2 * time.Second, 4 * time.Second, 4 * time.Second, 4 * time.Second, 4 * time.Second}
	if len(got) != refuseAfter || !equalDurations(got, want) {
		t.Fatalf("waits %v, want %v (and none once refused)", got, want)
	}
	if _, err := sshtest.Dial(t, r.s.Addr(), sshtest.Options{User: "k7q2m9xa"}); err == nil {
		t.Fatal("the right code let in from an address refused for now")
	}
	problems := 0
	for _, e := range r.seen() {
		if strings.Contains(e.Reason, "guess") {
			t.Fatalf("a code tried is logged: %+v", e)
		}
		if e.Kind == Problem {
			problems++
		}
	}
	if problems != 1 {
		t.Fatalf("the refusal is said %d times", problems)
	}
}

func equalDurations(a, b []time.Duration) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// authorized_keys options: from= is honoured; an option serve cannot honour, and a key
// listed twice, are refused at start with the line; one id with two keys is said.
func TestAuthorizedKeysOptions(t *testing.T) {
	ann, bo := sshtest.NewKey(t), sshtest.NewKey(t)
	line := func(k any, opts, id string) string {
		pub, err := gossh.NewPublicKey(k)
		if err != nil {
			t.Fatal(err)
		}
		s := strings.TrimSpace(string(gossh.MarshalAuthorizedKey(pub))) + " " + id
		if opts != "" {
			s = opts + " " + s
		}
		return s + "\n"
	}
	keys := writeFile(t, "keys", line(ann.Public(), `from="10.9.8.7,192.0.2.0/24"`, "ann")+line(bo.Public(), `from="127.0.0.0/8,!10.0.0.1",no-port-forwarding`, "bo"))
	r := start(t, func(c *Config) { c.AuthorizedKeys = keys })
	if _, err := sshtest.Dial(t, r.s.Addr(), sshtest.Options{User: "x", Key: ann}); err == nil {
		t.Fatal("a key let in from an address its from= does not allow")
	}
	r.dialWith(sshtest.Options{User: "x", Key: bo}).Wait("Press enter to start.")

	for text, want := range map[string]string{
		line(ann.Public(), `command="/bin/sh"`, "ann"):                 `keys:1: the option "command" cannot be honoured`,
		line(ann.Public(), "", "ann") + line(ann.Public(), "", "ann2"): "keys:2: the same key as line 1",
		line(ann.Public(), `from="host.example.org"`, "ann"):           "a host name cannot be checked",
	} {
		cfg := testConfig(t)
		cfg.AuthorizedKeys = writeFile(t, "keys", text)
		if _, _, err := New(cfg); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%q: got %v, want %q", text, err, want)
		}
	}
	cfg := testConfig(t)
	cfg.AuthorizedKeys = writeFile(t, "keys", line(ann.Public(), "", "ann")+line(bo.Public(), "", "ann"))
	s, notes, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	s.col.close()
	if len(notes) != 1 || !strings.Contains(notes[0], `"ann" has 2 keys (lines 1, 2)`) {
		t.Fatalf("notes %q", notes)
	}
}

// A host key others can read is refused, as OpenSSH refuses it, with what to run; a link
// that leads nowhere says what to do; a link that leads to a key is used and said.
func TestHostKeyChecks(t *testing.T) {
	cfg := testConfig(t)
	s, _, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	s.col.close()
	os.Chmod(cfg.HostKey, 0o640)
	if _, _, err := New(cfg); err == nil || !strings.Contains(err.Error(), "can be read by others (mode 0640)") || !strings.Contains(err.Error(), "run chmod 600 "+cfg.HostKey) {
		t.Fatalf("a key others can read: %v", err)
	}
	os.Chmod(cfg.HostKey, 0o600)

	linked := testConfig(t)
	linked.HostKey = filepath.Join(t.TempDir(), "link")
	if err := os.Symlink(cfg.HostKey, linked.HostKey); err != nil {
		t.Skip("no links here")
	}
	s, notes, err := New(linked)
	if err != nil {
		t.Fatal(err)
	}
	s.col.close()
	if len(notes) != 1 || !strings.Contains(notes[0], "is a link to "+cfg.HostKey+"; that key is used") {
		t.Fatalf("notes %q", notes)
	}
	dangling := testConfig(t)
	dangling.HostKey = filepath.Join(t.TempDir(), "gone")
	os.Symlink(filepath.Join(t.TempDir(), "nothing"), dangling.HostKey)
	if _, _, err := New(dangling); err == nil || !strings.Contains(err.Error(), "which is not there: put the key there, or give --host-key a path of its own") || strings.Contains(err.Error(), "--force") {
		t.Fatalf("a dangling link: %v", err)
	}
}

// TERM=dumb, or ACCESSIBLE=1 sent by the client, gets the accessible questionnaire: plain
// numbered prompts a line at a time, echoed as typed, and the answers handed in.
func TestAccessibleOverSSH(t *testing.T) {
	for name, o := range map[string]sshtest.Options{
		"TERM=dumb":    {User: "ann", Term: "dumb"},
		"ACCESSIBLE=1": {User: "bo", Env: []string{"ACCESSIBLE=1"}},
	} {
		t.Run(name, func(t *testing.T) {
			r := start(t, nil)
			c := r.dialWith(o)
			for i := range len(def.Questions) {
				c.Wait("Question " + strconv.Itoa(i+1) + " of")
				c.Wait("Answer (enter alone")
				c.Send("1\r")
				c.Wait("Chosen: 1")
			}
			c.Wait("Recommendation: ")
			if lines := collected(t, r.cfg.Collect); len(lines) != 1 || lines[0]["id"] != o.User {
				t.Fatalf("collected %v", lines)
			}
		})
	}
}

// A client offers its keys one by one, as OpenSSH does from an agent: with keys, the
// unlisted ones before the listed one cost nothing; with invites, a wrong code tried with
// three keys and then none is one attempt, not four, and is said once, as the connection
// closes.
func TestOfferedKeysAreOneAttempt(t *testing.T) {
	var mu sync.Mutex
	var waits []time.Duration
	sleep := func(d time.Duration) { mu.Lock(); waits = append(waits, d); mu.Unlock() }
	signers := func(n int) []gossh.Signer {
		var out []gossh.Signer
		for range n {
			s, err := gossh.NewSignerFromKey(sshtest.NewKey(t))
			if err != nil {
				t.Fatal(err)
			}
			out = append(out, s)
		}
		return out
	}
	dial := func(addr, user string, auth ...gossh.AuthMethod) error {
		conn, err := gossh.Dial("tcp", addr, &gossh.ClientConfig{User: user, Auth: auth,
			HostKeyCallback: gossh.InsecureIgnoreHostKey(), Timeout: testutil.HangLimit(t)})
		if err == nil {
			conn.Close()
		}
		return err
	}

	ann := sshtest.NewKey(t)
	pub, _ := gossh.NewPublicKey(ann.Public())
	keys := writeFile(t, "keys", string(gossh.MarshalAuthorizedKey(pub)[:len(gossh.MarshalAuthorizedKey(pub))-1])+" ann\n")
	r := start(t, func(c *Config) { c.AuthorizedKeys = keys; c.Sleep = sleep })
	annSigner, _ := gossh.NewSignerFromKey(ann)
	for range refuseAfter + 1 {
		if err := dial(r.s.Addr(), "ann", gossh.PublicKeys(append(signers(5), annSigner)...)); err != nil {
			t.Fatalf("five other keys before ann's: %v", err)
		}
	}
	for _, e := range r.seen() {
		if e.Kind == Refused || e.Kind == Problem {
			t.Fatalf("ann, who got in, was refused: %+v", e)
		}
	}

	waits = nil
	invites := writeFile(t, "invites.csv", "id,code\nE-101,k7q2m9xa\n")
	r = start(t, func(c *Config) { c.Invites = invites; c.Sleep = sleep })
	none := gossh.KeyboardInteractive(func(string, string, []string, []bool) ([]string, error) { return nil, nil })
	for _, code := range []string{"k7q2m9xb", "k7q2m9xc", "k7q2m9xd"} {
		if dial(r.s.Addr(), code, gossh.PublicKeys(signers(3)...), none) == nil {
			t.Fatal("a wrong code let in")
		}
	}
	mu.Lock()
	got := append([]time.Duration(nil), waits...)
	mu.Unlock()
	if want := []time.Duration{0, 0, 250 * time.Millisecond}; !equalDurations(got, want) {
		t.Fatalf("waits %v, want %v: one a wrong code", got, want)
	}
	if err := dial(r.s.Addr(), "k7q2m9xa", gossh.PublicKeys(signers(3)...), none); err != nil {
		t.Fatalf("the right code after three wrong ones: %v", err)
	}
	r.waitCount("refusals", 3, func(e Event) bool { return e.Kind == Refused && e.Reason == "not let in (a wrong invite code)" })
}
