package report

import (
	"encoding/json"
	"fmt"
	"math"
	"strings"
)

// Chart is one of a report's charts, drawn as Mermaid in Markdown and as SVG in HTML from
// the same data: a pie of shares, or horizontal bars.
type Chart struct {
	Title  string    `json:"title"`
	Pie    bool      `json:"pie,omitempty"`
	Labels []string  `json:"labels"`
	Values []float64 `json:"values"`
	// Axis names what bars count, e.g. "Points"; Max is where their axis ends.
	Axis string  `json:"axis,omitempty"`
	Max  float64 `json:"max,omitempty"`
	// Families, if given, colour each part by what it stands for, as the questionnaire
	// does: coaching, mentoring, blend or undecided.
	Families []string `json:"families,omitempty"`
}

// chartFence is the fenced block's language that carries a chart's data from the Markdown
// an HTML report is made from to the SVG drawn in its place.
const chartFence = "coachmentor-chart"

// Fence is the chart as a fenced block: Mermaid, which GitHub, GitLab and many editors
// draw and which reads as a plain list elsewhere, or, for HTML, the chart's data.
func (c Chart) Fence(forHTML bool) string {
	if forHTML {
		data, _ := json.Marshal(c) // plain data: cannot fail
		return "```" + chartFence + "\n" + string(data) + "\n```\n"
	}
	var b strings.Builder
	b.WriteString("```mermaid\n")
	if c.Pie {
		fmt.Fprintf(&b, "pie showData title %s\n", MermaidLabel(c.Title))
		for i, l := range c.Labels {
			fmt.Fprintf(&b, "    \"%s\" : %s\n", MermaidLabel(l), Num(c.Values[i]))
		}
	} else {
		names, values := make([]string, len(c.Labels)), make([]string, len(c.Values))
		for i, l := range c.Labels {
			names[i] = `"` + MermaidLabel(l) + `"`
			values[i] = Num(c.Values[i])
		}
		fmt.Fprintf(&b, "xychart-beta horizontal\n    title \"%s\"\n", MermaidLabel(c.Title))
		fmt.Fprintf(&b, "    x-axis [%s]\n    y-axis \"%s\" 0 --> %s\n    bar [%s]\n", strings.Join(names, ", "), MermaidLabel(c.Axis), Num(c.Max), strings.Join(values, ", "))
	}
	b.WriteString("```\n")
	return b.String()
}

// chartColours are the fills of a chart's parts: coaching's and mentoring's colours first,
// as the questionnaire shows them, then others that print apart in grey.
var chartColours = []string{"#007A87", "#A3367A", "#5A4FCF", "#8A8A8A", "#C98A1B", "#2E7D32", "#B23A48", "#3A6EA5", "#6D597A", "#4F772D"}

// SVG draws the chart, labels and values included, with no script and nothing to load.
func (c Chart) SVG() string {
	var b strings.Builder
	if c.Pie {
		c.pie(&b)
	} else {
		c.bars(&b)
	}
	return b.String()
}

func (c Chart) pie(b *strings.Builder) {
	total := 0.0
	for _, v := range c.Values {
		total += max(0, v)
	}
	const r, cx, cy = 70.0, 80.0, 90.0
	height := max(180, 40+24*len(c.Labels))
	fmt.Fprintf(b, `<svg class="chart" role="img" aria-label="%s" viewBox="0 0 480 %d" width="480" height="%d">`, esc(c.Title), height, height)
	fmt.Fprintf(b, `<title>%s</title><text x="0" y="14" class="chart-title">%s</text>`, esc(c.Title), esc(c.Title))
	angle := -math.Pi / 2
	for i, v := range c.Values {
		if v <= 0 || total == 0 {
			continue
		}
		colour := c.colour(i)
		if v == total { // a whole circle: an arc cannot go all the way round
			fmt.Fprintf(b, `<circle cx="%g" cy="%g" r="%g" fill="%s"/>`, cx, cy, r, colour)
			continue
		}
		end := angle + 2*math.Pi*v/total
		large := 0
		if end-angle > math.Pi {
			large = 1
		}
		fmt.Fprintf(b, `<path d="M%g,%g L%.2f,%.2f A%g,%g 0 %d 1 %.2f,%.2f Z" fill="%s"/>`,
			cx, cy, cx+r*math.Cos(angle), cy+r*math.Sin(angle), r, r, large, cx+r*math.Cos(end), cy+r*math.Sin(end), colour)
		angle = end
	}
	for i, l := range c.Labels {
		y := 50 + 24*i
		fmt.Fprintf(b, `<rect x="180" y="%d" width="14" height="14" fill="%s"/>`, y-12, c.colour(i))
		fmt.Fprintf(b, `<text x="202" y="%d">%s: %s (%s%%)</text>`, y, esc(l), Num(c.Values[i]), share(c.Values[i], total))
	}
	b.WriteString(`</svg>`)
}

func (c Chart) bars(b *strings.Builder) {
	const labelW, barW, rowH = 210, 230, 26
	height := 40 + rowH*len(c.Labels)
	fmt.Fprintf(b, `<svg class="chart" role="img" aria-label="%s" viewBox="0 0 %d %d" width="%d" height="%d">`,
		esc(c.Title), labelW+barW+60, height, labelW+barW+60, height)
	fmt.Fprintf(b, `<title>%s</title><text x="0" y="14" class="chart-title">%s</text>`, esc(c.Title), esc(c.Title))
	for i, l := range c.Labels {
		y := 30 + rowH*i
		w := 0.0
		if c.Max > 0 {
			w = barW * max(0, c.Values[i]) / c.Max
		}
		fmt.Fprintf(b, `<text x="%d" y="%d" text-anchor="end">%s</text>`, labelW-8, y+15, esc(l))
		fmt.Fprintf(b, `<rect x="%d" y="%d" width="%.1f" height="18" fill="%s"/>`, labelW, y+2, w, c.colour(i))
		fmt.Fprintf(b, `<text x="%.1f" y="%d">%s</text>`, float64(labelW)+w+6, y+15, Num(c.Values[i]))
	}
	fmt.Fprintf(b, `<text x="%d" y="%d" class="chart-axis">%s</text></svg>`, labelW, height-2, esc(c.Axis))
}

// colour is part i's fill: its family's colour where it has one, else the next colour
// for a pie and one colour for all bars.
func (c Chart) colour(i int) string {
	if i < len(c.Families) {
		switch c.Families[i] {
		case "coaching":
			return chartColours[0]
		case "mentoring":
			return chartColours[1]
		case "blend":
			return chartColours[2]
		case "undecided":
			return chartColours[3]
		}
	}
	if c.Pie {
		return chartColours[i%len(chartColours)]
	}
	return chartColours[2]
}

// share is v's part of total in percent, as reports write it.
func share(v, total float64) string {
	if total == 0 {
		return "0"
	}
	return Num(100 * v / total)
}
