// Package batch implements `coachmentor batch`: score a whole team's answers from a CSV or
// JSON Lines file.
package batch

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strings"

	"github.com/spf13/cobra"

	"github.com/coachmentor/coachmentor/internal/bank"
	"github.com/coachmentor/coachmentor/internal/batch"
	"github.com/coachmentor/coachmentor/internal/cmdutil"
	"github.com/coachmentor/coachmentor/internal/format"
	"github.com/coachmentor/coachmentor/internal/iostreams"
	"github.com/coachmentor/coachmentor/internal/roster"
	"github.com/coachmentor/coachmentor/internal/safefile"
	"github.com/coachmentor/coachmentor/internal/team"
	"github.com/coachmentor/coachmentor/internal/textsafe"
)

// Options are the parsed flags.
type Options struct {
	IO   *iostreams.IOStreams
	Bank func() (*bank.Bank, error)
	Ctx  context.Context
	// BankPath is the --questions file, an input like any other; "" for the default bank.
	BankPath string

	File    string
	Input   string
	Format  *format.Format // nil: from the output file's extension, else the default
	OutDir  string
	Output  string
	Force   bool
	Compare string
	Workers int
	// Keep, IDColumn and GroupBy name the roster's columns that are more than answers.
	Keep     []string
	IDColumn string
	GroupBy  string
	Date     string // --date, put on the reports; "" for none
}

// NewCmdBatch builds the command.
func NewCmdBatch(f *cmdutil.Factory, runF func(*Options) error) *cobra.Command {
	opts := &Options{IO: f.IOStreams, Bank: f.Bank}
	cmd := &cobra.Command{
		Use:   "batch FILE",
		Short: "Score a whole team's answers from a CSV, JSON Lines or Excel file",
		Long: `Score every respondent in a file and write the results in input order.

The input is CSV, with a header row of question ids and an optional "id" column, JSON
Lines, one answers object per line with an optional "id" key, or the first sheet of an
Excel workbook (.xlsx), read as CSV is; "-" reads standard input. Without an id, a
"name" column or key stands for it; with one, the name names the person in reports.
--id-column names another column to identify people by, --keep carries columns of the
roster (email, department) through to every output, and --group-by gives the team report
a section per group. A column may be headed by its
question's title or prompt instead of its id, as a form made from the questionnaire
exports it. The format is detected from the content unless --input says. Spreadsheet
exports work: a byte-order mark, CRLF line ends, quoted fields, blank lines and rows of
empty cells, answer ids in any case or answers as the questionnaire labels them,
semicolons or tabs between columns (or a "sep=;" line), UTF-16 "Unicode text", the
Windows-1252 text of Excel's "CSV (Comma delimited)", and the header row again where
files were joined. Columns that are not questions are reported once and ignored. An
OpenDocument (.ods) or old Excel (.xls) file is refused: save it as .xlsx or CSV UTF-8.

Every row of the input has its result in the output, in order, so that the results join
back to the roster: a row that cannot be scored has status "invalid" and the error, is
reported on standard error with its line number and id, and makes the exit status 2 at
the end. A summary line on standard error counts the respondents, per group too.

Formats: jsonl (default; the object "recommend --format json" gives, plus "id" and
"status"), csv (one line per respondent for a spreadsheet), xlsx (a workbook: the
results and a summary sheet; it needs --output), markdown or html (a team report; html is
one page that stands alone and prints). With --out-dir, a report per person (Markdown,
or HTML with --format html) and an index. With --compare, every respondent is also
scored with another bank and the output shows whose result changes and why, as
markdown (default), json or csv.`,
		Example: `  coachmentor batch team.csv > results.jsonl
  coachmentor batch team.csv --format csv --output results.csv
  coachmentor batch roster.xlsx --keep email,department --group-by department -o results.xlsx
  coachmentor batch team.csv --format html --out-dir reports/ -o reports/team.html
  coachmentor batch team.csv --compare client-bank.yaml > comparison.md`,
		Args: cmdutil.ExactArgs(1, "a CSV or JSON Lines file, or - for standard input"),
		ValidArgsFunction: func(cmd *cobra.Command, args []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
			return []cobra.Completion{"csv", "jsonl", "json", "xlsx"}, cobra.ShellCompDirectiveFilterFileExt
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.File = args[0]
			opts.Ctx = cmd.Context()
			opts.BankPath = f.BankPath
			if runF != nil {
				return runF(opts)
			}
			return batchRun(opts)
		},
	}
	fl := cmd.Flags()
	cmdutil.EnumFlag(cmd, &opts.Input, "input", "", "", "input format: csv or jsonl (default: detected)", roster.InputCSV, roster.InputJSONL)
	cmdutil.FormatFlag(cmd, &opts.Format, nil, "output format: "+format.Names(teamFormats())+"; with --compare, "+format.Names(compareFormats()),
		batchFormats())
	fl.StringVar(&opts.OutDir, "out-dir", "", "also write a report per respondent and an index into `folder` (made if need be), keeping any already there")
	fl.StringSliceVar(&opts.Keep, "keep", nil, "carry these roster `columns` (comma-separated) through to every output")
	fl.StringVar(&opts.IDColumn, "id-column", "", "the `column` that identifies people (default: id, or else name)")
	fl.StringVar(&opts.GroupBy, "group-by", "", "give the team report and the summary a section per value of this `column`")
	fl.StringVarP(&opts.Output, "output", "o", "", "write to `file` instead of standard output")
	fl.BoolVar(&opts.Force, "force", false, "replace the --output file and reports in --out-dir if they exist")
	fl.StringVar(&opts.Compare, "compare", "", "also score with the bank in `file` and report what changes")
	fl.IntVar(&opts.Workers, "workers", 0, "rows scored at once, at most one per core (default: one per core)")
	cmdutil.DateFlag(cmd, &opts.Date)
	_ = cmd.RegisterFlagCompletionFunc("out-dir", cobra.FixedCompletions(nil, cobra.ShellCompDirectiveFilterDirs))
	return cmd
}

