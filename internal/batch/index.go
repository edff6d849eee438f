package batch

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/coachmentor/coachmentor/internal/answers"
	"github.com/coachmentor/coachmentor/internal/safefile"
	"github.com/coachmentor/coachmentor/internal/team"
	"github.com/coachmentor/coachmentor/internal/teamreport"
	"github.com/coachmentor/coachmentor/internal/textsafe"
)

// The folder of reports has an index: a line per report, with the kept columns, then who
// could not be scored and the names that were shared. Its lines are written as the rows
// come, to a file of its own in the folder, and the index is put together from it at the
// end, so that a team of any size streams.

// index collects the index's lines as the rows are written, in order.
type index struct {
	opts    Options
	format  team.Index
	name    string   // the index's file name
	entries *os.File // the lines so far, in the folder
	notes   []string // names that were shared, the first MaxUnscored
	shared  int
	reports int
	err     error
}

func newIndex(opts Options) (*index, error) {
	folder := Folder(opts.Format)
	x := &index{opts: opts, name: folder.Folder.Index}
	f, err := os.CreateTemp(opts.stage.Dir(), "."+x.name+".lines-*")
	if err != nil {
		return nil, &ReportError{msg: fmt.Sprintf("cannot write the index in %s: %v", textsafe.Line(opts.OutDir), safefile.Cause(err))}
	}
	x.entries = f
	// The id column, if kept, is not shown twice: the index shows the id anyway.
	o := teamreport.IndexOptions{Bank: opts.Bank}
	for i, k := range opts.Columns.Kept() {
		if answers.Normalize(k) != opts.Columns.IDName() {
			o.Columns, o.At = append(o.Columns, k), append(o.At, i)
		}
	}
	x.format = folder.Folder.NewIndex(o)
	return x, nil
}

// add writes a chunk's lines, and notes its shared names.
func (x *index) add(lines []byte, reports int, notes []string) {
	x.reports += reports
	for _, n := range notes {
		x.shared++
		if len(x.notes) < team.MaxUnscored {
			x.notes = append(x.notes, n)
		}
	}
	if x.err == nil && len(lines) > 0 {
		_, x.err = x.entries.Write(lines)
	}
}

// finish writes the index, as one file put in place whole, and removes the lines.
func (x *index) finish(ctx context.Context, s team.Summary) error {
	defer x.discard()
	if x.err != nil {
		return fmt.Errorf("cannot write the index: %w", safefile.Cause(x.err))
	}
	path := filepath.Join(x.opts.OutDir, x.name)
	if st, err := os.Lstat(path); err == nil && st.Mode()&fs.ModeSymlink != 0 {
		return &safefile.KeptError{Path: path, Reason: "is a link; the index is never written through one (kept it)"}
	}
	teamFile := ""
	if o := x.opts.Output; o != "" && SameFolder(o, x.opts.OutDir) {
		teamFile = filepath.Base(o)
	}
	err := safefile.WriteFunc(ctx, path, x.opts.Force, func(w io.Writer) error {
		if err := x.format.Head(w, s, x.reports, teamFile); err != nil {
			return err
		}
		if _, err := x.entries.Seek(0, io.SeekStart); err != nil {
			return err
		}
		if _, err := io.Copy(w, x.entries); err != nil {
			return err
		}
		return x.format.Foot(w, s, x.notes, x.shared-len(x.notes))
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
