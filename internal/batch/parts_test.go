package batch

import (
	"math/rand/v2"
	"testing"

	"github.com/coachmentor/coachmentor/internal/engine"
	"github.com/coachmentor/coachmentor/internal/report"
	"github.com/coachmentor/coachmentor/questions"
)

func randomSelections(n int) []engine.Selection {
	b := questions.Default()
	rng := rand.New(rand.NewPCG(1, 2))
	out := make([]engine.Selection, n)
	for i := range out {
		sel := make(engine.Selection, len(b.Questions))
		for qi, q := range b.Questions {
			if k := rng.IntN(len(q.Options) + 1); k < len(q.Options) {
				sel[qi] = q.Options[k]
			}
		}
		out[i] = sel
	}
	return out
}

// The parts of a batch row, on random answers like a real team's.
func BenchmarkPartEvaluate(b *testing.B) {
	sels := randomSelections(1024)
	s := engine.New(questions.Default())
	var r engine.Result
	i := 0
	for b.Loop() {
		s.EvaluateInto(&r, sels[i%len(sels)])
		i++
	}
}

func BenchmarkPartEncode(b *testing.B) {
	sels := randomSelections(1024)
	s := engine.New(questions.Default())
	results := make([]*engine.Result, len(sels))
	for i, sel := range sels {
		results[i] = s.Evaluate(sel)
	}
	enc := report.NewEncoder(questions.Default())
	var buf []byte
	i := 0
	for b.Loop() {
		buf = enc.Append(buf[:0], results[i%len(results)], "p123", "")
		i++
	}
	b.SetBytes(int64(len(buf)))
}
