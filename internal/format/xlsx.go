package format

import (
	"github.com/coachmentor/coachmentor/internal/results"
	"github.com/coachmentor/coachmentor/internal/team"
)

// XLSX is an Excel workbook: the results and a summary sheet.
var XLSX = &Format{
	Name:   "xlsx",
	Exts:   []string{".xlsx"},
	Help:   "an Excel workbook: the results and a summary sheet",
	Binary: true,
	Noun:   "a workbook",
	Team: func(o TeamOptions) team.Format {
		return results.NewWorkbook(results.Options{Bank: o.Bank, Kept: o.Kept, Group: o.Group, Date: o.Date})
	},
}
