package format

import (
	"io"

	"github.com/coachmentor/coachmentor/internal/bank"
	"github.com/coachmentor/coachmentor/internal/compare"
	"github.com/coachmentor/coachmentor/internal/engine"
	"github.com/coachmentor/coachmentor/internal/report"
	"github.com/coachmentor/coachmentor/internal/report/bankdoc"
	"github.com/coachmentor/coachmentor/internal/team"
	"github.com/coachmentor/coachmentor/internal/teamreport"
)

// Markdown is a report to read, paste into a wiki or diff: every kind of it.
var Markdown = &Format{
	Name:     "markdown",
	Aliases:  []string{"md"},
	Exts:     []string{".md", ".markdown"},
	Help:     "a report in Markdown",
	TeamHelp: "a team report in Markdown",
	Person: func(w io.Writer, b *bank.Bank, r *engine.Result, o PersonOptions) error {
		return report.Markdown(w, b, r, o.Options)
	},
	Team: func(o TeamOptions) team.Format {
		return teamreport.Markdown(o.report())
	},
	Compare: func(a, b *bank.Bank) team.Format { return compare.NewMarkdown(a, b) },
	Folder:  &Folder{Index: "index.md", NewIndex: teamreport.MarkdownIndex},
	Bank:    bankdoc.Markdown,
}
