package report

import (
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/muesli/termenv"

	"github.com/coachmentor/coachmentor/internal/bank"
	"github.com/coachmentor/coachmentor/internal/engine"
	"github.com/coachmentor/coachmentor/internal/strictyaml"
)

// Format is an output format.
type Format string

// The formats of a single recommendation.
const (
	FormatText     Format = "text"
	FormatMarkdown Format = "markdown"
	FormatJSON     Format = "json"
)

// ParseFormat checks a --format value against the formats a command offers.
func ParseFormat(s string, allowed ...Format) (Format, error) {
	f := Format(strings.ToLower(strings.TrimSpace(s)))
	if f == "md" {
		f = FormatMarkdown
	}
	for _, a := range allowed {
		if f == a {
			return f, nil
		}
	}
	names := make([]string, len(allowed))
	for i, a := range allowed {
		names[i] = string(a)
	}
	list := strings.Join(names, ", ")
	if n := len(names); n > 1 {
		list = strings.Join(names[:n-1], ", ") + " or " + names[n-1]
	}
	return "", fmt.Errorf("invalid --format %s; use %s", strictyaml.Quote(s), list)
}

// FormatFromPath guesses a format from an output file's extension: .md is Markdown, .json
// is JSON, anything else the fallback.
func FormatFromPath(path string, fallback Format) Format {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".md", ".markdown":
		return FormatMarkdown
	case ".json":
		return FormatJSON
	}
	return fallback
}

// Render writes a result in the given format. Text is styled with profile and wrapped at
// width.
func Render(w io.Writer, f Format, b *bank.Bank, r *engine.Result, opts Options, profile termenv.Profile, width int) error {
	switch f {
	case FormatMarkdown:
		return Markdown(w, b, r, opts)
	case FormatJSON:
		return JSON(w, b, r, opts)
	}
	return Text(w, b, r, TextOptions{Options: opts, Profile: profile, Width: width})
}
