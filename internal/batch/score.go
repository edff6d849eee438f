package batch

import (
	"errors"
	"fmt"
	"strings"

	"github.com/coachmentor/coachmentor/internal/engine"
	"github.com/coachmentor/coachmentor/internal/roster"
	"github.com/coachmentor/coachmentor/internal/safefile"
	"github.com/coachmentor/coachmentor/internal/team"
)

// The scoring stage: a worker resolves, scores and renders a chunk of rows, and notes
// what there is to say about each.

// item is a row on its way through the pipeline: the roster's row, and the name of its
// report in the folder of reports, with what to say when the name it would have had was
// taken.
type item struct {
	*roster.Row
	file, nameNote string
}

// done is a scored chunk, for the writer.
type done struct {
	rows []item // released once written
	// fatal, if set, ends the run after the rows before the one that failed.
	fatal error
	out   *team.Out
	// notes are the rows' messages in input order: problems, and keys that are not
	// questions, which the writer reports once each.
	notes   []note
	results []team.Outcome
	// index holds the rows' lines of the folder's index, reports how many reports were
	// written, and shared the notes on names that were taken.
	index   []byte
	reports int
	shared  []string
}

// note is a message about a row: a problem, or else a key that is not a question.
type note struct {
	err     string
	unknown roster.UnknownKey
}

// scoring is one bank's scorer and the resolver for its answers.
type scoring struct {
	scorer   *engine.Scorer
	resolver *roster.Resolver
}

// worker is what one worker reuses from row to row and chunk to chunk: a result and a
// selection per bank, and the member the formats are lent. Each row is rendered before the
// next is scored.
type worker struct {
	res    []*engine.Result
	sels   []engine.Selection
	member team.Member
}

func newWorker(scorers []scoring) *worker {
	w := &worker{res: make([]*engine.Result, len(scorers)), sels: make([]engine.Selection, len(scorers))}
	for i, s := range scorers {
		w.res[i] = new(engine.Result)
		w.sels[i] = make(engine.Selection, len(s.scorer.Bank().Questions))
	}
	return w
}

// memberOf lends the formats a row as a member, with the worker's results.
func (w *worker) memberOf(it item) *team.Member {
	r := it.Row
	w.member = team.Member{N: r.N, Line: r.Line, ID: r.ID, Name: r.Name, Kept: r.Kept, IDNumber: r.IDNumber,
		KeptNumber: r.KeptNumber, Group: r.Group, File: it.file, Results: w.res}
	return &w.member
}

// score scores a chunk of rows and renders them into out.
func score(f team.Format, rows []item, scorers []scoring, opts Options, w *worker, out *team.Out, x *index) done {
	d := done{rows: rows, results: make([]team.Outcome, 0, len(rows)), out: out}
	for _, it := range rows {
		row := it.Row
		row.Decode()
		if row.Legacy {
			d.notes = append(d.notes, note{err: fmt.Sprintf("%s:%d: %s", opts.Name, row.Line, roster.LegacyNotice)})
		}
		if row.Repeat {
			d.notes = append(d.notes, note{err: fmt.Sprintf("%s:%d: the header row again, as when files are joined; skipped", opts.Name, row.Line)})
			continue
		}
		for _, u := range row.Unknown {
			d.notes = append(d.notes, note{unknown: u})
		}
		m := w.memberOf(it)
		if row.Err != nil {
			d.invalid(f, m, row, opts, row.Err.Error())
			continue
		}
		o, ok := scoreRow(&d, f, m, row, scorers, opts, w)
		if !ok {
			continue
		}
		if it.nameNote != "" {
			d.notes = append(d.notes, note{err: rowError(opts.Name, row, it.nameNote)})
			d.shared = append(d.shared, fmt.Sprintf("line %d: %s", row.Line, it.nameNote))
		}
		if opts.OutDir != "" {
			// A report already there is the user's, and a link is never followed: each is
			// kept and said so, and the row's result is still written. Any other failure
			// (a full disk, a folder that cannot be written) would fail every row alike,
			// so it ends the run.
			var kept *safefile.KeptError
			if err := writeReport(opts, m); errors.As(err, &kept) {
				d.notes = append(d.notes, note{err: rowError(opts.Name, row, kept.Error())})
				o.NotWritten = true
			} else if err != nil {
				d.fatal = &ReportError{msg: rowError(opts.Name, row, err.Error())}
				return d
			} else if x != nil {
				d.index = x.format.Entry(d.index, m)
				d.reports++
			}
		}
		f.Row(d.out, m)
		d.results = append(d.results, o)
	}
	return d
}

// invalid says why a row cannot be scored, keeps its place in the output, and counts it.
func (d *done) invalid(f team.Format, m *team.Member, row *roster.Row, opts Options, problems ...string) {
	d.notes = append(d.notes, note{err: rowError(opts.Name, row, problems...)})
	problem := strings.Join(problems, "; ")
	f.Invalid(d.out, m, problem)
	d.results = append(d.results, team.Outcome{ID: row.ID, Line: row.Line, Group: row.Group,
		Unscored: &team.Unscored{ID: m.RespondentID(), Line: row.Line, Problem: problem}})
}

// scoreRow resolves a row's answers and scores them with each bank. A row the first bank
// cannot score is invalid; one only the compared bank cannot score is still scored, and
// says why the other could not.
func scoreRow(d *done, f team.Format, m *team.Member, row *roster.Row, scorers []scoring, opts Options, w *worker) (team.Outcome, bool) {
	for i, s := range scorers {
		problems := s.resolver.Resolve(row, w.sels[i])
		switch {
		case len(problems) > 0 && i == 0:
			d.invalid(f, m, row, opts, problems...)
			return team.Outcome{}, false
		case len(problems) > 0:
			m.OtherErr = problems[0]
			d.notes = append(d.notes, note{err: rowError(opts.Name, row, "in the compared bank, "+problems[0]+"; scored with the first bank only")})
			w.res[i].Recommendation = "" // no result: the formats say why
		default:
			s.scorer.EvaluateInto(w.res[i], w.sels[i])
		}
	}
	r := w.res[0]
	o := team.Outcome{ID: row.ID, Line: row.Line, Rec: r.Recommendation, Top: team.TopID(r), Group: row.Group}
	if len(r.Answered) == 0 && !row.Answered() {
		// Scored, as recommend scores no answers, but worth a word: most likely someone
		// yet to answer, or a row of totals below the table.
		d.notes = append(d.notes, note{err: rowError(opts.Name, row, "no answers; undecided")})
	}
	if len(w.res) > 1 {
		o.Changed = m.OtherErr != "" || team.Changed(r, w.res[1])
		o.NotCompared = m.OtherErr != ""
	}
	return o, true
}
