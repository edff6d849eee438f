package batch

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"testing"

	"github.com/coachmentor/coachmentor/questions"
)

// teamCSV makes n rows of random answers, some left blank, with an id column.
func teamCSV(n int, seed uint64) []byte {
	b := questions.Default()
	rng := rand.New(rand.NewPCG(seed, 1))
	var buf bytes.Buffer
	buf.WriteString("id")
	for _, q := range b.Questions {
		buf.WriteString("," + q.ID)
	}
	buf.WriteString("\n")
	for i := range n {
		fmt.Fprintf(&buf, "p%d", i)
		for _, q := range b.Questions {
			buf.WriteByte(',')
			if k := rng.IntN(len(q.Options) + 1); k < len(q.Options) {
				buf.WriteString(q.Options[k].ID)
			}
		}
		buf.WriteByte('\n')
	}
	return buf.Bytes()
}

func benchmarkRun(b *testing.B, format string, workers int) {
	data := teamCSV(10000, 1)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		r, err := NewReader(bytes.NewReader(data), "", VocabularyOf(questions.Default()))
		if err != nil {
			b.Fatal(err)
		}
		if _, err := Run(context.Background(), r, io.Discard, io.Discard, Options{Bank: questions.Default(), Format: format, Workers: workers}); err != nil {
			b.Fatal(err)
		}
	}
}

// 10,000 rows per iteration.
func BenchmarkBaseline(b *testing.B) {
	data := teamCSV(10000, 1)
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if err := Baseline(bytes.NewReader(data), io.Discard); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkRunJSONL(b *testing.B)        { benchmarkRun(b, FormatJSONL, 0) }
func BenchmarkRunJSONLOneCore(b *testing.B) { benchmarkRun(b, FormatJSONL, 1) }
func BenchmarkRunCSV(b *testing.B)          { benchmarkRun(b, FormatCSV, 0) }
