package cmdutil

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/coachmentor/coachmentor/internal/format"
	"github.com/coachmentor/coachmentor/internal/textsafe"
)

// EnumFlag declares a flag whose value is one of options, once: its help lists them (usage
// replaces that sentence where a command needs to say more), a value is checked as it is
// set, with a one-line error that names the valid ones, and completion offers them. Case
// and surrounding spaces do not matter. def is the value when the flag is not given; ""
// lets the command decide. The flag's Changed says whether it was given.
func EnumFlag[T ~string](cmd *cobra.Command, p *T, name, shorthand string, def T, usage string, options ...T) *pflag.Flag {
	parse := func(s string) (T, error) {
		v := T(strings.ToLower(strings.TrimSpace(s)))
		if !slices.Contains(options, v) {
			return "", fmt.Errorf("invalid --%s %s; use %s", name, textsafe.Quote(s), sentence(options))
		}
		return v, nil
	}
	return enumFlag(cmd, p, name, shorthand, def, usage, options, parse)
}

// FormatFlag declares a command's --format (-f) over the formats among, as the format
// registry declares them: its help names them (usage replaces that sentence where a
// command needs to say more, and when it begins "output format: " also words the error),
// a value is checked as it is set, by name or alias ("md"), completion offers them. def
// is the value when the flag is not given; nil lets the command decide.
func FormatFlag(cmd *cobra.Command, p **format.Format, def *format.Format, usage string, among []*format.Format) *pflag.Flag {
	valid := format.Names(among)
	if usage == "" {
		usage = "output format: " + valid
	} else if rest, ok := strings.CutPrefix(usage, "output format: "); ok {
		valid = rest
	}
	*p = def
	f := cmd.Flags().VarPF(&formatValue{p: p, among: among, valid: valid}, "format", "f", usage)
	names := make([]string, len(among))
	for i, o := range among {
		names[i] = o.Name
	}
	_ = cmd.RegisterFlagCompletionFunc("format", cobra.FixedCompletions(names, cobra.ShellCompDirectiveNoFileComp))
	return f
}

// formatValue is --format's value.
type formatValue struct {
	p     **format.Format
	among []*format.Format
	valid string
}

func (v *formatValue) String() string {
	if *v.p == nil {
		return ""
	}
	return (*v.p).Name
}

func (v *formatValue) Type() string { return "string" }

func (v *formatValue) Set(s string) error {
	f, err := format.Named(s, v.among)
	if err != nil {
		return &InvalidError{Err: fmt.Errorf("invalid --format %s; use %s", textsafe.Quote(s), v.valid)}
	}
	*v.p = f
	return nil
}

func enumFlag[T ~string](cmd *cobra.Command, p *T, name, shorthand string, def T, usage string, options []T, parse func(string) (T, error)) *pflag.Flag {
	*p = def
	if usage == "" {
		usage = name + ": " + sentence(options)
	}
	f := cmd.Flags().VarPF(&enumValue[T]{p: p, parse: parse}, name, shorthand, usage)
	names := make([]string, len(options))
	for i, o := range options {
		names[i] = string(o)
	}
	_ = cmd.RegisterFlagCompletionFunc(name, cobra.FixedCompletions(names, cobra.ShellCompDirectiveNoFileComp))
	return f
}

// sentence names options as a sentence does: "a, b or c".
func sentence[T ~string](options []T) string {
	names := make([]string, len(options))
	for i, o := range options {
		names[i] = string(o)
	}
	if n := len(names); n > 1 {
		return strings.Join(names[:n-1], ", ") + " or " + names[n-1]
	}
	return strings.Join(names, "")
}

// enumValue is an enum flag's value.
type enumValue[T ~string] struct {
	p     *T
	parse func(string) (T, error)
}

func (v *enumValue[T]) String() string { return string(*v.p) }

// Type shows as the value's name in help, as a string flag's does.
func (v *enumValue[T]) Type() string { return "string" }

func (v *enumValue[T]) Set(s string) error {
	x, err := v.parse(s)
	if err != nil {
		return &InvalidError{Err: err} // root's flag error passes it on as it is
	}
	*v.p = x
	return nil
}

// DateFlag declares --date: a date to put on reports, written YYYY-MM-DD and checked as it
// is set. Without it reports carry no date, so the same answers give the same bytes.
func DateFlag(cmd *cobra.Command, p *string) *pflag.Flag {
	return cmd.Flags().VarPF(&dateValue{p: p}, "date", "", "put this `date` (YYYY-MM-DD) on the report")
}

type dateValue struct{ p *string }

func (v *dateValue) String() string { return *v.p }
func (v *dateValue) Type() string   { return "string" }

func (v *dateValue) Set(s string) error {
	s = strings.TrimSpace(s)
	if _, err := time.Parse(time.DateOnly, s); err != nil {
		return &InvalidError{Err: fmt.Errorf("invalid --date %s; use a date as YYYY-MM-DD, such as 2026-03-31", textsafe.Quote(s))}
	}
	*v.p = s
	return nil
}
