package serve

import (
	"crypto/ed25519"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"encoding/pem"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"

	"github.com/aymanbagabas/go-osc52/v2"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/ssh"
	"github.com/charmbracelet/wish"
	gossh "golang.org/x/crypto/ssh"

	"github.com/coachmentor/coachmentor/internal/safefile"
	"github.com/coachmentor/coachmentor/internal/state"
	"github.com/coachmentor/coachmentor/internal/textsafe"
	"github.com/coachmentor/coachmentor/internal/tui"
)

// live is a connected respondent.
type live struct {
	who      Respondent
	mu       sync.Mutex
	program  *tea.Program
	cancel   func() // ends the accessible questionnaire
	stopped  bool
	question int
	answered int
}

func (l *live) stop() {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.stopped = true
	if l.program != nil {
		l.program.Quit()
	}
	if l.cancel != nil {
		l.cancel()
	}
}

// setStop says how to end the accessible questionnaire; if the server is stopping
// already, it ends at once.
func (l *live) setStop(cancel func()) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.cancel = cancel
	if l.stopped {
		cancel()
	}
}

// handle runs one session: the checks, then the questionnaire.
func (s *Server) handle(sess ssh.Session) {
	who := respondentOf(sess)
	addr := addrOf(sess.Context())
	pty, windows, hasPty := sess.Pty()
	switch {
	case len(sess.RawCommand()) > 0:
		s.refuse(sess, addr, "a command", "This server only runs the questionnaire: connect with no command, e.g. "+hint(sess)+".")
		return
	case !hasPty:
		s.refuse(sess, addr, "no terminal", "The questionnaire needs a terminal: connect with ssh -t, e.g. "+hint(sess)+".")
		return
	case s.col.done(who.ID):
		s.refuse(sess, addr, "answers in already", "Your answers are in already, thank you. There is nothing more to do.")
		return
	}
	l, why := s.enter(who)
	if l == nil {
		s.refuse(sess, addr, why, map[string]string{
			"busy":     "The questionnaire is busy: too many people are answering at once. Please try again in a few minutes.",
			"twice":    "You are answering in another window already: go on there, or close it and connect again.",
			"stopping": "The questionnaire is closing for now. Your answers so far are kept: connect again later to finish.",
		}[why])
		return
	}
	defer s.leave(l)
	s.event(Event{Kind: Connected, Who: who, Addr: addr})

	in := newSessionInput(sess, s.cfg.Input, s.cfg.InputBurst, s.cfg.Now)
	if wantsAccessible(pty.Term, sess.Environ()) {
		s.runAccessible(sess, who, in, l)
		return
	}
	model := tui.New(s.tuiConfig(who, renderer(sess, in), sess))
	p := tea.NewProgram(model, tea.WithInput(in), tea.WithOutput(sess), tea.WithAltScreen(), tea.WithoutSignalHandler(), tea.WithContext(sess.Context()))
	l.mu.Lock()
	l.program = p
	stopped := l.stopped
	l.mu.Unlock()
	if stopped {
		return
	}
	go func() {
		p.Send(tea.WindowSizeMsg{Width: pty.Window.Width, Height: pty.Window.Height})
		for w := range windows {
			p.Send(tea.WindowSizeMsg{Width: w.Width, Height: w.Height})
		}
	}()
	_, err := p.Run()
	p.Kill()
	l.mu.Lock()
	stopped = l.stopped
	l.mu.Unlock()
	switch {
	case model.Finished():
		s.event(Event{Kind: Left, Who: who, Reason: "finished"})
	case stopped:
		wish.Println(sess, "The questionnaire is closing for now. Your answers so far are kept: connect again later to finish.")
		s.event(Event{Kind: Left, Who: who, Reason: "the server stopped"})
	case model.Interrupted():
		wish.Println(sess, "Your answers so far are kept: connect again to go on.")
		s.event(Event{Kind: Left, Who: who, Reason: "Ctrl+C"})
	default:
		reason := "the connection ended"
		if err != nil && !errors.Is(err, tea.ErrProgramKilled) {
			reason = err.Error()
		}
		s.event(Event{Kind: Left, Who: who, Reason: reason})
	}
}

