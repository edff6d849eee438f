package roster

import (
	"encoding/json"
	"testing"

	"github.com/coachmentor/coachmentor/questions"
)

// FuzzJSONLAgreesWithEncodingJSON: a line the JSON Lines reader takes is JSON, as
// encoding/json sees it. The reader refuses more than encoding/json does (keys twice, an
// answer that is not text), never less.
func FuzzJSONLAgreesWithEncodingJSON(f *testing.F) {
	for _, s := range []string{
		`{"id": "a", "scope": "specific-skills"}`, `{"x":[1,,,]}`, `{"x":{"a":1,}}`, `{"x":[1,2]}`,
		`{"answers": {"scope": "weeks"}, "id": "a"}`, `{"answers": {"scope": "weeks",}}`, `{"x": tru}`,
		`{"x": nul}`, `{"x": 01}`, `{"x": -}`, `{"x": "\x"}`, `{"x": [{"y": "\ud800"}]}`, `{"x": 1e5}`,
	} {
		f.Add([]byte(s))
	}
	vocab := VocabularyOf(questions.Default())
	f.Fuzz(func(t *testing.T, line []byte) {
		var row Row
		if err := parseObject(line, vocab, &row); err == nil && !json.Valid(line) {
			t.Fatalf("taken, but not JSON: %q", line)
		}
	})
}
