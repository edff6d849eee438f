package batch

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"html"
	"io"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"strings"

	"github.com/coachmentor/coachmentor/internal/answers"
	"github.com/coachmentor/coachmentor/internal/bank"
	"github.com/coachmentor/coachmentor/internal/engine"
	"github.com/coachmentor/coachmentor/internal/report"
	"github.com/coachmentor/coachmentor/internal/safefile"
	"github.com/coachmentor/coachmentor/internal/textsafe"
)

// The folder of reports has an index: a line per report, with the kept columns, then who
// could not be scored and the names that were shared. Its lines are written as the rows
// come, to a file of its own in the folder, and the index is put together from it at the
// end, so that a team of any size streams.

// IndexName is the index's file name in the folder of reports.
func IndexName(format report.Format) string { return indexName(format) }

// SameFolder reports whether a file is in the folder dir.
func SameFolder(file, dir string) bool { return sameFolder(file, dir) }

// indexName is the index's file name in the folder of reports.
func indexName(format report.Format) string {
	if format == report.FormatHTML {
		return "index.html"
	}
	return "index.md"
}

// reportExt is the extension of a person's report.
func reportExt(format report.Format) string {
	if format == report.FormatHTML {
		return ".html"
	}
	return ".md"
}

// index collects the index's lines as the rows are written, in order.
type index struct {
	opts    Options
	html    bool
	kept    []string // the kept columns it shows: not the id, which it shows anyway
	keptAt  []int    // where each is among the row's kept cells
	entries *os.File // the lines so far, in the folder
	notes   []string // names that were shared, the first MaxUnscored
	shared  int
	reports int
	err     error
}

func newIndex(opts Options) (*index, error) {
	f, err := os.CreateTemp(opts.stage.Dir(), "."+indexName(opts.Format)+".lines-*")
	if err != nil {
		return nil, &ReportError{msg: fmt.Sprintf("cannot write the index in %s: %v", textsafe.Line(opts.OutDir), safefile.Cause(err))}
	}
	x := &index{opts: opts, html: opts.Format == report.FormatHTML, entries: f}
	for i, k := range opts.Columns.kept() {
		if answers.Normalize(k) != opts.Columns.idName() {
			x.kept, x.keptAt = append(x.kept, k), append(x.keptAt, i)
		}
	}
	return x, nil
}

// entry is a row's line of the index; a worker makes it with the row's report.
func (x *index) entry(row *Row, r *engine.Result) []byte {
	cells := []string{respondentID(row)}
	for _, i := range x.keptAt {
		cells = append(cells, cell(row.Kept, i))
	}
	rec := report.Title(r.Recommendation)
	if r.Decided() {
		rec += " " + report.Num(r.Confidence)
	}
	best := "none"
	switch {
	case len(r.TopTie) > 1:
		best = "a tie: " + report.Names(report.TypeNames(r.TopTie))
	case report.HasTypeSignal(r):
		best = r.TopType().Name
	}
	cells = append(cells, rec, best)
	if x.html {
		var b strings.Builder
		fmt.Fprintf(&b, `<tr><td><a href="%s">%s</a></td>`, url.PathEscape(row.file), htmlText(displayName(row)))
		for i, c := range cells {
			if i > 0 && i <= len(x.keptAt) { // a roster's own text, perhaps long
				b.WriteString(`<td class="long">` + htmlText(c) + "</td>")
				continue
			}
			b.WriteString("<td>" + htmlText(c) + "</td>")
		}
		b.WriteString("</tr>\n")
		return []byte(b.String())
	}
	var b strings.Builder
	fmt.Fprintf(&b, "| [%s](<%s>) |", report.MDCell(displayName(row)), row.file)
	for _, c := range cells {
		b.WriteString(" " + report.MDCell(c) + " |")
	}
	b.WriteString("\n")
	return []byte(b.String())
}

// htmlText is text from a user or a file, safe in HTML, on one line.
func htmlText(s string) string { return html.EscapeString(textsafe.Line(s)) }

// add writes a chunk's lines, and notes its shared names.
func (x *index) add(lines []byte, reports int, notes []string) {
	x.reports += reports
	for _, n := range notes {
		x.shared++
		if len(x.notes) < MaxUnscored {
			x.notes = append(x.notes, n)
		}
	}
	if x.err == nil && len(lines) > 0 {
		_, x.err = x.entries.Write(lines)
	}
}

