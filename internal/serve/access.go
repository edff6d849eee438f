package serve

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"strings"

	gossh "golang.org/x/crypto/ssh"

	"github.com/coachmentor/coachmentor/internal/answers"
	"github.com/coachmentor/coachmentor/internal/textsafe"
)

// Respondent is who a session is for: the id their answers are filed under, and a name for
// the screens when there is one.
type Respondent struct {
	ID   string
	Name string
}

// access decides who may answer: anyone, by the SSH user name, on a loopback address
// only; the holders of invite codes, by the code as the user name; or the holders of
// listed keys, by the key.
type access struct {
	invites map[string]Respondent // by code
	keys    []listedKey
}

type listedKey struct {
	key gossh.PublicKey
	who Respondent
}

// open reports whether anyone may answer.
func (a *access) open() bool { return a.invites == nil && a.keys == nil }

// MaxID is the longest id a respondent may have, in characters.
const MaxID = 64

// byName is the respondent a user name stands for, where anyone may answer.
func byName(user string) (Respondent, bool) {
	id := textsafe.Line(user)
	if id == "" || len([]rune(id)) > MaxID {
		return Respondent{}, false
	}
	return Respondent{ID: id}, true
}

// readInvites reads a CSV file of id,code[,name]: a header row is allowed.
func readInvites(path string) (map[string]Respondent, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("--invites %s: %w", path, err)
	}
	r := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(data, []byte("\ufeff"))))
	r.FieldsPerRecord = -1
	out := map[string]Respondent{}
	ids := map[string]int{}
	for n := 1; ; n++ {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("--invites %s:%d: %w", path, n, err)
		}
		if n == 1 && len(rec) >= 2 && answers.Normalize(rec[0]) == "id" && answers.Normalize(rec[1]) == "code" {
			continue // the header
		}
		if len(rec) < 2 || len(rec) > 3 {
			return nil, fmt.Errorf("--invites %s:%d: expected id,code or id,code,name; found %d fields", path, n, len(rec))
		}
		id, code := textsafe.Line(rec[0]), strings.TrimSpace(rec[1])
		switch {
		case id == "" || code == "":
			return nil, fmt.Errorf("--invites %s:%d: an invite needs an id and a code", path, n)
		case len(code) < 6 || strings.ContainsAny(code, " @:/"):
			return nil, fmt.Errorf("--invites %s:%d: the code %s is too easy to guess or cannot be an SSH user name: use 6 or more letters and digits", path, n, textsafe.Quote(code))
		case ids[id] > 0:
			return nil, fmt.Errorf("--invites %s:%d: the id %s is invited twice (also on line %d)", path, n, textsafe.Quote(id), ids[id])
		}
		if _, dup := out[code]; dup {
			return nil, fmt.Errorf("--invites %s:%d: the code %s is given twice", path, n, textsafe.Quote(code))
		}
		ids[id] = n
		who := Respondent{ID: id}
		if len(rec) == 3 {
			who.Name = textsafe.Line(rec[2])
		}
		out[code] = who
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("--invites %s: no invites in it", path)
	}
	return out, nil
}

// readKeys reads an authorized_keys file; each key's comment is the respondent's id.
func readKeys(path string) ([]listedKey, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("--authorized-keys %s: %w", path, err)
	}
	defer f.Close()
	var out []listedKey
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		text := strings.TrimSpace(sc.Text())
		if text == "" || strings.HasPrefix(text, "#") {
			continue
		}
		key, comment, _, _, err := gossh.ParseAuthorizedKey([]byte(text))
		if err != nil {
			return nil, fmt.Errorf("--authorized-keys %s:%d: not a public key: %v", path, n, err)
		}
		id := textsafe.Line(comment)
		if id == "" {
			return nil, fmt.Errorf("--authorized-keys %s:%d: the key has no comment; the comment is the respondent's id (e.g. ssh-ed25519 AAAA… ann@example.org)", path, n)
		}
		out = append(out, listedKey{key: key, who: Respondent{ID: id}})
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("--authorized-keys %s: %w", path, err)
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("--authorized-keys %s: no keys in it", path)
	}
	return out, nil
}

// ErrOpenListen is the error for listening beyond this machine with no way to tell who
// answers.
var ErrOpenListen = errors.New("without --invites or --authorized-keys, anyone who can reach the address could answer as anyone")

// checkListen refuses an address other machines can reach when anyone may answer.
func checkListen(addr string, open bool) error {
	if !open {
		return nil
	}
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return fmt.Errorf("--listen %s: %w", textsafe.Quote(addr), err)
	}
	if host == "localhost" {
		return nil
	}
	if ip := net.ParseIP(host); ip != nil && ip.IsLoopback() {
		return nil
	}
	return fmt.Errorf("--listen %s: %w; give people invites (--invites) or list their keys (--authorized-keys), or listen on 127.0.0.1 and let them in through a jump host", textsafe.Quote(addr), ErrOpenListen)
}

func (a *access) byKey(key gossh.PublicKey) (Respondent, bool) {
	for _, k := range a.keys {
		if bytes.Equal(k.key.Marshal(), key.Marshal()) {
			return k.who, true
		}
	}
	return Respondent{}, false
}
