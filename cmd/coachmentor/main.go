// Command coachmentor helps decide between coaching and mentoring, and which kind of each.
package main

import (
	"os"

	"github.com/coachmentor/coachmentor/internal/cli"
)

func main() {
	os.Exit(cli.Main())
}
