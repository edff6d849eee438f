// Command mangen writes coachmentor's man pages; `make man` runs it.
//
//	mangen -out man
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/spf13/cobra/doc"

	"github.com/coachmentor/coachmentor/internal/cmd/root"
	"github.com/coachmentor/coachmentor/internal/cmdutil"
	"github.com/coachmentor/coachmentor/internal/iostreams"
)

func main() {
	out := flag.String("out", "man", "folder to write the pages into")
	flag.Parse()
	if err := generate(*out); err != nil {
		fmt.Fprintln(os.Stderr, "mangen:", err)
		os.Exit(1)
	}
}

func generate(dir string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	ios, _, _, _ := iostreams.Test()
	cmd := root.NewCmdRoot(cmdutil.New(ios, ""))
	cmd.DisableAutoGenTag = true // keep the pages the same from one run to the next
	// cobra adds the completion and help commands when the program runs; add them now
	// so that completion has its pages too.
	cmd.InitDefaultCompletionCmd()
	header := &doc.GenManHeader{Title: "COACHMENTOR", Section: "1", Source: "coachmentor", Manual: "coachmentor manual"}
	return doc.GenManTree(cmd, header, dir)
}
