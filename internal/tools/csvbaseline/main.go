// Command csvbaseline is the yardstick for batch throughput: it does the least any batch run
// must do, parsing a CSV file with encoding/csv and writing one small JSON object per row.
// `coachmentor batch` is measured against it (see the README).
//
//	csvbaseline team.csv > /dev/null
package main

import (
	"bufio"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"os"
)

type row struct {
	ID     string `json:"id"`
	Fields int    `json:"fields"`
}

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
	if err := run(f, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

func run(in io.Reader, out io.Writer) error {
	r := csv.NewReader(bufio.NewReader(in))
	r.ReuseRecord = true
	w := bufio.NewWriter(out)
	enc := json.NewEncoder(w)
	if _, err := r.Read(); err != nil { // header
		return err
	}
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return err
		}
		if err := enc.Encode(row{ID: rec[0], Fields: len(rec)}); err != nil {
			return err
		}
	}
	return w.Flush()
}
