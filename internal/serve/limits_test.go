package serve

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	gossh "golang.org/x/crypto/ssh"

	"github.com/coachmentor/coachmentor/internal/serve/sshtest"
)

// What the server does not do is refused with a message that says what it does.
func TestRefusals(t *testing.T) {
	r := start(t, nil)
	port := r.s.Addr()[strings.LastIndex(r.s.Addr(), ":")+1:]
	for name, tc := range map[string]struct {
		o    sshtest.Options
		want string
	}{
		"a command":   {sshtest.Options{User: "ann", Command: "cat /etc/passwd"}, "This server only runs the questionnaire: connect with no command"},
		"no terminal": {sshtest.Options{User: "ann", NoPTY: true}, "The questionnaire needs a terminal: connect with ssh -t, e.g. ssh -t -p " + port + " ann@127.0.0.1."},
	} {
		c := r.dialWith(tc.o)
		c.Wait(tc.want)
		c.Ended()
		if err := c.Exit(); err == nil {
			t.Errorf("%s: the session ended well", name)
		}
	}

	conn, err := sshtest.Connect(r.t, r.s.Addr(), sshtest.Options{User: "bo"})
	if err != nil {
		t.Fatal(err)
	}
	sftp, err := conn.NewSession()
	if err != nil {
		t.Fatal(err)
	}
	said, _ := sftp.StderrPipe()
	if err := sftp.RequestSubsystem("sftp"); err != nil {
		t.Fatal(err)
	}
	if msg, _ := io.ReadAll(said); !strings.Contains(string(msg), "This server only runs the questionnaire; it has no sftp.") {
		t.Errorf("sftp: %q", msg)
	}
	if _, err := conn.Dial("tcp", "127.0.0.1:22"); err == nil {
		t.Error("port forwarding was let through")
	}
	if _, err := conn.Listen("tcp", "127.0.0.1:0"); err == nil {
		t.Error("remote forwarding was let through")
	}
	if n, _ := r.s.Tally(); n != 0 {
		t.Fatal("something was collected")
	}
}

// Past --max-sessions, the next respondent is told the server is busy; one respondent
// in two windows is told to go on in the first.
func TestBusyAndTwice(t *testing.T) {
	r := start(t, func(c *Config) { c.MaxSessions = 1 })
	first := r.dial("ann")
	first.Wait("Press enter to start.")

	twice := r.dial("ann")
	twice.Wait("You are answering in another window already")
	twice.Ended()
	busy := r.dial("bo")
	busy.Wait("The questionnaire is busy")
	busy.Ended()

	first.Conn.Close()
	r.left("ann")
	r.dial("bo").Wait("Press enter to start.")
}

// A respondent who does nothing for the idle timeout is let go, their answers kept.
func TestIdleTimeout(t *testing.T) {
	r := start(t, func(c *Config) { c.IdleTimeout = time.Second })
	c := r.dial("ann")
	c.Ended()
	r.left("ann")
}

// Stopping tells the connected respondents, keeps their answers, and the next start
// offers them their answers again.
func TestStopKeepsAnswers(t *testing.T) {
	r := start(t, nil)
	c := r.dial("ann")
	firstAnswer(c, "2")
	idle := r.dial("bo") // on the welcome, nothing answered
	idle.Wait("Press enter to start.")

	r.stop()
	c.Wait("The questionnaire is closing for now. Your answers so far are kept")
	c.Ended()
	idle.Ended()
	if _, err := sshtest.Dial(t, r.s.Addr(), sshtest.Options{User: "cy"}); err == nil {
		t.Fatal("a connection was taken after the stop")
	}

	again := startWith(t, r.cfg) // same collect file, same host key
	back := again.dial("ann")
	back.Wait("You have unfinished answers")
	back.Send("\r")
	back.Wait("Question 2 of")
}

