package main

import (
	"bytes"
	"os"
	"os/exec"
	"sort"
	"testing"
	"time"

	"github.com/creack/pty"
)

// TestFirstScreenLatency starts the questionnaire on a pseudo-terminal, answering the
// terminal queries a real terminal answers, and measures the time from launch until the
// welcome screen has been drawn. The README quotes the median it logs. It is a measurement,
// not a check: how fast the machine is decides nothing, so it runs only when asked
// (COACHMENTOR_MEASURE=1, as `make latency` sets it). It times the program users run,
// COACHMENTOR_BIN (the static build `make latency` makes), or else this test binary, which
// is larger and starts slower.
func TestFirstScreenLatency(t *testing.T) {
	if os.Getenv("COACHMENTOR_MEASURE") == "" {
		t.Skip("a measurement: run it with make latency")
	}
	var times []time.Duration
	for range 15 {
		times = append(times, firstScreen(t))
	}
	sort.Slice(times, func(i, j int) bool { return times[i] < times[j] })
	median := times[len(times)/2]
	t.Logf("first screen: median %v, fastest %v, slowest %v over %d runs", median, times[0], times[len(times)-1], len(times))
}

func firstScreen(t *testing.T) time.Duration {
	t.Helper()
	prog := binary
	if bin := os.Getenv("COACHMENTOR_BIN"); bin != "" {
		prog = bin
	}
	cmd := exec.Command(prog)
	cmd.Env = append(os.Environ(), "TERM=xterm-256color", "XDG_STATE_HOME="+t.TempDir())
	cmd.Dir = t.TempDir()
	start := time.Now()
	f, err := pty.StartWithSize(cmd, &pty.Winsize{Cols: 100, Rows: 30})
	if err != nil {
		t.Fatal(err)
	}
	defer func() {
		f.Write([]byte{3}) // ctrl+c
		done := make(chan struct{})
		go func() { cmd.Wait(); close(done) }()
		select {
		case <-done:
		case <-time.After(3 * time.Second):
			cmd.Process.Kill()
		}
		f.Close()
	}()
	var seen bytes.Buffer
	buf := make([]byte, 4096)
	deadline := time.Now().Add(5 * time.Second)
	for time.Now().Before(deadline) {
		f.SetReadDeadline(time.Now().Add(time.Second))
		n, err := f.Read(buf)
		if n > 0 {
			seen.Write(buf[:n])
			// Answer as a terminal would: background colour, cursor position.
			if bytes.Contains(buf[:n], []byte("\x1b]11;?")) {
				f.Write([]byte("\x1b]11;rgb:1c1c/1c1c/1c1c\x1b\\"))
			}
			if bytes.Contains(buf[:n], []byte("\x1b[6n")) {
				f.Write([]byte("\x1b[1;1R"))
			}
			if bytes.Contains(seen.Bytes(), []byte("Press enter to start")) {
				return time.Since(start)
			}
		}
		if err != nil && !os.IsTimeout(err) {
			break
		}
	}
	t.Fatalf("no first screen; output:\n%q", seen.String())
	return 0
}
