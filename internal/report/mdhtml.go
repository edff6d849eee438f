package report

import (
	"bufio"
	"encoding/json"
	"io"
	"strconv"
	"strings"
)

// MarkdownHTML converts a piece of a report in Markdown, as this package writes it, to
// HTML: a whole report, or one section of a team report at a time.
//
// It reads only the Markdown this package writes, which is a small part of Markdown:
// headings, paragraphs, lists, quotes, tables, rules and fenced blocks; strong text, code,
// links and backslash escapes within them. A general converter (goldmark) reads it the
// same, which a test checks on every kind of report; it is not used here because
// importing it added 5 ms to every start of the program, whether or not a page was made.
// Everything that is not markup is escaped, so text from a user or a file stays text.
func MarkdownHTML(w io.Writer, md []byte) error {
	bw := bufio.NewWriter(w)
	c := &mdConverter{w: bw}
	lines := strings.Split(strings.TrimRight(string(md), "\n"), "\n")
	for i := 0; i < len(lines); {
		i = c.block(lines, i)
	}
	return bw.Flush()
}

type mdConverter struct{ w *bufio.Writer }

// block converts the block that starts at line i and returns the line after it.
func (c *mdConverter) block(lines []string, i int) int {
	line := lines[i]
	switch {
	case strings.TrimSpace(line) == "":
		return i + 1
	case strings.HasPrefix(line, "```"):
		return c.fence(lines, i)
	case line == "---":
		c.w.WriteString("<hr>\n")
		return i + 1
	case strings.HasPrefix(line, "#"):
		level := len(line) - len(strings.TrimLeft(line, "#"))
		if level <= 6 && strings.HasPrefix(line[level:], " ") {
			tag := string(rune('0' + level))
			c.w.WriteString("<h" + tag + ">" + inline(strings.TrimSpace(line[level:])) + "</h" + tag + ">\n")
			return i + 1
		}
	case strings.HasPrefix(line, "|") && i+1 < len(lines) && tableRule(lines[i+1]):
		return c.table(lines, i)
	case strings.HasPrefix(line, "- "):
		return c.list(lines, i, "ul", bullet)
	case ordered(line) > 0:
		return c.list(lines, i, "ol", ordered)
	case strings.HasPrefix(line, "> "):
		j := i
		var text []string
		for ; j < len(lines) && strings.HasPrefix(lines[j], "> "); j++ {
			text = append(text, lines[j][2:])
		}
		c.w.WriteString("<blockquote>\n<p>" + inline(strings.Join(text, "\n")) + "</p>\n</blockquote>\n")
		return j
	}
	j := i // a paragraph: up to a blank line or another block
	var text []string
	for ; j < len(lines) && strings.TrimSpace(lines[j]) != "" && (j == i || !startsBlock(lines[j])); j++ {
		text = append(text, lines[j])
	}
	c.w.WriteString("<p>" + inline(strings.Join(text, "\n")) + "</p>\n")
	return j
}

// tableRule reports whether a line is a table's rule, such as "| --- | ---: |".
func tableRule(line string) bool {
	line = strings.TrimSpace(line)
	if len(line) < 3 || line[0] != '|' || line[len(line)-1] != '|' {
		return false
	}
	for _, cell := range strings.Split(line[1:len(line)-1], "|") {
		cell = strings.TrimSpace(cell)
		cell = strings.TrimSuffix(strings.TrimPrefix(cell, ":"), ":")
		if cell == "" || strings.Trim(cell, "-") != "" {
			return false
		}
	}
	return true
}

// bullet and ordered are how long a list item's marker is, or 0 if the line is none.
func bullet(line string) int {
	if strings.HasPrefix(line, "- ") {
		return 2
	}
	return 0
}

func ordered(line string) int {
	n := 0
	for n < len(line) && n < 9 && line[n] >= '0' && line[n] <= '9' {
		n++
	}
	if n > 0 && strings.HasPrefix(line[n:], ". ") {
		return n + 2
	}
	return 0
}

