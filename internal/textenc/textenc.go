// Package textenc reads text as spreadsheets and editors save it: UTF-8, with or without a
// byte-order mark, or UTF-16 after one, as "Unicode text" is saved. Everything the program
// reads from files goes through it, so a team's answers, an answers file and a question
// bank are read alike. Decoding UTF-16 is golang.org/x/text's.
package textenc

import (
	"bufio"
	"bytes"
	"io"

	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"
)

// The byte-order marks, as they start a file.
var (
	bomUTF8    = []byte("\xef\xbb\xbf")
	bomUTF16LE = []byte("\xff\xfe")
	bomUTF16BE = []byte("\xfe\xff")
)

// Reader is br decoded to UTF-8. Text without a byte-order mark is read as it is, with no
// copying; a UTF-8 mark is dropped; text after a UTF-16 mark is decoded. Unpaired
// surrogates and a dangling last byte become U+FFFD.
func Reader(br *bufio.Reader) io.Reader {
	head, _ := br.Peek(3)
	switch {
	case bytes.HasPrefix(head, bomUTF8):
		br.Discard(3)
		return br
	case bytes.HasPrefix(head, bomUTF16LE), bytes.HasPrefix(head, bomUTF16BE):
		return transform.NewReader(br, unicode.BOMOverride(transform.Nop))
	}
	return br
}

// Bytes is data decoded to UTF-8, as Reader decodes it.
func Bytes(data []byte) []byte {
	switch {
	case bytes.HasPrefix(data, bomUTF8):
		return data[3:]
	case bytes.HasPrefix(data, bomUTF16LE), bytes.HasPrefix(data, bomUTF16BE):
		out, _, err := transform.Bytes(unicode.BOMOverride(transform.Nop), data)
		if err == nil {
			return out
		}
	}
	return data
}
