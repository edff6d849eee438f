package safefile

import (
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

func TestWriteNewAndRefuseExisting(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "r.md")
	if err := Write(p, []byte("one"), false); err != nil {
		t.Fatal(err)
	}
	err := Write(p, []byte("two"), false)
	var exists *ExistsError
	if !errors.As(err, &exists) || !strings.Contains(err.Error(), "use --force") {
		t.Fatalf("want ExistsError, got %v", err)
	}
	if got, _ := os.ReadFile(p); string(got) != "one" {
		t.Fatalf("existing file changed to %q", got)
	}
	if err := Write(p, []byte("three"), true); err != nil {
		t.Fatal(err)
	}
	if got, _ := os.ReadFile(p); string(got) != "three" {
		t.Fatalf("force did not replace: %q", got)
	}
	if st, _ := os.Stat(p); st.Mode().Perm() != 0o644 {
		t.Errorf("mode %v", st.Mode().Perm())
	}
	assertOnly(t, dir, "r.md")
}

// On a file system without hard links (a FAT or exFAT drive, some network shares), a new
// file is still written and an existing one still kept, whatever error the system gives.
func TestWithoutHardLinks(t *testing.T) {
	link = func(string, string) error { return &os.LinkError{Op: "link", Err: syscall.EINVAL} }
	t.Cleanup(func() { link = os.Link })
	dir := t.TempDir()
	p := filepath.Join(dir, "r.md")
	if err := Write(p, []byte("one"), false); err != nil {
		t.Fatal(err)
	}
	var exists *ExistsError
	if err := Write(p, []byte("two"), false); !errors.As(err, &exists) {
		t.Fatalf("want ExistsError, got %v", err)
	}
	if got, _ := os.ReadFile(p); string(got) != "one" {
		t.Fatalf("existing file changed to %q", got)
	}
	assertOnly(t, dir, "r.md")
}

func TestFailureLeavesNothing(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "r.md")
	os.WriteFile(p, []byte("old"), 0o644)
	boom := errors.New("disk full")
	err := WriteFunc(context.Background(), p, true, func(w io.Writer) error {
		w.Write([]byte("half"))
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatalf("got %v", err)
	}
	if got, _ := os.ReadFile(p); string(got) != "old" {
		t.Fatalf("old file damaged: %q", got)
	}
	assertOnly(t, dir, "r.md")
}

func TestCancelledLeavesNothing(t *testing.T) {
	dir := t.TempDir()
	ctx, cancel := context.WithCancel(context.Background())
	err := WriteFunc(ctx, filepath.Join(dir, "r.md"), false, func(w io.Writer) error {
		w.Write([]byte("partial"))
		cancel() // Ctrl+C arrives while writing
		return nil
	})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("got %v", err)
	}
	assertOnly(t, dir)
}

func TestBadPlaces(t *testing.T) {
	dir := t.TempDir()
	tests := map[string]string{
		filepath.Join(dir, "missing", "r.md"): "the folder " + filepath.Join(dir, "missing") + " does not exist",
		dir:                                   "is a folder",
	}
	if os.Getuid() != 0 {
		ro := filepath.Join(dir, "ro")
		os.Mkdir(ro, 0o555)
		tests[filepath.Join(ro, "r.md")] = "permission denied"
	}
	for path, want := range tests {
		err := Write(path, []byte("x"), false)
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: got %v, want %q", path, err, want)
		}
	}
}

func assertOnly(t *testing.T, dir string, names ...string) {
	t.Helper()
	entries, _ := os.ReadDir(dir)
	var got []string
	for _, e := range entries {
		got = append(got, e.Name())
	}
	if strings.Join(got, ",") != strings.Join(names, ",") {
		t.Fatalf("folder holds %v, want %v", got, names)
	}
}
