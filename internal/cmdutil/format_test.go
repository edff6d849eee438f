package cmdutil

import (
	"errors"
	"strings"
	"testing"

	"github.com/spf13/cobra"

	"github.com/coachmentor/coachmentor/internal/format"
)

// One call gives a flag its help, its check and its completion.
func TestFormatFlag(t *testing.T) {
	var f *format.Format
	cmd := &cobra.Command{Use: "x", RunE: func(*cobra.Command, []string) error { return nil }}
	flag := FormatFlag(cmd, &f, format.Text, "", []*format.Format{format.Text, format.Markdown})
	if flag.Usage != "output format: text or markdown" || flag.DefValue != "text" || f != format.Text {
		t.Fatalf("usage %q, default %q, value %v", flag.Usage, flag.DefValue, f)
	}
	if err := cmd.Flags().Set("format", " MD "); err != nil || f != format.Markdown {
		t.Fatalf("md: %v, %v", err, f)
	}
	err := cmd.Flags().Set("format", "xml")
	var invalid *InvalidError
	if !errors.As(err, &invalid) || invalid.Error() != `invalid --format "xml"; use text or markdown` || ExitCode(invalid) != ExitInvalid {
		t.Fatalf("xml: %v", err)
	}
	comp, _ := cmd.GetFlagCompletionFunc("format")
	if got, _ := comp(cmd, nil, ""); strings.Join(got, " ") != "text markdown" {
		t.Fatalf("completion %v", got)
	}
}

// A usage of its own also words the error, so a command can say which formats go with what.
func TestFormatFlagOwnWords(t *testing.T) {
	var f *format.Format
	cmd := &cobra.Command{Use: "x"}
	FormatFlag(cmd, &f, nil, "output format: jsonl or csv; with --compare, json", []*format.Format{format.JSONL, format.CSV, format.JSON})
	var invalid *InvalidError
	err := cmd.Flags().Set("format", "html")
	if !errors.As(err, &invalid) || invalid.Error() != `invalid --format "html"; use jsonl or csv; with --compare, json` {
		t.Fatalf("got %v", err)
	}
}

func TestEnumFlag(t *testing.T) {
	var in string
	cmd := &cobra.Command{Use: "x"}
	EnumFlag(cmd, &in, "input", "", "", "input format: csv or jsonl", "csv", "jsonl")
	if err := cmd.Flags().Set("input", "JSONL"); err != nil || in != "jsonl" {
		t.Fatalf("%v %q", err, in)
	}
	var invalid *InvalidError
	if err := cmd.Flags().Set("input", "\x1b[31m"); !errors.As(err, &invalid) || invalid.Error() != `invalid --input "\x1b[31m"; use csv or jsonl` {
		t.Fatalf("got %v", err)
	}
}
