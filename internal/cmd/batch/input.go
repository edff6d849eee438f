package batch

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/coachmentor/coachmentor/internal/batch"
	"github.com/coachmentor/coachmentor/internal/cmdutil"
	"github.com/coachmentor/coachmentor/internal/ctxio"
	"github.com/coachmentor/coachmentor/internal/roster"
	"github.com/coachmentor/coachmentor/internal/textsafe"
)

// input is the team being read.
type input struct {
	reader  roster.Reader
	counter *countingReader
	size    int64 // the file's size, for the progress bar; -1 for a stream
	close   func()
}

// openInput opens the team and its reader. A file can be read again from its start, which
// the formats that begin with totals use, rather than keep every row's output in a file.
func openInput(opts *Options, ropts *batch.Options) (*input, error) {
	src := &input{size: -1, close: func() {}}
	var in io.Reader
	if opts.File == "-" {
		in = opts.IO.In
		if opts.IO.IsStdinTTY() { // nothing piped in: without a word it would seem to hang
			fmt.Fprintf(opts.IO.ErrOut, "Reading a team from the terminal: paste CSV with its header row, or JSON Lines, then press %s.\n", cmdutil.EndOfInputKey())
		}
	} else {
		f, err := cmdutil.OpenInput(opts.File, "input file")
		if err != nil {
			return nil, err
		}
		src.close = func() { f.Close() }
		if st, err := f.Stat(); err == nil && st.Mode().IsRegular() {
			src.size = st.Size()
		}
		in = f
	}
	if src.size < 0 && opts.File != "-" {
		// A named pipe (batch <(…)) can wait for ever for its next row; Ctrl+C must not.
		// Standard input is already read so.
		in = ctxio.Reader(opts.Ctx, in)
	}
	src.counter = &countingReader{r: in}
	ro := roster.ReadOptions{Format: opts.Input, Vocab: roster.VocabularyOf(ropts.Bank),
		Columns: roster.Columns{ID: opts.IDColumn, Keep: opts.Keep, Group: opts.GroupBy}}
	if ropts.Compare != nil {
		ro.Vocab = roster.VocabularyOf(ropts.Bank, ropts.Compare)
	}
	ropts.Columns = ro.Columns
	open := func() (roster.Reader, error) {
		br := bufio.NewReader(src.counter)
		if opts.Input != "" || !workbook(opts.File, br) { // --input says what it is, whatever its name
			return roster.Open(br, ro)
		}
		if f, ok := in.(*os.File); ok && src.size >= 0 {
			return roster.OpenWorkbook(f, ro) // read where it lies, not copied into memory
		}
		return roster.OpenWorkbook(br, ro)
	}
	var err error
	if src.reader, err = open(); err != nil {
		src.close()
		if opts.Ctx.Err() != nil {
			what := "nothing was written"
			if opts.Output != "" {
				what = textsafe.Line(opts.Output) + " was not written"
			}
			fmt.Fprintf(opts.IO.ErrOut, "Interrupted before the first row; %s.\n", what)
			return nil, &cmdutil.SilentError{Code: cmdutil.ExitInterrupted}
		}
		return nil, inputError(opts.File, ropts.Name, err)
	}
	file := src.close
	src.close = func() { closeReader(src.reader); file() }
	if seeker, ok := in.(io.Seeker); ok && src.size >= 0 {
		ropts.Reopen = func() (roster.Reader, error) {
			if _, err := seeker.Seek(0, io.SeekStart); err != nil {
				return nil, err
			}
			src.counter.n.Store(0)
			closeReader(src.reader)
			var err error
			src.reader, err = open()
			return src.reader, err
		}
	}
	return src, nil
}

// workbook reports whether the input is an Excel workbook: by its name, or by the zip
// file's signature it starts with.
func workbook(file string, br *bufio.Reader) bool {
	switch strings.ToLower(filepath.Ext(file)) {
	case ".xlsx", ".xlsm":
		return true
	case ".ods", ".csv", ".tsv", ".txt", ".jsonl", ".json":
		return false
	}
	head, _ := br.Peek(4)
	return string(head) == "PK\x03\x04"
}

// closeReader closes a reader that holds files, such as a workbook's.
func closeReader(r roster.Reader) {
	if c, ok := r.(io.Closer); ok {
		c.Close()
	}
}

// inputError is the error for an input that cannot be read as a team at all.
func inputError(file, name string, err error) error {
	switch strings.ToLower(filepath.Ext(file)) {
	case ".yaml", ".yml", ".json":
		if !errors.Is(err, roster.ErrJSONList) { // a list is many people's answers
			err = fmt.Errorf("%w; a file of one person's answers is for \"coachmentor recommend --answers %s\"", err, file)
		}
	}
	return &cmdutil.InvalidError{Err: fmt.Errorf("%s: %w", name, err)}
}
