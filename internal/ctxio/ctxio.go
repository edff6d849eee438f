// Package ctxio makes a blocking read give way to a cancelled context. A read from a pipe
// or a terminal can wait for ever; Ctrl+C or SIGTERM must still end the run at once.
package ctxio

import (
	"context"
	"io"
)

// Reader returns a reader of r whose Read returns ctx's error as soon as ctx is done,
// even while r's Read is still waiting. That Read goes on waiting in the background, into
// a buffer of the reader's own, and its bytes are dropped: after ctx is done nothing more
// is read. Use it for streams, not files, which never wait.
func Reader(ctx context.Context, r io.Reader) io.Reader {
	return &reader{ctx: ctx, r: r, done: make(chan result, 1)}
}

type result struct {
	n   int
	err error
}

type reader struct {
	ctx     context.Context
	r       io.Reader
	buf     []byte      // what the read in flight reads into: never the caller's slice
	done    chan result // the read in flight's result
	waiting bool        // a read is in flight
}

func (c *reader) Read(p []byte) (int, error) {
	if err := c.ctx.Err(); err != nil {
		return 0, err
	}
	if len(p) == 0 {
		return 0, nil
	}
	if !c.waiting {
		if cap(c.buf) < len(p) {
			c.buf = make([]byte, len(p))
		}
		buf := c.buf[:len(p)]
		c.waiting = true
		go func() {
			n, err := c.r.Read(buf)
			c.done <- result{n, err}
		}()
	}
	select {
	case res := <-c.done:
		c.waiting = false
		n := copy(p, c.buf[:res.n])
		return n, res.err
	case <-c.ctx.Done():
		return 0, c.ctx.Err()
	}
}
