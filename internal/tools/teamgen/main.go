// Command teamgen writes a team of respondents with random answers to the default bank, or
// to another with -bank, for timing batch runs (see the README's Performance section) and
// for comparing banks on a team (docs/rubric-changes.md).
//
//	teamgen -n 100000 -jsonl > team.jsonl
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/coachmentor/coachmentor/internal/bank"
	"github.com/coachmentor/coachmentor/internal/sample"
	"github.com/coachmentor/coachmentor/questions"
)

func main() {
	n := flag.Int("n", 100000, "how many respondents")
	seed := flag.Uint64("seed", 1, "the random seed; the same seed gives the same file")
	jsonl := flag.Bool("jsonl", false, "write JSON Lines instead of CSV")
	from := flag.String("bank", "", "a question bank `file` to answer instead of the default")
	flag.Parse()
	if *n < 0 || flag.NArg() > 0 {
		fmt.Fprintln(os.Stderr, "usage: teamgen [-n N] [-seed S] [-jsonl] [-bank FILE] > FILE")
		os.Exit(2)
	}
	b := questions.Default()
	if *from != "" {
		var err error
		if b, err = bank.Load(os.DirFS(filepath.Dir(*from)), filepath.Base(*from)); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(2)
		}
	}
	if err := sample.Team(os.Stdout, b, *n, *seed, *jsonl); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
