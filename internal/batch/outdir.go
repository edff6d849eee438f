package batch

import (
	"bufio"
	"fmt"
	"hash/maphash"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/coachmentor/coachmentor/internal/report"
	"github.com/coachmentor/coachmentor/internal/roster"
	"github.com/coachmentor/coachmentor/internal/safefile"
	"github.com/coachmentor/coachmentor/internal/textsafe"
)

// namer turns respondent ids into report file names: safe on every file system, never
// outside the folder, and never the same twice in one run, comparing them ignoring case
// as some file systems do. A name two respondents share, or the name of the run's own
// output, is said; the later respondent's report takes a number.
type namer struct {
	seed maphash.Seed
	used map[uint64]int // by name's hash: the line that took it; 0 for the run's own files
	ext  string         // a report's extension: .md or .html
}

func newNamer(opts Options) *namer {
	n := &namer{seed: maphash.MakeSeed(), used: map[uint64]int{}, ext: Folder(opts.Format).Ext()}
	if opts.Output != "" && SameFolder(opts.Output, opts.OutDir) {
		n.used[n.key(filepath.Base(opts.Output))] = 0 // the team report is not a person's
	}
	n.used[n.key(IndexName(opts.Format))] = 0
	return n
}

// SameFolder reports whether a file is in the folder dir.
func SameFolder(file, dir string) bool {
	a, err1 := filepath.Abs(filepath.Dir(file))
	b, err2 := filepath.Abs(dir)
	return err1 == nil && err2 == nil && a == b
}

func (n *namer) key(name string) uint64 { return maphash.String(n.seed, strings.ToLower(name)) }

// taken reports whether the run wrote, or reserved, the name.
func (n *namer) taken(name string) bool {
	_, ok := n.used[n.key(name)]
	return ok
}

// name gives the row's report its file name, and a note when the name it would have had
// was taken.
func (n *namer) name(row *roster.Row) (file, note string) {
	base := safefile.Name(row.ID)
	if base == "" {
		base = fmt.Sprintf("respondent-%d", row.N)
	}
	name := base + n.ext
	first, clash := n.used[n.key(name)]
	for i := 2; n.taken(name); i++ {
		name = fmt.Sprintf("%s-%d%s", base, i, n.ext)
	}
	n.used[n.key(name)] = row.Line
	switch {
	case !clash:
	case first == 0:
		note = fmt.Sprintf("%s%s is the run's own output; this report is %s", base, n.ext, name)
	default:
		note = fmt.Sprintf("another respondent (line %d) has the same name; this report is %s, by order in the file: give each an id of their own", first, name)
	}
	return name, note
}

// reportHead is how a respondent's report begins, by which an earlier run's are known:
// in Markdown, and as a web page.
const reportHead = "# Coaching or mentoring?\n"

var reportHeadHTML = func() string {
	head := report.PageHead("Coaching or mentoring?")
	return head[:strings.Index(head, "</title>")] // a person's title goes on with their name
}()

// staleReports says which reports in the folder an earlier run wrote and this one did not:
// they may now name someone who is no longer in the team, or belong to someone else. They
// are the user's to remove: nothing is deleted.
func staleReports(errOut io.Writer, dir string, names *namer) error {
	entries, err := os.ReadDir(dir)
	if err != nil || names == nil {
		return nil
	}
	var stale []string
	for _, e := range entries {
		if !e.Type().IsRegular() || !strings.HasSuffix(e.Name(), names.ext) || names.taken(e.Name()) {
			continue
		}
		if ours(filepath.Join(dir, e.Name())) {
			stale = append(stale, e.Name())
		}
	}
	if len(stale) == 0 {
		return nil
	}
	slices.Sort(stale)
	shown := stale[:min(5, len(stale))]
	for i, s := range shown {
		shown[i] = textsafe.Line(s)
	}
	list := strings.Join(shown, ", ")
	if len(stale) > len(shown) {
		list += fmt.Sprintf(" and %d more", len(stale)-len(shown))
	}
	_, err = fmt.Fprintf(errOut, "%s: %d reports from an earlier run name no one in this one: %s; they were left as they are (remove them, or use a new folder)\n",
		textsafe.Line(dir), len(stale), list)
	return err
}

// ours reports whether a file begins as a respondent's report does.
func ours(path string) bool {
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	head := make([]byte, len(reportHeadHTML))
	n, _ := io.ReadFull(bufio.NewReader(f), head)
	return strings.HasPrefix(string(head[:n]), reportHead) || string(head[:n]) == reportHeadHTML
}
