package batch

import (
	"fmt"
	"slices"
	"strconv"

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

// add counts one respondent.
func (t *Tally) add(o outcome) {
	t.Respondents++
	if o.invalid {
		t.Invalid++
		if len(t.Unscored) < MaxUnscored {
			t.Unscored = append(t.Unscored, *o.unscored)
		}
		return
	}
	t.ByRecommendation[o.rec]++
	t.ByType[o.top]++
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

func newSummary() Summary {
	return Summary{Tally: newTally()}
}

// add counts one respondent, in the whole and in its group.
func (s *Summary) add(o outcome, grouped bool) {
	s.Tally.add(o)
	if grouped {
		if s.Groups == nil {
			s.Groups = map[string]*Tally{}
		}
		g := s.Groups[o.group]
		if g == nil {
			t := newTally()
			g = &t
			s.Groups[o.group] = g
		}
		g.add(o)
	}
	if o.notWritten {
		s.NotWritten++
	}
	if o.changed {
		s.Changed++
	}
	if o.notCompared {
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

// countWord says how many of something, with thousands apart: "1 row", "8,400,000 rows".
func countWord(n int, noun string) string {
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	if n == 1 {
		return s + " " + noun
	}
	return s + " " + noun + "s"
}

// sizeWord is a number of bytes as people read it: "850 bytes", "1.2 MB", "3.4 GB".
func sizeWord(n int64) string {
	switch {
	case n < 1000:
		return strconv.FormatInt(n, 10) + " bytes"
	case n < 1000*1000:
		return strconv.FormatFloat(float64(n)/1000, 'f', 1, 64) + " kB"
	case n < 1000*1000*1000:
		return strconv.FormatFloat(float64(n)/1000/1000, 'f', 1, 64) + " MB"
	}
	return strconv.FormatFloat(float64(n)/1000/1000/1000, 'f', 1, 64) + " GB"
}
