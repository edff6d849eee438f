package serve

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/coachmentor/coachmentor/internal/serve/sshtest"
	"github.com/coachmentor/coachmentor/internal/testutil"
	"github.com/coachmentor/coachmentor/questions"
)

var def = questions.Default()

// fixedNow keeps the collect file's times the same from run to run.
func fixedNow() time.Time { return time.Date(2026, 11, 29, 10, 0, 0, 0, time.UTC) }

// running is a server under test, on a loopback port of its own.
type running struct {
	t      *testing.T
	s      *Server
	cfg    Config
	cancel context.CancelFunc
	served chan error
	mu     sync.Mutex
	events []Event
	heard  chan struct{}
}

func testConfig(t *testing.T) Config {
	dir := t.TempDir()
	return Config{Listen: "127.0.0.1:0", Collect: filepath.Join(dir, "answers.jsonl"), HostKey: filepath.Join(dir, "key", "host"),
		Bank: def, MaxSessions: 50, IdleTimeout: time.Hour, Now: fixedNow, Sleep: func(time.Duration) {},
		StopWithin: time.Hour} // a slow machine never cuts a stop short; TestStopIsBounded sets its own
}

// start runs a server with the test configuration, changed by edit.
func start(t *testing.T, edit func(*Config)) *running {
	t.Helper()
	cfg := testConfig(t)
	if edit != nil {
		edit(&cfg)
	}
	return startWith(t, cfg)
}

func startWith(t *testing.T, cfg Config) *running {
	t.Helper()
	r := &running{t: t, served: make(chan error, 1), heard: make(chan struct{}, 1)}
	cfg.Events = func(e Event) {
		r.mu.Lock()
		r.events = append(r.events, e)
		r.mu.Unlock()
		select {
		case r.heard <- struct{}{}:
		default:
		}
	}
	s, _, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Listen(); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	r.s, r.cfg, r.cancel = s, cfg, cancel
	go func() { r.served <- s.Serve(ctx) }()
	t.Cleanup(func() { cancel(); <-r.served })
	return r
}

// stop stops the server and waits for it to end.
func (r *running) stop() {
	r.cancel()
	select {
	case err := <-r.served:
		r.served <- err // for the cleanup
		if err != nil {
			r.t.Fatal(err)
		}
	case <-time.After(testutil.HangLimit(r.t)):
		r.t.Fatal("the server did not stop")
	}
}

func (r *running) dial(user string) *sshtest.Client {
	r.t.Helper()
	return r.dialWith(sshtest.Options{User: user})
}

func (r *running) dialWith(o sshtest.Options) *sshtest.Client {
	r.t.Helper()
	c, err := sshtest.Dial(r.t, r.s.Addr(), o)
	if err != nil {
		r.t.Fatal(err)
	}
	return c
}

// waitEvent waits until the server has told of an event that ok accepts.
func (r *running) waitEvent(what string, ok func(Event) bool) Event {
	r.t.Helper()
	limit := time.After(testutil.HangLimit(r.t))
	for {
		r.mu.Lock()
		for _, e := range r.events {
			if ok(e) {
				r.mu.Unlock()
				return e
			}
		}
		r.mu.Unlock()
		select {
		case <-r.heard:
		case <-limit:
			r.t.Fatalf("never heard of %s; heard %+v", what, r.events)
		}
	}
}

// waitCount waits until the server has told of n events that ok accepts.
func (r *running) waitCount(what string, n int, ok func(Event) bool) {
	r.t.Helper()
	limit := time.After(testutil.HangLimit(r.t))
	for {
		got := 0
		for _, e := range r.seen() {
			if ok(e) {
				got++
			}
		}
		if got >= n {
			return
		}
		select {
		case <-r.heard:
		case <-limit:
			r.t.Fatalf("heard of %d of %d %s; heard %+v", got, n, what, r.seen())
		}
	}
}

// left waits until id's session has ended on the server's side.
func (r *running) left(id string) Event {
	r.t.Helper()
	return r.waitEvent(id+" leaving", func(e Event) bool { return e.Kind == Left && e.Who.ID == id })
}

// collected is the collect file's lines.
func collected(t *testing.T, path string) []map[string]any {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var out []map[string]any
	for _, l := range strings.SplitAfter(string(data), "\n") {
		if l == "" {
			continue
		}
		if !strings.HasSuffix(l, "\n") {
			t.Fatalf("a line without its end: %q", l)
		}
		var v map[string]any
		if err := json.Unmarshal([]byte(l), &v); err != nil {
			t.Fatalf("not a whole JSON line: %v: %q", err, l)
		}
		out = append(out, v)
	}
	return out
}

// allFirst picks every question's first answer.
func allFirst() []int {
	picks := make([]int, len(def.Questions))
	for i := range picks {
		picks[i] = 1
	}
	return picks
}

// firstAnswer starts the questionnaire and answers its first question with the number key
// given, leaving the session on question 2.
func firstAnswer(c *sshtest.Client, key string) {
	c.Wait("Press enter to start.")
	c.Send("\r")
	c.Wait("Question 1 of")
	c.Send(key + "\r")
	c.Wait("Question 2 of")
}

// handIn answers every question with its first answer, hands the answers in and waits
// for the results.
func handIn(c *sshtest.Client) {
	c.Answer(def, allFirst())
	c.Send("\r")
	c.Wait("Recommendation: ")
}

// seen is every event so far.
func (r *running) seen() []Event {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]Event(nil), r.events...)
}
