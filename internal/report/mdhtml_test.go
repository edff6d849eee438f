package report

import (
	"bytes"
	"encoding/json"
	"math/rand/v2"
	"regexp"
	"strings"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/renderer"
	gmhtml "github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/util"

	"github.com/coachmentor/coachmentor/internal/engine"
	"github.com/coachmentor/coachmentor/questions"
)

// goldmark, a general CommonMark converter with GitHub's tables, as the reference for
// what this package's Markdown means; charts are drawn the same way by both.
var reference = goldmark.New(
	goldmark.WithExtensions(extension.Table),
	goldmark.WithRendererOptions(renderer.WithNodeRenderers(util.Prioritized(referenceFence{}, 100))),
)

type referenceFence struct{}

func (referenceFence) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindFencedCodeBlock, func(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		f := n.(*ast.FencedCodeBlock)
		var text bytes.Buffer
		for i := 0; i < f.Lines().Len(); i++ {
			seg := f.Lines().At(i)
			text.Write(seg.Value(src))
		}
		var c Chart
		if string(f.Language(src)) == chartFence && json.Unmarshal(text.Bytes(), &c) == nil {
			w.WriteString("<figure>" + c.SVG() + "</figure>\n")
		} else {
			w.WriteString("<pre><code>")
			gmhtml.DefaultWriter.Write(w, text.Bytes())
			w.WriteString("</code></pre>\n")
		}
		return ast.WalkSkipChildren, nil
	})
}

var betweenTags = regexp.MustCompile(`>\s+<`)

func sameHTML(t *testing.T, what string, md []byte) {
	t.Helper()
	var got, want bytes.Buffer
	if err := MarkdownHTML(&got, md); err != nil {
		t.Fatal(err)
	}
	if err := reference.Convert(md, &want); err != nil {
		t.Fatal(err)
	}
	g, w := betweenTags.ReplaceAllString(strings.TrimSpace(got.String()), "><"), betweenTags.ReplaceAllString(strings.TrimSpace(want.String()), "><")
	if g != w {
		for i := 0; i < len(g) && i < len(w); i++ {
			if g[i] != w[i] {
				t.Fatalf("%s: differs at %d:\n got …%s\nwant …%s", what, i, g[max(0, i-80):min(len(g), i+80)], w[max(0, i-80):min(len(w), i+80)])
			}
		}
		t.Fatalf("%s: differs in length: %d, %d", what, len(g), len(w))
	}
}

// Every kind of report, for random answers and hostile names, converts as a general
// converter converts it.
func TestMarkdownHTMLAgreesWithGoldmark(t *testing.T) {
	b := questions.Default()
	s := engine.New(b)
	rng := rand.New(rand.NewPCG(3, 4))
	names := []string{"Ann", `Bo <b>Ray</b> & "co" | x *y* _z_ [l](u) \ ` + "`c`", "# not a heading", "- not a list", "1. not a list", "> not a quote", "&amp; &#38;"}
	for i := range 300 {
		sel := make(engine.Selection, len(b.Questions))
		for qi, q := range b.Questions {
			if k := rng.IntN(len(q.Options) + 3); k < len(q.Options) {
				sel[qi] = q.Options[k]
			}
		}
		r := s.Evaluate(sel)
		name := names[i%len(names)]
		var md bytes.Buffer
		if err := Markdown(&md, b, r, Options{For: name, Date: "2026-11-29"}); err != nil {
			t.Fatal(err)
		}
		sameHTML(t, "report", md.Bytes())
		md.Reset()
		MarkdownBrief(&md, b, r, name)
		sameHTML(t, "brief", md.Bytes())
	}
}

// The constructs the team report and the index use besides.
func TestMarkdownHTMLTables(t *testing.T) {
	md := "# Team\n\n3 respondents. Question bank 2.0.0, hash `abc`.\n\n" +
		"| Type | Family | Respondents | Share |\n| --- | --- | ---: | ---: |\n| A \\| B | coaching | 1 | 50% |\n| [Ann](<a b.md>) | x | 2 | 1% |\n\n" +
		"- e3 (line 4): unknown answer \"x\" for scope\n- … and 2 more\n\n" +
		"1. one\n2. two\n\n> a note\n\n---\n\nSources: <https://example.org/a?b=c&d>.\n"
	sameHTML(t, "tables", []byte(md))
}
