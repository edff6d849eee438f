package advisor

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"github.com/coachmentor/coachmentor/internal/bank"
	"github.com/coachmentor/coachmentor/internal/batch"
	"github.com/coachmentor/coachmentor/internal/cmdutil"
	"github.com/coachmentor/coachmentor/internal/format"
	"github.com/coachmentor/coachmentor/internal/roster"
	"github.com/coachmentor/coachmentor/internal/safefile"
	"github.com/coachmentor/coachmentor/internal/state"
	"github.com/coachmentor/coachmentor/internal/textsafe"
	"github.com/coachmentor/coachmentor/internal/tui"
)

// runTeam runs the team screen and, for each person opened or added from it, that
// person's questionnaire, back to the team when it ends, until the manager quits.
func runTeam(ctx context.Context, opts *Options, b *bank.Bank, statePath string) error {
	dir := state.PeopleDir(statePath)
	r := lipgloss.DefaultRenderer()
	r.HasDarkBackground() // asked before any program reads keys
	for {
		people, _, err := state.People(dir, b)
		if err != nil {
			return err
		}
		t := tui.NewTeam(teamConfig(ctx, opts, b, dir, r, people))
		_, runErr := tea.NewProgram(t, programOptions(ctx, opts)...).Run()
		if t.Interrupted() || errors.Is(runErr, tea.ErrInterrupted) || errors.Is(runErr, tea.ErrProgramKilled) || ctx.Err() != nil {
			return &cmdutil.SilentError{Code: cmdutil.ExitInterrupted} // every answer is kept as it is given
		}
		if runErr != nil {
			return runErr
		}
		name := t.Chosen()
		if name == "" {
			return nil
		}
		if err := openPerson(ctx, opts, b, statePath, name, false); err != nil {
			return err
		}
	}
}

// openPerson runs one person's questionnaire, from the team: full screen, or accessible.
func openPerson(ctx context.Context, opts *Options, b *bank.Bank, statePath, name string, accessible bool) error {
	kept, err := personOf(opts, b, statePath, name)
	if err != nil {
		return err
	}
	if kept.unlock != nil {
		defer kept.unlock()
	}
	if _, err := os.Stat(kept.path); err != nil && kept.person {
		// Added: on the team from now, before any answer.
		if err := state.Save(kept.path, b, nil, kept.name, opts.Now()); err != nil {
			return err
		}
	}
	k := &keeper{opts: opts, bank: b, path: kept.path, person: kept.person, team: !accessible}
	if accessible {
		return runAccessible(ctx, opts, b, nil, kept.saved, k, kept.name)
	}
	return runTerminal(ctx, opts, b, nil, kept.saved, k, kept.name)
}

// teamConfig is the team screen's: the people, and what its keys do to the state folder
// and the working folder.
func teamConfig(ctx context.Context, opts *Options, b *bank.Bank, dir string, r *lipgloss.Renderer, people []state.Person) tui.TeamConfig {
	cfg := tui.TeamConfig{Bank: b, Renderer: r, Files: filesOf(opts)}
	for _, p := range people {
		tp := tui.TeamPerson{Name: p.Name}
		if p.Saved != nil {
			tp.Answers = p.Saved.Answers
		}
		cfg.People = append(cfg.People, tp)
	}
	current := func() []state.Person { // the team as it is when a key is pressed
		people, _, _ := state.People(dir, b)
		return people
	}
	cfg.Rename = func(from, to string) error { return state.RenamePerson(dir, from, to, b, opts.Now()) }
	cfg.Remove = func(name string) error {
		p, err := state.Find(dir, name, b)
		if err != nil || p == nil {
			return err
		}
		unlock, err := state.LockPerson(p.Path, p.Name)
		if err != nil {
			return err
		}
		defer unlock()
		return state.RemovePerson(p.Path)
	}
	cfg.SaveReport = func(path string, force bool) error {
		data, err := teamReport(ctx, b, current(), opts.today(), isHTML(path))
		if err != nil {
			return err
		}
		return safefile.Write(path, data, force)
	}
	cfg.Export = func(path string, force bool) error {
		var buf bytes.Buffer
		if err := roster.WriteAnswers(&buf, "csv", b, state.RosterOf(current())); err != nil {
			return err
		}
		return safefile.Write(path, buf.Bytes(), force)
	}
	return cfg
}

func isHTML(path string) bool {
	ext := strings.ToLower(filepath.Ext(path))
	return ext == ".html" || ext == ".htm"
}

