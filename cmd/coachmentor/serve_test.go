//go:build unix

package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"testing"

	"github.com/coachmentor/coachmentor/internal/report"
	"github.com/coachmentor/coachmentor/internal/serve/sshtest"
	"github.com/coachmentor/coachmentor/questions"
)

// server is `coachmentor serve` running as a process, logging to its standard error.
type server struct {
	cmd   *exec.Cmd
	addr  string
	log   *shows
	ended <-chan struct{}
	err   *error
}

var listening = regexp.MustCompile(`collecting on (\S+): respondents connect with`)

// startServe runs serve on a free loopback port with the collect file and host key given.
func startServe(t *testing.T, collect, hostKey string, more ...string) *server {
	t.Helper()
	args := append([]string{"serve", "--listen", "127.0.0.1:0", "--collect", collect, "--host-key", hostKey}, more...)
	cmd := exec.Command(binary, args...)
	cmd.Env = append(os.Environ(), "XDG_STATE_HOME="+t.TempDir())
	s := &server{cmd: cmd, log: newShows("respondents connect with")}
	cmd.Stderr = s.log
	s.ended, s.err = start(t, cmd)
	s.log.await(t, "respondents connect with", s.ended)
	s.addr = listening.FindStringSubmatch(s.log.String())[1]
	return s
}

// collectLines reads the collect file: every line must be whole JSON.
func collectLines(t *testing.T, path string) []map[string]any {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if len(data) > 0 && data[len(data)-1] != '\n' {
		t.Fatalf("the file ends mid-line: %q", data[max(0, len(data)-200):])
	}
	var out []map[string]any
	sc := bufio.NewScanner(strings.NewReader(string(data)))
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var v map[string]any
		if err := json.Unmarshal(sc.Bytes(), &v); err != nil {
			t.Fatalf("line %d is not whole JSON: %v: %q", len(out)+1, err, sc.Text())
		}
		out = append(out, v)
	}
	return out
}

// batchRecommendations is what `coachmentor batch` says of the collect file, by id; it
// must say nothing on standard error but its tally.
func batchRecommendations(t *testing.T, path string) map[string]string {
	t.Helper()
	cmd := exec.Command(binary, "batch", path, "--format", "jsonl")
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("batch: %v\n%s", err, stderr.String())
	}
	if lines := strings.Split(strings.TrimSpace(stderr.String()), "\n"); len(lines) != 1 || !strings.Contains(lines[0], " 0 invalid") {
		t.Fatalf("batch said more than its tally:\n%s", stderr.String())
	}
	got := map[string]string{}
	for _, l := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		var r struct{ ID, Status, Recommendation string }
		if err := json.Unmarshal([]byte(l), &r); err != nil || r.Status != "ok" {
			t.Fatalf("batch result %q: %v", l, err)
		}
		got[r.ID] = r.Recommendation
	}
	return got
}

