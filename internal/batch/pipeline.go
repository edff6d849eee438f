package batch

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"runtime"
	"sync/atomic"

	"github.com/sourcegraph/conc/stream"

	"github.com/coachmentor/coachmentor/internal/engine"
	"github.com/coachmentor/coachmentor/internal/roster"
	"github.com/coachmentor/coachmentor/internal/safefile"
	"github.com/coachmentor/coachmentor/internal/team"
	"github.com/coachmentor/coachmentor/internal/textsafe"
)

// A pass over the input is three stages: the reader hands out chunks of rows in input
// order; workers score and render a chunk each, on every core; the writer takes their
// output in input order, writes it and counts it. conc's stream does the ordered hand-off
// between the last two, and bounds how many chunks are in flight.

// chunk is a run of rows scored together, to keep the hand-offs' overhead small.
const chunk = 256

// passSummary is a pass's summary and the names of the reports it wrote.
type passSummary struct {
	team.Summary
	reports *namer
}

// pass reads, scores and writes every row once. In a counting pass nothing is written or
// said: it is the first of two, for formats that begin with totals.
func pass(ctx context.Context, in roster.Reader, out, errOut io.Writer, f team.Format, opts Options, counting bool, totals *team.Summary) (passSummary, error) {
	ctx, stop := context.WithCancel(ctx)
	defer stop()
	if counting {
		opts.OutDir, opts.Progress, out = "", nil, io.Discard
	}
	workers := opts.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	rd := &chunker{in: in, opts: opts}
	w := newWriter(out, errOut, f, opts, workers, stop)
	w.counting = counting
	if opts.OutDir != "" {
		rd.names = newNamer(opts)
		x, err := newIndex(opts)
		if err != nil {
			return w.result(rd.names), err
		}
		defer x.discard()
		w.index = x
	}
	if !counting {
		for _, warning := range in.Warnings() {
			fmt.Fprintln(errOut, opts.Name+":"+warning)
		}
		if err := w.begin(totals); err != nil {
			return w.result(rd.names), err
		}
	}
	scorers := newScorers(opts, in.Vocabulary())
	pool := make(chan *worker, workers) // what each worker reuses from chunk to chunk
	for range workers {
		pool <- newWorker(scorers)
	}
	s := stream.New().WithMaxGoroutines(workers)
	var readErr error
	for !w.stopped() {
		if readErr = ctx.Err(); readErr != nil {
			break
		}
		rows, err := rd.next(errOut)
		if readErr = err; err != nil || len(rows) == 0 {
			break
		}
		buf := w.buffer()
		s.Go(func() stream.Callback {
			wk := <-pool
			d := score(f, rows, scorers, opts, wk, buf, w.index)
			pool <- wk
			return func() { w.write(d) }
		})
	}
	s.Wait()
	sum := w.result(rd.names)
	if err := w.fatalErr(); err != nil {
		return sum, err
	}
	if readErr != nil {
		w.body.Flush()
		return sum, readErr
	}
	if err := w.end(totals); err != nil {
		return sum, err
	}
	if err := w.publish(); err != nil {
		return w.result(rd.names), err
	}
	if err := w.finishIndex(ctx); err != nil {
		return w.result(rd.names), err
	}
	return w.result(rd.names), nil
}

// chunker is the reader stage: rows in input order, a chunk at a time, each named for its
// report where there are reports.
type chunker struct {
	in    roster.Reader
	opts  Options
	names *namer
}

// next reads up to a chunk of rows; none at the end of the input.
func (c *chunker) next(errOut io.Writer) ([]item, error) {
	rows := make([]item, 0, chunk)
	for len(rows) < chunk {
		row, err := c.in.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return rows, err
		}
		it := item{Row: row}
		if c.names != nil && !row.Repeat {
			row.Decode() // the file name needs the id, in input order
			it.file, it.nameNote = c.names.name(row)
		}
		rows = append(rows, it)
	}
	return rows, nil
}

// writer is the last stage: it writes each chunk's output in input order, says what there
// is to say about its rows, and counts them.
type writer struct {
	body     *bufio.Writer
	errOut   io.Writer
	f        team.Format
	opts     Options
	stop     func()
	counting bool
	index    *index // the folder of reports' index, with --out-dir
	sum      team.Summary
	reported map[string]bool // keys that are not questions, each said once
	ids      idSeen          // the ids so far, to say when one comes again
	writeErr error
	fatal    error
	done     atomic.Bool // set once nothing more is to be written
	// Output buffers go round: a chunk of JSON Lines is a few megabytes, and growing a fresh
	// one for every chunk would spend the run copying. The chunks in flight are bounded by
	// them.
	free chan *team.Out
	// most is the most output a chunk has made so far, from the format's bound where it has
	// one: a smaller buffer is replaced by one big enough at once, rather than grown by
	// doubling and copying. Reserving the bound costs nothing until written.
	most atomic.Int64
}

