//go:build !unix

package safefile

import "io/fs"

// newFileMode is the mode a new file gets where there is no umask.
func newFileMode() fs.FileMode { return 0o666 }
