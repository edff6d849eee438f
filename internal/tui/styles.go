package tui

import (
	"github.com/charmbracelet/huh"
	"github.com/charmbracelet/lipgloss"
)

// Styles are the questionnaire's styles. Colours adapt to light and dark terminals and
// lipgloss reduces them to what the terminal can show, down to none with NO_COLOR.
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
	Form      *huh.Theme
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

// DefaultStyles returns the styles.
func DefaultStyles() Styles {
	return Styles{
		App:       lipgloss.NewStyle().Padding(1, 2, 0, 2),
		Brand:     lipgloss.NewStyle().Bold(true).Foreground(accent),
		Faint:     lipgloss.NewStyle().Foreground(subtle),
		Heading:   lipgloss.NewStyle().Bold(true),
		Title:     lipgloss.NewStyle().Bold(true).Foreground(accent),
		Panel:     lipgloss.NewStyle().Border(lipgloss.RoundedBorder()).BorderForeground(border).Padding(0, 1),
		PanelHead: lipgloss.NewStyle().Bold(true),
		Hint:      lipgloss.NewStyle().Foreground(subtle).Italic(true),
		Status:    lipgloss.NewStyle().Foreground(okCol),
		Error:     lipgloss.NewStyle().Foreground(errCol),
		Prompt:    lipgloss.NewStyle().Bold(true),
		Coaching:  lipgloss.NewStyle().Foreground(coachCol),
		Mentoring: lipgloss.NewStyle().Foreground(mentorCol),
		Verdict:   lipgloss.NewStyle().Bold(true).Foreground(accent),
		Form:      huh.ThemeCharm(),
	}
}
