package format

import (
	"github.com/coachmentor/coachmentor/internal/bank"
	"github.com/coachmentor/coachmentor/internal/compare"
	"github.com/coachmentor/coachmentor/internal/results"
	"github.com/coachmentor/coachmentor/internal/team"
)

// CSV is a line per respondent, for a spreadsheet.
var CSV = &Format{
	Name: "csv",
	Exts: []string{".csv"},
	Help: "a line per respondent, for a spreadsheet",
	Team: func(o TeamOptions) team.Format {
		return results.NewCSV(results.Options{Bank: o.Bank, Kept: o.Kept, Group: o.Group, Date: o.Date})
	},
	Compare: func(a, b *bank.Bank) team.Format { return compare.NewCSV(a, b) },
}
