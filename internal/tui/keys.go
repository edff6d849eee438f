package tui

import (
	"slices"
	"strings"

	"github.com/charmbracelet/bubbles/key"
)

// KeyMap holds every key the questionnaire answers to. Each screen lists the ones that
// apply to it in its help line.
type KeyMap struct {
	Up       key.Binding
	Down     key.Binding
	Pick     key.Binding // 1 to 9, 0, then letters: the answer with that key
	Next     key.Binding
	Start    key.Binding // enter on a welcome screen with nothing to choose
	Back     key.Binding
	More     key.Binding // unfold a question's help text in a short window
	Top      key.Binding
	Bottom   key.Binding
	PageUp   key.Binding
	PageDown key.Binding
	Save     key.Binding
	Copy     key.Binding
	Edit     key.Binding
	Restart  key.Binding
	Quit     key.Binding
	ToTeam   key.Binding // a team's person: back to the team screen
	Help     key.Binding
	Close    key.Binding // closes the full help
	Cancel   key.Binding
	Confirm  key.Binding // enter in the save prompt
	Yes      key.Binding
	No       key.Binding
	// Interrupt saves the answers given so far and exits with status 130.
	Interrupt key.Binding
}

// DefaultKeyMap is the questionnaire's keys, in the style of charm's own tools.
func DefaultKeyMap() KeyMap {
	return KeyMap{
		Up:        key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑/k", "up")),
		Down:      key.NewBinding(key.WithKeys("down", "j"), key.WithHelp("↓/j", "down")),
		Pick:      key.NewBinding(key.WithKeys(strings.Split(optionKeys, "")...), key.WithHelp("1-9…", "pick")),
		Next:      key.NewBinding(key.WithKeys("enter", "tab"), key.WithHelp("enter", "choose")),
		Start:     key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "start")),
		Back:      key.NewBinding(key.WithKeys("shift+tab"), key.WithHelp("shift+tab", "back")),
		More:      key.NewBinding(key.WithKeys("h"), key.WithHelp("h", "more about it")),
		Top:       key.NewBinding(key.WithKeys("home", "g"), key.WithHelp("home/g", "top")),
		Bottom:    key.NewBinding(key.WithKeys("end", "G"), key.WithHelp("end/G", "bottom")),
		PageUp:    key.NewBinding(key.WithKeys("pgup", "b"), key.WithHelp("pgup/b", "page up")),
		PageDown:  key.NewBinding(key.WithKeys("pgdown", " ", "f"), key.WithHelp("pgdn/space", "page down")),
		Save:      key.NewBinding(key.WithKeys("s"), key.WithHelp("s", "save")),
		Copy:      key.NewBinding(key.WithKeys("c"), key.WithHelp("c", "copy")),
		Edit:      key.NewBinding(key.WithKeys("e"), key.WithHelp("e", "edit answers")),
		Restart:   key.NewBinding(key.WithKeys("r"), key.WithHelp("r", "start again")),
		Quit:      key.NewBinding(key.WithKeys("q"), key.WithHelp("q", "quit")),
		Help:      key.NewBinding(key.WithKeys("?"), key.WithHelp("?", "more keys")),
		Close:     key.NewBinding(key.WithKeys("?", "esc"), key.WithHelp("?/esc", "close this list")),
		Cancel:    key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "cancel")),
		Confirm:   key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "save")),
		Yes:       key.NewBinding(key.WithKeys("y", "Y"), key.WithHelp("y", "yes")),
		No:        key.NewBinding(key.WithKeys("n", "N", "esc", "enter"), key.WithHelp("n/enter", "no")),
		Interrupt: key.NewBinding(key.WithKeys("ctrl+c"), key.WithHelp("ctrl+c", "keep answers and exit")),
		ToTeam:    key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "back to the team")),
	}
}

// dropOrder lists the keys a short help line leaves out first when it is short of room:
// moving about first, then the rest, so that quit, save and help are the last to go.
func (k KeyMap) dropOrder() []key.Binding {
	return []key.Binding{
		k.Pick, k.Top, k.Bottom, k.PageUp, k.PageDown, k.Up, k.Down, k.More, k.Back,
		k.Next, k.Start, k.Copy, k.Edit, k.Restart, k.Cancel, k.Confirm, k.Yes, k.No,
		k.Interrupt, k.Save, k.ToTeam, k.Quit, k.Close, k.Help,
	}
}

// sameKey reports whether two bindings are the same key of the map, by their help.
func sameKey(a, b key.Binding) bool {
	return a.Help() == b.Help() && slices.Equal(a.Keys(), b.Keys())
}

// bindings implements help.KeyMap for one screen.
type bindings struct {
	short []key.Binding
	full  [][]key.Binding
}

func (b bindings) ShortHelp() []key.Binding  { return b.short }
func (b bindings) FullHelp() [][]key.Binding { return b.full }
