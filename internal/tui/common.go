package tui

import (
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/coachmentor/coachmentor/internal/bank"
	"github.com/coachmentor/coachmentor/internal/engine"
)

// Common is what every screen shares: the room it has, the styles of the terminal it draws
// on, the keys, and the bank with its scorer. The screens read nothing else: not the
// process's terminal, environment or working folder, so that a server can run them for
// many terminals at once.
type Common struct {
	// Width and Height are a screen's room: the window less the header and help line.
	Width, Height int
	Styles        Styles
	Keys          KeyMap
	Bank          *bank.Bank
	// Scorer is made when first asked for: the welcome screen, drawn first, needs none.
	Scorer func() *engine.Scorer
	// For names the person or team, already made safe to print; "" for none.
	For string
}

// component is a screen of the questionnaire, as soft-serve's UI builds them: it updates,
// draws itself in the room SetSize gives it, and lists its keys. Update reports what the
// key did as an event, which the model acts on before the next message, so that a page is
// complete when the Enter that ends it is handled.
type component interface {
	Update(msg tea.Msg) (event, tea.Cmd)
	View() string
	SetSize(width, height int)
	ShortHelp() []key.Binding
	FullHelp() [][]key.Binding
}

// eventKind is what a key on a screen asks the model to do.
type eventKind int

const (
	evNone    eventKind = iota
	evStart             // welcome: start, or resume (value "resume")
	evAnswer            // question: the answer chosen, value an option id or "unsure"
	evBack              // question or review: the previous page
	evOpen              // review: open the question whose id is value
	evResults           // review: on to the results
	evEdit              // results: back to the review
	evRestart           // results: clear every answer and start again (confirmed)
	evQuit              // results: quit (confirmed, or nothing to lose)
	evSaved             // results: the report was saved to value
)

type event struct {
	kind  eventKind
	value string
}
