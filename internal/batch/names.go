package batch

import (
	"fmt"
	"hash/maphash"
	"strings"
	"unicode"
)

// namer turns respondent ids into report file names: safe on every file system, never
// outside the folder, and never the same twice in one run.
type namer struct {
	seed maphash.Seed
	used map[uint64]bool // hashes keep memory small for large teams
}

func newNamer() *namer { return &namer{seed: maphash.MakeSeed(), used: map[uint64]bool{}} }

const maxNameLen = 80

func (n *namer) name(row *Row) string {
	base := SafeName(row.ID)
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

// SafeName keeps letters, digits, "-", "_" and "." of an id and turns anything else into
// "-". Path separators, "..", leading dots, control characters and names reserved on
// Windows cannot survive it. Case is kept, but names are compared ignoring case, as some
// file systems do.
func SafeName(id string) string {
	var b strings.Builder
	dash := false
	for _, r := range id {
		ok := unicode.IsLetter(r) || unicode.IsDigit(r) || r == '_' || r == '.'
		if !ok {
			if !dash && b.Len() > 0 {
				b.WriteByte('-')
				dash = true
			}
			continue
		}
		b.WriteRune(r)
		dash = false
	}
	s := strings.Trim(b.String(), "-._")
	for strings.Contains(s, "..") {
		s = strings.ReplaceAll(s, "..", ".")
	}
	if r := []rune(s); len(r) > maxNameLen {
		s = strings.Trim(string(r[:maxNameLen]), "-._")
	}
	if reservedOnWindows(s) {
		s = "_" + s
	}
	return s
}

func reservedOnWindows(s string) bool {
	base := strings.ToUpper(strings.SplitN(s, ".", 2)[0])
	switch base {
	case "CON", "PRN", "AUX", "NUL":
		return true
	}
	if len(base) == 4 && (strings.HasPrefix(base, "COM") || strings.HasPrefix(base, "LPT")) && base[3] >= '1' && base[3] <= '9' {
		return true
	}
	return false
}
