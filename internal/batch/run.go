package batch

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/coachmentor/coachmentor/internal/bank"
	"github.com/coachmentor/coachmentor/internal/engine"
	"github.com/coachmentor/coachmentor/internal/report"
	"github.com/coachmentor/coachmentor/internal/safefile"
	"github.com/coachmentor/coachmentor/internal/strictyaml"
	"github.com/coachmentor/coachmentor/internal/textsafe"
)

// Output formats.
const (
	FormatJSONL    = "jsonl"
	FormatCSV      = "csv"
	FormatMarkdown = "markdown"
	FormatJSON     = "json" // for comparisons: JSON Lines of every respondent
)

// Options configure a run.
type Options struct {
	Bank *bank.Bank
	// Compare, if set, runs every respondent through this bank too and reports the
	// differences instead of the results.
	Compare *bank.Bank
	Format  string
	// OutDir, if set, also receives one Markdown report per respondent.
	OutDir string
	Force  bool
	// Workers is how many rows are scored at once; 0 means one per core.
	Workers int
	// Progress, if set, is called from time to time with the rows done so far.
	Progress func(rows int)
	// TempDir is where the Markdown team report spools its sections; "" for the default.
	TempDir string
	// Name is the input's name in messages; "input" if empty.
	Name string
}

// Summary counts the respondents.
type Summary struct {
	Respondents int
	Invalid     int
	// NotWritten counts reports for --out-dir that were already there and were kept.
	NotWritten int
	// ByRecommendation counts coaching, mentoring, blend and undecided.
	ByRecommendation map[string]int
	// ByType counts the top type of each valid respondent.
	ByType map[string]int
	// Changed counts respondents whose result differs between banks (comparisons only).
	Changed int
}

// Line is the summary as one line, e.g. "12 respondents: 7 coaching, 3 mentoring, 1 blend,
// 0 undecided, 1 invalid".
func (s Summary) Line() string {
	line := fmt.Sprintf("%s: %d coaching, %d mentoring, %d blend, %d undecided, %d invalid",
		report.Count(s.Respondents, "respondent"), s.ByRecommendation[engine.Coaching], s.ByRecommendation[engine.Mentoring],
		s.ByRecommendation[engine.Blend], s.ByRecommendation[engine.Undecided], s.Invalid)
	switch s.NotWritten {
	case 0:
	case 1:
		line += "; 1 report was already there and was kept"
	default:
		line += fmt.Sprintf("; %d reports were already there and were kept", s.NotWritten)
	}
	return line
}

// ErrInvalidRows is returned, after everything else is written, when some rows could not
// be scored or their reports were already there.
var ErrInvalidRows = errors.New("some rows could not be scored")

// chunk is a run of rows scored together, to keep the channels' overhead small.
const chunk = 256

type job struct {
	seq  int
	rows []*Row
}

type done struct {
	seq  int
	rows []*Row // released once written
	// fatal, if set, ends the run after the rows before the one that failed.
	fatal error
	out   []byte
	// notes are the rows' messages in input order: problems, and keys that are not
	// questions, which the writer reports once each.
	notes   []note
	results []outcome
}

// note is a message about a row: a problem, or else a key that is not a question.
type note struct {
	err     string
	unknown unknownKey
}

// scoring is one bank's scorer and the resolver for its answers.
type scoring struct {
	scorer   *engine.Scorer
	resolver *resolver
}

// vocabularyOf is the vocabulary a reader numbers words with, if it is one of ours.
func vocabularyOf(in Reader) *Vocabulary {
	switch r := in.(type) {
	case *jsonlReader:
		return r.vocab
	case *csvReader:
		return r.vocab
	}
	return nil
}

// outcome is what the summary needs from a row.
type outcome struct {
	rec     string
	top     string
	changed bool
	invalid bool
	// notWritten is set when the row's report was already there and was kept.
	notWritten bool
}

