package report

import (
	"bytes"
	"encoding/json"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"

	"github.com/coachmentor/coachmentor/internal/bank"
	"github.com/coachmentor/coachmentor/internal/engine"
	"github.com/coachmentor/coachmentor/questions"
)

// The fast encoder writes exactly what encoding/json writes for the Document, for any
// answers, id and name.
func TestEncoderMatchesEncodingJSON(t *testing.T) {
	b := questions.Default()
	s := engine.New(b)
	enc := NewEncoder(b)
	rng := rand.New(rand.NewPCG(11, 12))
	names := []string{"", "Ann", "Zoë \"Z\" <zed> & co\n\u2028\x01\xff", "日本語"}
	for i := range 3000 {
		sel := make(engine.Selection, len(b.Questions))
		for qi, q := range b.Questions {
			if k := rng.IntN(len(q.Options) + 2); k < len(q.Options) {
				sel[qi] = q.Options[k]
			}
		}
		r := s.Evaluate(sel)
		id, name := names[i%len(names)], names[(i/4)%len(names)]
		doc := NewDocument(b, r, Options{For: name})
		doc.ID = id
		var want bytes.Buffer
		je := json.NewEncoder(&want)
		je.SetEscapeHTML(false)
		je.Encode(doc)
		got := append(enc.Append(nil, r, id, name), '\n')
		if !bytes.Equal(got, want.Bytes()) {
			t.Fatalf("differs for %v:\n got %s\nwant %s", sel, got, want.Bytes())
		}
	}
}

func TestAppendStringEdgeCases(t *testing.T) {
	for _, s := range []string{"", "plain", "q\"b\\", "\x00\x1f\x7f", "<>&", "\u2028\u2029", "\xff\xfe", "é\xc3"} {
		var buf bytes.Buffer
		e := json.NewEncoder(&buf)
		e.SetEscapeHTML(false)
		e.Encode(s)
		want := bytes.TrimRight(buf.Bytes(), "\n")
		if got := appendString(nil, s); !bytes.Equal(got, want) {
			t.Errorf("%q: got %s, want %s", s, got, want)
		}
	}
}

func TestAppendNumMatchesFloatFormatting(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	values := []float64{0, math.Copysign(0, -1), 0.005, 0.015, 0.285, 1, -1, 0.1, 0.3333333, 99.995, -12.345, 1e15, 123456.78, 2.675}
	for range 100000 {
		values = append(values, (rng.Float64()-0.5)*rng.ExpFloat64()*100)
	}
	for _, x := range values {
		want, _ := json.Marshal(Round(x))
		if got := appendNum(nil, x); string(got) != string(want) {
			t.Fatalf("%v: got %s, want %s", x, got, want)
		}
	}
}

// SizeHint is a bound batch runs size their buffers by: no object is longer, ids aside,
// for the default bank or a client's bank with more questions.
func TestSizeHintBoundsEveryObject(t *testing.T) {
	client, err := bank.Load(os.DirFS(filepath.Join("..", "..", "examples")), "client-bank.yaml")
	if err != nil {
		t.Fatal(err)
	}
	for _, b := range []*bank.Bank{questions.Default(), client} {
		s := engine.New(b)
		enc := NewEncoder(b)
		rng := rand.New(rand.NewPCG(5, 6))
		longest := 0
		var r engine.Result
		for range 20000 {
			sel := make(engine.Selection, len(b.Questions))
			for qi, q := range b.Questions {
				if k := rng.IntN(len(q.Options) + 1); k < len(q.Options) {
					sel[qi] = q.Options[k]
				}
			}
			longest = max(longest, len(enc.Append(nil, s.EvaluateInto(&r, sel), "", "")))
		}
		if longest > enc.SizeHint() {
			t.Errorf("bank %s: an object of %d bytes, more than the hint of %d", b.Version, longest, enc.SizeHint())
		}
		if longest < enc.SizeHint()/3 {
			t.Errorf("bank %s: the hint of %d bytes is far above the longest object, %d", b.Version, enc.SizeHint(), longest)
		}
	}
}
