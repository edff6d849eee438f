package batch

import (
	"bytes"
	"context"
	"encoding/csv"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/coachmentor/coachmentor/internal/format"
	"github.com/coachmentor/coachmentor/internal/roster"
)

// workbookOf is a workbook whose first sheet holds the CSV's cells, each at its place:
// empty rows and cells are left out, as spreadsheets leave them.
func workbookOf(t *testing.T, text string) []byte {
	t.Helper()
	f := excelize.NewFile()
	recs, err := csv.NewReader(strings.NewReader(text)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	for r, rec := range recs {
		for c, v := range rec {
			if v == "" {
				continue
			}
			name, _ := excelize.CoordinatesToCellName(c+1, r+3) // two empty rows above the table
			f.SetCellValue("Sheet1", name, v)
		}
	}
	var b bytes.Buffer
	if err := f.Write(&b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// A workbook's first sheet reads as the same roster in CSV does, rows numbered as the
// spreadsheet shows them.
func TestWorkbookInput(t *testing.T) {
	roster := "id,email,scope,duration\nann,ann@x.org,specific-skills,weeks\nbob,,sideways,\ncy,cy@x.org,broad-development,years\n"
	r, err := OpenWorkbook(bytes.NewReader(workbookOf(t, roster)), ReadOptions{Vocab: VocabularyOf(def), Columns: Columns{Keep: []string{"Email"}}})
	if err != nil {
		t.Fatal(err)
	}
	defer r.(io.Closer).Close()
	var out, errOut bytes.Buffer
	sum, err := Run(context.Background(), r, &out, &errOut, Options{Bank: def, Name: "roster.xlsx", Format: format.CSV, Columns: Columns{Keep: []string{"Email"}}})
	if err != ErrInvalidRows || sum.Respondents != 3 || sum.Invalid != 1 {
		t.Fatalf("%v %+v\n%s", err, sum, errOut.String())
	}
	if !strings.HasPrefix(errOut.String(), `roster.xlsx:5 (id "bob"): unknown answer "sideways" for scope`) {
		t.Errorf("stderr:\n%s", errOut.String())
	}
	want, _, _, _ := run(t, roster, Options{Format: format.CSV, Columns: Columns{Keep: []string{"Email"}}})
	if out.String() != want {
		t.Errorf("workbook:\n%s\nCSV:\n%s", out.String(), want)
	}
}

// What is not a workbook is named as what it is, with what to do.
func TestNotAWorkbook(t *testing.T) {
	for data, want := range map[string]string{
		"PK\x03\x04 not really": "it is not a zip file, as every .xlsx is; if it is CSV or JSON Lines, say so with --input csv",
		"id,scope\n":            "it is not a zip file",
	} {
		if _, err := OpenWorkbook(strings.NewReader(data), ReadOptions{Vocab: VocabularyOf(def)}); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%q: %v", data, err)
		}
	}
}

// Cells come through as the workbook holds them: a date as ISO 8601, an employee number as
// the number it is (a number again in a workbook written), a formula with no saved value
// as that row's error, a cell over the cap as that row's error.
func TestWorkbookCellsAreFaithful(t *testing.T) {
	f := excelize.NewFile()
	rows := [][]any{
		{"id", "started", "scope", "duration", "goal"},
		{1000, time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC), "specific-skills", "weeks", "performance"},
		{1001, time.Date(2024, 3, 1, 10, 0, 0, 0, time.UTC), "broad-development", "years", "growth"},
		{1002, "x", "specific-skills", "weeks", nil},
		{1003, strings.Repeat("z", roster.MaxField+1), "specific-skills", "weeks", "skill"},
	}
	for r, row := range rows {
		for c, v := range row {
			if v != nil {
				name, _ := excelize.CoordinatesToCellName(c+1, r+1)
				f.SetCellValue("Sheet1", name, v)
			}
		}
	}
	f.SetCellFormula("Sheet1", "E4", `"perf"&"ormance"`) // no value saved, as openpyxl saves it
	var b bytes.Buffer
	f.Write(&b)
	opts := Options{Bank: def, Name: "roster.xlsx", Format: format.XLSX, Columns: Columns{Keep: []string{"started"}}}
	r, err := OpenWorkbook(bytes.NewReader(b.Bytes()), ReadOptions{Vocab: VocabularyOf(def), Columns: opts.Columns})
	if err != nil {
		t.Fatal(err)
	}
	var out, errOut bytes.Buffer
	if _, err := Run(context.Background(), r, &out, &errOut, opts); err != ErrInvalidRows {
		t.Fatalf("%v\n%s", err, errOut.String())
	}
	for _, want := range []string{
		`roster.xlsx:4 (id "1002"): the cell E4 ("goal") holds a formula whose value was never saved`,
		`roster.xlsx:5 (id "1003"): the cell B5 ("started") holds more than 4096 characters`,
		`roster.xlsx: read 5 rows of the sheet "Sheet1"`,
	} {
		if !strings.Contains(errOut.String(), want) {
			t.Errorf("stderr lacks %q:\n%s", want, errOut.String())
		}
	}
	got, err := excelize.OpenReader(&out)
	if err != nil {
		t.Fatal(err)
	}
	for cell, want := range map[string]string{"A2": "1000", "B2": "2024-03-01", "B3": "2024-03-01T10:00:00", "A4": "1002"} {
		if v, _ := got.GetCellValue("Results", cell); v != want {
			t.Errorf("%s is %q, want %q", cell, v, want)
		}
	}
	if ty, _ := got.GetCellType("Results", "A2"); ty != excelize.CellTypeUnset && ty != excelize.CellTypeNumber {
		t.Errorf("the employee number is written as %v, not a number", ty)
	}
}
