package batch

import (
	"bytes"
	"context"
	"encoding/csv"
	"io"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/coachmentor/coachmentor/internal/report"
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
	sum, err := Run(context.Background(), r, &out, &errOut, Options{Bank: def, Name: "roster.xlsx", Format: report.FormatCSV, Columns: Columns{Keep: []string{"Email"}}})
	if err != ErrInvalidRows || sum.Respondents != 3 || sum.Invalid != 1 {
		t.Fatalf("%v %+v\n%s", err, sum, errOut.String())
	}
	if !strings.HasPrefix(errOut.String(), `roster.xlsx:5 (id "bob"): unknown answer "sideways" for scope`) {
		t.Errorf("stderr:\n%s", errOut.String())
	}
	want, _, _, _ := run(t, roster, Options{Format: report.FormatCSV, Columns: Columns{Keep: []string{"Email"}}})
	if out.String() != want {
		t.Errorf("workbook:\n%s\nCSV:\n%s", out.String(), want)
	}
}

// A zip file that is no workbook is named as such.
func TestNotAWorkbook(t *testing.T) {
	if _, err := OpenWorkbook(strings.NewReader("PK\x03\x04 not really"), ReadOptions{Vocab: VocabularyOf(def)}); err != ErrNotWorkbook {
		t.Fatalf("got %v", err)
	}
}
