package tui

import (
	"reflect"

	"github.com/charmbracelet/huh"
	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"
)

// Styles are the questionnaire's styles, made for one terminal's renderer: colours adapt
// to its light or dark background and are reduced to what it can show, down to none with
// NO_COLOR. A program that serves many terminals gives each its own.
type Styles struct {
	App       lipgloss.Style
	Brand     lipgloss.Style
	Faint     lipgloss.Style
	Heading   lipgloss.Style
	Title     lipgloss.Style
	Panel     lipgloss.Style
	PanelHead lipgloss.Style
	Hint      lipgloss.Style
	Status    lipgloss.Style
	Error     lipgloss.Style
	Prompt    lipgloss.Style
	Coaching  lipgloss.Style
	Mentoring lipgloss.Style
	Verdict   lipgloss.Style
	Bar       lipgloss.Style // the filled part of the progress bar
	Track     lipgloss.Style // its empty part
	Plain     lipgloss.Style // for layout alone: widths and padding
	Form      *huh.Theme
	// Profile is the renderer's colour profile, for the text report on the results screen.
	Profile termenv.Profile
}

var (
	accent    = lipgloss.AdaptiveColor{Light: "#5A4FCF", Dark: "#A49BFF"}
	coachCol  = lipgloss.AdaptiveColor{Light: "#007A87", Dark: "#4FD1DC"}
	mentorCol = lipgloss.AdaptiveColor{Light: "#A3367A", Dark: "#F08BC9"}
	subtle    = lipgloss.AdaptiveColor{Light: "#6B6B6B", Dark: "#9A9A9A"}
	border    = lipgloss.AdaptiveColor{Light: "#C8C8C8", Dark: "#4A4A4A"}
	errCol    = lipgloss.AdaptiveColor{Light: "#C0392B", Dark: "#FF6B5E"}
	okCol     = lipgloss.AdaptiveColor{Light: "#1E7B34", Dark: "#6BD28A"}
)

// NewStyles makes the styles for a terminal's renderer.
func NewStyles(r *lipgloss.Renderer) Styles {
	s := r.NewStyle
	return Styles{
		App:       s().Padding(1, 2, 0, 2),
		Brand:     s().Bold(true).Foreground(accent),
		Faint:     s().Foreground(subtle),
		Heading:   s().Bold(true),
		Title:     s().Bold(true).Foreground(accent),
		Panel:     s().Border(lipgloss.RoundedBorder()).BorderForeground(border).Padding(0, 1),
		PanelHead: s().Bold(true),
		Hint:      s().Foreground(subtle).Italic(true),
		Status:    s().Foreground(okCol),
		Error:     s().Foreground(errCol),
		Prompt:    s().Bold(true),
		Coaching:  s().Foreground(coachCol),
		Mentoring: s().Foreground(mentorCol),
		Verdict:   s().Bold(true).Foreground(accent),
		Bar:       s().Foreground(accent),
		Track:     s().Foreground(border),
		Plain:     s(),
		Form:      themeFor(huh.ThemeCharm(), r),
		Profile:   r.ColorProfile(),
	}
}

// themeFor is a huh theme whose every style renders with r rather than with the process's
// own renderer, which reads the process's terminal.
func themeFor(t *huh.Theme, r *lipgloss.Renderer) *huh.Theme {
	rebind(reflect.ValueOf(t).Elem(), r)
	return t
}

var styleType = reflect.TypeOf(lipgloss.Style{})

// rebind walks a struct of styles and gives each style the renderer r.
func rebind(v reflect.Value, r *lipgloss.Renderer) {
	switch v.Kind() {
	case reflect.Struct:
		if v.Type() == styleType {
			v.Set(reflect.ValueOf(v.Interface().(lipgloss.Style).Renderer(r)))
			return
		}
		for i := range v.NumField() {
			if f := v.Field(i); f.CanSet() {
				rebind(f, r)
			}
		}
	case reflect.Pointer:
		if !v.IsNil() {
			rebind(v.Elem(), r)
		}
	}
}
