package textenc

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

func encodeUTF16(s string, order binary.AppendByteOrder, bom []byte) []byte {
	b := append([]byte(nil), bom...)
	for _, u := range utf16.Encode([]rune(s)) {
		b = order.AppendUint16(b, u)
	}
	return b
}

// Text in any of the encodings comes out as the same UTF-8, read a byte at a time so that
// units and pairs split across reads are covered, and as a whole.
func TestDecodes(t *testing.T) {
	text := "id\tscope\r\nZoë 😀 \u2028 日本語\tspecific-skills\r\n" + strings.Repeat("x", 5000)
	for name, data := range map[string][]byte{
		"utf-8":            []byte(text),
		"utf-8 with a bom": append([]byte("\xef\xbb\xbf"), text...),
		"utf-16le":         encodeUTF16(text, binary.LittleEndian, []byte{0xff, 0xfe}),
		"utf-16be":         encodeUTF16(text, binary.BigEndian, []byte{0xfe, 0xff}),
	} {
		got, err := io.ReadAll(Reader(bufio.NewReaderSize(iotest.OneByteReader(bytes.NewReader(data)), 16)))
		if err != nil || string(got) != text {
			t.Errorf("%s: %v, got %q", name, err, got[:min(40, len(got))])
		}
		if got := Bytes(data); string(got) != text {
			t.Errorf("%s as bytes: got %q", name, got[:min(40, len(got))])
		}
	}
}

// Broken UTF-16 does not stop the reading: what cannot be decoded becomes U+FFFD.
func TestBrokenUTF16(t *testing.T) {
	data := append(encodeUTF16("ab", binary.LittleEndian, []byte{0xff, 0xfe}), 0x00, 0xd8, 'c', 0x00, 'x')
	got, err := io.ReadAll(Reader(bufio.NewReader(bytes.NewReader(data))))
	if err != nil || !strings.HasPrefix(string(got), "ab\ufffd") {
		t.Fatalf("%v %q", err, got)
	}
}

// Units that do not make a character become U+FFFD, whatever follows.
func TestUTF16EdgeCases(t *testing.T) {
	le := binary.LittleEndian
	bom := []byte{0xff, 0xfe}
	for name, tt := range map[string]struct {
		data []byte
		want string
	}{
		"low surrogate alone":  {le.AppendUint16(le.AppendUint16(bom, 0xdc00), 'a'), "\ufffda"},
		"high surrogate alone": {le.AppendUint16(le.AppendUint16(bom, 0xd800), 'a'), "\ufffda"},
		"high surrogate last":  {le.AppendUint16(bom, 0xd800), "\ufffd"},
		"half a unit last":     {append(le.AppendUint16(bom, 'a'), 'b'), "a\ufffd"},
		"the mark alone":       {bom, ""},
	} {
		got, err := io.ReadAll(Reader(bufio.NewReaderSize(iotest.OneByteReader(bytes.NewReader(tt.data)), 16)))
		if err != nil || string(got) != tt.want {
			t.Errorf("%s: %v, got %q, want %q", name, err, got, tt.want)
		}
	}
}
