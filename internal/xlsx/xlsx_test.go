package xlsx

import (
	"bytes"
	"io"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// What the writer writes, a well-known library reads: the sheets, text as text, numbers
// as numbers, the styles, text that XML must escape.
func TestExcelizeReadsWhatIsWritten(t *testing.T) {
	var buf bytes.Buffer
	w, err := NewWriter(&buf, "Results", "Summary")
	if err != nil {
		t.Fatal(err)
	}
	w.Row(Cell{Text: "id", Bold: true}, Cell{Text: "score", Bold: true}, Cell{Text: "note", Bold: true})
	w.Row(Cell{Text: "=1+2"}, Cell{Kind: Number, Number: 0.6}, Cell{Text: `<a & "b"> ` + "\x01\u2028"})
	w.Row(Cell{Text: "e2"}, Cell{}, Cell{Text: "  spaced  "})
	if err := w.Next(); err != nil {
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
	want := [][]string{{"id", "score", "note"}, {"=1+2", "0.6", `<a & "b"> ` + "\u2028"}, {"e2", "", "  spaced  "}}
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
	r, err := Open(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
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
		got = append(got, strings.Join(append([]string{string(rune('0' + n))}, cells...), "|"))
	}
	want := "2|id||scope 3|ann|12|TRUE 5|Bo Ray|||x & <y>"
	if strings.Join(got, " ") != want {
		t.Fatalf("got  %q\nwant %q", strings.Join(got, " "), want)
	}
}

func TestNotAWorkbook(t *testing.T) {
	for _, data := range []string{"PK\x03\x04 not a zip", "plain text"} {
		if _, err := Open(strings.NewReader(data), int64(len(data))); err != ErrNotWorkbook {
			t.Errorf("%q: %v", data, err)
		}
	}
}

func TestColumnName(t *testing.T) {
	for n, want := range map[int]string{1: "A", 26: "Z", 27: "AA", 52: "AZ", 703: "AAA"} {
		if got := ColumnName(n); got != want || columnOf(want+"7") != n {
			t.Errorf("%d: %s, %d", n, got, columnOf(want+"7"))
		}
	}
}
