// Command teamgen writes a team of respondents with random answers to the default bank, for
// timing batch runs (see the README's Performance section).
//
//	teamgen -n 100000 -jsonl > team.jsonl
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/coachmentor/coachmentor/internal/batch"
	"github.com/coachmentor/coachmentor/questions"
)

func main() {
	n := flag.Int("n", 100000, "how many respondents")
	seed := flag.Uint64("seed", 1, "the random seed; the same seed gives the same file")
	jsonl := flag.Bool("jsonl", false, "write JSON Lines instead of CSV")
	flag.Parse()
	if *n < 0 || flag.NArg() > 0 {
		fmt.Fprintln(os.Stderr, "usage: teamgen [-n N] [-seed S] [-jsonl] > FILE")
		os.Exit(2)
	}
	if err := batch.WriteSample(os.Stdout, questions.Default(), *n, *seed, *jsonl); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
