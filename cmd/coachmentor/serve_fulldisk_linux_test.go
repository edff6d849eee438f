package main

import (
	"encoding/json"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/coachmentor/coachmentor/internal/serve/sshtest"
	"github.com/coachmentor/coachmentor/internal/testutil"
	"github.com/coachmentor/coachmentor/questions"
)

// On a full disk, the dashboard shows the problem at once, and when the consultant stops
// the collection the problems are logged whole on the terminal the dashboard leaves: the
// line the disk would not take is there to be added by hand.
func TestServeDashboardOnAFullDisk(t *testing.T) {
	needSSH(t)
	disk := testutil.SmallDisk(t)
	collect := filepath.Join(disk, "answers.jsonl")
	testutil.PadToPageEnd(t, collect)
	s := startTmux(t, 120, 40, "", "serve", "--collect", collect, "--listen", "127.0.0.1:0")
	scr := s.waitFor("Connected (0)")
	addr := regexp.MustCompile(`collecting on (127\.0\.0\.1:\d+)`).FindStringSubmatch(scr)
	if addr == nil {
		t.Fatalf("no address on the dashboard:\n%s", scr)
	}
	testutil.FillDisk(t, disk)
	c, err := sshtest.Dial(t, addr[1], sshtest.Options{User: "ann"})
	if err != nil {
		t.Fatal(err)
	}
	def := questions.Default()
	c.Answer(def, make([]int, len(def.Questions)))
	c.Send("\r")
	c.Wait("Press enter to try again.")
	s.waitFor("Problems (see the log for all)")
	s.waitFor("PROBLEM ann (cannot append to the collect file")
	scr = s.key("q", "EXIT=")
	for _, want := range []string{"Problems while collecting (", "msg=problem", "id=ann", "the line follows, to be appended to it"} {
		if !strings.Contains(strings.ReplaceAll(scr, "\n", ""), want) {
			t.Fatalf("after the dashboard, no %q:\n%s", want, scr)
		}
	}
	// The line as it is, on a line of its own (wrapped by the pane): whole JSON.
	joined := strings.ReplaceAll(scr, "\n", "")
	start := strings.Index(joined, `{"id":"ann"`)
	end := strings.Index(joined, "Stopped.")
	var line map[string]any
	if start < 0 || end < start || json.Unmarshal([]byte(joined[start:end]), &line) != nil || line["id"] != "ann" {
		t.Fatalf("the line is not there whole:\n%s", scr)
	}
}
