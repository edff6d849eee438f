package team

import (
	"fmt"
	"slices"

	"github.com/coachmentor/coachmentor/internal/engine"
	"github.com/coachmentor/coachmentor/internal/report"
	"github.com/coachmentor/coachmentor/internal/textsafe"
)

// MaxUnscored is how many of those who could not be scored a tally names; the rest are
// counted. A run's messages name every one.
const MaxUnscored = 100

// Tally counts respondents: a whole team, or one group of it.
type Tally struct {
	Respondents int
	Invalid     int
	// ByRecommendation counts coaching, mentoring, blend and undecided.
	ByRecommendation map[string]int
	// ByType counts the top type of each valid respondent.
	ByType map[string]int
	// Unscored names the first MaxUnscored respondents who could not be scored.
	Unscored []Unscored
}

// Unscored is a respondent who could not be scored, and why.
type Unscored struct {
	ID      string
	Line    int
	Problem string
}

func newTally() Tally {
	return Tally{ByRecommendation: map[string]int{}, ByType: map[string]int{}}
}

// Outcome is what the tally needs of one row.
type Outcome struct {
	ID    string // the row's own id, "" without one
	Line  int
	Rec   string
	Top   string // TopID
	Group string
	// Changed is set when the compared bank's result differs; NotCompared when the
	// compared bank could not score the row (counted in Changed too).
	Changed, NotCompared bool
	// Unscored names a row that could not be scored; nil for the rest, which are most.
	Unscored *Unscored
	// NotWritten is set when the row's report was not written: already there, or a link.
	NotWritten bool
}

// add counts one respondent.
func (t *Tally) add(o Outcome) {
	t.Respondents++
	if o.Unscored != nil {
		t.Invalid++
		if len(t.Unscored) < MaxUnscored {
			t.Unscored = append(t.Unscored, *o.Unscored)
		}
		return
	}
	t.ByRecommendation[o.Rec]++
	t.ByType[o.Top]++
}

// counts is the tally as the summary line words it: "12 respondents: 7 coaching, 3
// mentoring, 1 blend, 0 undecided, 1 invalid".
func (t Tally) counts() string {
	return fmt.Sprintf("%s: %d coaching, %d mentoring, %d blend, %d undecided, %d invalid",
		report.Count(t.Respondents, "respondent"), t.ByRecommendation[engine.Coaching], t.ByRecommendation[engine.Mentoring],
		t.ByRecommendation[engine.Blend], t.ByRecommendation[engine.Undecided], t.Invalid)
}

// Summary counts the respondents of a run.
type Summary struct {
	Tally
	// Groups tallies each group of Columns.Group, by the group column's value.
	Groups map[string]*Tally
	// NotWritten counts reports for --out-dir that were not written: already there and
	// kept, or a link, which is never followed.
	NotWritten int
	// Changed counts respondents whose result differs between banks (comparisons only).
	Changed int
	// NotCompared counts respondents the compared bank could not score (counted in Changed
	// too): an answer it renamed or dropped, say.
	NotCompared int
	// Written is whether any results were written.
	Written bool
}

// NewSummary is an empty summary.
func NewSummary() Summary {
	return Summary{Tally: newTally()}
}

// Add counts one respondent, in the whole and, when grouped, in its group.
func (s *Summary) Add(o Outcome, grouped bool) {
	s.Tally.add(o)
	if grouped {
		if s.Groups == nil {
			s.Groups = map[string]*Tally{}
		}
		g := s.Groups[o.Group]
		if g == nil {
			t := newTally()
			g = &t
			s.Groups[o.Group] = g
		}
		g.add(o)
	}
	if o.NotWritten {
		s.NotWritten++
	}
	if o.Changed {
		s.Changed++
	}
	if o.NotCompared {
		s.NotCompared++
	}
}

// GroupNames are the groups in order: by name, those with none last.
func (s Summary) GroupNames() []string {
	names := make([]string, 0, len(s.Groups))
	for name := range s.Groups {
		names = append(names, name)
	}
	slices.SortFunc(names, func(a, b string) int {
		switch {
		case a == b:
			return 0
		case a == "":
			return 1
		case b == "":
			return -1
		case a < b:
			return -1
		}
		return 1
	})
	return names
}

// GroupLabel is how reports name a group: its value, or "(none)" for rows without one.
func GroupLabel(name string) string {
	if name == "" {
		return "(none)"
	}
	return name
}

// Line is the summary as one line, e.g. "12 respondents: 7 coaching, 3 mentoring, 1 blend,
// 0 undecided, 1 invalid".
func (s Summary) Line() string {
	line := s.counts()
	switch s.NotWritten {
	case 0:
	case 1:
		line += "; 1 report was not written (see above)"
	default:
		line += fmt.Sprintf("; %d reports were not written (see above)", s.NotWritten)
	}
	return line
}

// GroupLines are a line per group, as Line words the whole.
func (s Summary) GroupLines() []string {
	var out []string
	for _, name := range s.GroupNames() {
		out = append(out, textsafe.Line(GroupLabel(name))+": "+s.Groups[name].counts())
	}
	return out
}