func newWriter(out, errOut io.Writer, f team.Format, opts Options, workers int, stop func()) *writer {
	w := &writer{body: bufio.NewWriterSize(out, 256<<10), errOut: errOut, f: f, opts: opts, stop: stop,
		sum: team.NewSummary(), reported: map[string]bool{}, free: make(chan *team.Out, workers+2), ids: newIDSeen()}
	for range cap(w.free) {
		w.free <- new(team.Out)
	}
	if s, ok := f.(team.Sizer); ok {
		w.most.Store(int64(s.RowSize() * chunk))
	}
	return w
}

// buffer hands out an output buffer big enough for a chunk, once one is free.
func (w *writer) buffer() *team.Out {
	out := <-w.free
	out.Reset()
	if m := w.most.Load(); int64(cap(out.Bytes)) < m {
		out.Bytes = make([]byte, 0, m+m/8)
	}
	return out
}

// begin writes what comes before the rows.
func (w *writer) begin(totals *team.Summary) error { return w.f.Begin(w.body, totals) }

// end writes what follows the rows, with the totals if they did not come first, and
// flushes.
func (w *writer) end(totals *team.Summary) error {
	if w.writeErr != nil {
		return w.writeErr
	}
	if !w.counting {
		if err := w.f.End(w.body, w.sum, totals != nil); err != nil {
			return err
		}
	}
	return w.body.Flush()
}

// publish puts the run's reports in their folder, now that the run has ended well, and
// says which were kept because their names were taken meanwhile.
func (w *writer) publish() error {
	if w.opts.stage == nil || w.counting {
		return nil
	}
	kept, err := w.opts.stage.Publish()
	for _, k := range kept {
		fmt.Fprintln(w.errOut, textsafe.Line(k.Error()))
		w.sum.NotWritten++
	}
	if err != nil {
		return &ReportError{msg: err.Error()}
	}
	return nil
}

// finishIndex writes the folder's index, if there is one. An index already there without
// --force, or a link, is kept and said, as a report would be.
func (w *writer) finishIndex(ctx context.Context) error {
	if w.index == nil {
		return nil
	}
	err := w.index.finish(ctx, w.sum)
	var kept *safefile.KeptError
	if errors.As(err, &kept) {
		fmt.Fprintln(w.errOut, kept.Error())
		w.sum.NotWritten++
		return nil
	}
	return err
}

// stopped reports whether the run is to read no more: a report could not be written, or
// the output failed.
func (w *writer) stopped() bool { return w.done.Load() }

func (w *writer) fatalErr() error {
	if w.fatal != nil {
		w.body.Flush()
		return w.fatal
	}
	return nil
}

func (w *writer) result(names *namer) passSummary { return passSummary{Summary: w.sum, reports: names} }

// write takes a scored chunk, in input order.
func (w *writer) write(d done) {
	defer func() {
		w.free <- d.out
		for _, r := range d.rows {
			r.Release()
		}
	}()
	if w.fatal != nil || w.writeErr != nil { // nothing is written after a failure
		return
	}
	if w.index != nil {
		w.index.add(d.index, d.reports, d.shared)
	}
	if d.fatal != nil {
		w.fatal = d.fatal
		w.done.Store(true)
		w.stop()
	}
	if len(d.out.Bytes) > 0 || len(d.out.Ends) > 0 {
		if e, ok := w.f.(team.Emitter); ok {
			w.writeErr = e.Emit(w.body, d.out)
		} else {
			_, w.writeErr = w.body.Write(d.out.Bytes)
		}
		w.sum.Written = true
		if w.writeErr != nil {
			w.done.Store(true)
			w.stop()
		}
	}
	if n := int64(len(d.out.Bytes)); n > w.most.Load() {
		w.most.Store(n)
	}
	w.account(d)
}

// account says a chunk's messages and adds its rows to the summary.
func (w *writer) account(d done) {
	if !w.counting {
		for _, n := range d.notes {
			switch u := n.unknown; {
			case n.err != "":
				fmt.Fprintln(w.errOut, n.err)
			case !w.reported[u.Name]:
				w.reported[u.Name] = true
				fmt.Fprintf(w.errOut, "%s:%d: ignoring %s, which is not a question\n", w.opts.Name, u.Line, textsafe.Quote(textsafe.Line(u.Key)))
			}
		}
	}
	grouped := w.opts.Columns.Group != ""
	for _, o := range d.results {
		w.sum.Add(o, grouped)
		if !w.counting && w.opts.OutDir == "" { // with reports, the names say so
			w.ids.check(w.errOut, w.opts.Name, o)
		}
	}
	if w.opts.Progress != nil {
		w.opts.Progress(w.sum.Respondents)
	}
}

// newScorers is one scorer per bank, with a resolver for its answers as a reader numbers
// them.
func newScorers(opts Options, vocab *roster.Vocabulary) []scoring {
	scorers := []scoring{{engine.New(opts.Bank), roster.NewResolver(opts.Bank, vocab)}}
	if opts.Compare != nil {
		scorers = append(scorers, scoring{engine.New(opts.Compare), roster.NewResolver(opts.Compare, vocab)})
	}
	return scorers
}
