package serve

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	gossh "golang.org/x/crypto/ssh"

	"github.com/coachmentor/coachmentor/internal/serve/sshtest"
)

func writeFile(t *testing.T, name, text string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// An invite code is the user name: a right one lets its holder in under the invite's id
// and name, once; a wrong one is refused before any session opens.
func TestInvites(t *testing.T) {
	invites := writeFile(t, "invites.csv", "id,code,name\nE-101,k7q2m9xa,Ann Lee\nE-102,p3z8w4rt,Bo\n")
	r := start(t, func(c *Config) { c.Invites = invites })

	if _, err := sshtest.Dial(t, r.s.Addr(), sshtest.Options{User: "k7q2m9xb"}); err == nil || !strings.Contains(err.Error(), "handshake failed") {
		t.Fatalf("a wrong code: %v", err)
	}
	if _, err := sshtest.Dial(t, r.s.Addr(), sshtest.Options{User: "E-101"}); err == nil {
		t.Fatal("the id let in as a code")
	}
	r.waitEvent("the refusal", func(e Event) bool { return e.Kind == Refused && strings.Contains(e.Reason, "a wrong invite code") })
	for _, e := range r.seen() {
		if strings.Contains(e.Reason, "k7q2m9xb") || strings.Contains(e.Reason, "E-101") {
			t.Fatalf("a code tried is logged: %+v", e)
		}
	}

	c := r.dial("k7q2m9xa")
	c.Wait("Ann Lee")
	handIn(c)
	c.Send("q")
	c.Ended()
	lines := collected(t, r.cfg.Collect)
	if len(lines) != 1 || lines[0]["id"] != "E-101" || lines[0]["name"] != "Ann Lee" {
		t.Fatalf("collected %v", lines)
	}
	again := r.dial("k7q2m9xa")
	again.Wait("Your answers are in already")
	again.Ended()
}

// A bad invites file is a configuration error naming the file and line.
func TestInvitesFileErrors(t *testing.T) {
	for text, want := range map[string]string{
		"a,short\n":                       "invites.csv:1: the code \"short\" is too easy to guess",
		"a,abcdefgh\nb,abcdefgh\n":        "invites.csv:2: the code \"abcdefgh\" is given twice",
		"a,abcdefgh\na,zyxwvuts\n":        "invites.csv:2: the id \"a\" is invited twice (also on line 1)",
		"a\n":                             "invites.csv:1: expected id,code or id,code,name; found 1 fields",
		"id,code\n":                       "no invites in it",
		"a,abc defgh\n":                   "cannot be an SSH user name",
		"a,abcdefgh,Ann,extra\n":          "found 4 fields",
		"\ufeffid,code\nann,abcdefgh\n\n": "",
	} {
		cfg := testConfig(t)
		cfg.Invites = writeFile(t, "invites.csv", text)
		s, _, err := New(cfg)
		if want == "" {
			if err != nil {
				t.Fatalf("%q: %v", text, err)
			}
			s.col.close()
			continue
		}
		var ce *ConfigError
		if !errors.As(err, &ce) || !strings.Contains(err.Error(), want) {
			t.Errorf("%q: got %v, want a configuration error with %q", text, err, want)
		}
	}
}

// Listed keys let their holders in under the key's comment; other keys, and no key, are
// refused.
func TestAuthorizedKeys(t *testing.T) {
	ann, other := sshtest.NewKey(t), sshtest.NewKey(t)
	pub, err := gossh.NewPublicKey(ann.Public())
	if err != nil {
		t.Fatal(err)
	}
	line := strings.TrimSpace(string(gossh.MarshalAuthorizedKey(pub))) + " ann@example.org\n"
	keys := writeFile(t, "keys", "# the team\n\n"+line)
	r := start(t, func(c *Config) { c.AuthorizedKeys = keys })

	for name, o := range map[string]sshtest.Options{
		"another key": {User: "ann", Key: other},
		"no key":      {User: "ann"},
	} {
		if _, err := sshtest.Dial(t, r.s.Addr(), o); err == nil {
			t.Fatalf("%s let in", name)
		}
	}
	c := r.dialWith(sshtest.Options{User: "whoever", Key: ann})
	c.Wait("ann@example.org")
	handIn(c)
	if lines := collected(t, r.cfg.Collect); len(lines) != 1 || lines[0]["id"] != "ann@example.org" {
		t.Fatalf("collected %v", lines)
	}
}

// A key without a comment has no id: the file is refused, naming the line.
func TestAuthorizedKeysNeedComments(t *testing.T) {
	pub, _ := gossh.NewPublicKey(sshtest.NewKey(t).Public())
	cfg := testConfig(t)
	cfg.AuthorizedKeys = writeFile(t, "keys", string(bytes.TrimSpace(gossh.MarshalAuthorizedKey(pub)))+"\n")
	_, _, err := New(cfg)
	var ce *ConfigError
	if !errors.As(err, &ce) || !strings.Contains(err.Error(), "keys:1: the key has no comment") {
		t.Fatalf("got %v", err)
	}
}

// With no invites and no keys, anyone may answer: only on a loopback address.
func TestOpenListenOnlyOnLoopback(t *testing.T) {
	for addr, ok := range map[string]bool{
		"127.0.0.1:0": true, "[::1]:0": true, "localhost:0": true,
		"0.0.0.0:2222": false, ":2222": false, "192.168.1.5:2222": false, "[::]:2222": false,
	} {
		cfg := testConfig(t)
		cfg.Listen = addr
		s, _, err := New(cfg)
		if ok {
			if err != nil {
				t.Fatalf("%s: %v", addr, err)
			}
			s.col.close()
			continue
		}
		var ce *ConfigError
		if !errors.As(err, &ce) || !errors.Is(err, ErrOpenListen) {
			t.Errorf("%s: got %v, want the open-listen error", addr, err)
		}
		cfg.Invites = writeFile(t, "invites.csv", "ann,abcdefgh\n")
		if s, _, err := New(cfg); err != nil {
			t.Errorf("%s with invites: %v", addr, err)
		} else {
			s.col.close()
		}
	}
}
