// Command mangen writes coachmentor's man pages; `make man` runs it.
//
//	mangen -out man
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"

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
	if err := doc.GenManTree(cmd, header, dir); err != nil {
		return err
	}
	pages, err := filepath.Glob(filepath.Join(dir, "*.1"))
	if err != nil {
		return err
	}
	for _, page := range pages {
		if err := addSections(page); err != nil {
			return err
		}
	}
	return nil
}

// sections are what every page says beyond cobra's: how the program exits and what in
// the environment it heeds. They go before SEE ALSO, where man pages have them.
const sections = `.SH EXIT STATUS
.TP
.B 0
Success.
.TP
.B 1
Any other failure, such as a folder that cannot be written to, or standard output that cannot be written.
.TP
.B 2
Invalid usage or input: an unknown flag, command, question or answer; a malformed answers file or bank; an output that is one of the inputs; a file that would be overwritten without \-\-force; rows of a batch that could not be scored.
.TP
.B 130, 143, 129
Interrupted by Ctrl+C (SIGINT), SIGTERM or SIGHUP. Answers given so far are kept, and no file is left half\-written.
.SH ENVIRONMENT
.TP
.B NO_COLOR
When set, nothing is colored.
.TP
.B TERM
With the value dumb, the questionnaire asks plain numbered questions, as \-\-accessible does, and nothing is colored.
.TP
.B ACCESSIBLE
When set, the questionnaire asks plain numbered questions, for screen readers.
.TP
.B XDG_STATE_HOME
Where the answers of an unfinished questionnaire are kept, in coachmentor/answers.yaml under it; without it, ~/.local/state/coachmentor (on macOS, ~/Library/Application Support/coachmentor; on Windows, %AppData%\\coachmentor).
.TP
.B HOME
The home folder, for the above and for ~/ in a file name the questionnaire is given.
`

// addSections puts the sections into a page.
func addSections(page string) error {
	data, err := os.ReadFile(page)
	if err != nil {
		return err
	}
	text := string(data)
	if i := strings.Index(text, ".SH SEE ALSO"); i >= 0 {
		text = text[:i] + sections + text[i:]
	} else {
		text += sections
	}
	return os.WriteFile(page, []byte(text), 0o644)
}
