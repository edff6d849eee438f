package serve

import (
	"io"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/ssh"
	"github.com/muesli/termenv"
)

// askWithin is how long a session waits for the respondent's terminal to say what its
// background is. Terminals answer at once; one that does not answer gets the default
// colours rather than a blank screen.
const askWithin = time.Second

// sessionInput is what a respondent types, read from the session by one goroutine, so that
// asking the terminal about itself can give up after a while without losing a key. What a
// client sends is bounded: rate bytes a second after a burst; the rest is dropped, so that
// a paste of a megabyte costs reading it and no more.
type sessionInput struct {
	chunks  chan []byte
	pending []byte
	err     error        // why reading ended, once chunks is closed
	dropped atomic.Int64 // bytes dropped, past the rate
}

// Defaults for what a respondent may send: far more than anyone types or a terminal
// answers, far less than a paste.
const (
	DefaultInput      = 1 << 10 // bytes a second
	DefaultInputBurst = 8 << 10
)

func newSessionInput(r io.Reader, rate, burst int, now func() time.Time) *sessionInput {
	in := &sessionInput{chunks: make(chan []byte)}
	go func() {
		tokens, last := float64(burst), now()
		for {
			buf := make([]byte, 1024)
			n, err := r.Read(buf)
			if n > 0 {
				t := now()
				tokens = min(float64(burst), tokens+float64(rate)*t.Sub(last).Seconds())
				last = t
				pass := min(n, int(tokens))
				tokens -= float64(pass)
				in.dropped.Add(int64(n - pass))
				if pass > 0 {
					// The newest bytes are kept: a key pressed after a paste may come
					// in the same read as the paste's end, and it is the one that counts.
					in.chunks <- buf[n-pass : n]
				}
			}
			if err != nil {
				in.err = err
				close(in.chunks)
				return
			}
		}
	}()
	return in
}

// Read gives what the respondent typed, in order.
func (in *sessionInput) Read(p []byte) (int, error) {
	if len(in.pending) == 0 {
		chunk, ok := <-in.chunks
		if !ok {
			return 0, in.err
		}
		in.pending = chunk
	}
	n := copy(p, in.pending)
	in.pending = in.pending[n:]
	return n, nil
}

var (
	backgroundReply = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`\x1b\]11;([^\x07\x1b]*)(?:\x07|\x1b\\)`) })
	kindReply       = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`\x1b\[\?[0-9;]*c`) })
)

// askBackground asks the terminal for its background colour, and its kind, which every
// terminal answers, so that the wait ends as soon as the answers are in. Anything else
// that comes meanwhile is kept for the questionnaire.
func (in *sessionInput) askBackground(out io.Writer, within time.Duration) (dark, known bool) {
	if _, err := io.WriteString(out, "\x1b]11;?\a\x1b[c"); err != nil {
		return false, false
	}
	timer := time.NewTimer(within)
	defer timer.Stop()
	var got []byte
wait:
	for !kindReply().Match(got) {
		select {
		case chunk, ok := <-in.chunks:
			if !ok {
				break wait
			}
			got = append(got, chunk...)
		case <-timer.C:
			break wait
		}
	}
	if m := backgroundReply().FindSubmatch(got); m != nil {
		dark, known = darkColour(string(m[1]))
	}
	got = backgroundReply().ReplaceAll(got, nil)
	in.pending = kindReply().ReplaceAll(got, nil)
	return dark, known
}

// darkColour reads an "rgb:RRRR/GGGG/BBBB" answer (1 to 4 hex digits a part) and says
// whether it is dark: its lightness under a half.
func darkColour(s string) (dark, ok bool) {
	parts := strings.Split(strings.TrimPrefix(s, "rgb:"), "/")
	if len(parts) != 3 || !strings.HasPrefix(s, "rgb:") {
		return false, false
	}
	lo, hi := 1.0, 0.0
	for _, p := range parts {
		v, err := strconv.ParseUint(p, 16, 16)
		if err != nil || len(p) == 0 || len(p) > 4 {
			return false, false
		}
		x := float64(v) / float64(uint64(1)<<(4*len(p))-1)
		lo, hi = min(lo, x), max(hi, x)
	}
	return (lo+hi)/2 < 0.5, true
}

// environ is the respondent's environment as their client sent it, for the renderer.
type environ []string

func (e environ) Environ() []string { return e }

func (e environ) Getenv(k string) string {
	for _, v := range e {
		if after, ok := strings.CutPrefix(v, k+"="); ok {
			return after
		}
	}
	return ""
}

// renderer draws for the respondent's terminal: its colours as its TERM and environment
// say, light or dark as it answers. It is wish's bubbletea.MakeRenderer but for the
// question about the background, asked through the session's one reader: MakeRenderer
// reads the session itself, which loses a key pressed meanwhile and can wait for ever
// (TestRendererKeepsKeys shows it).
func renderer(sess ssh.Session, in *sessionInput) *lipgloss.Renderer {
	pty, _, _ := sess.Pty()
	if pty.Term == "" || pty.Term == "dumb" {
		return lipgloss.NewRenderer(sess, termenv.WithProfile(termenv.Ascii))
	}
	env := environ(append(sess.Environ(), "TERM="+pty.Term))
	r := lipgloss.NewRenderer(sess, termenv.WithEnvironment(env), termenv.WithUnsafe(), termenv.WithColorCache(true))
	if dark, ok := in.askBackground(sess, askWithin); ok {
		r.SetHasDarkBackground(dark)
	}
	return r
}