// tuiConfig is the questionnaire for a session: the client's terminal, no file saved where
// the server runs, answers kept as they are given and handed in at the end.
func (s *Server) tuiConfig(who Respondent, r *lipgloss.Renderer, term io.Writer) tui.Config {
	name := who.Name
	if name == "" {
		name = who.ID
	}
	cfg := tui.Config{
		Bank: s.cfg.Bank, Renderer: r, For: name, HideResults: s.cfg.HideResults,
		Files: tui.Files{Now: s.cfg.Now, Clipboard: clipboardOf(term),
			CopiedNote: "Sent the text report to your terminal's clipboard (if your terminal takes copies from SSH)."},
	}
	path := s.partialPath(who.ID)
	if saved, err := state.Load(path, s.cfg.Bank); err == nil && saved != nil && len(saved.Answers) > 0 {
		cfg.Resume, cfg.ResumedAt = saved.Answers, saved.At
	}
	if h, ok := s.memory.get(who.ID); ok && (cfg.Resume == nil || h.at.After(cfg.ResumedAt)) {
		cfg.Resume, cfg.ResumedAt = h.answers, h.at // what the disk would not take
	}
	var mu sync.Mutex
	last, failing := 0, false
	cfg.Keep = func(p tui.Progress) error {
		mu.Lock()
		defer mu.Unlock()
		if p.Seq <= last {
			return nil
		}
		last = p.Seq
		s.progress(who, p)
		err := os.MkdirAll(s.partial, 0o700)
		if err == nil {
			err = state.Save(path, s.cfg.Bank, p.Answers, name, s.cfg.Now())
		}
		if err != nil {
			// Kept in memory instead, and said once until the disk takes them again.
			s.memory.hold(who.ID, name, p.Answers, s.cfg.Now())
			if !failing {
				s.event(Event{Kind: Problem, Who: who, Reason: "cannot keep the answers so far on the disk (" + err.Error() + "); kept in memory and tried again"})
			}
			failing = true
			return errKeptInMemory
		}
		if failing {
			s.event(Event{Kind: Problem, Who: who, Reason: "the answers so far are kept on the disk again"})
		}
		failing = false
		s.memory.drop(who.ID)
		return nil
	}
	cfg.Forget = func() error {
		mu.Lock()
		defer mu.Unlock()
		last = int(^uint(0) >> 1)
		s.memory.drop(who.ID)
		return state.Remove(path)
	}
	cfg.Submit = func(sub tui.Submission) error {
		err := s.col.add(who.ID, who.Name, sub.Answers, sub.Result, s.cfg.Now())
		var saveErr *SaveError
		switch {
		case errors.As(err, &saveErr):
			s.memory.hold(who.ID, name, sub.Answers, s.cfg.Now())
			s.event(Event{Kind: Problem, Who: who, Reason: saveErr.Error() + "; the line is kept in memory and written when the disk takes it"})
			return errNotHandedIn
		case err != nil:
			return err
		}
		s.event(Event{Kind: Submitted, Who: who, Recommendation: sub.Result.Recommendation})
		return nil
	}
	return cfg
}

// What a respondent is told when the disk does not take their answers: never where the
// server keeps them.
var (
	errNotHandedIn  = errors.New("the server could not save your answers just now. They are kept, and handed in as soon as it can; you may also come back later")
	errKeptInMemory = errors.New("kept by the server, not yet on its disk")
)

// retry writes what the disk would not take before: the collect file's waiting lines, and
// answers so far held in memory. It runs now and then while the server runs.
func (s *Server) retry() {
	written, err := s.col.retry()
	for _, id := range written {
		s.memory.drop(id)
		s.event(Event{Kind: Submitted, Who: Respondent{ID: id}, Reason: "written after the disk refused it"})
	}
	if err != nil {
		return // the disk still refuses: said when it first did
	}
	for id, h := range s.memory.all() {
		if s.col.done(id) {
			s.memory.drop(id)
			continue
		}
		if os.MkdirAll(s.partial, 0o700) == nil && state.Save(s.partialPath(id), s.cfg.Bank, h.answers, h.name, h.at) == nil {
			s.memory.drop(id)
		}
	}
}

// clipboardOf sends a copy to the client's terminal (OSC 52), which puts it on the
// clipboard of the machine the respondent sits at, if it takes copies from programs.
func clipboardOf(term io.Writer) func(string) error {
	if term == nil {
		return nil
	}
	return func(text string) error {
		_, err := osc52.New(text).WriteTo(term)
		return err
	}
}