// memoryLimit bounds the heap softly: a batch's live memory is small and flat (about
// 20 MiB, mostly output buffers that go round), so with collection rare (GOGC 400, which
// buys a little speed) the heap would still grow to five times that on a long run. The
// limit has the collector run before the heap passes it.
const memoryLimit = 40 << 20

func batchRun(opts *Options) error {
	defer debug.SetGCPercent(debug.SetGCPercent(400))
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(memoryLimit))
	ctx := opts.Ctx
	if ctx == nil {
		ctx = context.Background()
	}
	if err := checkFlags(opts); err != nil {
		return err
	}
	ropts, err := runOptions(opts)
	if err != nil {
		return err
	}
	src, err := openInput(opts, &ropts)
	if err != nil {
		return err
	}
	defer src.close()
	if opts.OutDir != "" {
		if err := makeOutDir(opts.OutDir); err != nil {
			return err
		}
	}
	// Results on the screen are progress enough: a bar among them would break their lines.
	bar := newProgress(opts.IO, opts.Output != "" || !opts.IO.IsStdoutTTY(), src.counter, src.size)
	ropts.Progress = bar.update
	run := func(w io.Writer) (team.Summary, error) {
		sum, err := batch.Run(ctx, src.reader, w, bar, ropts)
		bar.clear()
		return sum, err
	}
	var sum team.Summary
	if opts.Output != "" {
		err = safefile.WriteFunc(ctx, opts.Output, opts.Force, func(w io.Writer) error {
			var rerr error
			sum, rerr = run(w)
			if errors.Is(rerr, batch.ErrInvalidRows) {
				return nil // the valid rows' results are worth keeping
			}
			return rerr
		})
		if err == nil && (sum.Invalid > 0 || sum.NotWritten > 0) {
			err = batch.ErrInvalidRows
		}
	} else {
		sum, err = run(opts.IO.Out)
	}
	return finish(opts, ropts, sum, err)
}

// teamFormats are the formats of a team's results, the default first; compareFormats a
// comparison's; batchFormats either, which --format takes before --compare is known.
func teamFormats() []*format.Format {
	return append([]*format.Format{format.JSONL}, format.Except(format.For(format.KindTeam), format.JSONL)...)
}

func compareFormats() []*format.Format {
	return append([]*format.Format{format.Markdown}, format.Except(format.For(format.KindCompare), format.Markdown)...)
}

func batchFormats() []*format.Format {
	return append(teamFormats(), format.Except(compareFormats(), teamFormats()...)...)
}

// checkFlags refuses, before anything is read, flags that cannot work: the format for
// what is asked, the workers, and an output that is one of the inputs.
func checkFlags(opts *Options) error {
	allowed := teamFormats()
	if opts.Compare != "" {
		allowed = compareFormats()
	}
	if opts.Format != nil {
		// The flag took any format batch writes; which ones depends on --compare.
		if _, err := format.Named(opts.Format.Name, allowed); err != nil {
			if opts.Compare != "" {
				err = fmt.Errorf("%w with --compare", err)
			}
			return &cmdutil.InvalidError{Err: err}
		}
	} else if f, ok := format.FromPath(opts.Output, allowed); ok {
		opts.Format = f // -o team.md means Markdown, as recommend's -o does
	}
	if opts.Workers < 0 {
		return cmdutil.Invalidf("--workers must be 0 or more")
	}
	if f := opts.Format; f != nil && f.Binary && opts.Output == "" {
		return cmdutil.Invalidf("--format %s writes %s, which is no text for a terminal or a pipe: name it with --output, e.g. -o results%s", f.Name, f.Noun, f.Ext())
	}
	if opts.Compare != "" && (len(opts.Keep) > 0 || opts.GroupBy != "") {
		return cmdutil.Invalidf("--keep and --group-by are for results and team reports; a comparison (--compare) shows neither")
	}
	if opts.OutDir != "" && opts.Output != "" && batch.SameFolder(opts.Output, opts.OutDir) &&
		strings.EqualFold(filepath.Base(opts.Output), batch.IndexName(opts.Format)) {
		index := filepath.Join(opts.OutDir, batch.IndexName(opts.Format))
		return cmdutil.Invalidf("-o %s is the index that --out-dir writes (%s): name the team report otherwise, such as -o %s",
			opts.Output, index, filepath.Join(opts.OutDir, "team"+filepath.Ext(opts.Output)))
	}
	return cmdutil.NotOntoInputs(opts.IO, opts.Output, opts.File, opts.Compare, opts.BankPath)
}

