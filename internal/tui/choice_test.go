package tui

import (
	"fmt"
	"io"
	"regexp"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/huh"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
	"github.com/muesli/termenv"
)

func goalChoice(value *string, width, height int) *choice {
	q, _ := def.Question("goal")
	var opts []huh.Option[string]
	for _, o := range q.Options {
		opts = append(opts, huh.NewOption(o.Label, o.ID))
	}
	c := newChoice(NewStyles(plainRenderer()).Form, q.ID, q.Prompt, q.Help, value, opts...)
	c.WithWidth(width)
	c.setHeight(height)
	c.Focus()
	return c
}

func press(c *choice, k tea.KeyType) tea.Cmd {
	_, cmd := c.Update(tea.KeyMsg{Type: k})
	return cmd
}

// With room for every option, the field looks exactly as huh's Select does.
func TestChoiceLooksLikeHuhSelect(t *testing.T) {
	var a, b string
	theme := NewStyles(plainRenderer()).Form
	c := goalChoice(&a, 60, 0)
	press(c, tea.KeyDown)
	q, _ := def.Question("goal")
	var opts []huh.Option[string]
	for _, o := range q.Options {
		opts = append(opts, huh.NewOption(o.Label, o.ID))
	}
	s := huh.NewSelect[string]().Title(q.Prompt).Description(q.Help).Options(opts...).Value(&b)
	s.WithTheme(theme).WithKeyMap(huh.NewDefaultKeyMap()).WithWidth(60)
	s.Focus()
	s.Update(tea.KeyMsg{Type: tea.KeyDown})
	if got, want := c.View(), s.View(); got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
	if a != b || a != q.Options[1].ID {
		t.Errorf("values %q and %q, want %q", a, b, q.Options[1].ID)
	}
}

// Short of room, the options scroll: every step down to the last option and back up keeps
// the cursor in sight, fills the window, and counts the options out of sight.
func TestChoiceScrolls(t *testing.T) {
	var v string
	const rows = 8
	c := goalChoice(&v, 60, 0)
	header := strings.Count(c.View(), "\n") + 1 - len(c.options)
	c.setHeight(header + rows)
	n := len(c.options)
	more := regexp.MustCompile(`([↑↓]) (\d+) more`)
	check := func(step string) {
		t.Helper()
		lines := strings.Split(ansi.Strip(c.View()), "\n")
		if len(lines) != header+rows {
			t.Fatalf("%s: %d lines, want %d:\n%s", step, len(lines), header+rows, strings.Join(lines, "\n"))
		}
		shown, counted, marks := 0, 0, 0
		for _, l := range lines[header:] {
			if m := more.FindStringSubmatch(l); m != nil {
				var k int
				fmt.Sscan(m[2], &k)
				counted += k
				marks++
				continue
			}
			if strings.TrimSpace(strings.TrimLeft(l, "┃ ")) != "" {
				shown++
			}
		}
		// A line for what is out of sight, where something is; every other row an option.
		if shown != rows-marks || shown+counted != n {
			t.Fatalf("%s: %d options shown and %d counted out of sight, of %d:\n%s", step, shown, counted, n, strings.Join(lines, "\n"))
		}
		if label := c.options[c.cursor].Key; !strings.Contains(strings.Join(lines, "\n"), "> "+label) {
			t.Fatalf("%s: the cursor's option %q is out of sight:\n%s", step, label, strings.Join(lines, "\n"))
		}
	}
	check("start")
	for i := 1; i < n; i++ {
		press(c, tea.KeyDown)
		check(fmt.Sprintf("down %d", i))
	}
	if v != c.options[n-1].Value {
		t.Errorf("value %q at the last option", v)
	}
	for i := 1; i < n; i++ {
		press(c, tea.KeyUp)
		check(fmt.Sprintf("up %d", i))
	}
	press(c, tea.KeyUp) // past the top, round to the bottom, as huh's Select does
	check("round")
	if c.cursor != n-1 {
		t.Errorf("cursor %d after going up from the top", c.cursor)
	}
}

// An answer chosen before, far down the list, is in sight when the question opens again.
func TestChoiceOpensOnItsValue(t *testing.T) {
	v := "perspective"
	c := goalChoice(&v, 60, 10)
	if view := ansi.Strip(c.View()); !strings.Contains(view, "> See through junior colleagues' eyes") || !strings.Contains(view, "↑") {
		t.Errorf("view:\n%s", view)
	}
}

// The form's theme is huh's Charm theme, drawn for the session's terminal: the same bytes
// as huh's own where both draw for the same terminal, and colours that follow the
// terminal's own background where it is not the process's.
func TestFormThemeIsCharmsForTheTerminal(t *testing.T) {
	selectWith := func(theme *huh.Theme) string {
		var v string
		s := huh.NewSelect[string]().Title("Goal").Description("Why").Value(&v).
			Options(huh.NewOption("One", "1"), huh.NewOption("Two", "2"))
		s.WithTheme(theme).WithWidth(40)
		s.Focus()
		return s.View()
	}
	std := lipgloss.DefaultRenderer()
	profile, dark := std.ColorProfile(), std.HasDarkBackground()
	defer func() { std.SetColorProfile(profile); std.SetHasDarkBackground(dark) }()
	std.SetColorProfile(termenv.TrueColor)
	std.SetHasDarkBackground(true)
	if got, want := selectWith(formTheme(std)), selectWith(huh.ThemeCharm()); got != want {
		t.Fatalf("not huh's Charm theme:\n%q\n%q", got, want)
	}

	light := lipgloss.NewRenderer(io.Discard)
	light.SetColorProfile(termenv.TrueColor)
	light.SetHasDarkBackground(false)
	got := selectWith(formTheme(light))
	if got == selectWith(huh.ThemeCharm()) || !strings.Contains(got, "\x1b[38;2;") {
		t.Fatalf("the theme does not draw for its own terminal:\n%q", got)
	}
}
