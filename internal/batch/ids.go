package batch

import (
	"fmt"
	"hash/maphash"
	"io"
	"strings"

	"github.com/coachmentor/coachmentor/internal/team"
	"github.com/coachmentor/coachmentor/internal/textsafe"
)

// idSeen notes the ids of a run's rows, in input order, to say when one comes again: two
// people with one id cannot be told apart in the results. Memory is bounded: past
// maxTrackedIDs ids, the rest are not checked, and that is said once. Ids are compared
// as hashes of 64 bits, ignoring case as file names do; two different ids would be taken
// for one about once in 10^9 runs of 200,000 rows.
type idSeen struct {
	seed    maphash.Seed
	lines   map[uint64]int
	stopped bool
}

// maxTrackedIDs bounds the ids a run remembers: about 6 MiB.
const maxTrackedIDs = 200000

func newIDSeen() idSeen { return idSeen{seed: maphash.MakeSeed(), lines: map[uint64]int{}} }

// check says, on errOut, when a row's id is one an earlier row had.
func (s *idSeen) check(errOut io.Writer, name string, o team.Outcome) {
	if o.ID == "" || s.stopped {
		return
	}
	k := maphash.String(s.seed, strings.ToLower(o.ID))
	if first, ok := s.lines[k]; ok {
		fmt.Fprintf(errOut, "%s:%d (id %s): the same id as line %d; give each person an id of their own, or the results cannot be told apart\n",
			name, o.Line, textsafe.Quote(o.ID), first)
		return
	}
	if len(s.lines) == maxTrackedIDs {
		s.stopped = true
		fmt.Fprintf(errOut, "%s:%d: more than %d ids; the ones after it are not checked for being the same as another\n", name, o.Line, maxTrackedIDs)
		return
	}
	s.lines[k] = o.Line
}
