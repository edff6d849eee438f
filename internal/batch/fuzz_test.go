package batch

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"io"
	"testing"

	"github.com/coachmentor/coachmentor/internal/team"
	"github.com/coachmentor/coachmentor/internal/textsafe"
)

func fuzzBatch(t *testing.T, data []byte, input string) {
	r, err := Open(bytes.NewReader(data), ReadOptions{Format: input, Vocab: VocabularyOf(def)})
	if err != nil {
		if textsafe.HasUnsafe(err.Error()) {
			t.Fatalf("unsafe message: %q", err)
		}
		return
	}
	var out, errOut bytes.Buffer
	sum, err := Run(context.Background(), r, &out, &errOut, Options{Bank: def, Workers: 2})
	if err != nil && err != ErrInvalidRows && textsafe.HasUnsafe(err.Error()) {
		t.Fatalf("unsafe message: %q", err)
	}
	sc := bufio.NewScanner(&errOut)
	for sc.Scan() {
		if textsafe.HasUnsafe(sc.Text()) {
			t.Fatalf("unsafe message: %q", sc.Text())
		}
	}
	// A line per respondent, scored or not, each saying which.
	lines, invalid := 0, 0
	sc = bufio.NewScanner(&out)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		lines++
		var status struct{ Status string }
		if err := json.Unmarshal(sc.Bytes(), &status); err != nil {
			t.Fatalf("output line is not JSON: %q", sc.Text())
		}
		if status.Status == team.StatusInvalid {
			invalid++
		} else if status.Status != team.StatusOK {
			t.Fatalf("status %q", status.Status)
		}
	}
	if lines != sum.Respondents || invalid != sum.Invalid {
		t.Fatalf("%d lines, %d invalid, for %d respondents, %d invalid", lines, invalid, sum.Respondents, sum.Invalid)
	}
}

func FuzzCSV(f *testing.F) {
	f.Add([]byte(spreadsheet))
	f.Add([]byte("scope,goal\nspecific-skills,performance\n"))
	f.Add([]byte("id,scope\n\"a\nb\",weeks\n"))
	f.Add([]byte("id,id\n"))
	f.Add([]byte("\xff\xfe,x\n"))
	f.Add([]byte("Name,scope\n\"\x1b[31mAnn\",weeks\n,,\n ,\n"))
	f.Add([]byte("sep=;\r\nid;scope\r\nann;weeks\r\n"))
	f.Add([]byte("sep=\x00\nid\x00scope\n"))
	f.Add([]byte("PK\x03\x04id,scope\n"))
	f.Add([]byte("id,scope\nann,weeks\n\ufeffID,Scope\nbob,years\n"))
	f.Fuzz(func(t *testing.T, data []byte) { fuzzBatch(t, data, InputCSV) })
}

func FuzzJSONL(f *testing.F) {
	f.Add([]byte(`{"id": "a", "scope": "specific-skills"}` + "\n" + `{"goal": "growth"}`))
	f.Add([]byte(`{"id": "\u001b]0;x\u0007", "scope": 1}`))
	f.Add([]byte(`{"a": {"b": [1, 2, {"c": "\ud83d\ude00"}]}}`))
	f.Add([]byte("{\n{}\n{\"\": null}\n"))
	f.Add([]byte(`{"name": "\u001b[31mAnn", "scope": "weeks"}` + "\n" + `{"name": "x", "id": "", "NAME": 1}`))
	f.Fuzz(func(t *testing.T, data []byte) { fuzzBatch(t, data, InputJSONL) })
}

var _ = io.Discard
