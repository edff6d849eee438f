package report

import (
	"regexp"
	"strings"
	"sync"

	"github.com/coachmentor/coachmentor/internal/textsafe"
)

// MDEscape makes text safe as inline Markdown: characters that would start emphasis,
// links, code, HTML, an entity or a table cell are escaped with a backslash, as Markdown
// does (not as HTML entities, which read as "&amp;" wherever Markdown is not rendered), and
// line breaks become spaces.
func MDEscape(s string) string {
	s = textsafe.Line(s)
	if !strings.ContainsAny(s, "\\`*_[]|~<&") && (s == "" || !strings.ContainsRune("#+-=>", rune(s[0]))) {
		return s // most names and labels: nothing to escape, nothing to copy
	}
	var b strings.Builder
	b.Grow(len(s) + 8)
	for i, r := range s {
		switch r {
		case '\\', '`', '*', '_', '[', ']', '|', '~', '<':
			b.WriteByte('\\')
			b.WriteRune(r)
		case '&':
			// Only an entity such as &amp; would be read as something else.
			if entity().MatchString(s[i:]) {
				b.WriteByte('\\')
			}
			b.WriteRune(r)
		case '#', '+', '-', '=', '>':
			// Only at the start could these make a heading, a list or a rule.
			if i == 0 {
				b.WriteByte('\\')
			}
			b.WriteRune(r)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// entity matches the start of an HTML entity or character reference.
var entity = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});`)
})

// MDCell is MDEscape for a table cell, never empty.
func MDCell(s string) string {
	e := MDEscape(s)
	if e == "" {
		return " "
	}
	return e
}

// MermaidLabel keeps a label, title or axis name from closing its quotes, its list or the
// code block, and from being read as markup or an entity by Mermaid: quotes become
// apostrophes, brackets and braces parentheses, angle brackets, # and ; look-alikes.
func MermaidLabel(s string) string { return mermaidSafe.Replace(textsafe.Line(s)) }

var mermaidSafe = strings.NewReplacer(`"`, "'", "`", "'", "\\", "/", "[", "(", "]", ")", "{", "(", "}", ")",
	"<", "‹", ">", "›", "#", "＃", ";", ",", "%", "％")

// mdURL keeps a URL from closing its link.
func mdURL(u string) string {
	return strings.NewReplacer("(", "%28", ")", "%29", " ", "%20", "<", "%3C", ">", "%3E").Replace(u)
}
