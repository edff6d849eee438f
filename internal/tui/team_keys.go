package tui

import (
	"errors"
	"path/filepath"
	"slices"
	"strings"

	"github.com/charmbracelet/bubbles/key"
)

// teamKeys are the team screen's keys.
type teamKeys struct {
	Up, Down, Top, Bottom, Open, Add, Rename, Remove, Save, Export, Quit key.Binding
	Cancel, Yes, No, Interrupt                                           key.Binding
}

func defaultTeamKeys() teamKeys {
	k := DefaultKeyMap()
	return teamKeys{
		Up: k.Up, Down: k.Down, Top: k.Top, Bottom: k.Bottom, Quit: k.Quit, Cancel: k.Cancel, Yes: k.Yes, No: k.No, Interrupt: k.Interrupt,
		Open:   key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "open")),
		Add:    key.NewBinding(key.WithKeys("a"), key.WithHelp("a", "add a person")),
		Rename: key.NewBinding(key.WithKeys("r"), key.WithHelp("r", "rename")),
		Remove: key.NewBinding(key.WithKeys("d", "delete"), key.WithHelp("d", "remove")),
		Save:   key.NewBinding(key.WithKeys("s"), key.WithHelp("s", "save the team report")),
		Export: key.NewBinding(key.WithKeys("x"), key.WithHelp("x", "export the answers")),
	}
}

// resolvePath turns a typed file name into a path: "~/" is the home folder, a relative
// name is in the folder the prompt is for, and a name without one of exts gets the first.
func resolvePath(files Files, name string, exts []string) (string, error) {
	name = strings.TrimSpace(name)
	if name == "" {
		return "", errors.New("type a file name")
	}
	if name == "~" || strings.HasPrefix(name, "~/") {
		if files.Home == "" {
			return "", errors.New("there is no home folder here; give the folder in full")
		}
		name = filepath.Join(files.Home, strings.TrimPrefix(name[1:], "/"))
	}
	if !slices.Contains(exts, strings.ToLower(filepath.Ext(name))) {
		name += exts[0]
	}
	if !filepath.IsAbs(name) {
		name = filepath.Join(files.Dir, name)
	}
	return name, nil
}
