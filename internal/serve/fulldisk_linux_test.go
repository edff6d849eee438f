package serve

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/coachmentor/coachmentor/internal/testutil"
)

// wholeLines fails unless every line of the collect file is whole JSON, and gives the ids.
func wholeLines(t *testing.T, path string) []string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for i, l := range strings.SplitAfter(string(data), "\n") {
		if l == "" {
			continue
		}
		var v struct{ ID string }
		if !strings.HasSuffix(l, "\n") || json.Unmarshal([]byte(l), &v) != nil {
			t.Fatalf("line %d of the collect file is torn: %q", i+1, l)
		}
		ids = append(ids, v.ID)
	}
	return ids
}

// fullDisk starts a server whose collect file is on a small disk, then fills the disk. A
// line is in the file already, long enough that the next one crosses into a page the disk
// has not got: a write then goes part-way before the disk refuses it.
func fullDisk(t *testing.T) (r *running, disk string, free func()) {
	disk = testutil.SmallDisk(t)
	cfg := testConfig(t)
	cfg.Collect = filepath.Join(disk, "answers.jsonl")
	testutil.PadToPageEnd(t, cfg.Collect)
	r = startWith(t, cfg)
	return r, disk, testutil.FillDisk(t, disk)
}

// On a full disk a submission is on disk whole or not at all, and never harms the next:
// the line that did not fit is cut back out, the respondent is told their answers are kept
// (and not where), the consultant sees a problem at once, and when space is freed the
// answers go in, by the respondent trying again or by the server's own retry.
func TestFullDisk(t *testing.T) {
	r, disk, free := fullDisk(t)
	cfg := r.cfg

	bo := r.dial("bo")
	bo.Answer(def, allFirst())
	bo.Send("\r")
	bo.Wait("Press enter to try again.")
	if text := bo.Text(); strings.Contains(text, disk) || !strings.Contains(text, "Not handed in: the server could not save your answers just now. They are kept") {
		t.Fatalf("what bo was told:\n%s", text)
	}
	r.waitEvent("the failed submission", func(e Event) bool {
		return e.Kind == Problem && e.Who.ID == "bo" && strings.Contains(e.Reason, "cannot append to the collect file") && strings.Contains(e.Reason, "no space left on device")
	})
	r.waitEvent("the failed save of answers so far", func(e Event) bool {
		return e.Kind == Problem && e.Who.ID == "bo" && strings.Contains(e.Reason, "cannot keep the answers so far on the disk")
	})
	if ids := wholeLines(t, cfg.Collect); len(ids) != 1 {
		t.Fatalf("the collect file holds %v", ids)
	}

	// cy hands in on the full disk too, and leaves: the server keeps the line.
	cy := r.dial("cy")
	cy.Answer(def, allFirst())
	cy.Send("\r")
	cy.Wait("Press enter to try again.")
	cy.Conn.Close()
	r.left("cy")

	free()
	bo.Send("\r")
	bo.Wait("Recommendation: ")
	r.s.retry() // what the server does every RetryEvery
	r.waitEvent("cy's line written", func(e Event) bool {
		return e.Kind == Submitted && e.Who.ID == "cy" && strings.Contains(e.Reason, "after the disk refused it")
	})
	handIn(r.dial("dee"))
	if ids := strings.Join(wholeLines(t, cfg.Collect), " "); ids != "pad bo cy dee" {
		t.Fatalf("the collect file holds %s", ids)
	}
	r.dial("cy").Wait("Your answers are in already")
}

// A server that stops while the disk is still full says the lines it could not write,
// whole, to be added by hand, and whose answers so far end with it.
func TestFullDiskAtStop(t *testing.T) {
	r, _, _ := fullDisk(t)
	eve := r.dial("eve")
	eve.Answer(def, allFirst())
	eve.Send("\r")
	eve.Wait("Press enter to try again.")
	firstAnswer(r.dial("fay"), "1")
	r.waitEvent("fay's answers so far not kept", func(e Event) bool { return e.Kind == Problem && e.Who.ID == "fay" })
	r.stop()
	var line map[string]any
	r.waitEvent("eve's line said", func(e Event) bool {
		return e.Kind == Problem && e.Who.ID == "eve" && strings.Contains(e.Reason, "the line follows, to be appended") && json.Unmarshal([]byte(e.Line), &line) == nil
	})
	if line["id"] != "eve" || len(line["answers"].(map[string]any)) != len(def.Questions) {
		t.Fatalf("eve's line %v", line)
	}
	r.waitEvent("fay's loss said", func(e Event) bool {
		return e.Kind == Problem && e.Who.ID == "fay" && strings.Contains(e.Reason, "1 answers so far could not be kept on the disk and end with the server")
	})
}
