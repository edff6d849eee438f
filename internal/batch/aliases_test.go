package batch

import (
	"github.com/coachmentor/coachmentor/internal/roster"
	"github.com/coachmentor/coachmentor/internal/team"
)

// These tests drive whole runs, from a roster to the results, so they name the parts of a
// run by the packages that hold them.
type (
	Summary     = team.Summary
	ReadOptions = roster.ReadOptions
	Columns     = roster.Columns
	Reader      = roster.Reader
)

var (
	Open         = roster.Open
	OpenWorkbook = roster.OpenWorkbook
	VocabularyOf = roster.VocabularyOf
)

const (
	InputCSV   = roster.InputCSV
	InputJSONL = roster.InputJSONL
)
