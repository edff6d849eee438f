package report

import (
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"strings"

	"github.com/muesli/termenv"

	"github.com/coachmentor/coachmentor/internal/bank"
	"github.com/coachmentor/coachmentor/internal/engine"
	"github.com/coachmentor/coachmentor/internal/textsafe"
)

// Format is an output format.
type Format string

// Every command's formats, declared once.
const (
	FormatText     Format = "text"
	FormatMarkdown Format = "markdown"
	FormatJSON     Format = "json"  // one object; for a comparison, one per respondent
	FormatJSONL    Format = "jsonl" // a batch's results, one object a line
	FormatCSV      Format = "csv"
	FormatYAML     Format = "yaml" // a bank, as its file
	FormatHTML     Format = "html" // a web page that stands alone
	FormatXLSX     Format = "xlsx" // a workbook
)

// ParseFormat checks a --format value against the formats a command offers. Case and
// spaces do not matter, and "md" stands for markdown.
func ParseFormat(s string, allowed ...Format) (Format, error) {
	f := Format(strings.ToLower(strings.TrimSpace(s)))
	if f == "md" {
		f = FormatMarkdown
	}
	if slices.Contains(allowed, f) {
		return f, nil
	}
	names := make([]string, len(allowed))
	for i, a := range allowed {
		names[i] = string(a)
	}
	list := strings.Join(names, ", ")
	if n := len(names); n > 1 {
		list = strings.Join(names[:n-1], ", ") + " or " + names[n-1]
	}
	return "", fmt.Errorf("invalid --format %s; use %s", textsafe.Quote(s), list)
}

// FormatFromPath is the format an output file's extension names, if it is one of
// allowed: .md and .markdown, .json, .jsonl and .ndjson, .csv, .yaml and .yml.
func FormatFromPath(path string, allowed ...Format) (Format, bool) {
	var f Format
	switch strings.ToLower(filepath.Ext(path)) {
	case ".md", ".markdown":
		f = FormatMarkdown
	case ".json":
		f = FormatJSON
	case ".jsonl", ".ndjson":
		f = FormatJSONL
	case ".csv":
		f = FormatCSV
	case ".yaml", ".yml":
		f = FormatYAML
	case ".txt":
		f = FormatText
	case ".html", ".htm":
		f = FormatHTML
	case ".xlsx":
		f = FormatXLSX
	}
	return f, f != "" && slices.Contains(allowed, f)
}

// Render writes a result in the given format. Text is styled with profile and wrapped at
// width.
func Render(w io.Writer, f Format, b *bank.Bank, r *engine.Result, opts Options, profile termenv.Profile, width int) error {
	switch f {
	case FormatMarkdown:
		return Markdown(w, b, r, opts)
	case FormatJSON:
		return JSON(w, b, r, opts)
	case FormatHTML:
		return HTML(w, b, r, opts)
	}
	return Text(w, b, r, TextOptions{Options: opts, Profile: profile, Width: width})
}
