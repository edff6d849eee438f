package batch

import (
	"bytes"
	"encoding/json"
	"io"
	"strconv"
	"strings"

	"github.com/coachmentor/coachmentor/internal/bank"
	"github.com/coachmentor/coachmentor/internal/engine"
	"github.com/coachmentor/coachmentor/internal/report"
)

// The formats with a line per row: JSON Lines and CSV. Every row of the input has its
// line, in order, so that the results join back to the roster: a row that could not be
// scored says so in status and error.

// Statuses of a row in the output.
const (
	statusOK      = "ok"
	statusInvalid = "invalid"
)

// JSON Lines: the object `recommend --format json` gives, plus id, status and the kept
// columns, one per line; "for" is the row's name when it has one besides its id.
type jsonlFormat struct {
	streamed
	enc  *report.Encoder
	kept []string
}

func newJSONLFormat(b *bank.Bank, kept []string) *jsonlFormat {
	return &jsonlFormat{enc: report.NewEncoder(b), kept: kept}
}

func (f *jsonlFormat) rowSize() int { return f.enc.SizeHint() }

func (f *jsonlFormat) render(buf []byte, row *Row, res []*engine.Result) []byte {
	var extra [256]byte
	head := append(extra[:0], `"status":"ok",`...)
	head = f.appendKept(head, row)
	return append(f.enc.AppendWith(buf, res[0], respondentID(row), row.Name, head), '\n')
}

// appendKept appends "columns":{...}, with the kept columns in their order.
func (f *jsonlFormat) appendKept(buf []byte, row *Row) []byte {
	if len(f.kept) == 0 {
		return buf
	}
	buf = append(buf, `"columns":{`...)
	for i, name := range f.kept {
		if i > 0 {
			buf = append(buf, ',')
		}
		buf = report.AppendJSONString(buf, name)
		buf = append(buf, ':')
		buf = report.AppendJSONString(buf, cell(row.Kept, i))
	}
	return append(buf, "},"...)
}

// renderInvalid writes the row's id, status invalid, why, its line in the input, the kept
// columns and the name: what is needed to find it in the roster and put it right.
func (f *jsonlFormat) renderInvalid(buf []byte, row *Row, problem string) []byte {
	buf = append(buf, `{"id":`...)
	buf = report.AppendJSONString(buf, respondentID(row))
	buf = append(buf, `,"status":"invalid","error":`...)
	buf = report.AppendJSONString(buf, problem)
	buf = append(buf, `,"line":`...)
	buf = strconv.AppendInt(buf, int64(row.Line), 10)
	buf = append(buf, ',')
	buf = f.appendKept(buf, row)
	if row.Name != "" {
		buf = append(buf, `"for":`...)
		buf = report.AppendJSONString(buf, row.Name)
		buf = append(buf, ',')
	}
	buf = buf[:len(buf)-1] // the last member's comma
	return append(buf, "}\n"...)
}

// cell is the i-th of cells, or "" past their end.
func cell(cells []string, i int) string {
	if i < len(cells) {
		return cells[i]
	}
	return ""
}

func appendJSONLine(buf []byte, v any) []byte {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil { // cannot happen: the documents hold plain data
		panic(err)
	}
	return append(buf, b.Bytes()...)
}

// CSV: one line per respondent, for a spreadsheet. The columns before status keep their
// places; the kept columns, when there are any, come after id.
type csvFormat struct {
	streamed
	b    *bank.Bank
	kept []string
}

// csvResultColumns are the result's columns, in order.
const csvResultColumns = "recommendation,confidence,coaching,mentoring,type_1,type_2,type_3,top_tie,confidence_label,answered"

func (f *csvFormat) head(w io.Writer) error {
	var buf []byte
	buf = append(buf, "id,"...)
	for _, k := range f.kept {
		buf = appendCSVField(buf, k)
		buf = append(buf, ',')
	}
	buf = append(buf, csvResultColumns+",status,error,bank\n"...)
	_, err := w.Write(buf)
	return err
}

// bankCell names the bank as the text report does: "2.0.0 (8fe0df8fdc72)".
func bankCell(b *bank.Bank) string { return b.Version + " (" + b.Hash + ")" }

func (f *csvFormat) start(buf []byte, row *Row) []byte {
	buf = appendCSVField(buf, respondentID(row))
	buf = append(buf, ',')
	for i := range f.kept {
		buf = appendCSVField(buf, cell(row.Kept, i))
		buf = append(buf, ',')
	}
	return buf
}

func (f *csvFormat) render(buf []byte, row *Row, res []*engine.Result) []byte {
	r := res[0]
	buf = f.start(buf, row)
	buf = append(buf, r.Recommendation...)
	buf = append(buf, ',')
	buf = strconv.AppendFloat(buf, report.Round(r.Confidence), 'f', -1, 64)
	buf = append(buf, ',')
	buf = strconv.AppendFloat(buf, report.Round(r.Coaching), 'f', -1, 64)
	buf = append(buf, ',')
	buf = strconv.AppendFloat(buf, report.Round(r.Mentoring), 'f', -1, 64)
	top := report.TopN(r, 3)
	for i := range 3 { // always three columns, empty where fewer types have points
		buf = append(buf, ',')
		if i < len(top) {
			buf = append(buf, top[i].Type.ID...)
		}
	}
	buf = append(buf, ',')
	for i, t := range r.TopTie { // ids only: no comma or quote to escape
		if i > 0 {
			buf = append(buf, ' ')
		}
		buf = append(buf, t.ID...)
	}
	buf = append(buf, ',')
	buf = append(buf, report.ConfidenceWord(r)...)
	buf = append(buf, ',')
	buf = strconv.AppendInt(buf, int64(len(r.Answered)), 10)
	buf = append(buf, ",ok,,"...)
	buf = appendCSVField(buf, bankCell(f.b))
	return append(buf, '\n')
}

func (f *csvFormat) renderInvalid(buf []byte, row *Row, problem string) []byte {
	buf = f.start(buf, row)
	buf = append(buf, strings.Repeat(",", strings.Count(csvResultColumns, ","))...)
	buf = append(buf, ",invalid,"...)
	buf = appendCSVField(buf, problem)
	buf = append(buf, ',')
	buf = appendCSVField(buf, bankCell(f.b))
	return append(buf, '\n')
}
