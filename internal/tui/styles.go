package tui

import (
	"github.com/charmbracelet/bubbles/help"
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
		Form:      formTheme(r),
		Profile:   r.ColorProfile(),
	}
}

// formTheme is the questionnaire's huh theme, made with r so that every style renders
// for that terminal: huh's own themes (v1) make their styles with the process's renderer,
// which reads the process's terminal, and huh has no option to give it another. It is
// huh's Charm theme, style by style.
func formTheme(r *lipgloss.Renderer) *huh.Theme {
	s := r.NewStyle
	var (
		normalFg = lipgloss.AdaptiveColor{Light: "235", Dark: "252"}
		dim      = lipgloss.AdaptiveColor{Light: "", Dark: "243"}
		indigo   = lipgloss.AdaptiveColor{Light: "#5A56E0", Dark: "#7571F9"}
		cream    = lipgloss.AdaptiveColor{Light: "#FFFDF5", Dark: "#FFFDF5"}
		fuchsia  = lipgloss.Color("#F780E2")
		green    = lipgloss.AdaptiveColor{Light: "#02BA84", Dark: "#02BF87"}
		red      = lipgloss.AdaptiveColor{Light: "#FF4672", Dark: "#ED567A"}
	)
	var t huh.Theme
	t.Form.Base, t.Group.Base = s(), s()
	t.FieldSeparator = s().SetString("\n\n")

	f := &t.Focused
	f.Base = s().PaddingLeft(1).BorderStyle(lipgloss.ThickBorder()).BorderLeft(true).BorderForeground(lipgloss.Color("238"))
	f.Card = f.Base
	f.Title = s().Foreground(indigo).Bold(true)
	f.NoteTitle = s().Foreground(indigo).Bold(true).MarginBottom(1)
	f.Directory, f.File = s().Foreground(indigo), s()
	f.Description = s().Foreground(dim)
	f.ErrorIndicator = s().Foreground(red).SetString(" *")
	f.ErrorMessage = s().Foreground(red).SetString(" *")
	f.SelectSelector = s().Foreground(fuchsia).SetString("> ")
	f.NextIndicator = s().Foreground(fuchsia).MarginLeft(1).SetString("→")
	f.PrevIndicator = s().Foreground(fuchsia).MarginRight(1).SetString("←")
	f.Option, f.UnselectedOption = s().Foreground(normalFg), s().Foreground(normalFg)
	f.MultiSelectSelector = s().Foreground(fuchsia).SetString("> ")
	f.SelectedOption = s().Foreground(green)
	f.SelectedPrefix = s().Foreground(lipgloss.AdaptiveColor{Light: "#02CF92", Dark: "#02A877"}).SetString("✓ ")
	f.UnselectedPrefix = s().Foreground(dim).SetString("• ")
	button := s().Padding(0, 2).MarginRight(1)
	f.FocusedButton = button.Foreground(cream).Background(fuchsia)
	f.Next = f.FocusedButton
	f.BlurredButton = button.Foreground(normalFg).Background(lipgloss.AdaptiveColor{Light: "252", Dark: "237"})
	f.TextInput = huh.TextInputStyles{Cursor: s().Foreground(green), CursorText: s(), Text: s(),
		Placeholder: s().Foreground(lipgloss.AdaptiveColor{Light: "248", Dark: "238"}), Prompt: s().Foreground(fuchsia)}

	t.Blurred = t.Focused
	t.Blurred.Base = f.Base.BorderStyle(lipgloss.HiddenBorder())
	t.Blurred.Card = t.Blurred.Base
	t.Blurred.NextIndicator, t.Blurred.PrevIndicator = s(), s()
	t.Group.Title, t.Group.Description = f.Title, f.Description

	key := s().Foreground(lipgloss.AdaptiveColor{Light: "#909090", Dark: "#626262"})
	desc := s().Foreground(lipgloss.AdaptiveColor{Light: "#B2B2B2", Dark: "#4A4A4A"})
	sep := s().Foreground(lipgloss.AdaptiveColor{Light: "#DDDADA", Dark: "#3C3C3C"})
	t.Help = help.Styles{ShortKey: key, ShortDesc: desc, ShortSeparator: sep, Ellipsis: sep, FullKey: key, FullDesc: desc, FullSeparator: sep}
	return &t
}
