// Package textsafe keeps text from files, flags and custom banks from doing anything but
// print. Control characters could retitle or recolour a terminal, and bidirectional
// overrides could make text read differently from what it is; both are removed.
package textsafe

import "strings"

// Unsafe reports whether r may not reach a terminal: C0 and C1 controls (tab and newline
// excepted), DEL, and the bidirectional embedding, override and isolate controls.
func Unsafe(r rune) bool {
	switch {
	case r == '\n' || r == '\t':
		return false
	case r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0):
		return true
	case r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069, r == 0x200e || r == 0x200f || r == 0x061c:
		return true
	}
	return false
}

// HasUnsafe reports whether s contains a rune that Clean would remove.
func HasUnsafe(s string) bool {
	return strings.IndexFunc(s, Unsafe) >= 0
}

// Clean removes unsafe runes.
func Clean(s string) string {
	if !HasUnsafe(s) {
		return s
	}
	return strings.Map(func(r rune) rune {
		if Unsafe(r) {
			return -1
		}
		return r
	}, s)
}

// Line is Clean, with newlines and tabs turned into spaces: for one-line fields such as a
// name or an id.
func Line(s string) string {
	s = Clean(s)
	if strings.ContainsAny(s, "\n\t\r") {
		s = strings.Join(strings.Fields(s), " ")
	}
	return strings.TrimSpace(s)
}