// Run reads every row, scores it, and writes the results to out in input order. Problems
// with rows go to errOut as they are found; the summary is returned. If ctx is cancelled,
// Run stops after the rows in hand, having written only whole results.
func Run(ctx context.Context, in Reader, out, errOut io.Writer, opts Options) (Summary, error) {
	// A failure that ends the run stops the reader as an interruption would.
	ctx, stop := context.WithCancel(ctx)
	defer stop()
	sum := Summary{ByRecommendation: map[string]int{}, ByType: map[string]int{}}
	f, err := newFormatter(opts)
	if err != nil {
		return sum, err
	}
	if opts.Name == "" {
		opts.Name = "input"
	}
	for _, w := range in.Warnings() {
		fmt.Fprintln(errOut, opts.Name+":"+w)
	}
	if opts.OutDir != "" {
		if st, err := os.Stat(opts.OutDir); err != nil || !st.IsDir() {
			return sum, fmt.Errorf("--out-dir %s is not a folder", opts.OutDir)
		}
		// Each report is written whole and synced; the folder's entries for them are
		// synced once, when the run is over, whichever way it ends.
		defer safefile.SyncFolder(opts.OutDir)
	}

	// The Markdown team report starts with totals, so its sections wait in a file.
	body := bufio.NewWriterSize(out, 256<<10)
	var spool *os.File
	if f.spools() {
		if spool, err = os.CreateTemp(opts.TempDir, "coachmentor-batch-*.md"); err != nil {
			return sum, err
		}
		defer func() { spool.Close(); os.Remove(spool.Name()) }()
		body = bufio.NewWriterSize(spool, 256<<10)
	} else if err := f.head(body); err != nil {
		return sum, err
	}

	workers := opts.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	vocab := vocabularyOf(in)
	scorers := []scoring{{engine.New(opts.Bank), newResolver(opts.Bank, vocab)}}
	if opts.Compare != nil {
		scorers = append(scorers, scoring{engine.New(opts.Compare), newResolver(opts.Compare, vocab)})
	}
	jobs := make(chan job, workers)
	results := make(chan done, workers)
	// Output buffers go round: a chunk of JSON Lines is a few megabytes, and growing a fresh
	// one for every chunk would spend the run copying. Rows in flight are bounded by them:
	// one per worker and two waiting to be written is enough to keep the workers busy, and
	// fewer megabytes touched is fewer pages for the system to find.
	free := make(chan []byte, workers+2)
	for range cap(free) {
		free <- nil
	}
	// The most output a chunk has made so far, starting from the format's bound where it
	// has one: a buffer smaller than that is replaced by one big enough at once, rather
	// than grown by doubling and copying. Reserving the bound costs nothing until written.
	var most atomic.Int64
	most.Store(int64(f.rowSize() * chunk))
	names := newNamer()

	// Read, in order, until the input ends, fails or the run is cancelled.
	readErr := make(chan error, 1)
	go func() {
		defer close(jobs)
		seq := 0
		batch := make([]*Row, 0, chunk)
		send := func() bool {
			select {
			case jobs <- job{seq: seq, rows: batch}:
				seq++
				batch = make([]*Row, 0, chunk)
				return true
			case <-ctx.Done():
				return false
			}
		}
		for {
			if ctx.Err() != nil {
				readErr <- ctx.Err()
				return
			}
			row, err := in.Next()
			if err == io.EOF {
				break
			}
			if err != nil {
				readErr <- err
				return
			}
			if opts.OutDir != "" && !row.repeat {
				row.decode() // the file name needs the id, in input order
				row.file = names.name(row)
			}
			batch = append(batch, row)
			if len(batch) == chunk && !send() {
				readErr <- ctx.Err()
				return
			}
		}
		if len(batch) > 0 && !send() {
			readErr <- ctx.Err()
			return
		}
		readErr <- nil
	}()

	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			w := newWorker(scorers)
			for {
				// Take a buffer before a job, never after: the earliest unfinished job then
				// always has one, so the writer can always make progress.
				buf := <-free
				j, ok := <-jobs
				if !ok {
					free <- buf
					return
				}
				if m := most.Load(); int64(cap(buf)) < m {
					buf = make([]byte, 0, m+m/8)
				}
				d := scoreJob(f, j, scorers, opts, w, buf)
				if n := int64(len(d.out)); n > most.Load() {
					most.Store(n) // a race between workers only loses a little
				}
				results <- d
			}
		}()
	}
	go func() { wg.Wait(); close(results) }()

	// Write in input order.
	pending := map[int]done{}
	next := 0
	reported := map[string]bool{} // unknown keys, each reported once
	// account reports a written chunk's messages and adds its rows to the summary.
	account := func(d done) {
		for _, n := range d.notes {
			switch u := n.unknown; {
			case n.err != "":
				fmt.Fprintln(errOut, n.err)
			case !reported[u.name]:
				reported[u.name] = true
				fmt.Fprintf(errOut, "%s:%d: ignoring %s, which is not a question\n", opts.Name, u.line, strictyaml.Quote(textsafe.Line(u.key)))
			}
		}
		for _, o := range d.results {
			sum.Respondents++
			switch {
			case o.invalid:
				sum.Invalid++
			default:
				if o.notWritten {
					sum.NotWritten++
				}
				sum.ByRecommendation[o.rec]++
				sum.ByType[o.top]++
				if o.changed {
					sum.Changed++
				}
			}
		}
		if opts.Progress != nil {
			opts.Progress(sum.Respondents)
		}
	}
	var writeErr, fatal error
	for d := range results {
		pending[d.seq] = d
		for {
			d, ok := pending[next]
			if !ok {
				break
			}
			delete(pending, next)
			next++
			if fatal == nil { // nothing is written after the row that failed
				if d.fatal != nil {
					fatal = d.fatal
					stop()
				}
				if writeErr == nil {
					_, writeErr = body.Write(d.out)
				}
				account(d)
			}
			free <- d.out
			for _, r := range d.rows {
				r.release()
			}
		}
	}
	if err := <-readErr; fatal != nil || err != nil {
		body.Flush()
		if fatal != nil {
			return sum, fatal
		}
		return sum, err
	}
	if writeErr != nil {
		return sum, writeErr
	}
	if err := body.Flush(); err != nil {
		return sum, err
	}
	if spool != nil {
		w := bufio.NewWriterSize(out, 256<<10)
		if err := f.head(w); err != nil {
			return sum, err
		}
		if err := f.summaryBlock(w, sum); err != nil {
			return sum, err
		}
		if _, err := spool.Seek(0, io.SeekStart); err != nil {
			return sum, err
		}
		if _, err := io.Copy(w, spool); err != nil {
			return sum, err
		}
		if err := w.Flush(); err != nil {
			return sum, err
		}
	}
	if sum.Invalid > 0 || sum.NotWritten > 0 {
		return sum, ErrInvalidRows
	}
	return sum, nil
}

// rowError formats problems with a row for standard error.
func rowError(file string, row *Row, problems ...string) string {
	return row.Label(file) + ": " + strings.Join(problems, "; ")
}

// ReportError is a report for --out-dir that could not be written for a reason other than
// its file being there already. It ends the run: the rows before it are complete.
type ReportError struct{ msg string }

func (e *ReportError) Error() string { return e.msg }

// writeReport writes a respondent's Markdown report into the output folder.
func writeReport(opts Options, row *Row, res *engine.Result) error {
	var b strings.Builder
	if err := report.Markdown(&b, opts.Bank, res, report.Options{For: row.ID}); err != nil {
		return err
	}
	return safefile.WriteUnsynced(filepath.Join(opts.OutDir, row.file), []byte(b.String()), opts.Force)
}
