package main

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"

	"github.com/coachmentor/coachmentor/internal/xlsx"
)

// TestScripts runs the scripts in testdata/script: coachmentor as a user runs it, a few
// lines of shell each. Every script starts in an empty folder of its own, with a home and
// a state folder of its own.
func TestScripts(t *testing.T) {
	testscript.Run(t, scriptParams("testdata/script"))
}

// scriptParams are how every script runs: its own folders, no colour, the examples at
// $EXAMPLES and the commands below.
func scriptParams(dir string) testscript.Params {
	return testscript.Params{
		Dir: dir,
		Setup: func(env *testscript.Env) error {
			env.Setenv("XDG_STATE_HOME", env.WorkDir+"/.state")
			env.Setenv("HOME", env.WorkDir+"/.home")
			env.Setenv("NO_COLOR", "1")
			examples, err := filepath.Abs(filepath.Join("..", "..", "examples"))
			env.Setenv("EXAMPLES", examples)
			return err
		},
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			"repeat":   repeat,
			"mode":     mode,
			"empty":    empty,
			"safe":     safe,
			"csv2xlsx": csv2xlsx,
			"xlsxcat":  xlsxcat,
		},
	}
}

// repeat FILE N TEXT appends TEXT to FILE N times, with \n for a line end and {n} for the
// count from 1: inputs too big to write out in a script.
func repeat(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 3 {
		ts.Fatalf("usage: repeat file n text")
	}
	n, err := strconv.Atoi(args[1])
	ts.Check(err)
	text := strings.ReplaceAll(args[2], `\n`, "\n")
	var b strings.Builder
	for i := 1; i <= n; i++ {
		b.WriteString(strings.ReplaceAll(text, "{n}", strconv.Itoa(i)))
	}
	f, err := os.OpenFile(ts.MkAbs(args[0]), os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o644)
	ts.Check(err)
	_, err = f.WriteString(b.String())
	ts.Check(err)
	ts.Check(f.Close())
}

// mode FILE PERM checks a file's permissions, e.g. mode report.md 0600.
func mode(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) != 2 {
		ts.Fatalf("usage: mode file perm")
	}
	st, err := os.Stat(ts.MkAbs(args[0]))
	ts.Check(err)
	got := fmt.Sprintf("%04o", st.Mode().Perm())
	if (got == args[1]) == neg {
		ts.Fatalf("%s has mode %s; want %s%s", args[0], got, map[bool]string{true: "not ", false: ""}[neg], args[1])
	}
}

// empty DIR checks that a folder holds nothing: no file was left behind.
func empty(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) != 1 {
		ts.Fatalf("usage: empty dir")
	}
	entries, err := os.ReadDir(ts.MkAbs(args[0]))
	ts.Check(err)
	if (len(entries) == 0) == neg {
		var names []string
		for _, e := range entries {
			names = append(names, e.Name())
		}
		ts.Fatalf("%s holds %v", args[0], names)
	}
}

// safe checks what the last command printed, on both streams: no panic, and no control
// character but line ends and tabs, so nothing it printed could drive a terminal.
func safe(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 0 {
		ts.Fatalf("usage: safe")
	}
	for _, stream := range []string{"stdout", "stderr"} {
		text := ts.ReadFile(stream)
		if strings.Contains(text, "panic:") || strings.Contains(text, "goroutine ") {
			ts.Fatalf("a panic on %s", stream)
		}
		for _, r := range text {
			if r != '\n' && r != '\t' && (r < 0x20 || r == 0x7f || r >= 0x80 && r < 0xa0) {
				ts.Fatalf("%s holds the control character %U", stream, r)
			}
		}
	}
}

// csv2xlsx CSV XLSX writes the CSV's cells to the first sheet of a new workbook, as a
// spreadsheet saves a roster.
func csv2xlsx(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 2 {
		ts.Fatalf("usage: csv2xlsx in.csv out.xlsx")
	}
	recs, err := csv.NewReader(strings.NewReader(ts.ReadFile(args[0]))).ReadAll()
	ts.Check(err)
	f, err := os.Create(ts.MkAbs(args[1]))
	ts.Check(err)
	w, err := xlsx.NewWriter(f, "Roster")
	ts.Check(err)
	for _, rec := range recs {
		cells := make([]xlsx.Cell, len(rec))
		for i, v := range rec {
			cells[i] = xlsx.Cell{Text: v}
		}
		ts.Check(w.Row(cells...))
	}
	ts.Check(w.Close())
	ts.Check(f.Close())
}

// xlsxcat XLSX prints each sheet of a workbook, a row a line, its cells joined by |.
func xlsxcat(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 1 {
		ts.Fatalf("usage: xlsxcat file.xlsx")
	}
	data := []byte(ts.ReadFile(args[0]))
	for n := 0; ; n++ {
		r, err := xlsx.OpenSheet(bytes.NewReader(data), int64(len(data)), n, xlsx.Limits{})
		if errors.Is(err, xlsx.ErrNoSheet) {
			return
		}
		ts.Check(err)
		fmt.Fprintf(ts.Stdout(), "== %s\n", r.Sheet)
		for {
			cells, _, err := r.Next()
			if err == io.EOF {
				break
			}
			ts.Check(err)
			texts := make([]string, len(cells))
			for i, c := range cells {
				texts[i] = c.Text
			}
			fmt.Fprintln(ts.Stdout(), strings.Join(texts, "|"))
		}
		r.Close()
	}
}
