package report

import (
	"bytes"
	"encoding/json"
	"io"

	"github.com/coachmentor/coachmentor/internal/bank"
	"github.com/coachmentor/coachmentor/internal/engine"
)

// JSON writes the result as one indented JSON object followed by a newline.
func JSON(w io.Writer, b *bank.Bank, r *engine.Result, opts Options) error {
	var out bytes.Buffer
	if err := json.Indent(&out, NewEncoder(b).Append(nil, r, "", opts.For), "", "  "); err != nil {
		return err
	}
	out.WriteByte('\n')
	_, err := w.Write(out.Bytes())
	return err
}
