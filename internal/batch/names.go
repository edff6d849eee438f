package batch

import (
	"fmt"
	"hash/maphash"
	"strings"

	"github.com/coachmentor/coachmentor/internal/safefile"
)

// namer turns respondent ids into report file names: safe on every file system, never
// outside the folder, and never the same twice in one run, comparing them ignoring case
// as some file systems do.
type namer struct {
	seed maphash.Seed
	used map[uint64]bool // hashes keep memory small for large teams
}

func newNamer() *namer { return &namer{seed: maphash.MakeSeed(), used: map[uint64]bool{}} }

func (n *namer) name(row *Row) string {
	base := safefile.Name(row.ID)
	if base == "" {
		base = fmt.Sprintf("respondent-%d", row.N)
	}
	name := base + ".md"
	for i := 2; n.used[maphash.String(n.seed, strings.ToLower(name))]; i++ {
		name = fmt.Sprintf("%s-%d.md", base, i)
	}
	n.used[maphash.String(n.seed, strings.ToLower(name))] = true
	return name
}
