package batch

import (
	"encoding/binary"
	"testing"
	"unicode/utf16"

	"github.com/coachmentor/coachmentor/internal/format"
)

func encodeUTF16(s string, order binary.AppendByteOrder) []byte {
	var b []byte
	for _, u := range utf16.Encode([]rune(s)) {
		b = order.AppendUint16(b, u)
	}
	return b
}

// Spreadsheets' "Unicode text" is UTF-16 with a byte-order mark and tabs: it reads as the
// same team as the CSV.
func TestUnicodeTextExport(t *testing.T) {
	csvText := "id,scope,goal\n\"Zoë 😀\",specific-skills,performance\nann,broad-development,growth\n"
	want, _, _, err := run(t, csvText, Options{Format: format.CSV})
	if err != nil {
		t.Fatal(err)
	}
	tsv := "id\tscope\tgoal\r\nZoë 😀\tspecific-skills\tperformance\r\nann\tbroad-development\tgrowth\r\n"
	for _, bom := range []struct {
		mark  []byte
		order binary.AppendByteOrder
	}{{[]byte{0xff, 0xfe}, binary.LittleEndian}, {[]byte{0xfe, 0xff}, binary.BigEndian}} {
		got, errOut, _, err := run(t, string(append(bom.mark, encodeUTF16(tsv, bom.order)...)), Options{Format: format.CSV})
		if err != nil || got != want {
			t.Errorf("%v: %v\n%s\ngot:\n%s\nwant:\n%s", bom.order, err, errOut, got, want)
		}
	}
}
