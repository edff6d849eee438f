package batch

import (
	"errors"
	"fmt"
	"strings"

	"github.com/coachmentor/coachmentor/internal/engine"
	"github.com/coachmentor/coachmentor/internal/safefile"
)

// The scoring stage: a worker resolves, scores and renders a chunk of rows, and notes
// what there is to say about each.

// done is a scored chunk, for the writer.
type done struct {
	rows []*Row // released once written
	// fatal, if set, ends the run after the rows before the one that failed.
	fatal error
	out   []byte
	// notes are the rows' messages in input order: problems, and keys that are not
	// questions, which the writer reports once each.
	notes   []note
	results []outcome
	// index holds the rows' lines of the folder's index, reports how many reports were
	// written, and shared the notes on names that were taken.
	index   []byte
	reports int
	shared  []string
}

// note is a message about a row: a problem, or else a key that is not a question.
type note struct {
	err     string
	unknown unknownKey
}

// outcome is what the summary needs from a row.
type outcome struct {
	id          string // the row's own id, "" without one
	line        int
	rec         string
	top         string
	group       string
	changed     bool
	notCompared bool // the compared bank could not score the row
	invalid     bool
	// unscored names a row that could not be scored; nil for the rest, which are most.
	unscored *Unscored
	// notWritten is set when the row's report was not written: already there, or a link.
	notWritten bool
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
	case *xlsxReader:
		return r.vocab
	}
	return nil
}

// worker is what one worker reuses from row to row and chunk to chunk: a result and a
// selection per bank. Each row is rendered before the next is scored.
type worker struct {
	res  []*engine.Result
	sels []engine.Selection
}

func newWorker(scorers []scoring) *worker {
	w := &worker{res: make([]*engine.Result, len(scorers)), sels: make([]engine.Selection, len(scorers))}
	for i, s := range scorers {
		w.res[i] = new(engine.Result)
		w.sels[i] = make(engine.Selection, len(s.scorer.Bank().Questions))
	}
	return w
}

// score scores a chunk of rows and renders them into buf.
func score(f formatter, rows []*Row, scorers []scoring, opts Options, w *worker, buf []byte, x *index) done {
	d := done{rows: rows, results: make([]outcome, 0, len(rows)), out: buf[:0]}
	for _, row := range rows {
		row.decode()
		if row.legacy {
			d.notes = append(d.notes, note{err: fmt.Sprintf("%s:%d: %s", opts.Name, row.Line, legacyNotice)})
		}
		if row.repeat {
			d.notes = append(d.notes, note{err: fmt.Sprintf("%s:%d: the header row again, as when files are joined; skipped", opts.Name, row.Line)})
			continue
		}
		for _, u := range row.unknown {
			d.notes = append(d.notes, note{unknown: u})
		}
		if row.Err != nil {
			d.invalid(f, row, opts, row.Err.Error())
			continue
		}
		o, ok := scoreRow(&d, f, row, scorers, opts, w)
		if !ok {
			continue
		}
		if row.nameNote != "" {
			d.notes = append(d.notes, note{err: rowError(opts.Name, row, row.nameNote)})
			d.shared = append(d.shared, fmt.Sprintf("line %d: %s", row.Line, row.nameNote))
		}
		if opts.OutDir != "" {
			// A report already there is the user's, and a link is never followed: each is
			// kept and said so, and the row's result is still written. Any other failure
			// (a full disk, a folder that cannot be written) would fail every row alike,
			// so it ends the run.
			var kept *safefile.KeptError
			if err := writeReport(opts, row, w.res[0]); errors.As(err, &kept) {
				d.notes = append(d.notes, note{err: rowError(opts.Name, row, kept.Error())})
				o.notWritten = true
			} else if err != nil {
				d.fatal = &ReportError{msg: rowError(opts.Name, row, err.Error())}
				return d
			} else if x != nil {
				d.index = append(d.index, x.entry(row, w.res[0])...)
				d.reports++
			}
		}
		d.out = f.render(d.out, row, w.res)
		d.results = append(d.results, o)
	}
	return d
}

// invalid says why a row cannot be scored, keeps its place in the output, and counts it.
func (d *done) invalid(f formatter, row *Row, opts Options, problems ...string) {
	d.notes = append(d.notes, note{err: rowError(opts.Name, row, problems...)})
	problem := strings.Join(problems, "; ")
	d.out = f.renderInvalid(d.out, row, problem)
	d.results = append(d.results, outcome{id: row.ID, line: row.Line, invalid: true, group: row.Group, unscored: &Unscored{ID: respondentID(row), Line: row.Line, Problem: problem}})
}

// scoreRow resolves a row's answers and scores them with each bank. A row the first bank
// cannot score is invalid; one only the compared bank cannot score is still scored, and
// says why the other could not.
func scoreRow(d *done, f formatter, row *Row, scorers []scoring, opts Options, w *worker) (outcome, bool) {
	row.otherErr = ""
	for i, s := range scorers {
		problems := s.resolver.resolve(row, w.sels[i])
		switch {
		case len(problems) > 0 && i == 0:
			d.invalid(f, row, opts, problems...)
			return outcome{}, false
		case len(problems) > 0:
			row.otherErr = problems[0]
			d.notes = append(d.notes, note{err: rowError(opts.Name, row, "in the compared bank, "+problems[0]+"; scored with the first bank only")})
			w.res[i].Recommendation = "" // no result: the formats say why
		default:
			s.scorer.EvaluateInto(w.res[i], w.sels[i])
		}
	}
	r := w.res[0]
	o := outcome{id: row.ID, line: row.Line, rec: r.Recommendation, top: topID(r), group: row.Group}
	if len(r.Answered) == 0 && !row.answered() {
		// Scored, as recommend scores no answers, but worth a word: most likely someone
		// yet to answer, or a row of totals below the table.
		d.notes = append(d.notes, note{err: rowError(opts.Name, row, "no answers; undecided")})
	}
	if len(w.res) > 1 {
		o.changed = row.otherErr != "" || changed(r, w.res[1])
		o.notCompared = row.otherErr != ""
	}
	return o, true
}
