package serve

import (
	"bytes"
	"io"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/charmbracelet/ssh"
	wishtea "github.com/charmbracelet/wish/bubbletea"
	"github.com/muesli/termenv"
)

// fakeSession is a session with a 256-colour terminal that never answers questions about
// itself, whose respondent has pressed a key.
type fakeSession struct {
	ssh.Session
	in  io.Reader
	mu  sync.Mutex
	out bytes.Buffer
}

func (s *fakeSession) Pty() (ssh.Pty, <-chan ssh.Window, bool) {
	return ssh.Pty{Term: "xterm-256color", Window: ssh.Window{Width: 80, Height: 24}}, nil, true
}
func (s *fakeSession) Environ() []string          { return nil }
func (s *fakeSession) Context() ssh.Context       { return fakeContext{} }
func (s *fakeSession) Read(p []byte) (int, error) { return s.in.Read(p) }
func (s *fakeSession) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.out.Write(p)
}

type fakeContext struct{ ssh.Context }

func (fakeContext) Value(any) any { return nil }

// Why the session's renderer is made here rather than by wish's bubbletea.MakeRenderer:
// MakeRenderer asks about the background by reading the session itself, around the input
// limit, so a key pressed meanwhile never reaches the questionnaire, and with a terminal
// that never answers it waits for the next key however long that takes (its timeout
// cannot cancel a read on an SSH channel). The renderer here asks through the session's
// one reader: it keeps the key, and gives up after askWithin.
func TestRendererKeepsKeys(t *testing.T) {
	key := strings.NewReader("1") // the respondent presses 1 at once, and nothing more comes
	wishtea.MakeRenderer(&fakeSession{in: key})
	if key.Len() != 0 {
		t.Fatal("wish's renderer left the key for the questionnaire: this renderer may be its again")
	}

	ours := &fakeSession{in: strings.NewReader("1")}
	in := newSessionInput(ours, DefaultInput, DefaultInputBurst, time.Now)
	r := renderer(ours, in)
	if r.ColorProfile() != termenv.ANSI256 {
		t.Fatalf("profile %v", r.ColorProfile())
	}
	buf := make([]byte, 8)
	if n, _ := in.Read(buf); string(buf[:n]) != "1" {
		t.Fatalf("the questionnaire got %q", buf[:n])
	}
}
