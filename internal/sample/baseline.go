package sample

import (
	"bufio"
	"encoding/csv"
	"encoding/json"
	"io"
)

// Baseline is the yardstick for batch throughput: the least any batch run must do, parsing
// CSV with encoding/csv and writing one small JSON object per row. Batch's benchmarks and
// the csvbaseline tool measure against it.
func Baseline(in io.Reader, out io.Writer) error {
	r := csv.NewReader(bufio.NewReader(in))
	r.ReuseRecord = true
	w := bufio.NewWriter(out)
	enc := json.NewEncoder(w)
	if _, err := r.Read(); err != nil { // the header
		return err
	}
	type row struct {
		ID     string `json:"id"`
		Fields int    `json:"fields"`
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
