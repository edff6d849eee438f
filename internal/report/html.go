package report

import (
	"bufio"
	_ "embed"
	"html"
	"html/template"
	"io"
	"strings"
	"sync"

	"github.com/coachmentor/coachmentor/internal/bank"
	"github.com/coachmentor/coachmentor/internal/engine"
	"github.com/coachmentor/coachmentor/internal/textsafe"
)

// An HTML report is a web page that stands alone: one file, no script, nothing loaded from
// the network, the charts drawn as SVG in place, and styles for the screen and for
// printing to PDF. A person's report is the brief laid out by html/template, which
// escapes everything that came from a user or a file; a team's report is its Markdown
// converted (MarkdownHTML), since only this package writes that Markdown.

//go:embed templates/person.html.tmpl
var personTemplate string

// personPage is the page's template, parsed when first needed rather than at start-up,
// which every command pays for.
var personPage = sync.OnceValue(func() *template.Template {
	return template.Must(template.New("person").Funcs(template.FuncMap{
		"num":     Num,
		"capital": capital,
		"join":    strings.Join,
		"svg":     func(c Chart) template.HTML { return template.HTML(c.SVG()) }, // escaped as it is drawn
		"tipping": TippingSentence,
		"alternatives": func(labels []string) string {
			return alternatives(labels, func(s string) string { return "“" + s + "”" })
		},
	}).Parse(personTemplate))
})

// HTML writes a person's report as a web page.
func HTML(w io.Writer, b *bank.Bank, r *engine.Result, opts Options) error {
	return NewBrief(b, r, opts).HTML(w)
}

// HTML writes the brief as a web page.
func (br *Brief) HTML(w io.Writer) error {
	title := "Coaching or mentoring?"
	if br.For != "" {
		title += " " + br.For
	}
	bw := bufio.NewWriter(w)
	bw.WriteString(PageHead(title))
	if err := personPage().Execute(bw, br); err != nil {
		return err
	}
	bw.WriteString(PageFoot)
	return bw.Flush()
}

// esc makes text from a user or a file safe inside HTML, on one line.
func esc(s string) string { return html.EscapeString(textsafe.Line(s)) }

// PageHead begins a web page with its title and styles; PageFoot ends it.
func PageHead(title string) string { return pageHead(title, "") }

// WidePageHead is PageHead for a page of wide tables, such as the index of a folder of
// reports: the page takes more of a wide window, and long cells (class "long") wrap
// anywhere, so that the last columns stay in view.
func WidePageHead(title string) string { return pageHead(title, "wide") }

func pageHead(title, class string) string {
	main := "<main>"
	if class != "" {
		main = `<main class="` + class + `">`
	}
	return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="coachmentor">
<title>` + esc(title) + `</title>
<style>
` + pageStyle + `</style>
</head>
<body>
` + main + `
`
}

// PageFoot ends what PageHead began.
const PageFoot = "</main>\n</body>\n</html>\n"

// pageStyle is the page's look on screen and on paper: readable widths, tables with
// lines, sections that do not split across pages, and links with their addresses printed.
const pageStyle = `:root { color-scheme: light; }
body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif; color: #1d1d1f; background: #fff; margin: 0; }
main { max-width: 52rem; margin: 0 auto; padding: 2rem 1.5rem 3rem; }
h1 { font-size: 1.9rem; margin: 0 0 1rem; color: #3b3394; }
h2 { font-size: 1.35rem; margin: 2rem 0 .6rem; border-bottom: 1px solid #ddd; padding-bottom: .2rem; }
h3 { font-size: 1.12rem; margin: 1.4rem 0 .4rem; }
h4 { font-size: 1rem; margin: 1.1rem 0 .3rem; }
table { border-collapse: collapse; margin: .6rem 0 1rem; width: 100%; }
th, td { border: 1px solid #d0d0d0; padding: .3rem .5rem; text-align: left; vertical-align: top; }
main.wide { max-width: 80rem; }
main.wide th { white-space: nowrap; }
td.long { overflow-wrap: anywhere; min-width: 6rem; }
th { background: #f3f2fb; }
th.num, td.num { text-align: right; font-variant-numeric: tabular-nums; }
tr.ruled-out td { color: #6b6b6b; }
.from { color: #555; font-size: .92em; }
section.verdict { border-left: 5px solid #5a4fcf; padding: .1rem 0 .1rem 1rem; }
section.verdict-coaching { border-color: #007A87; }
section.verdict-mentoring { border-color: #A3367A; }
td[style*="right"], th[style*="right"] { font-variant-numeric: tabular-nums; }
blockquote { margin: .8rem 0; padding: .4rem .9rem; border-left: 4px solid #5a4fcf; background: #f7f6fd; }
code { font-family: ui-monospace, "SF Mono", Menlo, Consolas, monospace; font-size: .92em; background: #f2f2f2; padding: 0 .2em; }
pre { background: #f6f6f6; padding: .6rem; overflow-x: auto; }
figure { margin: 1rem 0; }
svg.chart { max-width: 100%; height: auto; font: 13px system-ui, sans-serif; }
svg .chart-title { font-weight: 600; }
svg .chart-axis { fill: #555; }
hr { border: 0; border-top: 1px solid #ccc; margin: 2rem 0 1rem; }
a { color: #3b3394; }
@media print {
  @page { margin: 16mm 14mm; }
  body { font-size: 11pt; }
  main { max-width: none; padding: 0; }
  h1, h2, h3, h4 { break-after: avoid; }
  table, figure, blockquote, li { break-inside: avoid; }
  a[href^="http"]::after { content: " (" attr(href) ")"; font-size: .85em; color: #555; }
}
`
