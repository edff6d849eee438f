package batch

import (
	"fmt"
	"io"
	"sync/atomic"
	"time"

	"github.com/charmbracelet/bubbles/progress"

	"github.com/coachmentor/coachmentor/internal/iostreams"
)

// countingReader counts the bytes read, for the progress bar.
type countingReader struct {
	r io.Reader
	n atomic.Int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n.Add(int64(n))
	return n, err
}

// progressBar draws on standard error when it is a terminal, at most ten times a second.
// Messages about rows go through it (Write), so that each starts on a line of its own
// rather than after the bar; the bar is drawn again on the next update.
type progressBar struct {
	ios   *iostreams.IOStreams
	on    bool
	in    *countingReader
	size  int64
	bar   progress.Model
	last  time.Time
	drawn bool
}

func newProgress(ios *iostreams.IOStreams, on bool, in *countingReader, size int64) *progressBar {
	return &progressBar{ios: ios, on: on && ios.IsStderrTTY(), in: in, size: size, bar: progress.New(progress.WithDefaultGradient(), progress.WithWidth(30), progress.WithColorProfile(ios.ErrColorProfile()))}
}

func (p *progressBar) update(rows int) {
	if !p.on || time.Since(p.last) < 100*time.Millisecond {
		return
	}
	p.last = time.Now()
	p.drawn = true
	if p.size > 0 {
		fmt.Fprintf(p.ios.ErrOut, "\r%s %d respondents", p.bar.ViewAs(min(1, float64(p.in.n.Load())/float64(p.size))), rows)
		return
	}
	fmt.Fprintf(p.ios.ErrOut, "\r%d respondents", rows)
}

// Write writes a message to standard error, clearing the bar first.
func (p *progressBar) Write(b []byte) (int, error) {
	p.clear()
	return p.ios.ErrOut.Write(b)
}

func (p *progressBar) clear() {
	if p.drawn {
		fmt.Fprint(p.ios.ErrOut, "\r\x1b[K")
		p.drawn = false
	}
}
