package roster

import (
	"encoding/csv"
	"io"

	"github.com/coachmentor/coachmentor/internal/bank"
	"github.com/coachmentor/coachmentor/internal/report"
	"github.com/coachmentor/coachmentor/internal/textsafe"
	"github.com/coachmentor/coachmentor/internal/xlsx"
)

// Answers are one respondent's, as a roster writes them: an id and answers by question id.
type Answers struct {
	ID      string
	Answers map[string]string
}

// WriteAnswers writes respondents' answers as a roster this package reads, as CSV, JSON
// Lines or a workbook (format "csv", "jsonl" or "xlsx"): an id and a column per question,
// by its id, holding the answer's id; a question not answered is left empty. Scored by
// batch, each gets the result the questionnaire gives them.
func WriteAnswers(w io.Writer, format string, b *bank.Bank, people []Answers) error {
	header := []string{"id"}
	for _, q := range b.Questions {
		header = append(header, q.ID)
	}
	rows := make([][]string, 0, len(people))
	for _, p := range people {
		rec := []string{p.ID}
		for _, q := range b.Questions {
			rec = append(rec, p.Answers[q.ID])
		}
		rows = append(rows, rec)
	}
	switch format {
	case "jsonl":
		for _, rec := range rows {
			line := []byte{'{'}
			for i, v := range rec {
				if v == "" {
					continue
				}
				if len(line) > 1 {
					line = append(line, ',')
				}
				line = report.AppendJSONString(line, header[i])
				line = append(line, ':')
				line = report.AppendJSONString(line, v)
			}
			if _, err := w.Write(append(line, '}', '\n')); err != nil {
				return err
			}
		}
		return nil
	case "xlsx":
		x, err := xlsx.NewWriter(w, "Team")
		if err != nil {
			return err
		}
		for _, rec := range append([][]string{header}, rows...) {
			cells := make([]xlsx.Cell, len(rec))
			for i, v := range rec {
				cells[i] = xlsx.Cell{Text: v}
			}
			if err := x.Row(cells...); err != nil {
				return err
			}
		}
		return x.Close()
	}
	cw := csv.NewWriter(w)
	cw.Write(header)
	for _, rec := range rows {
		rec[0] = textsafe.CellText(rec[0]) // a name a spreadsheet would run as a formula
	}
	cw.WriteAll(rows)
	return cw.Error()
}
