package xlsx

import (
	"archive/zip"
	"bytes"
	"errors"
	"io"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

// book builds a workbook from raw parts: the sheet (as a reader, so that it may be huge
// without being held), the shared strings and the styles, each left out when empty.
func book(t testing.TB, sheet io.Reader, shared, styles string, sheets ...string) []byte {
	t.Helper()
	if len(sheets) == 0 {
		sheets = []string{`<sheet name="Roster" sheetId="1" r:id="rId1"/>`}
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	put := func(name string, r io.Reader) {
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := io.Copy(w, r); err != nil {
			t.Fatal(err)
		}
	}
	put("xl/workbook.xml", strings.NewReader(xmlHead+`<workbook xmlns="`+mainNS+`" xmlns:r="`+relNS+`"><sheets>`+strings.Join(sheets, "")+`</sheets></workbook>`))
	var rels strings.Builder
	rels.WriteString(xmlHead + `<Relationships xmlns="` + pkgRels + `">`)
	for i := range sheets {
		rels.WriteString(`<Relationship Id="rId` + string(rune('1'+i)) + `" Type="` + relNS + `/worksheet" Target="worksheets/sheet` + string(rune('1'+i)) + `.xml"/>`)
	}
	rels.WriteString(`</Relationships>`)
	put("xl/_rels/workbook.xml.rels", strings.NewReader(rels.String()))
	put("xl/worksheets/sheet1.xml", io.MultiReader(strings.NewReader(xmlHead+`<worksheet xmlns="`+mainNS+`"><sheetData>`), sheet, strings.NewReader(`</sheetData></worksheet>`)))
	for i := 1; i < len(sheets); i++ {
		put("xl/worksheets/sheet"+string(rune('1'+i))+".xml", strings.NewReader(xmlHead+`<worksheet xmlns="`+mainNS+`"><sheetData><row r="1"><c t="inlineStr"><is><t>second</t></is></c></row></sheetData></worksheet>`))
	}
	if shared != "" {
		put("xl/sharedStrings.xml", strings.NewReader(xmlHead+`<sst xmlns="`+mainNS+`">`+shared+`</sst>`))
	}
	if styles != "" {
		put("xl/styles.xml", strings.NewReader(xmlHead+`<styleSheet xmlns="`+mainNS+`">`+styles+`</styleSheet>`))
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// rows reads every row of a workbook: its cells as "kind:text", "long" for a cell over the
// cap.
func rows(t testing.TB, data []byte, maxCell int) ([]string, *Reader, error) {
	t.Helper()
	r, err := Open(bytes.NewReader(data), int64(len(data)), Limits{Cell: maxCell})
	if err != nil {
		return nil, nil, err
	}
	defer r.Close()
	var out []string
	for {
		cells, _, err := r.Next()
		if err == io.EOF {
			return out, r, nil
		}
		if err != nil {
			return out, r, err
		}
		var parts []string
		for _, c := range cells {
			switch {
			case c.TooLong:
				parts = append(parts, "long")
			default:
				parts = append(parts, [...]string{"", "text", "number", "date", "novalue"}[c.Kind]+":"+c.Text)
			}
		}
		out = append(out, strings.Join(parts, " "))
	}
}

// Dates and times read as ISO 8601, by the cell's number format, built in or custom; a
// number keeps the value the workbook stores; a formula with no saved value says so.
func TestCellsReadAsTheyAre(t *testing.T) {
	styles := `<numFmts count="2"><numFmt numFmtId="164" formatCode="yyyy\-mm\-dd\ hh:mm"/><numFmt numFmtId="165" formatCode="&quot;No. &quot;0"/></numFmts>` +
		`<cellXfs count="4"><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="164"/><xf numFmtId="165"/></cellXfs>`
	sheet := `<row r="1"><c r="A1" s="1"><v>45352</v></c><c r="B1" s="2"><v>45352.416666666664</v></c><c r="C1" s="2"><v>0.5</v></c>` +
		`<c r="D1"><v>1000</v></c><c r="E1" s="3"><v>1000</v></c><c r="F1"><f>SUM(D1:E1)</f></c><c r="G1" t="str"><f>A1&amp;"x"</f><v>45352x</v></c>` +
		`<c r="H1" t="b"><v>1</v></c><c r="I1" t="e"><v>#N/A</v></c><c r="J1" t="d"><v>2024-03-01T10:00:00</v></c></row>`
	got, _, err := rows(t, book(t, strings.NewReader(sheet), "", styles), 0)
	if err != nil {
		t.Fatal(err)
	}
	want := "date:2024-03-01 date:2024-03-01T10:00:00 date:12:00:00 number:1000 number:1000 novalue: text:45352x text:TRUE text:#N/A date:2024-03-01T10:00:00"
	if len(got) != 1 || got[0] != want {
		t.Fatalf("got  %q\nwant %q", got, want)
	}
	// The date system of old Macintosh workbooks, and a date excelize writes.
	if s, _ := isoDate("0", true); s != "1904-01-01" {
		t.Errorf("1904 system: %s", s)
	}
	f := excelize.NewFile()
	f.SetCellValue("Sheet1", "A1", time.Date(2024, 3, 1, 10, 0, 0, 0, time.UTC))
	var buf bytes.Buffer
	f.Write(&buf)
	if got, _, err := rows(t, buf.Bytes(), 0); err != nil || len(got) != 1 || got[0] != "date:2024-03-01T10:00:00" {
		t.Errorf("excelize's date: %q, %v", got, err)
	}
}

// A cell of 200 MB of text in a small file is read past, not built: the row says the cell
// is too long, and reading it allocates a few megabytes, not hundreds.
func TestHugeCellIsNotBuilt(t *testing.T) {
	huge := io.LimitReader(repeat('x'), 200<<20)
	sheet := io.MultiReader(strings.NewReader(`<row r="1"><c t="inlineStr"><is><t>id</t></is></c></row><row r="2"><c t="inlineStr"><is><t>`),
		huge, strings.NewReader(`</t></is></c><c t="inlineStr"><is><t>after</t></is></c></row>`))
	data := book(t, sheet, "", "")
	if len(data) > 1<<20 {
		t.Fatalf("the test workbook is %d bytes; it should be small", len(data))
	}
	before := allocated()
	got, r, err := rows(t, data, 4096)
	if err != nil {
		t.Fatal(err)
	}
	if spent := allocated() - before; spent > 16<<20 {
		t.Errorf("reading allocated %d MiB", spent>>20)
	}
	if len(got) != 2 || got[1] != "long text:after" || r.Unpacked() < 200<<20 {
		t.Fatalf("rows %q, %d bytes read", got, r.Unpacked())
	}
}

// The shared text is bounded: past MaxStrings texts, or MaxStringBytes bytes, the
// workbook is refused with which limit it passed; a shared text over the cap is kept as
// too long, and its bytes do not count.
func TestSharedTextIsBounded(t *testing.T) {
	sheet := strings.NewReader(`<row r="1"><c t="s"><v>0</v></c><c t="s"><v>1</v></c></row>`)
	_, _, err := rows(t, book(t, sheet, strings.Repeat("<si><t>a</t></si>", MaxStrings+1), ""), 0)
	var tm ErrTooMuchText
	if !errors.As(err, &tm) || !tm.Count {
		t.Errorf("too many texts: %v", err)
	}
	big := "<si><t>" + strings.Repeat("y", 30000) + "</t></si>"
	_, _, err = rows(t, book(t, strings.NewReader(""), strings.Repeat(big, MaxStringBytes/30000+1), ""), 0)
	if !errors.As(err, &tm) || tm.Count || !strings.Contains(err.Error(), "16 MiB") {
		t.Errorf("too many bytes: %v", err)
	}
	long := "<si><t>" + strings.Repeat("z", 5000) + "</t></si><si><r><t>a</t></r><r><t>b</t></r></si>"
	got, _, err := rows(t, book(t, strings.NewReader(`<row r="1"><c t="s"><v>0</v></c><c t="s"><v>1</v></c></row>`), long, ""), 4096)
	if err != nil || len(got) != 1 || got[0] != "long text:ab" {
		t.Errorf("rows %q, %v", got, err)
	}
}

// The first visible sheet is read, and the hidden ones before it are named.
func TestHiddenSheetsAreSkippedAndNamed(t *testing.T) {
	data := book(t, strings.NewReader(`<row r="1"><c t="inlineStr"><is><t>first</t></is></c></row>`), "", "",
		`<sheet name="Config" sheetId="1" state="hidden" r:id="rId1"/>`, `<sheet name="Responses" sheetId="2" r:id="rId2"/>`)
	got, r, err := rows(t, data, 0)
	if err != nil || len(got) != 1 || got[0] != "text:second" || r.Sheet != "Responses" || strings.Join(r.Hidden, ",") != "Config" {
		t.Fatalf("rows %q, sheet %q, hidden %v, %v", got, r.Sheet, r.Hidden, err)
	}
}

// What is not an Excel workbook is said as what it is: not a zip file, an OpenDocument
// spreadsheet, a zip file of something else, a damaged workbook.
func TestWhatIsNotAWorkbookSaysWhat(t *testing.T) {
	zipOf := func(name, body string) []byte {
		var buf bytes.Buffer
		zw := zip.NewWriter(&buf)
		w, _ := zw.Create(name)
		io.WriteString(w, body)
		zw.Close()
		return buf.Bytes()
	}
	corrupt := book(t, strings.NewReader(""), "", "")
	corrupt = corrupt[:len(corrupt)/2]
	for _, c := range []struct {
		data []byte
		want error
	}{
		{[]byte("id,scope\ne1,weeks\n"), ErrNotZip},
		{corrupt, ErrNotZip},
		{zipOf("mimetype", "application/vnd.oasis.opendocument.spreadsheet"), ErrOpenDocument},
		{zipOf("word/document.xml", "<w/>"), ErrNotWorkbook},
		{book(t, strings.NewReader(`<row r="1"><c><v>1</v></row>`), "", ""), ErrDamaged},
	} {
		_, _, err := rows(t, c.data, 0)
		if !errors.Is(err, c.want) {
			t.Errorf("got %v, want %v", err, c.want)
		}
	}
}

// Entities are never expanded, however a document declares them, and a tag of a megabyte
// is refused, not built.
func TestEntityBombAndLongTag(t *testing.T) {
	bomb := `<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>`
	data := book(t, strings.NewReader(bomb+`<row r="1"><c t="inlineStr"><is><t>&lol2;</t></is></c></row>`), "", "")
	if _, _, err := rows(t, data, 0); !errors.Is(err, ErrDamaged) {
		t.Errorf("an entity: %v", err)
	}
	data = book(t, strings.NewReader(`<row r="1" x="`+strings.Repeat("a", 1<<20)+`"></row>`), "", "")
	if _, _, err := rows(t, data, 0); !errors.Is(err, ErrDamaged) || !strings.Contains(err.Error(), "XML tag of more than 64 KiB") {
		t.Errorf("a long tag: %v", err)
	}
}

// repeat is an endless reader of one byte.
type repeat byte

func (r repeat) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = byte(r)
	}
	return len(p), nil
}

// allocated is how many bytes the program has allocated so far, in all.
func allocated() uint64 {
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.TotalAlloc
}

// Whatever a workbook's sheet, shared text and styles hold, reading it never panics, every
// cell stays within the cap (or is said to be too long, empty), a row has at most Excel's
// columns, and an error is one of the reader's. Inputs are bounded to 64 KiB, so that each
// run is quick and what it reads is bounded by what the fuzzer gives.
func FuzzReader(f *testing.F) {
	f.Add(`<row r="1"><c r="A1" t="inlineStr"><is><t>id</t></is></c><c r="B1" t="s"><v>0</v></c></row><row><c s="1"><v>45352.5</v></c></row>`,
		`<si><t>scope</t></si><si><r><t>a</t></r><rPh><t>x</t></rPh></si>`, `<cellXfs><xf numFmtId="0"/><xf numFmtId="22"/></cellXfs>`)
	f.Add(`<row r="3"><c r="XFD3"><f>A1</f></c><c r="C3" t="e"><v>#REF!</v></c></row>`, ``, `<numFmts><numFmt numFmtId="170" formatCode="[h]:mm"/></numFmts><cellXfs><xf numFmtId="170"/></cellXfs>`)
	f.Add(`<row r="1"><c t="s"><v>99</v></c></row>`, `<si><t>`+strings.Repeat("w", 100)+`</t></si>`, ``)
	f.Fuzz(func(t *testing.T, sheet, shared, styles string) {
		if len(sheet)+len(shared)+len(styles) > 64<<10 {
			t.Skip("inputs are bounded to 64 KiB")
		}
		const maxCell = 64
		data := book(t, strings.NewReader(sheet), shared, styles)
		r, err := Open(bytes.NewReader(data), int64(len(data)), Limits{Cell: maxCell})
		if err != nil {
			known(t, err)
			return
		}
		defer r.Close()
		for {
			cells, _, err := r.Next()
			if err == io.EOF {
				return
			}
			if err != nil {
				known(t, err)
				return
			}
			if len(cells) > maxColumns {
				t.Fatalf("%d cells in a row", len(cells))
			}
			for _, c := range cells {
				if len([]rune(c.Text)) > maxCell || (c.TooLong && c.Text != "") {
					t.Fatalf("a cell of %d characters (too long %v)", len([]rune(c.Text)), c.TooLong)
				}
			}
		}
	})
}

// known fails the test unless err is one of the reader's errors.
func known(t *testing.T, err error) {
	t.Helper()
	var tm ErrTooMuchText
	if !errors.Is(err, ErrDamaged) && !errors.Is(err, ErrNotWorkbook) && !errors.As(err, &tm) {
		t.Fatalf("an error of no known kind: %v", err)
	}
}

// A row is bounded too: 16,384 cells of 4 KiB each (64 MiB), past the row's cap, are read
// past and the row is said to be too long.
func TestLongRowIsNotBuilt(t *testing.T) {
	cell := `<c t="inlineStr"><is><t>` + strings.Repeat("q", 4000) + `</t></is></c>`
	data := book(t, strings.NewReader(`<row r="1">`+strings.Repeat(cell, 16384)+`</row>`), "", "")
	r, err := Open(bytes.NewReader(data), int64(len(data)), Limits{Cell: 4096, Row: 1 << 20})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	before := allocated()
	cells, _, err := r.Next()
	if err != nil || !r.RowTooLong || !cells[len(cells)-1].TooLong || cells[0].TooLong {
		t.Fatalf("%d cells, too long %v, %v", len(cells), r.RowTooLong, err)
	}
	// The XML decoder's tokens cost about 13 MiB here, collected as they go; the 64 MiB of
	// text is never built.
	if spent := allocated() - before; spent > 24<<20 {
		t.Errorf("reading the row allocated %d MiB", spent>>20)
	}
}
