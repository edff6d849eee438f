package serve

import (
	"context"
	"io"
	"strings"

	"github.com/charmbracelet/ssh"
	"github.com/charmbracelet/wish"
	"github.com/muesli/termenv"

	"github.com/coachmentor/coachmentor/internal/engine"
	"github.com/coachmentor/coachmentor/internal/report"
	"github.com/coachmentor/coachmentor/internal/tui"
)

// A respondent whose terminal is TERM=dumb, or who asks for it (ssh -o SetEnv=ACCESSIBLE=1),
// answers the accessible questionnaire: plain numbered prompts, a line at a time, for
// screen readers and terminals that cannot draw a screen.

// wantsAccessible reports whether a session asks for the accessible questionnaire.
func wantsAccessible(term string, env []string) bool {
	if term == "" || term == "dumb" {
		return true
	}
	for _, v := range env {
		if name, value, ok := strings.Cut(v, "="); ok && name == "ACCESSIBLE" && value != "" && value != "0" {
			return true
		}
	}
	return false
}

// runAccessible asks the questions a line at a time. The session's terminal is the
// client's, in raw mode: the server echoes what is typed, takes backspace, and ends a
// line on enter; Ctrl+C keeps the answers so far and ends, as the input ending does.
func (s *Server) runAccessible(sess ssh.Session, who Respondent, in io.Reader, l *live) {
	ctx, cancel := context.WithCancel(sess.Context())
	defer cancel()
	out := crlf{sess}
	lines := &lineReader{in: in, echo: out, interrupt: cancel}
	cfg := s.tuiConfig(who, nil, nil)
	a := &tui.Accessible{Bank: s.cfg.Bank, Answers: cfg.Resume, In: lines, Out: out}
	l.setStop(cancel)
	io.WriteString(out, "coachmentor: questions on coaching or mentoring, a line at a time. Type the number of an answer and press enter; enter alone takes the answer named in brackets; b goes back; ? explains.\n\n")
	sel, err := a.Run(ctx)
	given := a.Given()
	if err != nil || lines.ended || !complete(s.cfg.Bank.QuestionIDs(), given) {
		if len(given) > 0 {
			cfg.Keep(tui.Progress{Seq: 1, Answers: given})
		}
		wish.Println(sess, "\r\nYour answers so far are kept: connect again to go on.")
		s.event(Event{Kind: Left, Who: who, Reason: "the accessible questionnaire ended before the last question"})
		return
	}
	r := engine.New(s.cfg.Bank).Evaluate(sel)
	if err := cfg.Submit(tui.Submission{Answers: given, Result: r}); err != nil {
		cfg.Keep(tui.Progress{Seq: 1, Answers: given})
		wish.Println(sess, "\r\nNot handed in: "+err.Error()+".")
		s.event(Event{Kind: Left, Who: who, Reason: "not handed in"})
		return
	}
	cfg.Forget()
	if s.cfg.HideResults {
		io.WriteString(out, "Thank you. Your answers are in. Whoever asked you to answer will go through the results with you.\n")
	} else {
		report.Text(out, s.cfg.Bank, r, report.TextOptions{Options: report.Options{For: cfg.For, Date: s.cfg.Now().Format("2006-01-02")},
			Profile: termenv.Ascii, Width: 80, Full: true, Spoken: true})
	}
	s.event(Event{Kind: Left, Who: who, Reason: "finished"})
}

// complete reports whether every question has an answer (Not sure counts).
func complete(ids []string, given map[string]string) bool {
	for _, id := range ids {
		if given[id] == "" {
			return false
		}
	}
	return true
}

// crlf writes lines as a raw terminal needs them, each ending in a carriage return and a
// line feed.
type crlf struct{ w io.Writer }

func (c crlf) Write(p []byte) (int, error) {
	if _, err := c.w.Write([]byte(strings.ReplaceAll(string(p), "\n", "\r\n"))); err != nil {
		return 0, err
	}
	return len(p), nil
}

// lineReader gives what is typed as lines, echoing it, as a terminal's line discipline
// would: backspace takes back a character, enter ends the line, Ctrl+C interrupts and
// Ctrl+D ends the input. Escape sequences (arrow keys) are dropped.
type lineReader struct {
	in        io.Reader
	echo      io.Writer
	interrupt func()
	line      []byte
	ready     []byte // a whole line, ready to be read
	ended     bool
	esc       bool
}

func (r *lineReader) Read(p []byte) (int, error) {
	buf := make([]byte, 256)
	for len(r.ready) == 0 {
		if r.ended {
			return 0, io.EOF
		}
		n, err := r.in.Read(buf)
		for _, c := range buf[:n] {
			r.take(c)
		}
		if err != nil && len(r.ready) == 0 {
			r.ended = true
			return 0, io.EOF
		}
	}
	n := copy(p, r.ready)
	r.ready = r.ready[n:]
	return n, nil
}

// take handles one byte typed.
func (r *lineReader) take(c byte) {
	switch {
	case r.esc:
		if c >= 0x40 && c <= 0x7e && c != '[' && c != 'O' {
			r.esc = false // the end of a sequence
		}
	case c == 0x1b:
		r.esc = true
	case c == '\r' || c == '\n':
		r.echo.Write([]byte("\n"))
		r.ready = append(append(r.ready, r.line...), '\n')
		r.line = r.line[:0]
	case c == 0x7f || c == 0x08:
		if len(r.line) > 0 {
			r.line = r.line[:len(r.line)-1]
			r.echo.Write([]byte("\b \b"))
		}
	case c == 0x03:
		r.ended = true
		r.interrupt()
	case c == 0x04:
		r.ended = true
	case c >= 0x20 && len(r.line) < 256:
		r.line = append(r.line, c)
		r.echo.Write([]byte{c})
	}
}
