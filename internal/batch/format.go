package batch

import (
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/coachmentor/coachmentor/internal/engine"
	"github.com/coachmentor/coachmentor/internal/report"
	"github.com/coachmentor/coachmentor/internal/textsafe"
)

// formatter renders scored rows in one output format.
type formatter interface {
	// totalsFirst reports whether the output begins with totals over every row: they are
	// counted in a first pass where the input can be read again, and otherwise follow the
	// rows.
	totalsFirst() bool
	head(w io.Writer) error
	// totals writes the totals; first is whether the rows come after them.
	totals(w io.Writer, s Summary, first bool) error
	// rowsHead writes what comes right before the rows, in a format with totals: after
	// the totals, or with totals nil when they follow the rows.
	rowsHead(w io.Writer, totals *Summary) error
	// render appends a row's output; res holds one result per bank, a result with no
	// recommendation for a bank that could not score the row (row.otherErr says why).
	render(buf []byte, row *Row, res []*engine.Result) []byte
	// renderInvalid appends the output of a row that could not be scored, and why: every
	// row of the input has its place in the output.
	renderInvalid(buf []byte, row *Row, problem string) []byte
	// foot writes what ends the output, after the rows and any totals.
	foot(w io.Writer) error
	// rowSize is about the most bytes render writes for a row, ids aside, or 0 if the
	// format cannot tell.
	rowSize() int
}

// streamed gives a format that writes each row as it comes, with no totals, the formatter
// methods it has no use for; a format overrides those it does.
type streamed struct{}

func (streamed) totalsFirst() bool                     { return false }
func (streamed) head(io.Writer) error                  { return nil }
func (streamed) totals(io.Writer, Summary, bool) error { return nil }
func (streamed) rowsHead(io.Writer, *Summary) error    { return nil }
func (streamed) rowSize() int                          { return 0 }
func (streamed) foot(io.Writer) error                  { return nil }

func newFormatter(opts Options) (formatter, error) {
	if opts.Compare != nil {
		switch opts.Format {
		case "", report.FormatMarkdown:
			return &compareMarkdown{a: opts.Bank, b: opts.Compare}, nil
		case report.FormatJSON, report.FormatJSONL:
			return &compareJSON{a: opts.Bank, b: opts.Compare}, nil
		case report.FormatCSV:
			return &compareCSV{a: opts.Bank, b: opts.Compare}, nil
		}
		return nil, fmt.Errorf("invalid --format %s with --compare; use markdown, json or csv", textsafe.Quote(string(opts.Format)))
	}
	kept := opts.Columns.kept()
	switch opts.Format {
	case "", report.FormatJSONL, report.FormatJSON:
		f := newJSONLFormat(opts.Bank, kept)
		f.enc.SetDate(opts.Date)
		return f, nil
	case report.FormatCSV:
		return &csvFormat{b: opts.Bank, kept: kept}, nil
	case report.FormatMarkdown, report.FormatHTML:
		return &teamReport{b: opts.Bank, html: opts.Format == report.FormatHTML, group: opts.Columns.Group, date: opts.Date}, nil
	case report.FormatXLSX:
		return &workbookFormat{b: opts.Bank, kept: kept, group: opts.Columns.Group}, nil
	}
	return nil, fmt.Errorf("invalid --format %s; use jsonl, csv, markdown, html or xlsx", textsafe.Quote(string(opts.Format)))
}

// tieKey is how a tie for the top type is counted among the best-fitting types.
const tieKey = "(tie)"

// topID is the best-fitting type's id for counting: "" when no type stands out, tieKey when
// types tie for it.
func topID(r *engine.Result) string {
	switch {
	case !report.HasTypeSignal(r):
		return ""
	case len(r.TopTie) > 1:
		return tieKey
	}
	return r.TopType().ID
}

func changed(a, b *engine.Result) bool {
	return a.Recommendation != b.Recommendation || topID(a) != topID(b) || !slices.Equal(tieIDs(a), tieIDs(b))
}

// topTypeID is the best-fitting type's id, the first in bank order in a tie (which tieIDs
// lists), "" when no type stands out.
func topTypeID(r *engine.Result) string {
	if !report.HasTypeSignal(r) {
		return ""
	}
	return r.TopType().ID
}

// tieIDs are the ids of the types that tie for the top, if any.
func tieIDs(r *engine.Result) []string {
	ids := make([]string, len(r.TopTie))
	for i, t := range r.TopTie {
		ids[i] = t.ID
	}
	return ids
}

// respondentID is the id a row is reported under: its id, or its position.
func respondentID(row *Row) string {
	if row.ID != "" {
		return row.ID
	}
	return strconv.Itoa(row.N)
}

// appendCSVField quotes a field when it needs it, and defuses text a spreadsheet would run
// as a formula.
func appendCSVField(buf []byte, s string) []byte {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		s = "'" + s
	}
	if !strings.ContainsAny(s, ",\"\r\n") {
		return append(buf, s...)
	}
	buf = append(buf, '"')
	buf = append(buf, strings.ReplaceAll(s, `"`, `""`)...)
	return append(buf, '"')
}
