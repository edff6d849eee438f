//go:build unix

package safefile

import (
	"io"
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

// A named pipe, /dev/null or the like is written into, never replaced by a file: put in
// place by renaming, a file would take the device's name (as root, /dev/null itself).
func TestDevicesAndPipesAreWrittenInto(t *testing.T) {
	fifo := filepath.Join(t.TempDir(), "results")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skip("no named pipes here:", err)
	}
	got := make(chan string, 1)
	go func() {
		f, err := os.Open(fifo)
		if err != nil {
			got <- err.Error()
			return
		}
		b, _ := io.ReadAll(f)
		f.Close()
		got <- string(b)
	}()
	if err := Write(fifo, []byte("report"), true); err != nil {
		t.Fatal(err)
	}
	if st, err := os.Lstat(fifo); err != nil || st.Mode()&os.ModeNamedPipe == 0 {
		t.Fatalf("the pipe was replaced by a file: %v", err)
	}
	if s := <-got; s != "report" {
		t.Fatalf("the reader got %q", s)
	}
	// Without --force too: writing into /dev/null replaces nothing.
	if err := Write(os.DevNull, []byte("x"), false); err != nil {
		t.Fatalf("/dev/null: %v", err)
	}
}

// A link to a file, replaced with --force, stays a link; the file it leads to is replaced.
func TestLinkIsKept(t *testing.T) {
	dir := t.TempDir()
	target, link := filepath.Join(dir, "real.md"), filepath.Join(dir, "latest.md")
	os.WriteFile(target, []byte("old"), 0o644)
	if err := os.Symlink(target, link); err != nil {
		t.Skip("no symbolic links here:", err)
	}
	if err := Write(link, []byte("new"), true); err != nil {
		t.Fatal(err)
	}
	if st, err := os.Lstat(link); err != nil || st.Mode()&os.ModeSymlink == 0 {
		t.Fatalf("the link was replaced: %v", err)
	}
	if b, _ := os.ReadFile(target); string(b) != "new" {
		t.Fatalf("the file holds %q", b)
	}
}
