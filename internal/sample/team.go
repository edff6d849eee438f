// Package sample makes what batch is measured with: teams of random answers, the same for
// the same seed, and the plain CSV pass a batch run is timed against. Benchmarks, tests and
// the tools under internal/tools use it; the program does not.
package sample

import (
	"bufio"
	"io"
	"math/rand/v2"
	"strconv"

	"github.com/coachmentor/coachmentor/internal/bank"
)

// Team writes n respondents with random answers to b's questions, some left out,
// as CSV (with a header and an id column) or as JSON Lines. The same seed gives the same
// bytes, so benchmarks and timings can be repeated.
func Team(w io.Writer, b *bank.Bank, n int, seed uint64, jsonl bool) error {
	rng := rand.New(rand.NewPCG(seed, 1))
	bw := bufio.NewWriter(w)
	if !jsonl {
		bw.WriteString("id")
		for _, q := range b.Questions {
			bw.WriteString("," + q.ID)
		}
		bw.WriteString("\n")
	}
	for i := range n {
		id := "p" + strconv.Itoa(i)
		if jsonl {
			bw.WriteString(`{"id": "` + id + `"`)
		} else {
			bw.WriteString(id)
		}
		for _, q := range b.Questions {
			k := rng.IntN(len(q.Options) + 1) // one in (options + 1) is left out
			switch {
			case !jsonl:
				bw.WriteByte(',')
				if k < len(q.Options) {
					bw.WriteString(q.Options[k].ID)
				}
			case k < len(q.Options):
				bw.WriteString(`, "` + q.ID + `": "` + q.Options[k].ID + `"`)
			}
		}
		if jsonl {
			bw.WriteByte('}')
		}
		bw.WriteByte('\n')
	}
	return bw.Flush()
}
