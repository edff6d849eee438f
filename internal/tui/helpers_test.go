package tui

import (
	"io"
	"os"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"

	"github.com/coachmentor/coachmentor/internal/safefile"
	"github.com/coachmentor/coachmentor/questions"
)

var (
	def      = questions.Default()
	fixedNow = func() time.Time { return time.Date(2026, 11, 22, 9, 30, 0, 0, time.UTC) }
)

// plainRenderer draws without colour, as golden views are compared; the terminal is never
// asked anything.
func plainRenderer() *lipgloss.Renderer {
	r := lipgloss.NewRenderer(io.Discard)
	r.SetColorProfile(termenv.Ascii)
	r.SetHasDarkBackground(true)
	return r
}

// kept records what the questionnaire asked its keeper to do.
type kept struct {
	mu      sync.Mutex
	last    Progress
	calls   int
	forgot  int
	answers map[string]string
}

func (k *kept) keep(p Progress) error {
	k.mu.Lock()
	defer k.mu.Unlock()
	k.calls++
	if p.Seq > k.last.Seq {
		k.last, k.answers = p, p.Answers
	}
	return nil
}

func (k *kept) forget() error {
	k.mu.Lock()
	defer k.mu.Unlock()
	k.forgot++
	k.answers = nil
	return nil
}

func testConfig(t testing.TB) Config {
	return Config{
		Bank: def, Renderer: plainRenderer(),
		Files: Files{
			Dir: t.TempDir(), Home: t.TempDir(), Now: fixedNow,
			Save:   safefile.Write,
			Exists: func(p string) bool { _, err := os.Stat(p); return err == nil },
		},
	}
}

// driver feeds messages to the model and runs every command they return to completion, in
// order, as the bubbletea runtime would, however long each takes: nothing depends on how
// fast the machine is.
type driver struct {
	t    testing.TB
	m    *Model
	u    tea.Model // what is driven: the questionnaire, or the team screen
	quit bool
}

func newDriver(t testing.TB, cfg Config, w, h int) *driver {
	d := &driver{t: t, m: New(cfg)}
	d.u = d.m
	d.run(d.m.Init())
	d.send(tea.WindowSizeMsg{Width: w, Height: h})
	return d
}

func (d *driver) send(msg tea.Msg) *driver {
	d.t.Helper()
	_, cmd := d.u.Update(msg)
	d.run(cmd)
	return d
}

func (d *driver) keys(keys ...string) *driver {
	d.t.Helper()
	for _, k := range keys {
		d.send(keyMsg(k))
	}
	return d
}

func keyMsg(k string) tea.KeyMsg {
	types := map[string]tea.KeyType{
		"enter": tea.KeyEnter, "down": tea.KeyDown, "up": tea.KeyUp, "shift+tab": tea.KeyShiftTab,
		"esc": tea.KeyEsc, "ctrl+c": tea.KeyCtrlC, "pgdown": tea.KeyPgDown, "home": tea.KeyHome,
		"end": tea.KeyEnd, "space": tea.KeySpace, "backspace": tea.KeyBackspace,
	}
	if t, ok := types[k]; ok {
		return tea.KeyMsg{Type: t}
	}
	return tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(k)}
}

func (d *driver) run(cmd tea.Cmd) {
	queue := []tea.Cmd{cmd}
	for steps := 0; len(queue) > 0; steps++ {
		if steps > 10000 {
			d.t.Fatal("commands do not settle")
		}
		c := queue[0]
		queue = queue[1:]
		if c == nil {
			continue
		}
		switch msg := c().(type) {
		case nil:
		case tea.QuitMsg:
			d.quit = true
		case tea.BatchMsg:
			queue = append(queue, msg...)
		default:
			if rv := reflect.ValueOf(msg); rv.Kind() == reflect.Slice && rv.Type().Elem() == reflect.TypeOf(tea.Cmd(nil)) {
				// tea.Sequence: run in order, before anything queued after it.
				seq := make([]tea.Cmd, rv.Len())
				for i := range seq {
					seq[i] = rv.Index(i).Interface().(tea.Cmd)
				}
				queue = append(seq, queue...)
				continue
			}
			_, next := d.u.Update(msg)
			queue = append(queue, next)
		}
	}
}

// view is the screen without trailing spaces, for golden files.
func (d *driver) view() string {
	lines := strings.Split(d.u.View(), "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRight(l, " ")
	}
	return strings.Join(lines, "\n")
}

// throughToResults presses Enter on every screen.
func (d *driver) throughToResults() *driver {
	d.t.Helper()
	for range len(def.Questions) + 2 {
		d.keys("enter")
	}
	if d.m.screen != screenResults {
		d.t.Fatalf("Enter on every screen did not reach the results; on screen %d", d.m.screen)
	}
	return d
}

// answer answers the open question with option index i (len(options) for Not sure), by
// its number key or, past nine, by moving the cursor up from nothing chosen.
func (d *driver) answer(i int) *driver {
	d.t.Helper()
	q := d.m.page.(*question).q
	if i < 9 {
		return d.keys(string(rune('1'+i)), "enter")
	}
	d.keys("up") // to Not sure, the last
	for range len(q.Options) - i {
		d.keys("up")
	}
	return d.keys("enter")
}

// screenShows checks that the screen shows each of want, which may be wrapped over lines.
func (d *driver) screenShows(want ...string) {
	d.t.Helper()
	v := d.view()
	flat := strings.Join(strings.Fields(strings.ReplaceAll(v, "┃", " ")), " ")
	for _, w := range want {
		if !strings.Contains(v, w) && !strings.Contains(flat, w) {
			d.t.Fatalf("the screen lacks %q:\n%s", w, v)
		}
	}
}

func (d *driver) screenLacks(not ...string) {
	d.t.Helper()
	v := d.view()
	for _, w := range not {
		if strings.Contains(v, w) {
			d.t.Fatalf("the screen shows %q:\n%s", w, v)
		}
	}
}

func sizeMsg(w, h int) tea.WindowSizeMsg { return tea.WindowSizeMsg{Width: w, Height: h} }
