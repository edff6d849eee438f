package main

import (
	"bytes"
	"encoding/csv"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/coachmentor/coachmentor/internal/xlsx"
)

// Workbooks as a spreadsheet program reads them: LibreOffice, headless, converts what the
// program writes to CSV, and what it reads back is what was written. Without LibreOffice
// these are skipped, unless COACHMENTOR_REQUIRE_SPREADSHEET is set, as CI sets it.

func soffice(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"soffice", "libreoffice"} {
		if path, err := exec.LookPath(name); err == nil {
			return path
		}
	}
	if os.Getenv("COACHMENTOR_REQUIRE_SPREADSHEET") != "" {
		t.Fatal("LibreOffice is required (COACHMENTOR_REQUIRE_SPREADSHEET is set) but not installed")
	}
	t.Skip("LibreOffice (soffice) not installed")
	return ""
}

// asCSV converts a workbook's first sheet to CSV with LibreOffice, run to completion.
func asCSV(t *testing.T, office, book string) [][]string {
	t.Helper()
	out := t.TempDir()
	cmd := exec.Command(office, "--headless", "-env:UserInstallation=file://"+t.TempDir(),
		"--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76", "--outdir", out, book)
	cmd.Env = append(os.Environ(), "HOME="+t.TempDir())
	var errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &errOut, &errOut
	if err := runToEnd(t, cmd); err != nil {
		t.Fatalf("soffice: %v\n%s", err, errOut.String())
	}
	data, err := os.ReadFile(filepath.Join(out, strings.TrimSuffix(filepath.Base(book), ".xlsx")+".csv"))
	if err != nil {
		t.Fatalf("no CSV: %v\n%s", err, errOut.String())
	}
	recs, err := csv.NewReader(bytes.NewReader(data)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return recs
}

// runToEnd runs a command and waits for it, however long it takes, within the test's own
// deadline.
func runToEnd(t *testing.T, cmd *exec.Cmd) error {
	if err := cmd.Start(); err != nil {
		return err
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		return err
	case <-timeAfter(t):
		cmd.Process.Kill()
		t.Fatal("soffice did not finish")
		return nil
	}
}

// A roster's cells come through a batch run to a results workbook as LibreOffice reads
// them: an employee number as the number it was, a date as ISO 8601, text with control
// characters and with a literal _x000D_ as it was written.
func TestWorkbookInLibreOffice(t *testing.T) {
	office := soffice(t)
	dir := t.TempDir()
	roster := filepath.Join(dir, "roster.xlsx")
	f, err := os.Create(roster)
	if err != nil {
		t.Fatal(err)
	}
	w, _ := xlsx.NewWriter(f, "Roster")
	w.Row(xlsx.Cell{Text: "id"}, xlsx.Cell{Text: "note"}, xlsx.Cell{Text: "scope"}, xlsx.Cell{Text: "duration"}, xlsx.Cell{Text: "goal"}, xlsx.Cell{Text: "success"})
	w.Row(xlsx.Cell{Kind: xlsx.Number, Number: 1000}, xlsx.Cell{Text: "tab\there _x000D_ bell\x07"}, xlsx.Cell{Text: "specific-skills"}, xlsx.Cell{Text: "weeks"}, xlsx.Cell{Text: "performance"}, xlsx.Cell{Text: "metrics"})
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	f.Close()
	out := filepath.Join(dir, "results.xlsx")
	cmd := exec.Command(binary, "batch", roster, "--keep", "note", "-o", out)
	if msg, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("batch: %v\n%s", err, msg)
	}
	recs := asCSV(t, office, out)
	if len(recs) != 2 || recs[0][0] != "id" || recs[0][1] != "note" {
		t.Fatalf("LibreOffice reads %q", recs)
	}
	if recs[1][0] != "1000" {
		t.Errorf("the employee number reads %q", recs[1][0])
	}
	if recs[1][1] != "tab\there _x000D_ bell\x07" {
		t.Errorf("the note reads %q", recs[1][1])
	}
	if recs[1][2] != "coaching" {
		t.Errorf("the recommendation reads %q", recs[1][2])
	}
}