// Kill -9 in the middle of twenty respondents answering: every line in the file is whole,
// batch reads it with no warning and gives each the recommendation the line holds and
// they were shown, as recommend does for each line, and the next start goes on appending.
func TestServeKilledUnderLoad(t *testing.T) {
	const respondents, killAfter = 20, 8
	dir := t.TempDir()
	collect, hostKey := filepath.Join(dir, "answers.jsonl"), filepath.Join(dir, "host_key")
	srv := startServe(t, collect, hostKey)
	def := questions.Default()
	rng := rand.New(rand.NewPCG(3, 4))

	var mu sync.Mutex
	shown := map[string]string{}
	finished := make(chan struct{}, respondents)
	for i := range respondents {
		picks := sshtest.RandomPicks(def, rng)
		id := fmt.Sprintf("p%02d", i)
		sshtest.Go(t, func(t sshtest.T) {
			c, err := sshtest.Dial(t, srv.addr, sshtest.Options{User: id})
			if err != nil {
				return // the server was killed first
			}
			c.Answer(def, picks)
			c.Send("\r")
			c.Wait("Recommendation: ")
			mu.Lock()
			shown[id] = shownTitle(c.Text())
			mu.Unlock()
			finished <- struct{}{}
		})
	}
	for range killAfter {
		<-finished // the others are still answering, or handing in
	}
	srv.cmd.Process.Signal(syscall.SIGKILL)
	<-srv.ended

	lines := collectLines(t, collect)
	if len(lines) < killAfter {
		t.Fatalf("%d lines after %d were shown their results", len(lines), killAfter)
	}
	byBatch := batchRecommendations(t, collect)
	mu.Lock()
	for _, l := range lines {
		id := l["id"].(string)
		if byBatch[id] != l["recommendation"] {
			t.Errorf("%s: batch says %s, the line %v", id, byBatch[id], l["recommendation"])
		}
		if seen, ok := shown[id]; ok && seen != report.Title(byBatch[id]) {
			t.Errorf("%s: shown %s, batch says %s", id, seen, byBatch[id])
		}
		if rec := recommendLine(t, l); rec != l["recommendation"] {
			t.Errorf("%s: recommend --answers says %s, the line %v", id, rec, l["recommendation"])
		}
	}
	for id := range shown {
		if _, ok := byBatch[id]; !ok {
			t.Errorf("%s was shown a result that is not in the file", id)
		}
	}
	mu.Unlock()

	again := startServe(t, collect, hostKey)
	c, err := sshtest.Dial(t, again.addr, sshtest.Options{User: "late"})
	if err != nil {
		t.Fatal(err)
	}
	c.Answer(def, make([]int, len(def.Questions)))
	c.Send("\r")
	c.Wait("Recommendation: ")
	if after := collectLines(t, collect); len(after) != len(lines)+1 || after[len(lines)]["id"] != "late" {
		t.Fatalf("%d lines after the restart, %d before", len(after), len(lines))
	}
	back, err := sshtest.Dial(t, again.addr, sshtest.Options{User: lines[0]["id"].(string)})
	if err != nil {
		t.Fatal(err)
	}
	back.Wait("Your answers are in already")
}

// recommendLine is what `coachmentor recommend --answers` says of a collect line, read as
// an answers file.
func recommendLine(t *testing.T, l map[string]any) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "line.json")
	data, _ := json.Marshal(l)
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(binary, "recommend", "--answers", path, "--format", "json").Output()
	if err != nil {
		t.Fatalf("recommend: %v", err)
	}
	var r struct{ Recommendation string }
	if err := json.Unmarshal(out, &r); err != nil {
		t.Fatal(err)
	}
	return r.Recommendation
}

// shownTitle is the recommendation a session showed last.
func shownTitle(text string) string {
	rest := text[strings.LastIndex(text, "Recommendation: ")+len("Recommendation: "):]
	for _, title := range []string{"Coaching", "Mentoring", "Undecided", "Blend"} {
		if strings.HasPrefix(rest, title) {
			return title
		}
	}
	return rest
}

// SIGTERM stops serve: connected respondents are told and their answers kept, it says how
// many are in, and it ends within five seconds with the signal's status.
func TestServeStopsOnSignal(t *testing.T) {
	dir := t.TempDir()
	collect := filepath.Join(dir, "answers.jsonl")
	srv := startServe(t, collect, filepath.Join(dir, "host_key"))
	c, err := sshtest.Dial(t, srv.addr, sshtest.Options{User: "ann"})
	if err != nil {
		t.Fatal(err)
	}
	c.Wait("Press enter to start.")
	c.Send("\r")
	c.Wait("Question 1 of")
	c.Send("1\r")
	c.Wait("Question 2 of")

	srv.cmd.Process.Signal(syscall.SIGTERM)
	c.Wait("Your answers so far are kept")
	<-srv.ended
	if code := exitCode(*srv.err); code != 143 {
		t.Fatalf("exit %d", code)
	}
	log := srv.log.String()
	for _, want := range []string{"msg=connected at=", "id=ann", "msg=progress", "question=2 answered=1", "msg=stopping", "reason=\"the server stopped\"", "Stopped. 0 questionnaires in " + collect + "."} {
		if !strings.Contains(log, want) {
			t.Errorf("the log lacks %q:\n%s", want, log)
		}
	}
	kept, _ := filepath.Glob(collect + ".partial/*.yaml")
	if len(kept) != 1 {
		t.Fatalf("answers kept: %v", kept)
	}
	if data, _ := os.ReadFile(kept[0]); !strings.Contains(string(data), "participants: individual") {
		t.Fatalf("kept:\n%s\nlog:\n%s", data, log)
	}
}

