package xlsx

import (
	"bytes"
	"errors"
	"io"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// What the writer writes, a well-known library reads: the sheets, text as text, numbers
// as numbers, the styles, text that XML must escape.
func TestExcelizeReadsWhatIsWritten(t *testing.T) {
	var buf bytes.Buffer
	w, err := NewWriter(&buf, "Results")
	if err != nil {
		t.Fatal(err)
	}
	w.Row(Cell{Text: "id", Bold: true}, Cell{Text: "score", Bold: true}, Cell{Text: "note", Bold: true})
	w.Row(Cell{Text: "=1+2"}, Cell{Kind: Number, Number: 0.6}, Cell{Text: `<a & "b"> ` + "\x01\u2028"})
	w.Row(Cell{Text: "e2"}, Cell{}, Cell{Text: "  spaced  "})
	if err := w.AddSheet("Summary"); err != nil {
		t.Fatal(err)
	}
	w.Row(Cell{Text: "Share"}, Cell{Kind: Number, Number: 0.3333, Percent: true})
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if got := strings.Join(f.GetSheetList(), ","); got != "Results,Summary" {
		t.Fatalf("sheets %s", got)
	}
	rows, _ := f.GetRows("Results")
	want := [][]string{{"id", "score", "note"}, {"=1+2", "0.6", `<a & "b"> ` + "\x01\u2028"}, {"e2", "", "  spaced  "}}
	if len(rows) != 3 || strings.Join(rows[1], "|") != strings.Join(want[1], "|") || strings.Join(rows[2], "|") != strings.Join(want[2], "|") {
		t.Fatalf("rows %q", rows)
	}
	if ty, _ := f.GetCellType("Results", "B2"); ty != excelize.CellTypeUnset && ty != excelize.CellTypeNumber {
		t.Errorf("B2 is not a number: %v", ty)
	}
	if formula, _ := f.GetCellFormula("Results", "A2"); formula != "" {
		t.Errorf("text became a formula: %q", formula)
	}
	if v, _ := f.GetCellValue("Summary", "B1"); v != "33.33%" {
		t.Errorf("a percentage shows as %q", v)
	}
	style, _ := f.GetCellStyle("Results", "A1")
	if s, _ := f.GetStyle(style); s == nil || s.Font == nil || !s.Font.Bold {
		t.Errorf("the header is not bold")
	}
	panes, _ := f.GetPanes("Results")
	if !panes.Freeze || panes.YSplit != 1 {
		t.Errorf("the header does not stay in view: %+v", panes)
	}
}

// What a well-known library writes, the reader reads: shared and inline text, rich text,
// numbers, truth values, cells and rows left out.
func TestReadsWhatExcelizeWrites(t *testing.T) {
	f := excelize.NewFile()
	f.SetSheetName("Sheet1", "Roster")
	f.SetCellValue("Roster", "A2", "id")
	f.SetCellValue("Roster", "C2", "scope")
	f.SetCellValue("Roster", "A3", "ann")
	f.SetCellValue("Roster", "B3", 12)
	f.SetCellValue("Roster", "C3", true)
	f.SetCellRichText("Roster", "A5", []excelize.RichTextRun{{Text: "Bo "}, {Text: "Ray", Font: &excelize.Font{Bold: true}}})
	f.SetCellValue("Roster", "D5", "x & <y>")
	f.NewSheet("Other")
	f.SetCellValue("Other", "A1", "not read")
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	r, err := Open(bytes.NewReader(buf.Bytes()), int64(buf.Len()), Limits{})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	if r.Sheet != "Roster" {
		t.Errorf("sheet %q", r.Sheet)
	}
	var got []string
	for {
		cells, n, err := r.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, strings.Join(append([]string{string(rune('0' + n))}, texts(cells)...), "|"))
	}
	want := "2|id||scope 3|ann|12|TRUE 5|Bo Ray|||x & <y>"
	if strings.Join(got, " ") != want {
		t.Fatalf("got  %q\nwant %q", strings.Join(got, " "), want)
	}
}

func TestNotAWorkbook(t *testing.T) {
	for _, data := range []string{"PK\x03\x04 not a zip", "plain text"} {
		if _, err := Open(strings.NewReader(data), int64(len(data)), Limits{}); !errors.Is(err, ErrNotZip) {
			t.Errorf("%q: %v", data, err)
		}
	}
}

// texts is the cells' text, as the test compares it.
func texts(cells []ReadCell) []string {
	out := make([]string, len(cells))
	for i, c := range cells {
		out[i] = c.Text
	}
	return out
}

func TestColumnName(t *testing.T) {
	for n, want := range map[int]string{1: "A", 26: "Z", 27: "AA", 52: "AZ", 703: "AAA"} {
		if got := ColumnName(n); got != want || columnOf(want+"7") != n {
			t.Errorf("%d: %s, %d", n, got, columnOf(want+"7"))
		}
	}
}

// Every character Excel can hold comes back as it was: control characters as Excel's
// _xHHHH_, and text that already reads as _xHHHH_ escaped, so that Excel does not decode it.
// A cell past Excel's 32,767 characters is cut, with an ellipsis, and counted.
func TestEveryCharacterComesBack(t *testing.T) {
	texts := []string{"tab\tand\x01\x02\x1b[31m\x7f\u0085end", "_x000D_ literal", "_x00_ not one", strings.Repeat("w", ExcelCell+10)}
	var buf bytes.Buffer
	w, err := NewWriter(&buf, "Results")
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range texts {
		w.Row(Cell{Text: s})
	}
	if err := w.Close(); err != nil || w.Cut != 1 {
		t.Fatalf("%v, %d cut", err, w.Cut)
	}
	data := bytes.Clone(buf.Bytes())
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	rows, _ := f.GetRows("Results")
	for i, want := range texts[:3] {
		if rows[i][0] != want {
			t.Errorf("row %d: %q, want %q", i+1, rows[i][0], want)
		}
	}
	if got := []rune(rows[3][0]); len(got) != ExcelCell || got[len(got)-1] != '…' {
		t.Errorf("the long cell has %d characters", len(got))
	}
	// The program's own reader reads it back as Excel does.
	r, err := Open(bytes.NewReader(data), int64(len(data)), Limits{})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	for i, want := range texts[:3] {
		cells, _, _ := r.Next()
		if cells[0].Text != want {
			t.Errorf("read back row %d: %q, want %q", i+1, cells[0].Text, want)
		}
	}
}

// Sheet names are made ones Excel takes, and a name taken gets a number.
func TestSheetNames(t *testing.T) {
	for name, want := range map[string]string{"Results": "Results", "a/b:c?d*[e]": "a b c d  e", "'quoted'": "quoted", "": "Sheet",
		strings.Repeat("x", 40): strings.Repeat("x", 31)} {
		if got := SheetName(name); got != want {
			t.Errorf("%q: %q, want %q", name, got, want)
		}
	}
	var buf bytes.Buffer
	w, _ := NewWriter(&buf, "Results")
	w.AddSheet("results")
	w.AddSheet(strings.Repeat("y", 31))
	w.AddSheet(strings.Repeat("y", 31))
	w.Close()
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(f.GetSheetList(), ","); got != "Results,results (2),"+strings.Repeat("y", 31)+","+strings.Repeat("y", 27)+" (2)" {
		t.Fatalf("sheets %s", got)
	}
}
