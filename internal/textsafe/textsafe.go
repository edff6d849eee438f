// Package textsafe keeps text from files, flags and custom banks from doing anything but
// print. Escape sequences and control characters could retitle or recolor a terminal, and
// bidirectional overrides could make text read differently from what it is; all are
// removed, escape sequences whole, and bytes that are not UTF-8 are replaced.
package textsafe

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/charmbracelet/x/ansi"
)

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

// Clean removes escape sequences whole, as x/ansi parses them (so that "ESC ]0;title BEL"
// leaves nothing behind, not "]0;title"), then any other unsafe rune, and replaces bytes
// that are not UTF-8 with U+FFFD (a lone 0x9b is a control to some terminals).
func Clean(s string) string {
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "\uFFFD")
	}
	if !HasUnsafe(s) {
		return s
	}
	s = ansi.Strip(s)
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

// Capped joins lines, one per line, up to most of them, then says how many more there are:
// a file of forty thousand mistakes is not forty thousand lines on the screen.
func Capped(lines []string, most int, noun string) string {
	if len(lines) <= most {
		return strings.Join(lines, "\n")
	}
	rest := len(lines) - most
	more := fmt.Sprintf("… and %d more %s", rest, noun)
	if rest == 1 {
		more = "… and 1 more " + strings.TrimSuffix(noun, "s")
	}
	return strings.Join(lines[:most], "\n") + "\n" + more
}

// MaxShown is how many problems a message lists before it says how many more there are.
const MaxShown = 20

// Quote renders a value from a file or a flag for an error message: quoted, escaped and
// short, so that no control sequence reaches the terminal.
func Quote(s string) string {
	const max = 60
	if utf8.RuneCountInString(s) > max {
		r := []rune(s)
		s = string(r[:max]) + "…"
	}
	return strconv.QuoteToGraphic(s)
}

// CellText is s as a cell of CSV a spreadsheet may open: text that a spreadsheet would run
// as a formula (it begins with = + - @, a tab or a carriage return) gets a ' before it, so
// that it shows as the text it is.
func CellText(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}
