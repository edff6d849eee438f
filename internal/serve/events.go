package serve

import (
	"slices"
	"strings"
	"time"
)

// EventKind is what happened.
type EventKind int

const (
	Connected  EventKind = iota // a respondent connected
	Progressed                  // a respondent answered a question
	Submitted                   // a respondent's answers are in the collect file
	Left                        // a respondent's session ended
	Refused                     // a connection or a session was turned away
	Stopping                    // the server is stopping
	Problem                     // something the consultant must know: answers not saved, an address refused
)

func (k EventKind) String() string {
	return [...]string{"connected", "progress", "submitted", "left", "refused", "stopping", "problem"}[k]
}

// Event is something that happened in a collection.
type Event struct {
	Kind           EventKind
	At             time.Time
	Who            Respondent
	Addr           string
	Question       int // the question now open, from 1; 0 on other screens
	Answered       int
	Recommendation string
	Reason         string
	// Line is a collect file's line the disk would not take, whole, said as the server
	// stops: the log gives it on a line of its own, as it is, to be appended by hand.
	Line string
}

// Snapshot is the collection as it stands.
type Snapshot struct {
	Addr      string
	Connected []Connection
	Finished  int
	ByRec     map[string]int
}

// Connection is a connected respondent and how far they are.
type Connection struct {
	Who      Respondent
	Question int
	Answered int
}

// Snapshot says who is connected and what is in.
func (s *Server) Snapshot() Snapshot {
	snap := Snapshot{Addr: s.Addr()}
	snap.Finished, snap.ByRec = s.col.tally()
	s.mu.Lock()
	for _, l := range s.live {
		snap.Connected = append(snap.Connected, Connection{Who: l.who, Question: l.question, Answered: l.answered})
	}
	s.mu.Unlock()
	slices.SortFunc(snap.Connected, func(a, b Connection) int { return strings.Compare(a.Who.ID, b.Who.ID) })
	return snap
}

// Tally is how many questionnaires are in, and their recommendations.
func (s *Server) Tally() (int, map[string]int) { return s.col.tally() }
