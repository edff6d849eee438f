package advisor

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"sync"

	"github.com/aymanbagabas/go-osc52/v2"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"github.com/coachmentor/coachmentor/internal/bank"
	"github.com/coachmentor/coachmentor/internal/cmdutil"
	"github.com/coachmentor/coachmentor/internal/report"
	"github.com/coachmentor/coachmentor/internal/safefile"
	"github.com/coachmentor/coachmentor/internal/state"
	"github.com/coachmentor/coachmentor/internal/tui"
)

// runTerminal runs the questionnaire full screen.
func runTerminal(ctx context.Context, opts *Options, b *bank.Bank, prefill map[string]string, saved *state.Saved, k *keeper, name string) error {
	files := filesOf(opts)
	files.Clipboard = clipboard(opts)
	// The process's own renderer: it honours NO_COLOR and the terminal's colours. Ask it
	// for the background now: asked once the program is reading keys, the reply would
	// arrive as keystrokes.
	r := lipgloss.DefaultRenderer()
	r.HasDarkBackground()
	cfg := tui.Config{
		Bank: b, Renderer: r, For: name,
		Answers: prefill, PrefillFrom: opts.AnswersFile,
		Files: files,
	}
	if k.path != "" {
		cfg.Keep, cfg.Forget = k.keep, k.forget
	}
	switch {
	case k.team && saved != nil:
		cfg.Team, cfg.Answers = true, saved.Answers // opened from the team: straight to work
	case k.team:
		cfg.Team = true
	case saved != nil:
		cfg.Resume, cfg.ResumedAt, cfg.ResumeOther = saved.Answers, saved.At, saved.Other
	}
	m := tui.New(cfg)
	_, runErr := tea.NewProgram(m, programOptions(ctx, opts)...).Run()

	if m.Interrupted() || errors.Is(runErr, tea.ErrProgramKilled) || errors.Is(runErr, tea.ErrInterrupted) || ctx.Err() != nil {
		k.interrupted(m.Answers(), name)
		return &cmdutil.SilentError{Code: cmdutil.ExitInterrupted}
	}
	if runErr != nil {
		k.interrupted(m.Answers(), name)
		return fmt.Errorf("the questionnaire stopped: %w", runErr)
	}
	if r := m.Result(); r != nil && m.Finished() && !k.team {
		// The results screen goes with the alternate screen; leave a summary behind.
		fmt.Fprint(opts.IO.Out, report.Headline(r))
		switch {
		case len(r.TopTie) > 1:
			fmt.Fprintf(opts.IO.Out, ". Best fit: a tie between %s", report.Names(report.TypeNames(r.TopTie)))
		case report.HasTypeSignal(r):
			fmt.Fprintf(opts.IO.Out, ". Best fit: %s", r.TopType().Name)
		}
		fmt.Fprintln(opts.IO.Out, ".")
		for _, p := range m.Saved() {
			fmt.Fprintf(opts.IO.Out, "Report saved to %s\n", p)
		}
	}
	return nil
}

// keeper keeps unfinished answers in the state file. The questionnaire hands it the
// answers each time they change, from commands that may run at once, so it keeps only the
// latest.
type keeper struct {
	opts *Options
	bank *bank.Bank
	path string // "" when there is no home folder to keep them in
	// person is set when the answers are one person's of a team (--for): they stay when
	// the questionnaire ends, for the team's overview, until the person is removed. team
	// is set when the person was opened from the team screen, which comes back after.
	person, team bool

	mu   sync.Mutex
	last int // the Seq of the answers last kept or forgotten
}

func (k *keeper) keep(p tui.Progress) error {
	k.mu.Lock()
	defer k.mu.Unlock()
	if p.Seq <= k.last {
		return nil // a later change is already kept
	}
	k.last = p.Seq
	if len(p.Answers) == 0 && !k.person {
		return state.Done(k.path, k.bank, k.opts.Now())
	}
	return state.Save(k.path, k.bank, p.Answers, p.For, k.opts.Now())
}

func (k *keeper) forget() error {
	k.mu.Lock()
	defer k.mu.Unlock()
	k.last = int(^uint(0) >> 1) // nothing older may bring them back
	if k.person {
		return nil // a person's answers stay with the team
	}
	return state.Done(k.path, k.bank, k.opts.Now())
}

