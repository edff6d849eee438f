package batch

import (
	"bytes"
	"context"
	"io"
	"testing"

	"github.com/coachmentor/coachmentor/internal/format"
	"github.com/coachmentor/coachmentor/internal/sample"
	"github.com/coachmentor/coachmentor/questions"
)

func teamCSV(n int, seed uint64) []byte   { return teamData(n, seed, false) }
func teamJSONL(n int, seed uint64) []byte { return teamData(n, seed, true) }

func teamData(n int, seed uint64, jsonl bool) []byte {
	var buf bytes.Buffer
	if err := sample.Team(&buf, questions.Default(), n, seed, jsonl); err != nil {
		panic(err)
	}
	return buf.Bytes()
}

func benchmarkRun(b *testing.B, format *format.Format, workers int) {
	benchmarkRunOn(b, teamCSV(10000, 1), format, workers)
}

func benchmarkRunOn(b *testing.B, data []byte, format *format.Format, workers int) {
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		r, err := Open(bytes.NewReader(data), ReadOptions{Format: "", Vocab: VocabularyOf(questions.Default())})
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
		if err := sample.Baseline(bytes.NewReader(data), io.Discard); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkRunJSONL(b *testing.B)        { benchmarkRun(b, format.JSONL, 0) }
func BenchmarkRunJSONLOneCore(b *testing.B) { benchmarkRun(b, format.JSONL, 1) }
func BenchmarkRunCSV(b *testing.B)          { benchmarkRun(b, format.CSV, 0) }

// The case the speed goal names: JSON Lines in, JSON Lines out.
func BenchmarkRunJSONLIn(b *testing.B) { benchmarkRunOn(b, teamJSONL(10000, 1), format.JSONL, 0) }
func BenchmarkRunJSONLInOneCore(b *testing.B) {
	benchmarkRunOn(b, teamJSONL(10000, 1), format.JSONL, 1)
}

// The team report: a section per person, from a stream (totals after the rows).
func BenchmarkRunMarkdown(b *testing.B) { benchmarkRun(b, format.Markdown, 0) }
