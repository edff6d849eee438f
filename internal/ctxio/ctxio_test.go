package ctxio

import (
	"bytes"
	"context"
	"errors"
	"io"
	"testing"
)

// What the stream holds is read as it is, in order.
func TestReadsThrough(t *testing.T) {
	want := bytes.Repeat([]byte("0123456789"), 10000)
	got, err := io.ReadAll(Reader(context.Background(), bytes.NewReader(want)))
	if err != nil || !bytes.Equal(got, want) {
		t.Fatalf("read %d bytes, %v", len(got), err)
	}
}

// A read that waits on a stream with nothing in it ends when the context is cancelled,
// and every read after it fails the same way.
func TestCancelEndsAWaitingRead(t *testing.T) {
	pr, pw := io.Pipe()
	defer pw.Close()
	ctx, cancel := context.WithCancel(context.Background())
	r := Reader(ctx, pr)
	pw2 := make(chan struct{})
	go func() {
		pw.Write([]byte("first"))
		close(pw2)
	}()
	buf := make([]byte, 16)
	if n, err := r.Read(buf); err != nil || string(buf[:n]) != "first" {
		t.Fatalf("%q %v", buf[:n], err)
	}
	<-pw2
	ended := make(chan error)
	go func() {
		_, err := r.Read(buf) // nothing more comes: this waits
		ended <- err
	}()
	cancel()
	if err := <-ended; !errors.Is(err, context.Canceled) {
		t.Fatalf("got %v", err)
	}
	if _, err := r.Read(buf); !errors.Is(err, context.Canceled) {
		t.Fatalf("after: %v", err)
	}
}