func (s *Server) progress(who Respondent, p tui.Progress) {
	s.mu.Lock()
	if l := s.live[who.ID]; l != nil {
		l.question, l.answered = p.Question, len(p.Answers)
	}
	s.mu.Unlock()
	s.event(Event{Kind: Progressed, Who: who, Question: p.Question, Answered: len(p.Answers)})
}

// enter admits a session, or says why not: the server is busy, stopping, or the same
// respondent is answering already.
func (s *Server) enter(who Respondent) (*live, string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	switch {
	case s.stopping.Load():
		return nil, "stopping"
	case s.live[who.ID] != nil:
		return nil, "twice"
	case len(s.live) >= s.cfg.MaxSessions:
		return nil, "busy"
	}
	l := &live{who: who}
	s.live[who.ID] = l
	s.sessions.Add(1)
	return l, ""
}

func (s *Server) leave(l *live) {
	s.mu.Lock()
	delete(s.live, l.who.ID)
	s.mu.Unlock()
	s.sessions.Done()
}

func (s *Server) refuse(sess ssh.Session, addr, why, msg string) {
	s.event(Event{Kind: Refused, Who: respondentOf(sess), Addr: addr, Reason: why})
	wish.Fatalln(sess, msg)
}

func respondentOf(sess ssh.Session) Respondent {
	who, _ := sess.Context().Value(respondentKey{}).(Respondent)
	return who
}

// fileKey names a respondent's file: their id, hashed, so that no id can make a path.
func fileKey(id string) string {
	sum := sha256.Sum256([]byte(id))
	return hex.EncodeToString(sum[:16])
}

// hint is the command that connects this respondent, for messages: their user name, and
// the address they reached.
func hint(sess ssh.Session) string {
	host, port, err := net.SplitHostPort(sess.LocalAddr().String())
	if err != nil {
		host, port = "host", "2222"
	}
	if strings.Contains(host, ":") {
		host = "[" + host + "]"
	}
	return "ssh -t -p " + port + " " + textsafe.Line(sess.User()) + "@" + host
}

// ensureHostKey makes the server's key on first start, readable by its owner alone, and
// its folder if need be; after that the same key is used, so respondents' SSH clients
// know the server again. It returns the key's fingerprint, for respondents to check, and
// a note for the consultant when the key is reached through a link. As OpenSSH does, a
// key that others may read is refused, with what to run; so is a link that leads nowhere.
func ensureHostKey(path string) (fingerprint, note string, err error) {
	if st, lerr := os.Lstat(path); lerr == nil && st.Mode()&fs.ModeSymlink != 0 {
		target, _ := os.Readlink(path)
		if _, serr := os.Stat(path); errors.Is(serr, fs.ErrNotExist) {
			return "", "", fmt.Errorf("--host-key %s is a link to %s, which is not there: put the key there, or give --host-key a path of its own, where serve makes a new key", path, target)
		}
		note = fmt.Sprintf("--host-key %s is a link to %s; that key is used", path, target)
	}
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		data, err = newHostKey(path)
	}
	if err != nil {
		return "", "", fmt.Errorf("--host-key %s: %w", path, unwrapPath(err))
	}
	signer, err := gossh.ParsePrivateKey(data)
	if err != nil {
		return "", "", fmt.Errorf("--host-key %s: not an SSH private key without a passphrase (%v)", path, err)
	}
	if err := privateEnough(path); err != nil { // said of a key only: a wrong file is said as such
		return "", "", err
	}
	return gossh.FingerprintSHA256(signer.PublicKey()), note, nil
}

// privateEnough refuses a key file that its group or others may read or write, as
// OpenSSH's StrictModes does: whoever can read it can pose as the server.
func privateEnough(path string) error {
	st, err := os.Stat(path)
	if err != nil || runtime.GOOS == "windows" {
		return nil
	}
	if perm := st.Mode().Perm(); perm&0o077 != 0 {
		return fmt.Errorf("--host-key %s can be read by others (mode %04o): whoever reads it can pose as this server; run chmod 600 %s", path, perm, path)
	}
	return nil
}

func newHostKey(path string) ([]byte, error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, err
	}
	_, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		return nil, err
	}
	block, err := gossh.MarshalPrivateKey(priv, "coachmentor serve")
	if err != nil {
		return nil, err
	}
	data := pem.EncodeToMemory(block)
	return data, safefile.WritePrivate(path, data, false)
}

// unwrapPath drops the path from an error about a path the message names already.
func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
