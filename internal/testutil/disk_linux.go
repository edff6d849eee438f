package testutil

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// SmallDisk mounts a tmpfs of 64 KiB for the test, to be filled with FillDisk, and
// unmounts it once the test's other clean-ups have run (those registered after it run
// first, so a server started later has let go of its files). It needs root; elsewhere the
// test is skipped and says why.
func SmallDisk(t testing.TB) string {
	t.Helper()
	dir := t.TempDir()
	if err := syscall.Mount("tmpfs", dir, "tmpfs", 0, "size=64k,mode=0700"); err != nil {
		t.Skipf("a full disk is tried on a tmpfs of its own, which needs root (mount: %v)", err)
	}
	t.Cleanup(func() {
		if err := syscall.Unmount(dir, 0); err != nil {
			t.Errorf("unmount %s: %v", dir, err)
		}
	})
	return dir
}

// FillDisk writes to a file in dir until the disk refuses, and gives a way to free the
// space.
func FillDisk(t testing.TB, dir string) (free func()) {
	t.Helper()
	path := filepath.Join(dir, "filler")
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_APPEND, 0o600)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	page := make([]byte, 4096)
	for {
		if _, err := f.Write(page); err != nil {
			if !errors.Is(err, syscall.ENOSPC) {
				t.Fatal(err)
			}
			return func() {
				if err := os.Remove(path); err != nil {
					t.Fatal(err)
				}
			}
		}
	}
}

// PadToPageEnd writes a whole collect-file line of JSON to path, long enough to end 40
// bytes short of a 4 KiB page: the next line written crosses into a page the disk must
// find, and on a full disk goes part-way before it is refused.
func PadToPageEnd(t testing.TB, path string) {
	t.Helper()
	head, tail := `{"id":"pad","name":"`, `","answers":{},"submitted":"2026-11-29T09:00:00Z","recommendation":"coaching","top_type":"","bank":{}}`+"\n"
	pad := head + strings.Repeat("p", 4096-40-len(head)-len(tail)) + tail
	if err := os.WriteFile(path, []byte(pad), 0o600); err != nil {
		t.Fatal(err)
	}
}
