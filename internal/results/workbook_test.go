package results

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/coachmentor/coachmentor/internal/team"
	"github.com/coachmentor/coachmentor/questions"
)

// A long roster goes on past a sheet's last row in a second results sheet, under the same
// header, and every respondent is there once.
func TestResultsGoOnInASecondSheet(t *testing.T) {
	var out bytes.Buffer
	f := NewWorkbook(Options{Bank: questions.Default()})
	f.MaxRows = 3
	if err := f.Begin(&out, nil); err != nil {
		t.Fatal(err)
	}
	sum := team.NewSummary()
	for i := range 5 {
		// Rows arrive in chunks of any size, as the pipeline hands them on.
		var chunk team.Out
		f.Invalid(&chunk, &team.Member{ID: fmt.Sprintf("p%d", i), N: i + 1}, "no answers")
		if err := f.Emit(&out, &chunk); err != nil {
			t.Fatal(err)
		}
	}
	if err := f.End(&out, sum, false); err != nil {
		t.Fatal(err)
	}
	got, err := excelize.OpenReader(&out)
	if err != nil {
		t.Fatal(err)
	}
	if sheets := strings.Join(got.GetSheetList(), ","); sheets != "Results,Results (2),Results (3),Summary" {
		t.Fatalf("sheets %s", sheets)
	}
	var ids []string
	for _, sheet := range got.GetSheetList()[:3] {
		rows, _ := got.GetRows(sheet)
		if rows[0][0] != "id" {
			t.Errorf("%s has no header", sheet)
		}
		for _, r := range rows[1:] {
			ids = append(ids, r[0])
		}
	}
	if strings.Join(ids, " ") != "p0 p1 p2 p3 p4" {
		t.Fatalf("ids %v", ids)
	}
}