func startsBlock(line string) bool {
	return strings.HasPrefix(line, "#") || strings.HasPrefix(line, "- ") || strings.HasPrefix(line, "> ") ||
		strings.HasPrefix(line, "```") || strings.HasPrefix(line, "|") || line == "---" || ordered(line) > 0
}

func (c *mdConverter) list(lines []string, i int, tag string, item func(string) int) int {
	c.w.WriteString("<" + tag + ">\n")
	j := i
	for ; j < len(lines) && item(lines[j]) > 0; j++ {
		c.w.WriteString("<li>" + inline(strings.TrimSpace(lines[j][item(lines[j]):])) + "</li>\n")
	}
	c.w.WriteString("</" + tag + ">\n")
	return j
}

func (c *mdConverter) table(lines []string, i int) int {
	head := cells(lines[i])
	var align []string
	for _, rule := range cells(lines[i+1]) {
		switch {
		case strings.HasPrefix(rule, ":") && strings.HasSuffix(rule, ":"):
			align = append(align, ` style="text-align:center"`)
		case strings.HasSuffix(rule, ":"):
			align = append(align, ` style="text-align:right"`)
		case strings.HasPrefix(rule, ":"):
			align = append(align, ` style="text-align:left"`)
		default:
			align = append(align, "")
		}
	}
	row := func(tag string, cs []string) {
		c.w.WriteString("<tr>\n")
		for k := range head {
			a, text := "", ""
			if k < len(align) {
				a = align[k]
			}
			if k < len(cs) {
				text = cs[k]
			}
			c.w.WriteString("<" + tag + a + ">" + inline(text) + "</" + tag + ">\n")
		}
		c.w.WriteString("</tr>\n")
	}
	c.w.WriteString("<table>\n<thead>\n")
	row("th", head)
	c.w.WriteString("</thead>\n")
	j := i + 2
	if j < len(lines) && strings.HasPrefix(lines[j], "|") {
		c.w.WriteString("<tbody>\n")
		for ; j < len(lines) && strings.HasPrefix(lines[j], "|"); j++ {
			row("td", cells(lines[j]))
		}
		c.w.WriteString("</tbody>\n")
	}
	c.w.WriteString("</table>\n")
	return j
}

// cells splits a table row at the pipes that are not escaped.
func cells(line string) []string {
	line = strings.TrimSpace(line)
	line = strings.TrimPrefix(line, "|")
	if strings.HasSuffix(line, "|") && !strings.HasSuffix(line, `\|`) {
		line = line[:len(line)-1]
	}
	var out []string
	var cur strings.Builder
	for k := 0; k < len(line); k++ {
		switch {
		case line[k] == '\\' && k+1 < len(line) && line[k+1] == '|':
			cur.WriteByte('|') // the pipe is the cell's, not the table's
			k++
		case line[k] == '|':
			out = append(out, strings.TrimSpace(cur.String()))
			cur.Reset()
		default:
			cur.WriteByte(line[k])
		}
	}
	return append(out, strings.TrimSpace(cur.String()))
}

// fence converts a fenced block: a chart as SVG, anything else as code.
func (c *mdConverter) fence(lines []string, i int) int {
	lang := strings.TrimSpace(strings.TrimPrefix(lines[i], "```"))
	j := i + 1
	var body []string
	for ; j < len(lines) && lines[j] != "```"; j++ {
		body = append(body, lines[j])
	}
	text := strings.Join(body, "\n")
	var chart Chart
	if lang == chartFence && json.Unmarshal([]byte(text), &chart) == nil && len(chart.Labels) == len(chart.Values) {
		c.w.WriteString("<figure>" + chart.SVG() + "</figure>\n")
	} else {
		c.w.WriteString("<pre><code>" + htmlEscape(text) + "\n</code></pre>\n")
	}
	return j + 1
}

