// Command csvbaseline is the yardstick for batch throughput: it does the least any batch run
// must do, parsing a CSV file with encoding/csv and writing one small JSON object per row.
// `coachmentor batch` is measured against it (see the README).
//
//	csvbaseline team.csv > /dev/null
package main

import (
	"fmt"
	"os"

	"github.com/coachmentor/coachmentor/internal/sample"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: csvbaseline FILE")
		os.Exit(2)
	}
	f, err := os.Open(os.Args[1])
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	defer f.Close()
	if err := sample.Baseline(f, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
