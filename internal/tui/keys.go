package tui

import "github.com/charmbracelet/bubbles/key"

// KeyMap holds every key the questionnaire answers to. Each screen shows the ones that
// apply to it in the help line.
type KeyMap struct {
	Up       key.Binding
	Down     key.Binding
	Next     key.Binding
	Back     key.Binding
	PageUp   key.Binding
	PageDown key.Binding
	Save     key.Binding
	Edit     key.Binding
	Restart  key.Binding
	Quit     key.Binding
	Help     key.Binding
	Cancel   key.Binding
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
		Next:      key.NewBinding(key.WithKeys("enter", "tab"), key.WithHelp("enter", "choose")),
		Back:      key.NewBinding(key.WithKeys("shift+tab"), key.WithHelp("shift+tab", "back")),
		PageUp:    key.NewBinding(key.WithKeys("pgup", "b"), key.WithHelp("pgup", "page up")),
		PageDown:  key.NewBinding(key.WithKeys("pgdown", "f", " "), key.WithHelp("pgdn", "page down")),
		Save:      key.NewBinding(key.WithKeys("s"), key.WithHelp("s", "save report")),
		Edit:      key.NewBinding(key.WithKeys("e"), key.WithHelp("e", "edit answers")),
		Restart:   key.NewBinding(key.WithKeys("r"), key.WithHelp("r", "start again")),
		Quit:      key.NewBinding(key.WithKeys("q"), key.WithHelp("q", "quit")),
		Help:      key.NewBinding(key.WithKeys("?"), key.WithHelp("?", "more keys")),
		Cancel:    key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "cancel")),
		Yes:       key.NewBinding(key.WithKeys("y", "Y"), key.WithHelp("y", "replace")),
		No:        key.NewBinding(key.WithKeys("n", "N", "esc", "enter"), key.WithHelp("n", "keep it")),
		Interrupt: key.NewBinding(key.WithKeys("ctrl+c"), key.WithHelp("ctrl+c", "save answers and exit")),
	}
}

// bindings implements help.KeyMap for one screen.
type bindings struct {
	short []key.Binding
	full  [][]key.Binding
}

func (b bindings) ShortHelp() []key.Binding  { return b.short }
func (b bindings) FullHelp() [][]key.Binding { return b.full }

// helpFor returns the keys of a screen.
func (m *Model) helpFor() bindings {
	k := m.keys
	switch m.screen {
	case screenWelcome:
		return bindings{
			short: []key.Binding{k.Next, k.Interrupt, k.Help},
			full:  [][]key.Binding{{k.Up, k.Down, k.Next}, {k.Interrupt}},
		}
	case screenQuestion:
		return bindings{
			short: []key.Binding{k.Up, k.Down, k.Next, k.Back, k.Help},
			full:  [][]key.Binding{{k.Up, k.Down, k.Next}, {k.Back}, {k.Interrupt}},
		}
	case screenReview:
		return bindings{
			short: []key.Binding{k.Up, k.Down, k.Next, k.Back, k.Help},
			full:  [][]key.Binding{{k.Up, k.Down, k.Next}, {k.Back}, {k.Interrupt}},
		}
	case screenResults:
		if m.prompt != nil {
			if m.prompt.confirming {
				return bindings{short: []key.Binding{k.Yes, k.No}}
			}
			return bindings{short: []key.Binding{withHelp(k.Next, "enter", "save"), k.Cancel}}
		}
		return bindings{
			short: []key.Binding{k.Up, k.Down, k.Save, k.Edit, k.Restart, k.Quit, k.Help},
			full: [][]key.Binding{
				{k.Up, k.Down, k.PageUp, k.PageDown},
				{k.Save, k.Edit, k.Restart},
				{k.Quit, k.Interrupt},
			},
		}
	}
	return bindings{}
}

func withHelp(b key.Binding, keys, desc string) key.Binding {
	b.SetHelp(keys, desc)
	return b
}
