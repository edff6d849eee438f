package format

import (
	"io"

	"github.com/coachmentor/coachmentor/internal/bank"
	"github.com/coachmentor/coachmentor/internal/compare"
	"github.com/coachmentor/coachmentor/internal/engine"
	"github.com/coachmentor/coachmentor/internal/report"
	"github.com/coachmentor/coachmentor/internal/report/bankdoc"
	"github.com/coachmentor/coachmentor/internal/results"
	"github.com/coachmentor/coachmentor/internal/team"
)

// JSON is for scripts: one object for a person or a bank; for a comparison, an object
// per respondent, a line each. (A team's results are JSONL.)
var JSON = &Format{
	Name:     "json",
	Exts:     []string{".json"},
	Help:     "one JSON object, for scripts",
	TeamHelp: "a JSON object per respondent, a line each",
	Person: func(w io.Writer, b *bank.Bank, r *engine.Result, o PersonOptions) error {
		return report.JSON(w, b, r, o.Options)
	},
	Compare: func(a, b *bank.Bank) team.Format { return compare.NewJSON(a, b) },
	Bank:    bankdoc.JSON,
}

// JSONL is a team's results, an object a line: what batch reads back.
var JSONL = &Format{
	Name:    "jsonl",
	Aliases: []string{"ndjson"},
	Exts:    []string{".jsonl", ".ndjson"},
	Help:    "a JSON object per respondent, a line each: the object recommend --format json gives, with id and status",
	Team: func(o TeamOptions) team.Format {
		return results.NewJSONL(results.Options{Bank: o.Bank, Kept: o.Kept, Group: o.Group, Date: o.Date})
	},
}
