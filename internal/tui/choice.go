package tui

import (
	"fmt"
	"io"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/huh"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/cellbuf"
)

// choice is a single-choice field for a huh form that looks like huh's Select but scrolls
// its options within the height the model gives it, with the title and description always
// in view and a line saying how many options are above or below. huh v1's Select, when
// short of room, puts the cursor's option at the top of its window whatever is below it,
// so near the end of a list most of the window is blank and the options above are out of
// sight. The model sets the height (setHeight): the form's own sizing is ignored, since it
// only ever shrinks a field.
type choice struct {
	key, title, description string
	options                 []huh.Option[string]
	value                   *string

	cursor int
	top    int // the first option line shown when the options scroll
	width  int
	height int // the most lines the field may take; 0 for as many as it needs

	focused bool
	theme   *huh.Theme
	keymap  huh.SelectKeyMap
	// numbered shows a key before each option (1 to 9, then letters), which picks it.
	numbered bool
	// folded shows only the first line of the description, for a short window.
	folded bool
}

// newChoice makes a field drawn with theme whose cursor starts on the current value, or,
// with none, on the first option, which is then the value.
func newChoice(theme *huh.Theme, key, title, description string, value *string, options ...huh.Option[string]) *choice {
	c := newBlankChoice(theme, key, title, description, value, options...)
	if c.cursor < 0 && len(options) > 0 {
		c.move(0)
	}
	return c
}

// newBlankChoice is newChoice without a default: with no current value, nothing is chosen
// until a key moves the cursor (down to the first option, up to the last), so that no
// option is picked for the person by where it stands in the list.
func newBlankChoice(theme *huh.Theme, key, title, description string, value *string, options ...huh.Option[string]) *choice {
	c := &choice{key: key, title: title, description: description, options: options, value: value, cursor: -1,
		theme: theme, keymap: huh.NewDefaultKeyMap().Select}
	for i, o := range options {
		if o.Value == *value {
			c.cursor = i
		}
	}
	if c.cursor < 0 {
		*value = ""
	}
	return c
}

// setHeight sets the most lines the field may take.
func (c *choice) setHeight(h int) { c.height = h }

func (c *choice) move(to int) {
	if n := len(c.options); n > 0 {
		c.cursor = (to%n + n) % n // past either end, round to the other
		*c.value = c.options[c.cursor].Value
	}
}

// chosen reports whether an option is under the cursor.
func (c *choice) chosen() bool { return c.cursor >= 0 }

func (c *choice) Init() tea.Cmd { return nil }

func (c *choice) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	k, ok := msg.(tea.KeyMsg)
	if !ok {
		return c, nil
	}
	half := max(1, c.optionRows(len(c.header()))/2)
	if i, ok := optionIndex(k); ok && c.numbered {
		if i < len(c.options) {
			c.move(i)
		}
		return c, nil
	}
	switch km := c.keymap; {
	case key.Matches(k, km.Up, km.Left):
		if !c.chosen() {
			c.move(len(c.options) - 1)
			break
		}
		c.move(c.cursor - 1)
	case key.Matches(k, km.Down, km.Right):
		c.move(c.cursor + 1) // from nothing chosen, the first option
	case key.Matches(k, km.GotoTop):
		c.move(0)
	case key.Matches(k, km.GotoBottom):
		c.move(len(c.options) - 1)
	case key.Matches(k, km.HalfPageUp):
		c.move(max(0, c.cursor-half))
	case key.Matches(k, km.HalfPageDown):
		c.move(min(len(c.options)-1, c.cursor+half))
	case key.Matches(k, km.Prev):
		return c, huh.PrevField
	case key.Matches(k, km.Next, km.Submit):
		return c, huh.NextField
	}
	return c, nil
}

// optionKeys are the keys that pick the options of a numbered list, in order: 1 to 9 and 0,
// then letters that no key of a question page uses (not g, h, j, k or l), so that every
// answer of the longest list a bank may have has a key of its own.
const optionKeys = "1234567890abcdefimnopqrstuvwxyz"

// optionIndex is the option a key picks, if it is one of optionKeys.
func optionIndex(k tea.KeyMsg) (int, bool) {
	if k.Type != tea.KeyRunes || len(k.Runes) != 1 || k.Alt {
		return 0, false
	}
	i := strings.IndexRune(optionKeys, k.Runes[0])
	return i, i >= 0
}

func (c *choice) styles() *huh.FieldStyles {
	if c.focused {
		return &c.theme.Focused
	}
	return &c.theme.Blurred
}

// wrap breaks text to width w as huh's fields do.
func wrap(s string, w int) string { return cellbuf.Wrap(s, w, ",.-; ") }

// header is the title and description.
func (c *choice) header() []string {
	st := c.styles()
	w := c.width - st.Base.GetHorizontalFrameSize()
	var lines []string
	if c.title != "" {
		lines = append(lines, strings.Split(st.Title.Render(wrap(c.title, w)), "\n")...)
	}
	if c.description != "" {
		desc := strings.Split(wrap(c.description, w), "\n")
		if c.folded && len(desc) > 1 {
			desc = []string{ansi.Truncate(strings.Join(desc, " "), max(1, w-len(foldMark)), "…") + foldMark}
		}
		lines = append(lines, strings.Split(st.Description.Render(strings.Join(desc, "\n")), "\n")...)
	}
	return lines
}

