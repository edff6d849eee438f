package batch

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"io"
	"strings"
	"testing"
	"testing/iotest"
	"unicode/utf16"
)

func encodeUTF16(s string, order binary.AppendByteOrder) []byte {
	var b []byte
	for _, u := range utf16.Encode([]rune(s)) {
		b = order.AppendUint16(b, u)
	}
	return b
}

func readUTF16(t *testing.T, data []byte, order binary.ByteOrder) string {
	t.Helper()
	// One byte at a time, so that units and pairs split across reads are covered.
	u := &utf16Reader{r: bufio.NewReaderSize(iotest.OneByteReader(bytes.NewReader(data)), 16), order: order}
	got, err := io.ReadAll(u)
	if err != nil {
		t.Fatal(err)
	}
	return string(got)
}

func TestUTF16Reader(t *testing.T) {
	text := "id\tscope\r\nZoë 😀 \u2028 日本語\tspecific-skills\r\n" + strings.Repeat("x", 5000)
	for _, order := range []interface {
		binary.ByteOrder
		binary.AppendByteOrder
	}{binary.LittleEndian, binary.BigEndian} {
		if got := readUTF16(t, encodeUTF16(text, order), order); got != text {
			t.Errorf("%v: got %q", order, got)
		}
	}
	le := binary.LittleEndian
	for name, tt := range map[string]struct {
		data []byte
		want string
	}{
		"low surrogate alone":  {le.AppendUint16(le.AppendUint16(nil, 0xdc00), 'a'), "\ufffda"},
		"high surrogate alone": {le.AppendUint16(le.AppendUint16(nil, 0xd800), 'a'), "\ufffda"},
		"high surrogate last":  {le.AppendUint16(nil, 0xd800), "\ufffd"},
		"half a unit last":     {append(le.AppendUint16(nil, 'a'), 'b'), "a\ufffd"},
		"empty":                {nil, ""},
	} {
		if got := readUTF16(t, tt.data, le); got != tt.want {
			t.Errorf("%s: got %q, want %q", name, got, tt.want)
		}
	}
}

// Spreadsheets' "Unicode text" is UTF-16 with a byte-order mark and tabs: it reads as the
// same team as the CSV.
func TestUnicodeTextExport(t *testing.T) {
	csvText := "id,scope,goal\n\"Zoë 😀\",specific-skills,performance\nann,broad-development,growth\n"
	want, _, _, err := run(t, csvText, Options{Format: FormatCSV})
	if err != nil {
		t.Fatal(err)
	}
	tsv := "id\tscope\tgoal\r\nZoë 😀\tspecific-skills\tperformance\r\nann\tbroad-development\tgrowth\r\n"
	for _, bom := range []struct {
		mark  []byte
		order binary.AppendByteOrder
	}{{[]byte{0xff, 0xfe}, binary.LittleEndian}, {[]byte{0xfe, 0xff}, binary.BigEndian}} {
		got, errOut, _, err := run(t, string(append(bom.mark, encodeUTF16(tsv, bom.order)...)), Options{Format: FormatCSV})
		if err != nil || got != want {
			t.Errorf("%v: %v\n%s\ngot:\n%s\nwant:\n%s", bom.order, err, errOut, got, want)
		}
	}
}
