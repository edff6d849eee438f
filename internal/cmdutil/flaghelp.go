package cmdutil

import (
	"slices"
	"strconv"
	"strings"
	"unicode"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// questionFlag marks a flag that answers a question; its value is the question's place in
// the bank.
const questionFlag = "coachmentor-question"

func init() { cobra.AddTemplateFunc("flagsOf", flagsOf) }

// QuestionFlags marks the named flags as answering the bank's questions, in that order, so
// that help lists them apart from the flags that say how to run, in the questionnaire's
// order.
func QuestionFlags(cmd *cobra.Command, names ...string) {
	for i, name := range names {
		_ = cmd.Flags().SetAnnotation(name, questionFlag, []string{strconv.Itoa(i)})
	}
	cmd.SetUsageTemplate(strings.Replace(cmd.UsageTemplate(),
		"Flags:\n{{.LocalFlags.FlagUsages | trimTrailingWhitespaces}}",
		"Flags:\n{{flagsOf .LocalFlags false}}\n\nAnswers, one flag per question of the default bank:\n{{flagsOf .LocalFlags true}}", 1))
}

// flagsOf is the help text of the flags in fs that answer questions, in the bank's order,
// or of the others.
func flagsOf(fs *pflag.FlagSet, questions bool) string {
	var picked []*pflag.Flag
	fs.VisitAll(func(f *pflag.Flag) {
		if _, ok := f.Annotations[questionFlag]; ok == questions {
			picked = append(picked, f)
		}
	})
	if questions {
		place := func(f *pflag.Flag) int { n, _ := strconv.Atoi(f.Annotations[questionFlag][0]); return n }
		slices.SortStableFunc(picked, func(a, b *pflag.Flag) int { return place(a) - place(b) })
	}
	out := pflag.NewFlagSet("", pflag.ContinueOnError)
	out.SortFlags = false
	for _, f := range picked {
		out.AddFlag(f)
	}
	return strings.TrimRightFunc(out.FlagUsages(), unicode.IsSpace)
}
