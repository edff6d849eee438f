package format

import (
	"io"

	"github.com/coachmentor/coachmentor/internal/bank"
	"github.com/coachmentor/coachmentor/internal/engine"
	"github.com/coachmentor/coachmentor/internal/report"
	"github.com/coachmentor/coachmentor/internal/report/bankdoc"
)

// Text is for reading in a terminal: styled there, plain in a file.
var Text = &Format{
	Name: "text",
	Exts: []string{".txt"},
	Help: "text for the terminal, plain in a file",
	Person: func(w io.Writer, b *bank.Bank, r *engine.Result, o PersonOptions) error {
		return report.Text(w, b, r, report.TextOptions{Options: o.Options, Profile: o.Profile, Width: o.Width})
	},
	Bank: bankdoc.Text,
}