// needSSH skips a test without the OpenSSH client, unless tmux tests are required.
func needSSH(t *testing.T) {
	t.Helper()
	needTmux(t)
	if _, err := exec.LookPath("ssh"); err != nil {
		if os.Getenv("COACHMENTOR_REQUIRE_TMUX") != "" {
			t.Fatal("the ssh client is required (COACHMENTOR_REQUIRE_TMUX is set) but not installed")
		}
		t.Skip("ssh not installed")
	}
}

// A respondent with the stock OpenSSH client, in a terminal: the questionnaire in the
// terminal's colours, laid out again on a resize, the result shown, the line collected,
// and batch giving the same recommendation.
func TestServeWithStockSSH(t *testing.T) {
	needSSH(t)
	dir := t.TempDir()
	collect := filepath.Join(dir, "answers.jsonl")
	srv := startServe(t, collect, filepath.Join(dir, "host_key"))
	port := srv.addr[strings.LastIndex(srv.addr, ":")+1:]
	s := &tmux{t: t, socket: filepath.Join(t.TempDir(), "tmux.sock"), session: "cm", dir: dir}
	script := fmt.Sprintf("ssh -F /dev/null -t -p %s -o StrictHostKeyChecking=accept-new -o UserKnownHostsFile=%s -o PubkeyAuthentication=no ann@127.0.0.1; echo EXIT=$?; sleep 60",
		port, filepath.Join(dir, "known_hosts"))
	s.run("new-session", "-d", "-s", s.session, "-x", "90", "-y", "30", script)
	t.Cleanup(func() { exec.Command("tmux", "-S", s.socket, "kill-server").Run() })

	s.waitFor("Press enter to start")
	s.key("Enter", "Question 1 of 15")
	s.run("resize-window", "-t", s.session, "-x", "130", "-y", "32")
	s.waitFor("Top types") // the panel beside the question, now that there is room
	s.key("2", "")
	s.onward(2)
	scr := s.key("Enter", "Recommendation: ")
	if styled := s.styled(); !strings.Contains(styled, "\x1b[38;") && !strings.Contains(styled, "\x1b[3") {
		t.Fatalf("no colour on the results:\n%q", styled)
	}
	lines := collectLines(t, collect)
	if len(lines) != 1 || lines[0]["id"] != "ann" || lines[0]["answers"].(map[string]any)["participants"] != "senior-leader" {
		t.Fatalf("collected %v", lines)
	}
	rec := batchRecommendations(t, collect)["ann"]
	if !strings.Contains(scr, "Recommendation: "+report.Title(rec)) {
		t.Fatalf("batch says %s; the screen:\n%s", rec, scr)
	}
	s.key("q", "EXIT=0")
}

// In a terminal, serve shows the dashboard: where to connect, who is connected and where,
// and q stops the collection, the answers so far kept.
func TestServeDashboard(t *testing.T) {
	needSSH(t)
	s := startTmux(t, 90, 30, "", "serve", "--collect", "answers.jsonl", "--listen", "127.0.0.1:0")
	scr := s.waitFor("Connected (0)")
	addr := regexp.MustCompile(`collecting on (127\.0\.0\.1:\d+)`).FindStringSubmatch(scr)
	if addr == nil || !strings.Contains(scr, "Respondents connect with: ssh -t -p") {
		t.Fatalf("no address on the dashboard:\n%s", scr)
	}
	c, err := sshtest.Dial(t, addr[1], sshtest.Options{User: "ann"})
	if err != nil {
		t.Fatal(err)
	}
	c.Wait("Press enter to start.")
	c.Send("\r")
	c.Wait("Question 1 of")
	s.waitFor("question 1 of 15, 0 answered")
	s.waitFor("connected ann")
	scr = s.key("q", "EXIT=0")
	c.Wait("Your answers so far are kept")
	if !strings.Contains(scr, "Stopped. 0 questionnaires in answers.jsonl.") {
		t.Fatalf("no word on stopping:\n%s", scr)
	}
}
