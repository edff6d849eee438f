package tui

import (
	"time"

	"github.com/charmbracelet/lipgloss"

	"github.com/coachmentor/coachmentor/internal/bank"
	"github.com/coachmentor/coachmentor/internal/engine"
)

// Config is what the questionnaire starts from.
type Config struct {
	Bank *bank.Bank
	// Renderer draws for the terminal the questionnaire runs in; nil for the process's own.
	Renderer *lipgloss.Renderer
	// For names the person or team; it appears on the screens and the report.
	For string
	// Answers pre-fills answers (question id to answer id), e.g. from --answers.
	Answers map[string]string
	// PrefillFrom names where Answers came from, for the welcome screen.
	PrefillFrom string
	// Resume offers saved answers from an earlier, unfinished run.
	Resume map[string]string
	// ResumedAt is when Resume was saved.
	ResumedAt time.Time
	// ResumeOther lists questions answered in the saved file that this bank does not ask;
	// their answers stay saved for the bank that does.
	ResumeOther []string
	// Files saves and copies reports.
	Files Files
	// Keep, if set, saves the answers so far whenever they change, until the report is
	// saved or the person says they may go; Forget then clears them. Both run as commands.
	Keep   func(Progress) error
	Forget func() error
	// Submit, if set, hands the answers in when the person goes from the review to the
	// results. The results show once it has succeeded, so that what they see is safe;
	// if it fails, the review says why and they may try again. The results are then final:
	// nothing more can be changed.
	Submit func(Submission) error
	// HideResults shows a thank-you instead of the results once the answers are in.
	HideResults bool
	// Team is set when the answers are one person's of a team: the questionnaire opens at
	// the first question not answered (or the review), and esc goes back to the team.
	Team bool
}

// Submission is what is handed in: the answers, who they are for and the result shown.
type Submission struct {
	Answers map[string]string
	For     string
	Result  *engine.Result
}

// Progress is the answers so far, for Keep. Seq grows with every change, so that a keeper
// that is handed two can keep the later.
type Progress struct {
	Answers map[string]string
	For     string
	Seq     int
	// Question is the question now open, from 1; 0 on any other screen.
	Question int
}

type screen int

const (
	screenWelcome screen = iota
	screenQuestion
	screenReview
	screenResults
)