// finish writes the index, as one file put in place whole, and removes the lines.
func (x *index) finish(ctx context.Context, b *bank.Bank, s Summary) error {
	defer x.discard()
	if x.err != nil {
		return fmt.Errorf("cannot write the index: %w", safefile.Cause(x.err))
	}
	path := filepath.Join(x.opts.OutDir, indexName(x.opts.Format))
	if st, err := os.Lstat(path); err == nil && st.Mode()&fs.ModeSymlink != 0 {
		return &safefile.KeptError{Path: path, Reason: "is a link; the index is never written through one (kept it)"}
	}
	err := safefile.WriteFunc(ctx, path, x.opts.Force, func(w io.Writer) error {
		if err := x.head(w, b, s); err != nil {
			return err
		}
		if _, err := x.entries.Seek(0, io.SeekStart); err != nil {
			return err
		}
		if _, err := io.Copy(w, x.entries); err != nil {
			return err
		}
		return x.foot(w, s)
	})
	var exists *safefile.ExistsError
	if errors.As(err, &exists) {
		return &safefile.KeptError{Path: path, Reason: "already exists; kept it (use --force to replace it)"}
	}
	return err
}

func (x *index) discard() {
	x.entries.Close()
	os.Remove(x.entries.Name())
}

func (x *index) head(w io.Writer, b *bank.Bank, s Summary) error {
	var md bytes.Buffer
	fmt.Fprintf(&md, "# Coaching or mentoring: reports\n\n%s for %s, question bank %s, hash `%s`.",
		report.Count(x.reports, "report"), report.Count(s.Respondents, "respondent"), report.MDEscape(b.Version), b.Hash)
	if s.Invalid > 0 {
		fmt.Fprintf(&md, " %d could not be scored (below).", s.Invalid)
	}
	if o := x.opts.Output; o != "" && sameFolder(o, x.opts.OutDir) {
		fmt.Fprintf(&md, " The team's results: [%s](<%s>).", report.MDEscape(filepath.Base(o)), filepath.Base(o))
	}
	md.WriteString("\n\n")
	header := append([]string{"Report", "Id"}, x.kept...)
	header = append(header, "Recommendation", "Best fit")
	if x.html {
		io.WriteString(w, report.WidePageHead("Coaching or mentoring: reports"))
		report.MarkdownHTML(w, md.Bytes())
		io.WriteString(w, "<table>\n<thead><tr>")
		for _, h := range header {
			io.WriteString(w, "<th>"+htmlText(h)+"</th>")
		}
		_, err := io.WriteString(w, "</tr></thead>\n<tbody>\n")
		return err
	}
	md.WriteString("|")
	for _, h := range header {
		md.WriteString(" " + report.MDCell(h) + " |")
	}
	md.WriteString("\n|" + strings.Repeat(" --- |", len(header)) + "\n")
	_, err := w.Write(md.Bytes())
	return err
}

func (x *index) foot(w io.Writer, s Summary) error {
	var md bytes.Buffer
	md.WriteString("\n")
	if s.Invalid > 0 {
		md.WriteString("## Could not be scored\n\n")
		for _, u := range s.Unscored {
			fmt.Fprintf(&md, "- %s (line %d): %s\n", report.MDEscape(u.ID), u.Line, report.MDEscape(u.Problem))
		}
		if more := s.Invalid - len(s.Unscored); more > 0 {
			fmt.Fprintf(&md, "- … and %d more (the run's messages name each)\n", more)
		}
		md.WriteString("\n")
	}
	if x.shared > 0 {
		md.WriteString("## Names that were taken\n\nEach person has a report of their own; where two would have had the same file name, the later one took another:\n\n")
		for _, n := range x.notes {
			md.WriteString("- " + report.MDEscape(n) + "\n")
		}
		if more := x.shared - len(x.notes); more > 0 {
			fmt.Fprintf(&md, "- … and %d more\n", more)
		}
		md.WriteString("\n")
	}
	if !x.html {
		_, err := w.Write(md.Bytes())
		return err
	}
	io.WriteString(w, "</tbody>\n</table>\n")
	report.MarkdownHTML(w, md.Bytes())
	_, err := io.WriteString(w, report.PageFoot)
	return err
}
