// Package format declares every output format once: its name, the file names that imply
// it, a word of help, whether it is text, and what it can write (one person's report, a
// team's results, a comparison of two banks, a folder of reports, a question bank).
// Commands build their --format flag, its completion, the format an -o file implies and
// their help from here.
//
// To add a format, write a file here declaring it (see markdown.go for one that writes
// everything) and add it to All in registry.go.
package format

import (
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"strings"

	"github.com/muesli/termenv"

	"github.com/coachmentor/coachmentor/internal/bank"
	"github.com/coachmentor/coachmentor/internal/engine"
	"github.com/coachmentor/coachmentor/internal/report"
	"github.com/coachmentor/coachmentor/internal/team"
	"github.com/coachmentor/coachmentor/internal/teamreport"
	"github.com/coachmentor/coachmentor/internal/textsafe"
)

// Format is an output format.
type Format struct {
	// Name is what --format takes; Aliases are other names it takes ("md").
	Name    string
	Aliases []string
	// Exts are the file extensions that imply it for -o, the usual one first.
	Exts []string
	// Help says what it is, in a few words, as help lists formats; TeamHelp what it is for
	// a team, where that differs.
	Help, TeamHelp string
	// Binary is set for a format that is not text: it goes to a file (-o), never to a
	// terminal or a pipe. Noun is what such a file is, for messages: "a workbook".
	Binary bool
	Noun   string

	// What it writes; nil for what it cannot.
	Person  func(w io.Writer, b *bank.Bank, r *engine.Result, o PersonOptions) error
	Team    func(o TeamOptions) team.Format
	Compare func(a, b *bank.Bank) team.Format
	Folder  *Folder
	Bank    func(w io.Writer, b *bank.Bank) error
}

// PersonOptions are a person's report's: who it is for and the date, and for text the
// terminal it is styled for.
type PersonOptions struct {
	report.Options
	Profile termenv.Profile // colours, for text: termenv.Ascii in a file
	Width   int             // where text wraps; 0 for 80
}

// TeamOptions are a team's results'.
type TeamOptions struct {
	Bank *bank.Bank
	// Kept are the roster's columns carried through, in order; Group the column the
	// totals are grouped by, if any.
	Kept  []string
	Group string
	// Date, if set, goes on the results.
	Date string
}

// report is what the team report takes of them, in Markdown as in HTML.
func (o TeamOptions) report() teamreport.Options {
	return teamreport.Options{Bank: o.Bank, Group: o.Group, Date: o.Date}
}

// Folder is what a format writes into a folder of reports (--out-dir): a person's report
// each (Person, with the format's first extension) and an index.
type Folder struct {
	// Index is the index's file name.
	Index string
	// NewIndex makes the index's writer.
	NewIndex func(teamreport.IndexOptions) team.Index
}

// Ext is the format's usual file extension.
func (f *Format) Ext() string { return f.Exts[0] }

// Kind is something a format may write.
type Kind int

const (
	KindPerson  Kind = iota // one person's report
	KindTeam                // a team's results
	KindCompare             // a team scored with two banks
	KindFolder              // a folder of reports, a person's each, and an index
	KindBank                // a question bank
)

// Writes reports whether f writes what kind names.
func (f *Format) Writes(k Kind) bool {
	switch k {
	case KindPerson:
		return f.Person != nil
	case KindTeam:
		return f.Team != nil
	case KindCompare:
		return f.Compare != nil
	case KindFolder:
		return f.Folder != nil && f.Person != nil
	case KindBank:
		return f.Bank != nil
	}
	return false
}

// For is every format that writes kind, in the order of All.
func For(k Kind) []*Format {
	var out []*Format
	for _, f := range All {
		if f.Writes(k) {
			out = append(out, f)
		}
	}
	return out
}

// Named is the format among that s names, by its name or an alias; case and surrounding
// spaces do not matter.
func Named(s string, among []*Format) (*Format, error) {
	name := strings.ToLower(strings.TrimSpace(s))
	for _, f := range among {
		if f.Name == name || slices.Contains(f.Aliases, name) {
			return f, nil
		}
	}
	return nil, fmt.Errorf("invalid --format %s; use %s", textsafe.Quote(s), Names(among))
}

// FromPath is the format among that a file's extension implies, if any.
func FromPath(path string, among []*Format) (*Format, bool) {
	ext := strings.ToLower(filepath.Ext(path))
	if ext == "" {
		return nil, false
	}
	for _, f := range among {
		if slices.Contains(f.Exts, ext) {
			return f, true
		}
	}
	return nil, false
}

// Except is among without the formats given, in order.
func Except(among []*Format, not ...*Format) []*Format {
	var out []*Format
	for _, f := range among {
		if !slices.Contains(not, f) {
			out = append(out, f)
		}
	}
	return out
}

// Names lists formats as a sentence does: "text, markdown, json or html".
func Names(among []*Format) string {
	names := make([]string, len(among))
	for i, f := range among {
		names[i] = f.Name
	}
	if n := len(names); n > 1 {
		return strings.Join(names[:n-1], ", ") + " or " + names[n-1]
	}
	return strings.Join(names, "")
}

// Exts lists the extensions that imply formats, as help says them: ".md, .json or .html".
func Exts(among []*Format) string {
	var exts []string
	for _, f := range among {
		exts = append(exts, f.Ext())
	}
	if n := len(exts); n > 1 {
		return strings.Join(exts[:n-1], ", ") + " or " + exts[n-1]
	}
	return strings.Join(exts, "")
}

// Help lists formats with what each is, a line each, for a command's help; team picks
// TeamHelp where a format has one.
func Help(among []*Format, team bool) string {
	var b strings.Builder
	for _, f := range among {
		help := f.Help
		if team && f.TeamHelp != "" {
			help = f.TeamHelp
		}
		if f.Binary {
			help += "; it needs --output"
		}
		fmt.Fprintf(&b, "  %-9s %s\n", f.Name, help)
	}
	return strings.TrimSuffix(b.String(), "\n")
}
