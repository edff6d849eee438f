package report

import (
	"bytes"
	"encoding/json"
	"io"

	"github.com/coachmentor/coachmentor/internal/bank"
	"github.com/coachmentor/coachmentor/internal/engine"
)

// JSON writes the result as one indented JSON object followed by a newline: the Document,
// written by encoding/json. Text is kept as it is (no \u003c for <), as the Encoder
// writes it for batch runs.
func JSON(w io.Writer, b *bank.Bank, r *engine.Result, opts Options) error {
	var compact bytes.Buffer
	enc := json.NewEncoder(&compact)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(NewDocument(b, r, opts)); err != nil {
		return err
	}
	var out bytes.Buffer
	if err := json.Indent(&out, bytes.TrimRight(compact.Bytes(), "\n"), "", "  "); err != nil {
		return err
	}
	out.WriteByte('\n')
	_, err := w.Write(out.Bytes())
	return err
}