// The host key is made on first start, readable by its owner alone, in a folder made for
// it, and the same key is used after.
func TestHostKeyMadeOnceAndKept(t *testing.T) {
	cfg := testConfig(t)
	cfg.HostKey = filepath.Join(t.TempDir(), "new", "folder", "host_key")
	var keys [][]byte
	for range 2 {
		r := startWith(t, cfg)
		c := r.dialWith(sshtest.Options{User: "ann", HostKey: func(k gossh.PublicKey) {
			keys = append(keys, k.Marshal())
			if gossh.FingerprintSHA256(k) != r.s.Fingerprint() {
				t.Errorf("the fingerprint told to the consultant, %s, is not the key's", r.s.Fingerprint())
			}
		}})
		c.Wait("Press enter to start.")
		r.stop()
	}
	if len(keys) != 2 || !bytes.Equal(keys[0], keys[1]) {
		t.Fatal("the server's key changed between starts")
	}
	info, err := os.Stat(cfg.HostKey)
	if err != nil {
		t.Fatal(err)
	}
	if info.Mode().Perm() != 0o600 {
		t.Fatalf("host key mode %v", info.Mode().Perm())
	}
	dir, _ := os.Stat(filepath.Dir(cfg.HostKey))
	if dir.Mode().Perm() != 0o700 {
		t.Fatalf("host key folder mode %v", dir.Mode().Perm())
	}
	data, _ := os.ReadFile(cfg.HostKey)
	if !strings.Contains(string(data), "OPENSSH PRIVATE KEY") {
		t.Fatal("not an OpenSSH private key")
	}
}

// The collect file is made readable by its owner alone. Any line that is not whole JSON,
// wherever it is (the last, cut short by a crash; one in the middle, joined to a part of
// another), is set aside in the .torn file beside it on the next start and said; the file
// goes on after the whole lines, with its mode.
func TestCollectFileKeptWhole(t *testing.T) {
	cfg := testConfig(t)
	whole := `{"id":"ann","answers":{"participants":"senior-leader"},"submitted":"2026-11-29T09:00:00Z","recommendation":"coaching","top_type":"","bank":{}}` + "\n"
	cy := strings.Replace(whole, `"ann"`, `"cy"`, 1)
	joined := `{"id":"dee","answ{"id":"eve","answers":{}}` + "\n"
	if err := os.WriteFile(cfg.Collect, []byte(whole+joined+cy+`{"id":"bo","answ`), 0o600); err != nil {
		t.Fatal(err)
	}
	s, notes, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	s.col.close()
	if len(notes) != 1 || !strings.Contains(notes[0], "2 lines that were not whole JSON (lines 2, 4) set aside in answers.jsonl.torn") {
		t.Fatalf("notes %q", notes)
	}
	if data, _ := os.ReadFile(cfg.Collect); string(data) != whole+cy {
		t.Fatalf("file now %q", data)
	}
	if data, _ := os.ReadFile(cfg.Collect + ".torn"); string(data) != joined+`{"id":"bo","answ`+"\n" {
		t.Fatalf("set aside %q", data)
	}
	if info, _ := os.Stat(cfg.Collect); info.Mode().Perm() != 0o600 {
		t.Fatalf("collect file mode %v", info.Mode().Perm())
	}

	r := startWith(t, cfg)
	r.dial("ann").Wait("Your answers are in already")
	c := r.dial("bo")
	handIn(c)
	lines := collected(t, cfg.Collect)
	if len(lines) != 3 || lines[2]["id"] != "bo" {
		t.Fatalf("lines %v", lines)
	}

	fresh := testConfig(t)
	s, _, err = New(fresh)
	if err != nil {
		t.Fatal(err)
	}
	s.col.close()
	if info, _ := os.Stat(fresh.Collect); info.Mode().Perm() != 0o600 {
		t.Fatalf("collect file mode %v", info.Mode().Perm())
	}
}

// A session that does not end when told still cannot hold the stop past its bound: the
// server closes every connection then.
func TestStopIsBounded(t *testing.T) {
	r := start(t, func(c *Config) { c.StopWithin = time.Millisecond })
	c := r.dial("ann")
	c.Wait("Press enter to start.")
	r.s.sessions.Add(1) // a session that will never say it has ended
	r.stop()
	c.Ended()
}
