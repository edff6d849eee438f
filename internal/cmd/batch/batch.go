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
	"sync/atomic"
	"time"

	"github.com/charmbracelet/bubbles/progress"
	"github.com/spf13/cobra"

	"github.com/coachmentor/coachmentor/internal/bank"
	"github.com/coachmentor/coachmentor/internal/batch"
	"github.com/coachmentor/coachmentor/internal/cmdutil"
	"github.com/coachmentor/coachmentor/internal/iostreams"
	"github.com/coachmentor/coachmentor/internal/safefile"
)

// Options are the parsed flags.
type Options struct {
	IO   *iostreams.IOStreams
	Bank func() (*bank.Bank, error)
	Ctx  context.Context

	File    string
	Input   string
	Format  string
	OutDir  string
	Output  string
	Force   bool
	Compare string
	Workers int
}

// NewCmdBatch builds the command.
func NewCmdBatch(f *cmdutil.Factory, runF func(*Options) error) *cobra.Command {
	opts := &Options{IO: f.IOStreams, Bank: f.Bank}
	cmd := &cobra.Command{
		Use:   "batch FILE",
		Short: "Score a whole team's answers from a CSV or JSON Lines file",
		Long: `Score every respondent in a file and write the results in input order.

The input is CSV, with a header row of question ids and an optional "id" column, or JSON
Lines, one answers object per line with an optional "id" key; "-" reads standard input.
Without an id, a "name" column or key stands for it. A column may be headed by its
question's title or prompt instead of its id, as a form made from the questionnaire
exports it. The format is detected from the content unless --input says. Spreadsheet
exports work: a byte-order mark, CRLF line ends, quoted fields, blank lines and rows of
empty cells, answer ids in any case or answers as the questionnaire labels them,
semicolons or tabs between columns (or a "sep=;" line), UTF-16 "Unicode text", the
Windows-1252 text of Excel's "CSV (Comma delimited)", and the header row again where
files were joined. Columns that are not questions are reported once and ignored. A
workbook (.xlsx, .ods, .xls) is refused: save it as CSV UTF-8.

A row that cannot be scored is reported on standard error with its line number and id;
the other rows are still scored and the exit status is 2 at the end. A summary line on
standard error counts the respondents.

Formats: jsonl (default; the object "recommend --format json" gives, plus "id"), csv
(one line per respondent for a spreadsheet), markdown (a team report). With --compare,
every respondent is also scored with another bank and the output shows whose result
changes and why, as markdown (default), json or csv.`,
		Example: `  coachmentor batch team.csv > results.jsonl
  coachmentor batch team.csv --format csv --output results.csv
  coachmentor batch team.csv --format markdown --out-dir reports/
  coachmentor batch team.csv --compare client-bank.yaml > comparison.md`,
		Args: cmdutil.ExactArgs(1, "a CSV or JSON Lines file, or - for standard input"),
		ValidArgsFunction: func(cmd *cobra.Command, args []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
			return []cobra.Completion{"csv", "jsonl", "json"}, cobra.ShellCompDirectiveFilterFileExt
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.File = args[0]
			opts.Ctx = cmd.Context()
			if runF != nil {
				return runF(opts)
			}
			return batchRun(opts)
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&opts.Input, "input", "", "input format: csv or jsonl (default: detected)")
	fl.StringVarP(&opts.Format, "format", "f", "", "output format: jsonl, csv or markdown; with --compare, markdown, json or csv")
	fl.StringVar(&opts.OutDir, "out-dir", "", "also write one Markdown report per respondent into `folder` (made if need be), keeping any already there")
	fl.StringVarP(&opts.Output, "output", "o", "", "write to `file` instead of standard output")
	fl.BoolVar(&opts.Force, "force", false, "replace the --output file and reports in --out-dir if they exist")
	fl.StringVar(&opts.Compare, "compare", "", "also score with the bank in `file` and report what changes")
	fl.IntVar(&opts.Workers, "workers", 0, "rows scored at once, at most one per core (default: one per core)")
	_ = cmd.RegisterFlagCompletionFunc("input", cobra.FixedCompletions([]string{"csv", "jsonl"}, cobra.ShellCompDirectiveNoFileComp))
	_ = cmd.RegisterFlagCompletionFunc("format", cobra.FixedCompletions([]string{"jsonl", "csv", "markdown", "json"}, cobra.ShellCompDirectiveNoFileComp))
	_ = cmd.RegisterFlagCompletionFunc("out-dir", cobra.FixedCompletions(nil, cobra.ShellCompDirectiveFilterDirs))
	return cmd
}

func batchRun(opts *Options) error {
	// A batch's live memory is small and flat, mostly output buffers that go round, and it
	// makes little garbage; collecting less often still buys a little (100,000 rows: 222
	// against 228 ms, with the same peak memory).
	defer debug.SetGCPercent(debug.SetGCPercent(400))
	ctx := opts.Ctx
	if ctx == nil {
		ctx = context.Background()
	}
	b, err := opts.Bank()
	if err != nil {
		return err
	}
	name := opts.File
	if name == "-" {
		name = "<stdin>"
	}
	ropts := batch.Options{Bank: b, Format: opts.Format, OutDir: opts.OutDir, Force: opts.Force, Workers: opts.Workers, Name: name}
	if opts.Compare != "" {
		if ropts.Compare, err = cmdutil.LoadBank(opts.IO, opts.Compare); err != nil {
			return err
		}
	}
	if opts.Workers < 0 {
		return cmdutil.Invalidf("--workers must be 0 or more")
	}
	// Scoring is all processor work: more workers than cores only add output buffers
	// (a few megabytes each) and time.
	ropts.Workers = min(opts.Workers, runtime.GOMAXPROCS(0))

	var in io.Reader
	var size int64 = -1
	if opts.File == "-" {
		in = opts.IO.In
		if opts.IO.IsStdinTTY() { // nothing piped in: without a word it would seem to hang
			fmt.Fprintf(opts.IO.ErrOut, "Reading a team from the terminal: paste CSV with its header row, or JSON Lines, then press %s.\n", cmdutil.EndOfInputKey())
		}
	} else {
		f, err := cmdutil.OpenInput(opts.File, "input file")
		if err != nil {
			return err
		}
		defer f.Close()
		if st, err := f.Stat(); err == nil {
			size = st.Size()
		}
		in = f
	}
	counter := &countingReader{r: in}
	vocab := batch.VocabularyOf(b)
	if ropts.Compare != nil {
		vocab = batch.VocabularyOf(b, ropts.Compare)
	}
	reader, err := batch.NewReader(counter, opts.Input, vocab)
	if err != nil {
		switch strings.ToLower(filepath.Ext(opts.File)) {
		case ".yaml", ".yml", ".json":
			if !errors.Is(err, batch.ErrJSONList) { // a list is many people's answers
				err = fmt.Errorf("%w; a file of one person's answers is for \"coachmentor recommend --answers %s\"", err, opts.File)
			}
		}
		return &cmdutil.InvalidError{Err: fmt.Errorf("%s: %w", name, err)}
	}

	if opts.OutDir != "" {
		if err := makeOutDir(opts.OutDir); err != nil {
			return err
		}
	}

	// Results on the screen are progress enough: a bar among them would break their lines.
	bar := newProgress(opts.IO, opts.Output != "" || !opts.IO.IsStdoutTTY(), counter, size)
	ropts.Progress = bar.update
	run := func(w io.Writer) (batch.Summary, error) {
		sum, err := batch.Run(ctx, reader, w, bar, ropts)
		bar.clear()
		return sum, err
	}

	var sum batch.Summary
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

	switch {
	case errors.Is(err, context.Canceled):
		if opts.Output != "" {
			fmt.Fprintf(opts.IO.ErrOut, "Interrupted after %s; %s was not written.\n", sum.Line(), opts.Output)
		} else {
			fmt.Fprintf(opts.IO.ErrOut, "Interrupted after %s; the output holds only complete results.\n", sum.Line())
		}
		return &cmdutil.SilentError{Code: cmdutil.ExitInterrupted}
	case errors.Is(err, batch.ErrInvalidRows):
		fmt.Fprintln(opts.IO.ErrOut, sum.Line())
		return &cmdutil.SilentError{Code: cmdutil.ExitInvalid}
	case err != nil:
		var exists *safefile.ExistsError
		var badName *safefile.NameError
		var report *batch.ReportError
		if errors.As(err, &exists) || errors.As(err, &badName) || errors.As(err, &report) {
			return err // about the output, not the input: not named after the input
		}
		if sum.Respondents == 0 && opts.Output == "" {
			return &cmdutil.InvalidError{Err: fmt.Errorf("%s: %w", name, err)}
		}
		return fmt.Errorf("%s: %w", name, err)
	}
	line := sum.Line()
	if ropts.Compare != nil {
		line += fmt.Sprintf("; %d change with %s", sum.Changed, opts.Compare)
	}
	fmt.Fprintln(opts.IO.ErrOut, line)
	return nil
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

// countingReader counts the bytes read, for the progress bar.
type countingReader struct {
	r io.Reader
	n atomic.Int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n.Add(int64(n))
	return n, err
}

// progressBar draws on standard error when it is a terminal, at most ten times a second.
// Messages about rows go through it (Write), so that each starts on a line of its own
// rather than after the bar; the bar is drawn again on the next update.
type progressBar struct {
	ios   *iostreams.IOStreams
	on    bool
	in    *countingReader
	size  int64
	bar   progress.Model
	last  time.Time
	drawn bool
}

func newProgress(ios *iostreams.IOStreams, on bool, in *countingReader, size int64) *progressBar {
	return &progressBar{ios: ios, on: on && ios.IsStderrTTY(), in: in, size: size, bar: progress.New(progress.WithDefaultGradient(), progress.WithWidth(30))}
}

func (p *progressBar) update(rows int) {
	if !p.on || time.Since(p.last) < 100*time.Millisecond {
		return
	}
	p.last = time.Now()
	p.drawn = true
	if p.size > 0 {
		fmt.Fprintf(p.ios.ErrOut, "\r%s %d respondents", p.bar.ViewAs(min(1, float64(p.in.n.Load())/float64(p.size))), rows)
		return
	}
	fmt.Fprintf(p.ios.ErrOut, "\r%d respondents", rows)
}

// Write writes a message to standard error, clearing the bar first.
func (p *progressBar) Write(b []byte) (int, error) {
	p.clear()
	return p.ios.ErrOut.Write(b)
}

func (p *progressBar) clear() {
	if p.drawn {
		fmt.Fprint(p.ios.ErrOut, "\r\x1b[K")
		p.drawn = false
	}
}