// done is the questionnaire finished: the kept answers are used up.
// finished is the questionnaire answered to the end: a person's answers stay with the team,
// other answers are used up.
func (k *keeper) finished(given map[string]string, name string) {
	if k.person && k.path != "" && len(given) > 0 {
		k.mu.Lock()
		defer k.mu.Unlock()
		if err := state.Save(k.path, k.bank, given, name, k.opts.Now()); err != nil {
			fmt.Fprintf(k.opts.IO.ErrOut, "Your answers could not be kept: %v\n", err)
		}
		return
	}
	k.done()
}

func (k *keeper) done() {
	if k.path != "" && !k.person {
		_ = state.Done(k.path, k.bank, k.opts.Now())
	}
}

// interrupted keeps the answers so far and says so, on a line of its own.
func (k *keeper) interrupted(given map[string]string, name string) {
	errOut := k.opts.IO.ErrOut
	fmt.Fprintln(errOut)
	switch {
	case len(given) == 0:
		fmt.Fprintln(errOut, "Interrupted.")
	case k.path == "":
		fmt.Fprintln(errOut, "Interrupted; your answers could not be kept: no home folder.")
	default:
		k.mu.Lock()
		defer k.mu.Unlock()
		k.last = int(^uint(0) >> 1)
		if err := state.Save(k.path, k.bank, given, name, k.opts.Now()); err != nil {
			fmt.Fprintf(errOut, "Interrupted; your answers could not be kept: %v\n", err)
			return
		}
		fmt.Fprintf(errOut, "Interrupted; %s saved. Run coachmentor to resume.\n", report.Count(len(given), "answer"))
	}
}

// clipboard is how the results screen copies through this terminal (OSC 52, which also
// crosses SSH), or why it cannot. What the terminal takes is found out at the first copy,
// not before the first screen: inside tmux that asks tmux, a process of its own.
func clipboard(opts *Options) func(string) error {
	out, getenv := opts.IO.Terminal(), opts.IO.Getenv
	route := sync.OnceValues(func() (passthrough bool, why error) { return copyRoute(getenv) })
	return func(text string) error {
		passthrough, why := route()
		if why != nil {
			return why
		}
		seq := osc52.New(text)
		if passthrough {
			seq = seq.Tmux()
		}
		_, err := seq.WriteTo(out)
		return err
	}
}

// copyRoute says whether a copy must be wrapped for tmux to pass it on, or why this
// terminal cannot take one.
func copyRoute(getenv func(string) string) (passthrough bool, why error) {
	switch term := getenv("TERM"); {
	case term == "dumb" || term == "linux":
		why = fmt.Errorf("this terminal (%s) cannot take a copy; press s to save the report instead", term)
	case getenv("TERM_PROGRAM") == "Apple_Terminal":
		why = errors.New("the macOS Terminal app cannot take a copy from a program; press s to save the report instead")
	case getenv("TMUX") != "":
		// tmux keeps a copy from a program with set-clipboard on; with allow-passthrough on
		// it hands one wrapped for it to the terminal outside; otherwise it drops it.
		if on, known := tmuxOption("set-clipboard"); known && !on {
			if passthrough, _ = tmuxOption("allow-passthrough"); !passthrough {
				why = errors.New("tmux passes no copy on (set-clipboard is not on: tmux set -g set-clipboard on); press s to save the report instead")
			}
		}
	}
	return passthrough, why
}

// tmuxOption reads one of tmux's global on/off options; known is false where tmux does
// not say.
func tmuxOption(name string) (on, known bool) {
	out, err := exec.Command("tmux", "show-options", "-gv", name).Output()
	if err != nil {
		return false, false
	}
	return strings.TrimSpace(string(out)) == "on", true
}

// filesOf is what the screens may do with files, here: save reports in the working
// folder (or another, as typed). Copying through this terminal is the questionnaire's
// alone (the team screen has nothing to copy), so it is added there.
func filesOf(opts *Options) tui.Files {
	files := tui.Files{Save: safefile.Write, Exists: exists, Now: opts.Now}
	var err error
	if files.Dir, err = os.Getwd(); err != nil {
		files.Dir = "."
	}
	files.Home, _ = os.UserHomeDir()
	return files
}

// programOptions run a screen full screen on this terminal, with the test's options.
func programOptions(ctx context.Context, opts *Options) []tea.ProgramOption {
	return append([]tea.ProgramOption{
		tea.WithAltScreen(), tea.WithContext(ctx), tea.WithoutSignalHandler(), tea.WithInput(opts.IO.In),
		tea.WithOutput(opts.IO.Terminal()), tea.WithFPS(120),
	}, opts.ProgramOptions...)
}
