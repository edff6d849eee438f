package questions_test

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/coachmentor/coachmentor/internal/bank"
	"github.com/coachmentor/coachmentor/questions"
)

// The lengths of time each source gives, in weeks or months (a year is 12 months), read
// from the articles in ../shared/seeds: CMOE's six-week coaching example and year-long
// mentoring example; Insala's coaching engagements of 3, 6 or 12 months and formal
// mentoring of 8 to 12; Voluntary Action Camden's nine months to a year. MentorCliq gives
// none, and the Co-Active Training Institute only "years or decades", with no number.
var givenBy = map[string][]string{
	"cmoe":   {"6 weeks", "12 months"},
	"insala": {"3 months", "6 months", "12 months", "8 months"},
	"vac":    {"9 months", "12 months"},
}

var (
	numberWords = map[string]int{"a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
		"seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12}
	// A run of numbers joined by commas, "or" and "to", then a unit: "3, 6 or 12 months",
	// "eight to twelve months", "six weeks", "a year".
	durationRE = regexp.MustCompile(`(?i)\b((?:\d+|a|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)(?:(?:,| or| to) (?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve))*) (weeks?|months?|years?)\b`)
	numberRE   = regexp.MustCompile(`\d+|[a-z]+`)
)

// durations lists the lengths of time a text quotes, as "N weeks" or "N months".
func durations(text string) []string {
	var out []string
	for _, m := range durationRE.FindAllStringSubmatch(text, -1) {
		unit := strings.TrimSuffix(strings.ToLower(m[2]), "s")
		for _, w := range numberRE.FindAllString(strings.ToLower(m[1]), -1) {
			n, err := strconv.Atoi(w)
			if err != nil {
				var ok bool
				if n, ok = numberWords[w]; !ok {
					continue // "or", "to"
				}
			}
			switch unit {
			case "year":
				out = append(out, fmt.Sprintf("%d months", 12*n))
			default:
				out = append(out, fmt.Sprintf("%d %ss", n, unit))
			}
		}
	}
	return out
}

// unsourced lists the lengths of time a text quotes that none of its cited sources gives.
func unsourced(text string, cited []string) []string {
	var out []string
	for _, d := range durations(text) {
		if !slices.ContainsFunc(cited, func(id string) bool { return slices.Contains(givenBy[id], d) }) {
			out = append(out, d)
		}
	}
	return out
}

// named lists the sources whose publisher a text names, as a length's "(Insala)" does.
func named(b *bank.Bank, text string) []string {
	var ids []string
	for _, s := range b.Sources {
		if strings.Contains(text, s.Publisher) {
			ids = append(ids, s.ID)
		}
	}
	return ids
}

// Every length of time a report quotes from the bank is one that a source it cites gives:
// the lengths and cadences of the types (each clause names its source), the reasons for
// the answers, and the next steps.
func TestEveryDurationIsTheCitedSources(t *testing.T) {
	b := questions.Default()
	check := func(where, text string, cited []string) {
		for _, d := range unsourced(text, cited) {
			t.Errorf("%s quotes %s, which none of its sources (%v) gives: %q", where, d, cited, text)
		}
	}
	for _, tp := range b.Types {
		for _, row := range [][2]string{{"length", tp.Setup.Length}, {"cadence", tp.Setup.Cadence}, {"guide", tp.Setup.Guide}, {"success", tp.Setup.Success}} {
			if tp.Setup.IsPractice(row[0]) {
				continue // marked as common practice in every report
			}
			for _, clause := range strings.Split(row[1], ";") {
				check(tp.ID+" "+row[0], clause, named(b, clause))
			}
		}
		for _, st := range append(slices.Clone(tp.Setup.Steps), tp.Setup.Program...) {
			if !st.Practice() {
				check(tp.ID+" step", st.Text, st.Sources)
			}
		}
	}
	for _, st := range b.Blend.Steps {
		check("blend step", st.Text, st.Sources)
	}
	for _, q := range b.Questions {
		for _, o := range q.Options {
			check(q.ID+"="+o.ID, o.Explain, q.OptionSources(o))
		}
	}
	// Where a type's length quotes Insala, it quotes the whole range Insala gives for the
	// type's family, not a part of it.
	for _, tp := range b.Types {
		want := []string{"3 months", "6 months", "12 months"}
		if tp.Family == bank.Mentoring {
			want = []string{"8 months", "12 months"}
		}
		for _, clause := range strings.Split(tp.Setup.Length, ";") {
			if slices.Contains(named(b, clause), "insala") && !slices.Equal(durations(clause), want) {
				t.Errorf("%s length quotes %v from Insala, which gives %v: %q", tp.ID, durations(clause), want, clause)
			}
		}
	}
	// The checker itself reads what the bank writes, and finds a length no source gives.
	if bad := unsourced("coaching runs 10 months (Insala)", []string{"insala"}); !slices.Equal(bad, []string{"10 months"}) {
		t.Fatalf("a length no source gives: %v", bad)
	}
	if got := durations("Coaching engagements typically run 3, 6 or 12 months; 9 months to a year; six weeks"); !slices.Equal(got,
		[]string{"3 months", "6 months", "12 months", "9 months", "12 months", "6 weeks"}) {
		t.Fatalf("durations read %v", got)
	}
}

// Every next step either cites a source the bank has or is marked as common practice; the
// steps for one arrangement and for a program are both there for every type.
func TestEveryStepHasItsSourceOrSaysPractice(t *testing.T) {
	b := questions.Default()
	for _, tp := range b.Types {
		if len(tp.Setup.Steps) == 0 || len(tp.Setup.Program) == 0 {
			t.Errorf("%s: %d steps for one arrangement, %d for a program", tp.ID, len(tp.Setup.Steps), len(tp.Setup.Program))
		}
		for _, st := range append(slices.Clone(tp.Setup.Steps), tp.Setup.Program...) {
			for _, id := range st.Sources {
				if len(b.SourceNames([]string{id})) == 0 {
					t.Errorf("%s: step %q cites unknown source %q", tp.ID, st.Text, id)
				}
			}
		}
	}
}
