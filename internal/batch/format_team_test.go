package batch

import (
	"regexp"
	"strings"
	"testing"

	"github.com/coachmentor/coachmentor/internal/format"
)

// Every label of a chart is escaped for what reads it: in Mermaid, a group, a name or a
// kept column cannot close a title's quotes, an axis's list or the code block; in SVG it
// stays text.
func TestChartLabelsAreEscaped(t *testing.T) {
	hostile := `Sales"] x-axis ["pwn"]` + "`" + `; #quot; <b>%%{init}%%`
	csvCell := `"` + strings.ReplaceAll(hostile, `"`, `""`) + `"`
	input := "id,dept,scope,duration,goal,success\n" +
		"e1," + csvCell + ",specific-skills,weeks,performance,metrics\n" +
		"e2," + csvCell + ",broad-development,years,growth,growth\n"
	opts := Options{Format: format.Markdown, Columns: Columns{Group: "dept"}}
	md, _, _, err := run(t, input, opts)
	if err != nil {
		t.Fatal(err)
	}
	blocks := regexp.MustCompile("(?s)```mermaid\n(.*?)```").FindAllStringSubmatch(md, -1)
	if len(blocks) == 0 {
		t.Fatal("no charts")
	}
	for _, b := range blocks {
		for _, line := range strings.Split(strings.TrimSpace(b[1]), "\n") {
			line = strings.TrimSpace(line)
			if strings.Count(line, `"`)%2 != 0 || strings.ContainsAny(strings.Replace(line, " --> ", " ", 1), "`<>#;%") {
				t.Errorf("a chart line a label broke: %s", line)
			}
			if strings.HasPrefix(line, "x-axis [") && strings.Count(line, "[") != 1 {
				t.Errorf("an axis a label broke: %s", line)
			}
			if strings.HasPrefix(line, "title") && strings.Count(line, `"`) > 2 {
				t.Errorf("a title a label broke: %s", line)
			}
		}
	}
	opts.Format = format.HTML
	page, _, _, err := run(t, input, opts)
	if err != nil {
		t.Fatal(err)
	}
	for _, svg := range regexp.MustCompile(`(?s)<svg.*?</svg>`).FindAllString(page, -1) {
		if strings.Contains(svg, "<b>") || !strings.Contains(svg, "&lt;b&gt;") && strings.Contains(svg, "Sales") {
			t.Errorf("a label became markup in SVG: %.300s", svg)
		}
	}
}
