package serve

import (
	"bytes"
	"fmt"
	"io"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
)

// The dashboard shows where to connect, who is connected and on which question, how many
// are in and what was recommended, and the latest events; on a short window, a long list
// of those connected is cut with a count of the rest.
func TestDashboard(t *testing.T) {
	r := start(t, nil)
	done := r.dial("ann")
	handIn(done)
	c := r.dial("bo")
	firstAnswer(c, "1")
	r.waitEvent("bo on question 2", func(e Event) bool { return e.Who.ID == "bo" && e.Question == 2 })

	events := make(chan Event, 16)
	d := NewDashboard(r.s, lipgloss.NewRenderer(io.Discard), "ssh -t -p 2222 NAME@127.0.0.1", events)
	d.Update(tea.WindowSizeMsg{Width: 80, Height: 40})
	d.Update(eventMsg(Event{Kind: Submitted, At: fixedNow(), Who: Respondent{ID: "ann"}, Recommendation: "coaching"}))
	view := d.View()
	for _, want := range []string{
		"collecting on " + r.s.Addr(), "Respondents connect with: ssh -t -p 2222 NAME@127.0.0.1", "Server key SHA256:",
		"Connected (2)", "  ann                      welcome or review", "  bo                       question 2 of 15, 1 answered",
		"Finished (1)", "10:00:00 submitted ann: coaching",
	} {
		if !strings.Contains(view, want) {
			t.Errorf("the dashboard lacks %q:\n%s", want, view)
		}
	}
	if strings.Contains(view, "\x1b[") {
		t.Fatalf("colour without a colour terminal:\n%q", view)
	}

	// Twenty connected in a window of 24 lines: the rest counted.
	long := &Dashboard{snapshot: func() Snapshot {
		var s Snapshot
		for i := range 20 {
			s.Connected = append(s.Connected, Connection{Who: Respondent{ID: fmt.Sprint("p", i)}, Question: 1})
		}
		return s
	}, questions: 15, width: 80, height: 24, styles: d.styles}
	if v := long.View(); !strings.Contains(v, "… and 9 more") || bytes.Count([]byte(v), []byte("\n")) != 23 {
		t.Fatalf("a long list:\n%s", v)
	}
}