// runOptions are the run's options from the flags: the banks, the files it reads (which
// no report may be written over) and how many workers.
func runOptions(opts *Options) (batch.Options, error) {
	b, err := opts.Bank()
	if err != nil {
		return batch.Options{}, err
	}
	ropts := batch.Options{Bank: b, Format: opts.Format, OutDir: opts.OutDir, Output: opts.Output, Force: opts.Force, Name: textsafe.Line(opts.File), Date: opts.Date}
	if opts.File == "-" {
		ropts.Name = "<stdin>"
	}
	if opts.Compare != "" {
		if ropts.Compare, err = cmdutil.LoadBank(opts.IO, opts.Compare); err != nil {
			return ropts, err
		}
	}
	for _, in := range []string{opts.File, opts.Compare, opts.BankPath} {
		if st, err := os.Stat(in); in != "" && in != "-" && err == nil {
			ropts.Inputs = append(ropts.Inputs, st)
		}
	}
	// Scoring is all processor work: more workers than cores only add output buffers
	// (a few megabytes each) and time.
	ropts.Workers = min(opts.Workers, runtime.GOMAXPROCS(0))
	return ropts, nil
}

// finish says how the run went, as its last line on standard error, and gives the exit
// status.
func finish(opts *Options, ropts batch.Options, sum team.Summary, err error) error {
	errOut := opts.IO.ErrOut
	switch {
	case err != nil && (errors.Is(err, context.Canceled) || opts.Ctx.Err() != nil):
		reports := ""
		if opts.OutDir != "" {
			reports = fmt.Sprintf(", and no report was put in %s", textsafe.Line(opts.OutDir))
		}
		switch {
		case opts.Output != "":
			fmt.Fprintf(errOut, "Interrupted after %s; %s was not written%s.\n", sum.Line(), textsafe.Line(opts.Output), reports)
		case !sum.Written:
			fmt.Fprintf(errOut, "Interrupted after %s; nothing was written%s.\n", sum.Line(), reports)
		default:
			fmt.Fprintf(errOut, "Interrupted after %s; the output holds only complete results%s.\n", sum.Line(), reports)
		}
		return &cmdutil.SilentError{Code: cmdutil.ExitInterrupted}
	case errors.Is(err, batch.ErrInvalidRows):
		groupLines(errOut, sum)
		fmt.Fprintln(errOut, sum.Line())
		return &cmdutil.SilentError{Code: cmdutil.ExitInvalid}
	case err != nil:
		var exists *safefile.ExistsError
		var badName *safefile.NameError
		var report *batch.ReportError
		var inUse *safefile.InUseError
		if errors.As(err, &report) && opts.OutDir != "" {
			return fmt.Errorf("%w; no report was put in %s", err, textsafe.Line(opts.OutDir))
		}
		if errors.As(err, &exists) || errors.As(err, &badName) || errors.As(err, &report) || errors.As(err, &inUse) || opts.IO.OutError() != nil {
			return err // about the output, not the input: not named after the input
		}
		if sum.Respondents == 0 && opts.Output == "" {
			return &cmdutil.InvalidError{Err: fmt.Errorf("%s: %w", ropts.Name, err)}
		}
		return fmt.Errorf("%s: %w", ropts.Name, err)
	}
	groupLines(errOut, sum)
	line := sum.Line()
	if ropts.Compare != nil {
		line += fmt.Sprintf("; %d change with %s", sum.Changed, textsafe.Line(opts.Compare))
		if sum.NotCompared > 0 {
			line += fmt.Sprintf(" (%d because it cannot score their answers)", sum.NotCompared)
		}
	}
	fmt.Fprintln(errOut, line)
	return nil
}

// groupLines says how each group went, before the line for everyone.
func groupLines(errOut io.Writer, sum team.Summary) {
	for _, g := range sum.GroupLines() {
		fmt.Fprintln(errOut, textsafe.Line(g))
	}
}

// makeOutDir makes sure the folder for --out-dir is there, creating it (and its parents)
// if not, as the README's first batch run expects of a new folder.
func makeOutDir(dir string) error {
	st, err := os.Stat(dir)
	switch {
	case err == nil && st.IsDir():
		return nil
	case err == nil:
		return cmdutil.Invalidf("--out-dir %s is a file, not a folder; name a folder for the reports", dir)
	case !errors.Is(err, fs.ErrNotExist):
		return fmt.Errorf("--out-dir %s: %w", dir, safefile.Cause(err))
	}
	if err := os.MkdirAll(dir, 0o777); err != nil {
		return fmt.Errorf("cannot create --out-dir %s: %w", dir, safefile.Cause(err))
	}
	return nil
}
