//go:build linux

package main

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/coachmentor/coachmentor/internal/serve/sshtest"
)

// TestServeSessionCosts measures, for 1, 10 and 50 respondents connecting at once to a
// fresh `coachmentor serve`, the time from connecting to the welcome screen drawn and the
// server's resident memory per session, with every session on its first question. The README quotes what it logs. It is a
// measurement, not a check, so it runs only when asked (COACHMENTOR_MEASURE=1, as
// `make serve-costs` sets it).
func TestServeSessionCosts(t *testing.T) {
	if os.Getenv("COACHMENTOR_MEASURE") == "" {
		t.Skip("a measurement: run it with make serve-costs")
	}
	for _, n := range []int{1, 10, 50} {
		dir := t.TempDir()
		srv := startServe(t, filepath.Join(dir, "answers.jsonl"), filepath.Join(dir, "host_key"), "--max-sessions", "60")
		idle := rss(t, srv.cmd.Process.Pid)
		times := make([]time.Duration, n)
		var waits []func() error
		for i := range n {
			waits = append(waits, sshtest.Go(t, func(t sshtest.T) {
				began := time.Now()
				c, err := sshtest.Dial(t, srv.addr, sshtest.Options{User: fmt.Sprint("p", i)})
				if err != nil {
					t.Fatalf("%v", err)
				}
				c.Wait("Press enter to start.")
				times[i] = time.Since(began)
				c.Send("\r") // memory is measured with everyone on a question, its live panel drawn
				c.Wait("Top types")
			}))
		}
		for _, w := range waits {
			if err := w(); err != nil {
				t.Fatal(err)
			}
		}
		busy := rss(t, srv.cmd.Process.Pid)
		slices.Sort(times)
		t.Logf("serve sessions: %d at once: first screen median %v, slowest %v; server memory %.1f MiB idle, %.1f MiB with them, %.2f MiB a session",
			n, times[n/2].Round(time.Millisecond), times[n-1].Round(time.Millisecond),
			mib(idle), mib(busy), mib(busy-idle)/float64(n))
		srv.cmd.Process.Kill()
		<-srv.ended
	}
}

// rss is a process's resident memory, in bytes, as Linux counts it.
func rss(t *testing.T, pid int) int64 {
	t.Helper()
	data, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range strings.Split(string(data), "\n") {
		if f := strings.Fields(l); len(f) == 3 && f[0] == "VmRSS:" {
			kb, _ := strconv.ParseInt(f[1], 10, 64)
			return kb * 1024
		}
	}
	t.Fatal("no VmRSS")
	return 0
}

func mib(b int64) float64 { return float64(b) / (1 << 20) }
