package serve

import (
	"fmt"
	"io"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/log"

	"github.com/coachmentor/coachmentor/internal/engine"
	"github.com/coachmentor/coachmentor/internal/report"
)

// Dashboard is the consultant's view of a collection in a terminal: where people connect,
// who is connected and how far they are, how many have finished and what was recommended.
// It draws again on every event.
type Dashboard struct {
	snapshot  func() Snapshot
	questions int
	hint      string // how respondents connect
	// fingerprint is the server's key's, for respondents to check.
	fingerprint string
	events      <-chan Event
	last        []string // the latest events, newest last
	problems    []string // the latest problems, newest last, which stay in view
	styles      dashStyles
	width       int
	height      int // 0 until known: no limit
	quit        key.Binding
}

type dashStyles struct{ title, faint, head lipgloss.Style }

// NewDashboard draws with r; events come from the server's Events.
func NewDashboard(s *Server, r *lipgloss.Renderer, hint string, events <-chan Event) *Dashboard {
	return &Dashboard{
		snapshot: s.Snapshot, questions: len(s.cfg.Bank.Questions), hint: hint, fingerprint: s.Fingerprint(), events: events, width: 80,
		styles: dashStyles{title: r.NewStyle().Bold(true).Foreground(lipgloss.AdaptiveColor{Light: "#5A4FCF", Dark: "#A49BFF"}),
			faint: r.NewStyle().Faint(true), head: r.NewStyle().Bold(true)},
		quit: key.NewBinding(key.WithKeys("q", "ctrl+c"), key.WithHelp("q", "stop the collection")),
	}
}

type eventMsg Event

func (d *Dashboard) next() tea.Cmd {
	return func() tea.Msg {
		e, ok := <-d.events
		if !ok {
			return tea.Quit()
		}
		return eventMsg(e)
	}
}

func (d *Dashboard) Init() tea.Cmd { return d.next() }

func (d *Dashboard) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		d.width, d.height = msg.Width, msg.Height
	case tea.KeyMsg:
		if key.Matches(msg, d.quit) {
			return d, tea.Quit
		}
	case eventMsg:
		if Event(msg).Kind == Problem {
			d.problems = append(d.problems, logLine(Event(msg)))
			if len(d.problems) > 3 {
				d.problems = d.problems[len(d.problems)-3:]
			}
		}
		if Event(msg).Kind != Progressed {
			d.last = append(d.last, logLine(Event(msg)))
			if len(d.last) > 8 {
				d.last = d.last[len(d.last)-8:]
			}
		}
		return d, d.next()
	}
	return d, nil
}

func (d *Dashboard) View() string {
	snap := d.snapshot()
	st := d.styles
	var b strings.Builder
	b.WriteString(st.title.Render("coachmentor serve") + "  " + st.faint.Render("collecting on "+snap.Addr) + "\n\n")
	hint := report.Wrap("Respondents connect with: "+d.hint, max(40, d.width-2)) + "\n" +
		st.faint.Render(report.Wrap("Server key "+d.fingerprint+" (ssh shows it on a first connection)", max(40, d.width-2)))
	b.WriteString(hint + "\n\n")
	fmt.Fprintf(&b, "%s  %s\n", st.head.Render(fmt.Sprintf("Connected (%d)", len(snap.Connected))), st.faint.Render("q stops the collection; answers so far are kept"))
	if len(snap.Connected) == 0 {
		b.WriteString(st.faint.Render("  no one yet") + "\n")
	}
	shown := snap.Connected
	// The lines besides those connected: title, hint, heads, the four counts, the latest.
	fixed := 11 + strings.Count(hint, "\n")
	if len(d.last) > 0 {
		fixed += len(d.last) + 2
	}
	if len(d.problems) > 0 {
		fixed += len(d.problems) + 2
	}
	if room := d.height - fixed; d.height > 0 && len(shown) > max(room, 3) {
		shown = shown[:max(room, 3)-1] // and a line to say how many more
	}
	for _, c := range shown {
		where := "welcome or review"
		if c.Question > 0 {
			where = fmt.Sprintf("question %d of %d", c.Question, d.questions)
		}
		fmt.Fprintf(&b, "  %-24s %s, %d answered\n", trimTo(label(c.Who), 24), where, c.Answered)
	}
	if more := len(snap.Connected) - len(shown); more > 0 {
		b.WriteString(st.faint.Render(fmt.Sprintf("  … and %d more", more)) + "\n")
	}
	fmt.Fprintf(&b, "\n%s\n", st.head.Render(fmt.Sprintf("Finished (%d)", snap.Finished)))
	for _, rec := range []string{engine.Coaching, engine.Mentoring, engine.Blend, engine.Undecided} {
		fmt.Fprintf(&b, "  %-10s %d\n", report.Title(rec), snap.ByRec[rec])
	}
	if len(d.problems) > 0 {
		b.WriteString("\n" + st.head.Render("Problems (see the log for all)") + "\n")
		for _, l := range d.problems {
			b.WriteString(st.head.Render("  "+trimTo(l, max(20, d.width-4))) + "\n")
		}
	}
	if len(d.last) > 0 {
		b.WriteString("\n" + st.head.Render("Latest") + "\n")
		for _, l := range d.last {
			b.WriteString(st.faint.Render("  "+trimTo(l, max(20, d.width-4))) + "\n")
		}
	}
	return strings.TrimSuffix(b.String(), "\n") // a line for each row, none after
}

func label(who Respondent) string {
	if who.Name != "" && who.Name != who.ID {
		return who.Name + " (" + who.ID + ")"
	}
	return who.ID
}

func trimTo(s string, n int) string {
	if r := []rune(s); len(r) > n {
		return string(r[:n-1]) + "…"
	}
	return s
}

// logLine is an event as one line of the dashboard's list.
func logLine(e Event) string {
	s := e.At.Format("15:04:05") + " " + e.Kind.String()
	if e.Kind == Problem {
		s = e.At.Format("15:04:05") + " PROBLEM"
	}
	if e.Who.ID != "" {
		s += " " + label(e.Who)
	}
	if e.Recommendation != "" {
		s += ": " + e.Recommendation
	}
	if e.Reason != "" {
		s += " (" + e.Reason + ")"
	}
	return s
}

// Logger writes an event a line, for a collection run without a terminal.
func Logger(w io.Writer) func(Event) {
	l := log.NewWithOptions(w, log.Options{Formatter: log.LogfmtFormatter}) // the time is the event's own
	return func(e Event) {
		kv := []any{"at", e.At.UTC().Format("2006-01-02T15:04:05Z")}
		if e.Who.ID != "" {
			kv = append(kv, "id", e.Who.ID)
		}
		if e.Addr != "" {
			kv = append(kv, "addr", e.Addr)
		}
		switch e.Kind {
		case Progressed:
			kv = append(kv, "question", e.Question, "answered", e.Answered)
		case Submitted:
			kv = append(kv, "recommendation", e.Recommendation)
		}
		if e.Reason != "" {
			kv = append(kv, "reason", e.Reason)
		}
		if e.Kind == Problem {
			l.Error(e.Kind.String(), kv...) // what the consultant must act on
			if e.Line != "" {
				io.WriteString(w, e.Line+"\n") // as it is: grep '^{' finds it
			}
			return
		}
		l.Info(e.Kind.String(), kv...)
	}
}