// foldMark ends a folded description: the key that shows the rest.
const foldMark = " (h: more)"

// headerLines is how many lines the title and description take, folded or not.
func (c *choice) headerLines(folded bool) int {
	was := c.folded
	c.folded = folded
	defer func() { c.folded = was }()
	return len(c.header())
}

// optionCount is how many lines the options take in full.
func (c *choice) optionCount() int {
	lines, _ := c.optionLines()
	return len(lines)
}

// optionLines renders every option, a long one over several lines; option i takes lines
// starts[i] to starts[i+1].
func (c *choice) optionLines() (lines []string, starts []int) {
	st := c.styles()
	cursor := st.SelectSelector.String()
	w := c.width - st.Base.GetHorizontalFrameSize() - lipgloss.Width(cursor)
	for i, o := range c.options {
		key := o.Key
		if c.numbered {
			switch {
			case i < len(optionKeys):
				key = fmt.Sprintf("%c. %s", optionKeys[i], key)
			default:
				key = "   " + key
			}
		}
		label := wrap(key, w)
		var s string
		if i == c.cursor {
			s = lipgloss.JoinHorizontal(lipgloss.Left, cursor, st.SelectedOption.Render(label))
		} else {
			s = lipgloss.JoinHorizontal(lipgloss.Left, strings.Repeat(" ", lipgloss.Width(cursor)), st.UnselectedOption.Render(label))
		}
		starts = append(starts, len(lines))
		lines = append(lines, strings.Split(s, "\n")...)
	}
	return lines, append(starts, len(lines))
}

// optionRows is how many lines the options may take below a header of head lines.
func (c *choice) optionRows(head int) int {
	if c.height <= 0 {
		return 1 << 30
	}
	return max(1, c.height-head)
}

func (c *choice) View() string {
	head := c.header()
	lines, starts := c.optionLines()
	if rows := c.optionRows(len(head)); len(lines) > rows {
		lines = c.window(lines, starts, rows)
	}
	return c.styles().Base.Width(c.width).Render(strings.Join(append(head, lines...), "\n"))
}

// window is rows lines of the options around the cursor's, moving the view no more than it
// must from where it was, with a line saying how many options are out of sight above and
// one saying how many below. At either end of the list that line is not needed, and an
// option has its row; with three rows or fewer there is no room for such lines.
func (c *choice) window(lines []string, starts []int, rows int) []string {
	cur := max(0, c.cursor) // with nothing chosen, the view starts at the top
	from, to := starts[cur], starts[cur+1]
	if rows <= 3 {
		c.top = max(0, min(max(min(c.top, from), to-rows), len(lines)-rows))
		return lines[c.top : c.top+rows]
	}
	view := rows - 2
	c.top = max(min(c.top, from), to-view)
	c.top = max(0, min(c.top, len(lines)-view))
	markAbove, markBelow := true, true
	switch {
	case c.top == 0: // nothing above: the row is an option's
		view, markAbove = rows-1, false
	case c.top+view >= len(lines): // nothing below
		view, markBelow = rows-1, false
		c.top = len(lines) - view
	}
	var above, below int
	for i := range c.options {
		switch {
		case starts[i] < c.top:
			above++
		case starts[i+1] > c.top+view:
			below++
		}
	}
	hint := c.theme.Focused.Description
	out := make([]string, 0, rows)
	if markAbove {
		out = append(out, hint.Render(more(above, "↑")))
	}
	out = append(out, lines[c.top:c.top+view]...)
	if markBelow {
		out = append(out, hint.Render(more(below, "↓")))
	}
	return out
}

func more(n int, arrow string) string {
	if n == 0 {
		return ""
	}
	return fmt.Sprintf("  %s %d more", arrow, n)
}

func (c *choice) Focus() tea.Cmd { c.focused = true; return nil }
func (c *choice) Blur() tea.Cmd  { c.focused = false; return nil }
func (c *choice) Error() error   { return nil }
func (c *choice) Skip() bool     { return false }
func (c *choice) Zoom() bool     { return false }

func (c *choice) KeyBinds() []key.Binding {
	return []key.Binding{c.keymap.Up, c.keymap.Down, c.keymap.Next, c.keymap.Prev}
}

// Run and RunAccessible are huh's Select's: the questionnaire's accessible mode asks its
// own questions, so these serve only to satisfy huh.Field.
func (c *choice) Run() error { return c.plain().Run() }
func (c *choice) RunAccessible(w io.Writer, r io.Reader) error {
	return c.plain().RunAccessible(w, r)
}

func (c *choice) plain() *huh.Select[string] {
	return huh.NewSelect[string]().Key(c.key).Title(c.title).Description(c.description).Options(c.options...).Value(c.value)
}

func (c *choice) WithTheme(t *huh.Theme) huh.Field {
	if t != nil {
		c.theme = t
	}
	return c
}

func (c *choice) WithKeyMap(k *huh.KeyMap) huh.Field {
	c.keymap = k.Select
	return c
}

func (c *choice) WithWidth(w int) huh.Field                { c.width = w; return c }
func (c *choice) WithHeight(int) huh.Field                 { return c } // see setHeight
func (c *choice) WithPosition(huh.FieldPosition) huh.Field { return c }
func (c *choice) WithAccessible(bool) huh.Field            { return c }
func (c *choice) GetKey() string                           { return c.key }
func (c *choice) GetValue() any                            { return *c.value }