// teamReport is the team report batch writes for the team's answers as a roster: the
// same report, from the same model, as `coachmentor people export | coachmentor batch -
// -f markdown` gives.
func teamReport(ctx context.Context, b *bank.Bank, people []state.Person, date string, html bool) ([]byte, error) {
	var lines bytes.Buffer // JSON Lines: names as they are, where a CSV defuses formulas
	if err := roster.WriteAnswers(&lines, "jsonl", b, state.RosterOf(people)); err != nil {
		return nil, err
	}
	ro := roster.ReadOptions{Vocab: roster.VocabularyOf(b)}
	open := func() (roster.Reader, error) { return roster.Open(bytes.NewReader(lines.Bytes()), ro) }
	in, err := open()
	if err != nil {
		return nil, err
	}
	f := format.Markdown
	if html {
		f = format.HTML
	}
	var out bytes.Buffer
	_, err = batch.Run(ctx, in, &out, io.Discard, batch.Options{Bank: b, Format: f, Reopen: open, Name: "your team", Date: date})
	if err != nil && !errors.Is(err, batch.ErrInvalidRows) { // someone with no answers yet is said in the report
		return nil, err
	}
	return out.Bytes(), nil
}

// runAccessibleTeam is the team in plain lines: everyone listed with their outcome, then
// one person opened, or added, by a line typed.
func runAccessibleTeam(ctx context.Context, opts *Options, b *bank.Bank, statePath string, people []state.Person) error {
	cfg := teamConfig(ctx, opts, b, state.PeopleDir(statePath), nil, people)
	rows, overview := tui.NewTeam(cfg).Lines()
	out := opts.IO.Out
	fmt.Fprintf(out, "Your team:\n%s\n%s\n\n", strings.Join(rows, "\n"), strings.Join(overview, "\n"))
	fmt.Fprintln(out, "Type the number of a person to open their answers, or a new name to add a person; r and a number renames that person, d and a number removes them; enter alone quits.")
	line, _ := readLine(ctx, opts.IO.In)
	line = textsafe.Line(strings.TrimSpace(line))
	if line == "" {
		return nil // enter alone, or the input ended
	}
	who := func(s string) (string, error) {
		n, err := strconv.Atoi(strings.TrimSpace(s))
		if err != nil || n < 1 || n > len(people) {
			return "", cmdutil.Invalidf("there is no person %s; type a number from 1 to %d", textsafe.Quote(s), len(people))
		}
		return people[n-1].Name, nil
	}
	verb, rest, _ := strings.Cut(line, " ")
	switch {
	case (verb == "r" || verb == "d") && rest != "":
		name, err := who(rest)
		if err != nil {
			return err
		}
		return accessibleChange(ctx, opts, cfg, verb, name)
	case strings.Trim(line, "0123456789") == "":
		name, err := who(line)
		if err != nil {
			return err
		}
		return openPerson(ctx, opts, b, statePath, name, true)
	}
	return openPerson(ctx, opts, b, statePath, line, true)
}

// accessibleChange renames (verb "r") or removes (verb "d", after a yes) a person, asking
// on the next line.
func accessibleChange(ctx context.Context, opts *Options, cfg tui.TeamConfig, verb, name string) error {
	out := opts.IO.Out
	if verb == "r" {
		fmt.Fprintf(out, "New name for %s:\n", name)
		to, _ := readLine(ctx, opts.IO.In)
		if to = textsafe.Line(strings.TrimSpace(to)); to == "" {
			fmt.Fprintln(out, "Nothing changed.")
			return nil
		}
		if err := cfg.Rename(name, to); err != nil {
			return fmt.Errorf("not renamed: %w", err)
		}
		fmt.Fprintf(out, "Renamed %s to %s.\n", name, to)
		return nil
	}
	fmt.Fprintf(out, "Remove %s's answers for good? Type y for yes.\n", name)
	if yes, _ := readLine(ctx, opts.IO.In); !strings.EqualFold(strings.TrimSpace(yes), "y") && !strings.EqualFold(strings.TrimSpace(yes), "yes") {
		fmt.Fprintln(out, "Nothing changed.")
		return nil
	}
	if err := cfg.Remove(name); err != nil {
		return fmt.Errorf("not removed: %w", err)
	}
	fmt.Fprintf(out, "Removed %s's answers.\n", name)
	return nil
}

// readLine reads one line a byte at a time, so that what follows it is left for the
// questionnaire's prompts.
func readLine(ctx context.Context, in io.Reader) (string, error) {
	var b strings.Builder
	buf := make([]byte, 1)
	for ctx.Err() == nil {
		n, err := in.Read(buf)
		if n == 1 {
			if buf[0] == '\n' {
				return b.String(), nil
			}
			b.WriteByte(buf[0])
		}
		if err != nil {
			return b.String(), err
		}
	}
	return b.String(), ctx.Err()
}
