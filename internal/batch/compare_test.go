package batch

import (
	"encoding/csv"
	"encoding/json"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/charmbracelet/x/exp/golden"

	"github.com/coachmentor/coachmentor/internal/bank"
	"github.com/coachmentor/coachmentor/internal/compare"
	"github.com/coachmentor/coachmentor/internal/format"
)

func TestCompare(t *testing.T) {
	src := strings.Replace(string(def.Raw), "min_share: 0.6", "min_share: 0.7", 1)
	src = strings.Replace(src, "types: {one-on-one-mentoring: 3, peer-mentoring: 1, group-mentoring: 0.5}", "types: {one-on-one-mentoring: 0.5, peer-mentoring: 6, group-mentoring: 0.5}", 1)
	other, err := bank.Parse("client.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	input := "id,participants,scope,duration,goal\n" +
		"ann,individual,specific-skills,weeks,performance\n" + // unchanged
		"bob,cohort,broad-development,year,growth\n" + // top type changes
		"cy,individual,specific-skills,weeks,growth\n" + // a blend either way, its top type changes
		"dee,individual,broad-development,months,performance\n" // recommendation changes, top type stays
	t.Run("markdown", func(t *testing.T) {
		out, _, sum, err := run(t, input, Options{Compare: other})
		if err != nil {
			t.Fatal(err)
		}
		if sum.Changed != 3 {
			t.Fatalf("changed %d, want 3", sum.Changed)
		}
		golden.RequireEqual(t, []byte(out))
	})
	t.Run("json", func(t *testing.T) {
		out, _, _, err := run(t, input, Options{Compare: other, Format: format.JSON})
		if err != nil {
			t.Fatal(err)
		}
		golden.RequireEqual(t, []byte(out))
	})
	t.Run("csv", func(t *testing.T) {
		out, _, _, err := run(t, input, Options{Compare: other, Format: format.CSV})
		if err != nil {
			t.Fatal(err)
		}
		golden.RequireEqual(t, []byte(out))
		// The same outcomes as the JSON form, a line each.
		js, _, _, _ := run(t, input, Options{Compare: other, Format: format.JSON})
		recs, err := csv.NewReader(strings.NewReader(out)).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		docs := strings.Split(strings.TrimSpace(js), "\n")
		if len(recs) != len(docs)+1 {
			t.Fatalf("%d lines for %d respondents", len(recs)-1, len(docs))
		}
		for i, line := range docs {
			var d compare.Doc
			if err := json.Unmarshal([]byte(line), &d); err != nil {
				t.Fatal(err)
			}
			want := []string{d.ID, strconv.FormatBool(d.Changed), d.A.Recommendation, strconv.FormatFloat(d.A.Confidence, 'f', -1, 64), d.A.TopType,
				d.B.Recommendation, strconv.FormatFloat(d.B.Confidence, 'f', -1, 64), d.B.TopType, strings.Join(d.Why, "; "),
				strings.Join(d.A.TopTie, " "), strings.Join(d.B.TopTie, " "), d.Status, ""}
			if !reflect.DeepEqual(recs[i+1], want) {
				t.Errorf("line %d:\n got %q\nwant %q", i+2, recs[i+1], want)
			}
		}
	})
}

// A respondent the compared bank cannot score (an answer it renamed) is still counted and
// shown, with why, rather than dropped from both.
func TestCompareWhenOnlyOneBankCanScore(t *testing.T) {
	src := strings.Replace(string(def.Raw), "      - id: weeks\n", "      - id: short\n", 1)
	other, err := bank.Parse("client.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	input := "id,scope,duration,goal,structure\nann,specific-skills,weeks,performance,sessions\nbo,broad-development,years,growth,flexible\n"
	out, errOut, sum, err := run(t, input, Options{Compare: other})
	if err != nil || sum.Respondents != 2 || sum.Invalid != 0 || sum.Changed != 1 {
		t.Fatalf("%v %+v\n%s", err, sum, errOut)
	}
	if !strings.Contains(out, `| ann | coaching 0.6 → cannot be scored |`) || !strings.Contains(errOut, `in the compared bank, unknown answer "weeks" for duration`) {
		t.Fatalf("report:\n%s\nstderr:\n%s", out, errOut)
	}
	js, _, _, _ := run(t, input, Options{Compare: other, Format: format.JSON})
	if !strings.Contains(js, `"b":{"recommendation":"","confidence":0,"top_type":"","top_tie":[],"error":"unknown answer \"weeks\" for duration`) {
		t.Fatalf("json:\n%s", js)
	}
}
