package main

import (
	"archive/zip"
	"bufio"
	"compress/flate"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"testing"

	"github.com/coachmentor/coachmentor/internal/testutil"
)

// The true peak of a batch run's memory: the most resident memory the kernel saw the
// process use (its maximum resident set size), not samples of the heap that can miss it.
//
// Linux counts in a process's maximum the memory of the process it was started from, as
// it was when the program took its place: a child of this test, which holds hundreds of
// megabytes, would be charged with them. So the program runs as the child of a small
// process, measure-peak (this test binary again), which reports the child's own figure.

// measurePeak runs its arguments as a command and writes, as the last line of standard
// error, that command's peak resident memory in KiB; it exits as the command did.
func measurePeak() int {
	cmd := exec.Command(os.Args[1], os.Args[2:]...)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = os.Stdin, os.Stdout, os.Stderr
	err := cmd.Run()
	if cmd.ProcessState == nil {
		fmt.Fprintln(os.Stderr, "measure-peak:", err)
		return 1
	}
	ru, _ := cmd.ProcessState.SysUsage().(*syscall.Rusage)
	if ru != nil {
		fmt.Fprintf(os.Stderr, "measure-peak: %d\n", ru.Maxrss)
	}
	return cmd.ProcessState.ExitCode()
}

// peakMiB runs the program to the end and gives its peak resident memory in MiB, its
// standard error and its exit status.
func peakMiB(t *testing.T, dir string, args ...string) (int64, string, int) {
	t.Helper()
	measure, err := exec.LookPath("measure-peak")
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(measure, append([]string{binary}, args...)...)
	cmd.Dir = dir
	cmd.Stdout = io.Discard
	var errOut strings.Builder
	cmd.Stderr = &errOut
	err = runToEnd(t, cmd)
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	text := errOut.String()
	i := strings.LastIndex(text, "measure-peak: ")
	if i < 0 {
		t.Skip("no resource usage on this system")
	}
	kib, err := strconv.ParseInt(strings.TrimSpace(text[i+len("measure-peak: "):]), 10, 64)
	if err != nil {
		t.Fatal(err)
	}
	return kib >> 10, text[:i], code // Linux gives KiB
}

// zipBook writes a workbook whose sheet's rows come from rows, compressed fast: a small
// file that unpacks to as much as rows gives.
func zipBook(t *testing.T, path string, shared io.Reader, rows io.Reader) {
	t.Helper()
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	zw := zip.NewWriter(f)
	zw.RegisterCompressor(zip.Deflate, func(w io.Writer) (io.WriteCloser, error) { return flate.NewWriter(w, flate.BestSpeed) })
	put := func(name string, parts ...io.Reader) {
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := io.Copy(w, io.MultiReader(parts...)); err != nil {
			t.Fatal(err)
		}
	}
	const ns = `xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"`
	put("xl/workbook.xml", strings.NewReader(`<workbook `+ns+` xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Roster" sheetId="1" r:id="rId1"/></sheets></workbook>`))
	put("xl/_rels/workbook.xml.rels", strings.NewReader(`<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Target="worksheets/sheet1.xml"/></Relationships>`))
	if shared != nil {
		put("xl/sharedStrings.xml", strings.NewReader(`<sst `+ns+`>`), shared, strings.NewReader(`</sst>`))
	}
	put("xl/worksheets/sheet1.xml", strings.NewReader(`<worksheet `+ns+`><sheetData>`), rows, strings.NewReader(`</sheetData></worksheet>`))
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
}

// text is an endless reader of one byte.
type text byte

func (c text) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = byte(c)
	}
	return len(p), nil
}

// times is a reader of s, n times over, made as it is read.
func times(s string, n int) io.Reader {
	return io.LimitReader(&cycle{s: s}, int64(len(s))*int64(n))
}

type cycle struct {
	s string
	i int
}

func (c *cycle) Read(p []byte) (int, error) {
	n := 0
	for n < len(p) {
		k := copy(p[n:], c.s[c.i:])
		n += k
		c.i = (c.i + k) % len(c.s)
	}
	return n, nil
}

