package roster

import (
	"bytes"
	"encoding/json"
	"math/rand/v2"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/coachmentor/coachmentor/internal/sample"
	"github.com/coachmentor/coachmentor/questions"
)

// The JSON Lines scanner reads what encoding/json reads.
func TestParseObjectAgreesWithEncodingJSON(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 5))
	pieces := []string{"a", "é", "\"", "\\", "\n", "\t", "\u2028", "\x01", "日本", " ", "/", "\U0001F600"}
	vocab := &Vocabulary{}
	for k := range 5 {
		vocab.add("q"+strconv.Itoa(k), true)
	}
	for range 2000 {
		obj := map[string]any{}
		for k := range rng.IntN(5) + 1 {
			var s strings.Builder
			for range rng.IntN(6) {
				s.WriteString(pieces[rng.IntN(len(pieces))])
			}
			key := "q" + strconv.Itoa(k)
			if rng.IntN(5) == 0 {
				obj[key] = nil
			} else {
				obj[key] = s.String()
			}
		}
		data, _ := json.Marshal(obj)
		row := new(Row)
		err := parseObject(data, vocab, row)
		given := row.Given
		if err != nil {
			t.Fatalf("%s: %v", data, err)
		}
		got := map[string]any{}
		for k, v := range obj {
			if v == nil {
				got[k] = nil
			}
		}
		for _, g := range given {
			got[g.Question] = g.Answer
		}
		if !reflect.DeepEqual(got, obj) {
			t.Fatalf("%s: got %v", data, got)
		}
	}
}

func BenchmarkPartParse(b *testing.B) {
	var team bytes.Buffer
	if err := sample.Team(&team, questions.Default(), 1024, 3, true); err != nil {
		b.Fatal(err)
	}
	lines := bytes.Split(bytes.TrimSpace(team.Bytes()), []byte("\n"))
	vocab := VocabularyOf(questions.Default())
	var row Row
	i := 0
	for b.Loop() {
		row.Given, row.words = row.givenBuf[:0], row.wordBuf[:0]
		if err := parseObject(lines[i%len(lines)], vocab, &row); err != nil {
			b.Fatal(err)
		}
		i++
	}
}
