// Package batch scores many respondents at once: it reads a team's rows (package roster),
// scores each with the engine on every core, and writes the results in input order as
// they are ready, in any team format (package format), so memory stays flat however many
// rows there are. With --out-dir it also writes a report per person and an index, staged
// and put in place only when the run ends well. A bad row is reported with its line
// number and id and the rest are still scored.
package batch

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"strings"

	"github.com/muesli/termenv"

	"github.com/coachmentor/coachmentor/internal/bank"
	"github.com/coachmentor/coachmentor/internal/format"
	"github.com/coachmentor/coachmentor/internal/report"
	"github.com/coachmentor/coachmentor/internal/roster"
	"github.com/coachmentor/coachmentor/internal/safefile"
	"github.com/coachmentor/coachmentor/internal/team"
)

// Options configure a run.
type Options struct {
	Bank *bank.Bank
	// Compare, if set, runs every respondent through this bank too and reports the
	// differences instead of the results.
	Compare *bank.Bank
	// Format is the output's: its team format, or with Compare its comparison; the
	// default is JSON Lines, or Markdown with Compare.
	Format *format.Format
	// OutDir, if set, also receives a report per respondent and an index: in Format where
	// it writes a folder of reports, and otherwise in Markdown.
	OutDir string
	// Output is the file the results go to, "" for standard output: a report in OutDir
	// never takes its name.
	Output string
	// Inputs are the files the run reads: a report is never written over one of them.
	Inputs []fs.FileInfo
	Force  bool
	// Workers is how many rows are scored at once; 0 means one per core.
	Workers int
	// Progress, if set, is called from time to time with the rows done so far.
	Progress func(rows int)
	// Reopen, if set, reads the input again from its start. Formats that begin with totals
	// over every row (the team report, the comparison) then take two passes and spool
	// nothing; without it, their totals follow the rows.
	Reopen func() (roster.Reader, error)
	// Name is the input's name in messages; "input" if empty.
	Name string
	// Columns are the input's columns that are more than answers: they name the kept
	// columns in every output, and the groups of the team report.
	Columns roster.Columns
	// Date, if set, is put on every report, as YYYY-MM-DD.
	Date string

	// stage holds the reports for OutDir until the run has ended well.
	stage *safefile.Stage
}

// ErrInvalidRows is returned, after everything else is written, when some rows could not
// be scored or their reports were not written.
var ErrInvalidRows = errors.New("some rows could not be scored")

// ReportError is a report for --out-dir that could not be written for a reason other than
// its file being there already. It ends the run: the rows before it are complete.
type ReportError struct{ msg string }

func (e *ReportError) Error() string { return e.msg }

// Run reads every row, scores it, and writes the results to out in input order. Problems
// with rows go to errOut as they are found; the summary is returned. If ctx is cancelled,
// Run stops after the rows in hand, having written only whole results.
//
// Formats that begin with totals over every row read the input twice where opts.Reopen
// allows: a first pass counts, the second writes. Nothing is kept in a temporary file.
func Run(ctx context.Context, in roster.Reader, out, errOut io.Writer, opts Options) (team.Summary, error) {
	f, err := newFormat(opts)
	if err != nil {
		return team.NewSummary(), err
	}
	if opts.Name == "" {
		opts.Name = "input"
	}
	if opts.OutDir != "" {
		if st, err := os.Stat(opts.OutDir); err != nil || !st.IsDir() {
			return team.NewSummary(), fmt.Errorf("--out-dir %s is not a folder", opts.OutDir)
		}
		// One run at a time in a folder, and its reports put in place only when it ends
		// well: a run never half-finishes the folder.
		unlock, err := safefile.LockFolder(opts.OutDir)
		var inUse *safefile.InUseError
		switch {
		case errors.As(err, &inUse):
			return team.NewSummary(), err
		case err != nil:
			return team.NewSummary(), &ReportError{msg: err.Error()}
		}
		defer unlock()
		if opts.stage, err = safefile.NewStage(opts.OutDir, opts.Force, opts.Inputs); err != nil {
			return team.NewSummary(), &ReportError{msg: err.Error()}
		}
		defer opts.stage.Discard()
	}
	var totals *team.Summary
	if tf, ok := f.(team.TotalsFirst); ok && tf.TotalsFirst() && opts.Reopen != nil {
		counted, err := pass(ctx, in, io.Discard, io.Discard, f, opts, true, nil)
		if err != nil {
			return counted.Summary, err
		}
		if in, err = opts.Reopen(); err != nil {
			return team.NewSummary(), err
		}
		totals = &counted.Summary
	}
	sum, err := pass(ctx, in, out, errOut, f, opts, false, totals)
	if err == nil && totals != nil && (totals.Respondents != sum.Respondents || totals.Invalid != sum.Invalid) {
		// The file changed between the passes: the totals at the top do not hold.
		fmt.Fprintf(errOut, "%s: the input changed while it was read; the totals at the top of the report are out of date: run it again\n", opts.Name)
	}
	if r, ok := in.(interface{ ReadNote() string }); ok && err == nil {
		fmt.Fprintf(errOut, "%s: %s\n", opts.Name, r.ReadNote())
	}
	if err == nil && opts.OutDir != "" {
		err = staleReports(errOut, opts.OutDir, sum.reports)
	}
	if err == nil && (sum.Invalid > 0 || sum.NotWritten > 0) {
		err = ErrInvalidRows
	}
	return sum.Summary, err
}

// newFormat is the run's output format, for its team's results or its comparison.
func newFormat(opts Options) (team.Format, error) {
	f := opts.Format
	if opts.Compare != nil {
		if f == nil {
			f = format.Markdown
		}
		if f.Compare == nil {
			return nil, fmt.Errorf("invalid --format %s with --compare; use %s", f.Name, format.Names(format.For(format.KindCompare)))
		}
		return f.Compare(opts.Bank, opts.Compare), nil
	}
	if f == nil {
		f = format.JSONL
	}
	if f.Team == nil {
		return nil, fmt.Errorf("invalid --format %s; use %s", f.Name, format.Names(format.For(format.KindTeam)))
	}
	return f.Team(format.TeamOptions{Bank: opts.Bank, Kept: opts.Columns.Kept(), Group: opts.Columns.Group, Date: opts.Date}), nil
}

// Folder is the format of the reports a run writes into --out-dir for f: f's own where it
// writes a folder of reports, and otherwise Markdown.
func Folder(f *format.Format) *format.Format {
	if f != nil && f.Writes(format.KindFolder) {
		return f
	}
	return format.Markdown
}

// IndexName is the index's file name in the folder of reports a run with format f writes.
func IndexName(f *format.Format) string { return Folder(f).Folder.Index }

// rowError formats problems with a row for standard error.
func rowError(file string, row *roster.Row, problems ...string) string {
	return row.Label(file) + ": " + strings.Join(problems, "; ")
}

// writeReport writes a respondent's report for the output folder, where it goes when the
// run ends well, never through a link there: the folder's entries are the run's to make,
// not to follow.
func writeReport(opts Options, m *team.Member) error {
	var b strings.Builder
	o := format.PersonOptions{Options: report.Options{For: m.DisplayName(), Date: opts.Date}, Profile: termenv.Ascii}
	if err := Folder(opts.Format).Person(&b, opts.Bank, m.Results[0], o); err != nil {
		return err
	}
	return opts.stage.Write(m.File, []byte(b.String()))
}
