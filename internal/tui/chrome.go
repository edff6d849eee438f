package tui

import (
	"slices"
	"strings"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
)

// The header and the help line frame every screen.

// maxBarWidth is the widest the header's progress bar gets.
const maxBarWidth = 30

// header draws "coachmentor · for Sam" on the left and, on the right, the screen's label
// with a progress bar when done is from 0 to 1. The bar gives up room before the name.
func header(st Styles, width int, who, label string, done float64) string {
	left := st.Brand.Render("coachmentor")
	if who != "" {
		left += st.Faint.Render(" · for " + who)
	}
	right := st.Faint.Render(label)
	if done >= 0 {
		cells := max(6, min(maxBarWidth, width-lipgloss.Width(left)-2-len(label)-2))
		right = label + "  " + progressBar(st, cells, done)
	}
	if lipgloss.Width(left)+1+lipgloss.Width(right) > width {
		left = ansi.Truncate(left, max(0, width-1-lipgloss.Width(right)), "…")
	}
	gap := max(1, width-lipgloss.Width(left)-lipgloss.Width(right))
	return left + strings.Repeat(" ", gap) + right
}

// progressBar draws done (0 to 1) in cells, in the screen's own styles, so that it has no
// colour where the terminal has none.
func progressBar(st Styles, cells int, done float64) string {
	filled := min(cells, max(0, int(done*float64(cells)+0.5)))
	return st.Bar.Render(strings.Repeat("█", filled)) + st.Track.Render(strings.Repeat("░", cells-filled))
}

// helpView draws a screen's keys in width: the short line, or with all set every key in
// columns. The short line leaves out keys in the order of drop until it fits.
func helpView(h help.Model, b bindings, width int, all bool, drop []key.Binding) string {
	h.Width = width
	h.ShowAll = all
	if all {
		b.full = fitFullHelp(h, b.full, width)
	} else {
		b.short = fitShortHelp(h, b.short, width, drop)
	}
	return h.View(b)
}

// fitFullHelp stacks the last column of keys under the one before it until the columns
// fit side by side, so that a narrow window shows every key rather than cutting columns
// off.
func fitFullHelp(h help.Model, groups [][]key.Binding, width int) [][]key.Binding {
	h.Width = 0 // the whole view, uncut
	for len(groups) > 1 && lipgloss.Width(h.FullHelpView(groups)) > width {
		n := len(groups)
		merged := append(slices.Clone(groups[n-2]), groups[n-1]...)
		groups = append(slices.Clone(groups[:n-2]), merged)
	}
	return groups
}

// fitShortHelp leaves keys out of the short help line, in the order of drop, until it fits:
// moving about goes first, quit, save and the key for every other key last. (The help
// model's own cutting drops from the end, "?" first.)
func fitShortHelp(h help.Model, keys []key.Binding, width int, drop []key.Binding) []key.Binding {
	h.Width = 0 // the whole line, uncut
	keys = slices.Clone(keys)
	for _, d := range drop {
		if len(keys) <= 1 || lipgloss.Width(h.ShortHelpView(keys)) <= width {
			break
		}
		keys = slices.DeleteFunc(keys, func(k key.Binding) bool { return sameKey(k, d) })
	}
	for len(keys) > 1 && lipgloss.Width(h.ShortHelpView(keys)) > width {
		keys = keys[:len(keys)-1]
	}
	return keys
}

// newHelp is the help model in the screen's styles.
func newHelp(st Styles) help.Model {
	h := help.New()
	h.Styles.ShortKey = st.Faint.Bold(true)
	h.Styles.ShortDesc = st.Faint
	h.Styles.ShortSeparator = st.Faint
	h.Styles.FullKey = st.Faint.Bold(true)
	h.Styles.FullDesc = st.Faint
	h.Styles.FullSeparator = st.Faint
	h.Styles.Ellipsis = st.Faint
	return h
}
