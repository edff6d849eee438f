package format

import (
	"io"

	"github.com/coachmentor/coachmentor/internal/bank"
	"github.com/coachmentor/coachmentor/internal/engine"
	"github.com/coachmentor/coachmentor/internal/report"
	"github.com/coachmentor/coachmentor/internal/team"
	"github.com/coachmentor/coachmentor/internal/teamreport"
)

// HTML is a web page that stands alone and prints.
var HTML = &Format{
	Name:     "html",
	Exts:     []string{".html", ".htm"},
	Help:     "a web page that stands alone and prints",
	TeamHelp: "the team report as a web page that stands alone and prints",
	Person: func(w io.Writer, b *bank.Bank, r *engine.Result, o PersonOptions) error {
		return report.HTML(w, b, r, o.Options)
	},
	Team: func(o TeamOptions) team.Format {
		return teamreport.HTML(o.report())
	},
	Folder: &Folder{Index: "index.html", NewIndex: teamreport.HTMLIndex},
}