const header = `<row r="1"><c t="inlineStr"><is><t>id</t></is></c><c t="inlineStr"><is><t>scope</t></is></c><c t="inlineStr"><is><t>duration</t></is></c><c t="inlineStr"><is><t>goal</t></is></c><c t="inlineStr"><is><t>success</t></is></c></row>`

// Whatever a workbook holds, a batch run's peak memory stays under 64 MiB: a cell of 300 MB
// of text, a row of 64 MiB in 16,383 cells, 1.2 GB of shared text in 300,000 texts, and
// 500,000 rows of a few bytes each from a zip file of a megabyte; and so does a run
// over 250,000 rows of CSV. Each hostile cell or row is that row's error, the shared text
// the workbook's, and the rows are counted on standard error.
func TestBatchPeakMemory(t *testing.T) {
	if testing.Short() {
		t.Skip("writes and reads inputs of hundreds of megabytes")
	}
	if testutil.Race {
		t.Skip("the race detector multiplies memory: the budget is checked by make test")
	}
	if runtime.GOOS != "linux" {
		t.Skip("the peak resident size is read as Linux gives it")
	}
	dir := t.TempDir()
	cell := func(s string) string { return `<c t="inlineStr"><is><t>` + s + `</t></is></c>` }
	answers := cell("specific-skills") + cell("weeks") + cell("performance") + cell("metrics")
	zipBook(t, filepath.Join(dir, "cell.xlsx"), nil, io.MultiReader(strings.NewReader(header+`<row r="2">`+cell("e1")+`<c t="inlineStr"><is><t>`),
		io.LimitReader(text('x'), 300<<20), strings.NewReader(`</t></is></c>`+cell("weeks")+cell("performance")+cell("metrics")+`</row><row r="3">`+cell("e2")+answers+`</row>`)))
	zipBook(t, filepath.Join(dir, "row.xlsx"), nil, io.MultiReader(strings.NewReader(header+`<row r="2">`+cell("e1")),
		times(cell(strings.Repeat("q", 4000)), 16383), strings.NewReader(`</row><row r="3">`+cell("e2")+answers+`</row>`)))
	zipBook(t, filepath.Join(dir, "shared.xlsx"), times(`<si><t>`+strings.Repeat("s", 4096)+`</t></si>`, 300000), strings.NewReader(header))
	zipBook(t, filepath.Join(dir, "rows.xlsx"), nil, io.MultiReader(strings.NewReader(header), times(`<row>`+cell("p")+answers+`</row>`, 500000)))
	csv, err := os.Create(filepath.Join(dir, "team.csv"))
	if err != nil {
		t.Fatal(err)
	}
	w := bufio.NewWriter(csv)
	w.WriteString("id,scope,duration,goal,success\n")
	for i := range 250000 {
		fmt.Fprintf(w, "p%d,specific-skills,weeks,growth,metrics\n", i)
	}
	w.Flush()
	csv.Close()

	for _, c := range []struct {
		file, want string
		code       int
	}{
		{"cell.xlsx", `cell.xlsx:2 (id "e1"): the cell B2 ("scope") holds more than 4096 characters`, 2},
		{"row.xlsx", `row.xlsx:2 (id "e1"): the row holds more than 1024 KiB of text`, 2},
		{"shared.xlsx", `more than 16 MiB of text shared between its cells`, 2},
		{"rows.xlsx", `read 500,001 rows of the sheet "Roster"`, 0},
		{"team.csv", `250000 respondents`, 0},
	} {
		t.Run(c.file, func(t *testing.T) {
			peak, errOut, code := peakMiB(t, dir, "batch", c.file, "-f", "csv")
			t.Logf("%s: peak resident memory %d MiB", c.file, peak)
			want := strings.Replace(c.want, "cell.xlsx", c.file, 1)
			if code != c.code || !strings.Contains(errOut, want) {
				t.Errorf("exit %d, stderr:\n%.2000s\nwant exit %d and %q", code, errOut, c.code, want)
			}
			if peak >= 64 {
				t.Errorf("peak resident memory %d MiB; at most 64", peak)
			}
		})
	}
}