// inline converts a line's text: backslash escapes, **strong**, `code`, links and
// autolinks; everything else escaped.
func inline(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); {
		switch ch := s[i]; {
		case ch == '\\' && i+1 < len(s) && isPunct(s[i+1]):
			b.WriteString(htmlEscape(s[i+1 : i+2]))
			i += 2
		case strings.HasPrefix(s[i:], "**"):
			if end := closing(s, i+2, "**"); end >= 0 {
				b.WriteString("<strong>" + inline(s[i+2:end]) + "</strong>")
				i = end + 2
				continue
			}
			b.WriteString("**")
			i += 2
		case ch == '`':
			if end := strings.IndexByte(s[i+1:], '`'); end >= 0 {
				b.WriteString("<code>" + htmlEscape(s[i+1:i+1+end]) + "</code>")
				i += end + 2
				continue
			}
			b.WriteString("`")
			i++
		case ch == '[':
			if text, url, n, ok := link(s[i:]); ok {
				b.WriteString(`<a href="` + htmlEscape(urlEscape(url)) + `">` + inline(text) + "</a>")
				i += n
				continue
			}
			b.WriteByte('[')
			i++
		case ch == '<':
			if u := autolink(s[i:]); u != "" {
				b.WriteString(`<a href="` + htmlEscape(urlEscape(u)) + `">` + htmlEscape(u) + "</a>")
				i += len(u) + 2
				continue
			}
			b.WriteString("&lt;")
			i++
		default:
			b.WriteString(htmlEscape(s[i : i+1]))
			i++
		}
	}
	return b.String()
}

// autolink is the address of <https://…> at the start of s, or "".
func autolink(s string) string {
	end := strings.IndexByte(s, '>')
	if end < 0 {
		return ""
	}
	u := s[1:end]
	if !strings.HasPrefix(u, "http://") && !strings.HasPrefix(u, "https://") || strings.ContainsAny(u, "< \t\n") {
		return ""
	}
	return u
}

func isPunct(c byte) bool { return strings.IndexByte("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~", c) >= 0 }

// closing is where the next unescaped delim starts at or after from, or -1.
func closing(s string, from int, delim string) int {
	for k := from; k < len(s); k++ {
		if s[k] == '\\' {
			k++
			continue
		}
		if strings.HasPrefix(s[k:], delim) {
			return k
		}
	}
	return -1
}

// link reads [text](url) or [text](<url>) at the start of s.
func link(s string) (text, url string, n int, ok bool) {
	end := closing(s, 1, "]")
	if end < 0 || !strings.HasPrefix(s[end+1:], "(") {
		return "", "", 0, false
	}
	rest := s[end+2:]
	if strings.HasPrefix(rest, "<") {
		close := strings.Index(rest, ">)")
		if close < 0 {
			return "", "", 0, false
		}
		return s[1:end], rest[1:close], end + 2 + close + 2, true
	}
	close := strings.IndexByte(rest, ')')
	if close < 0 || strings.ContainsAny(rest[:close], " <>") {
		return "", "", 0, false
	}
	return s[1:end], rest[:close], end + 2 + close + 1, true
}

// htmlEscape escapes text as goldmark does: the four characters HTML gives meaning.
func htmlEscape(s string) string {
	if !strings.ContainsAny(s, `&<>"`) {
		return s
	}
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;").Replace(s)
}

// urlEscape percent-encodes what a URL may not hold as it is, as CommonMark converters do:
// spaces, letters beyond ASCII, quotes.
func urlEscape(u string) string {
	const keep = "-._~:/?#[]@!$&'()*+,;=%"
	var b strings.Builder
	for i := 0; i < len(u); i++ {
		c := u[i]
		if c < 0x80 && (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || strings.IndexByte(keep, c) >= 0) {
			if c == '%' && !(i+2 < len(u) && isHex(u[i+1]) && isHex(u[i+2])) {
				b.WriteString("%25")
				continue
			}
			b.WriteByte(c)
			continue
		}
		b.WriteString("%" + strings.ToUpper(strconv.FormatUint(uint64(c)|0x100, 16)[1:]))
	}
	return b.String()
}

func isHex(c byte) bool { return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F' }
