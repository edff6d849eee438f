// Package bankdoc writes a question bank for people and scripts: its questions with
// their answer ids and points, and its types, as text, Markdown, JSON or the bank's own
// YAML.
package bankdoc

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/coachmentor/coachmentor/internal/bank"
	"github.com/coachmentor/coachmentor/internal/report"
)

// YAML writes the bank's file as it was read: a starting point for a custom bank that
// loads back unchanged.
func YAML(w io.Writer, b *bank.Bank) error {
	_, err := w.Write(b.Raw)
	return err
}

// JSON writes the bank as JSON, each question with every answer it takes.
func JSON(w io.Writer, b *bank.Bank) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(newBankDoc(b))
}

// Text lists the questions, their answer ids and the types, for the terminal.
func Text(out io.Writer, b *bank.Bank) error {
	w := bufio.NewWriter(out)
	writeText(w, b)
	return w.Flush()
}

// Markdown lists the questions, their answers with the points each gives, and the types.
func Markdown(out io.Writer, b *bank.Bank) error {
	w := bufio.NewWriter(out)
	writeMarkdown(w, b)
	return w.Flush()
}

func writeText(w io.Writer, b *bank.Bank) {
	fmt.Fprintf(w, "Question bank %s (%s): %d questions, %d types.\n", b.Version, b.Hash, len(b.Questions), len(b.Types))
	fmt.Fprintf(w, "Every question also accepts %q, which carries no weight.\n", bank.Unsure)
	fmt.Fprintln(w, scoringLine(b))
	for _, q := range b.Questions {
		fmt.Fprintf(w, "\n%s  %s: %s\n", q.ID, q.Title, q.Prompt)
		width := 0
		for _, o := range q.Options {
			width = max(width, len(o.ID))
		}
		for _, o := range q.Options {
			fmt.Fprintf(w, "  %-*s  %s (%s)\n", width, o.ID, o.Label, favours(o))
		}
	}
	fmt.Fprintln(w, "\nTypes:")
	for _, t := range b.Types {
		fmt.Fprintf(w, "  %-22s %s (%s)", t.ID, t.Name, t.Family)
		if len(t.Requires) > 0 {
			fmt.Fprintf(w, "; %s", report.Needs(b, t))
		}
		fmt.Fprintln(w)
	}
}

// scoringLine says how points become a recommendation.
func scoringLine(b *bank.Bank) string {
	line := fmt.Sprintf("A family is recommended with at least %s%% of the points and %s; below that share it is a blend.",
		report.Num(b.MinShare*100), report.Count(b.MinAnswers, "answer"))
	if b.FamilyShare > 0 {
		line += fmt.Sprintf(" Each type also gets %s%% of its family's points.", report.Num(b.FamilyShare*100))
	}
	return line
}

func writeMarkdown(w io.Writer, b *bank.Bank) {
	fmt.Fprintf(w, "# Question bank %s\n\n", report.MDEscape(b.Version))
	if b.Title != "" {
		fmt.Fprintf(w, "%s. Hash `%s`.\n\n", report.MDEscape(b.Title), b.Hash)
	}
	fmt.Fprintf(w, "Every question also accepts `%s`, which carries no weight. %s\n\n", bank.Unsure, report.MDEscape(scoringLine(b)))
	for _, q := range b.Questions {
		fmt.Fprintf(w, "## %s (`%s`)\n\n%s %s\n\n", report.MDEscape(q.Title), q.ID, report.MDEscape(q.Prompt), report.MDEscape(q.Help))
		fmt.Fprintln(w, "| Answer id | Answer | Favors | Points |")
		fmt.Fprintln(w, "| --- | --- | --- | --- |")
		for _, o := range q.Options {
			fmt.Fprintf(w, "| `%s` | %s | %s | %s |\n", o.ID, report.MDCell(o.Label+": "+o.Description), o.Favours(), report.MDCell(report.Points(b, o)))
		}
		fmt.Fprintln(w)
	}
	fmt.Fprintln(w, "## Types")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "| Type id | Name | Family | What it is |")
	fmt.Fprintln(w, "| --- | --- | --- | --- |")
	for _, t := range b.Types {
		what := t.Summary
		if len(t.Requires) > 0 {
			what += " It " + report.Needs(b, t) + "."
		}
		fmt.Fprintf(w, "| `%s` | %s | %s | %s |\n", t.ID, report.MDCell(t.Name), t.Family, report.MDCell(what))
	}
}

func favours(o *bank.Option) string {
	f := o.Favours()
	if f == "neither" {
		return "narrows the type"
	}
	return strings.Replace(f, "both", "coaching and mentoring", 1)
}

// bankDoc is the bank as JSON, with each question's full list of accepted answers so that
// scripts need not know that every question also takes "unsure".
type bankDoc struct {
	*bank.Bank
	Questions []questionDoc `json:"questions"`
}

type questionDoc struct {
	*bank.Question
	Choices []string `json:"choices"`
}

func newBankDoc(b *bank.Bank) bankDoc {
	d := bankDoc{Bank: b}
	for _, q := range b.Questions {
		d.Questions = append(d.Questions, questionDoc{Question: q, Choices: q.Choices()})
	}
	return d
}
