//go:build unix

package safefile

import (
	"io/fs"
	"syscall"
)

// newMode is the mode a new file gets: 0666 less the user's umask, as for any program
// that creates a file. The umask can only be read by setting it, so it is read when the
// package is initialized, before any goroutine could create a file under the mask set
// for the moment, and set back at once.
var newMode = func() fs.FileMode {
	mask := syscall.Umask(0)
	syscall.Umask(mask)
	return fs.FileMode(0o666 &^ mask)
}()

func newFileMode() fs.FileMode { return newMode }
