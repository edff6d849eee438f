package safefile

import (
	"strings"
	"unicode"
)

// maxNameLen bounds a name in letters, well within what file systems allow.
const maxNameLen = 80

// Name makes a file name from text such as a person's name or id: it keeps letters,
// digits, "_" and "." and turns each run of anything else into one "-". Path separators,
// "..", leading dots, control characters and names reserved on Windows cannot survive it,
// so the name stays in the folder it is joined to. Case is kept.
func Name(id string) string {
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
