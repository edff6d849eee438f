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
	"path"
	"strconv"
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
	key  gossh.PublicKey
	who  Respondent
	from []string // the addresses it may come from (from=); none for any
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

// readKeys reads an authorized_keys file; each key's comment is the respondent's id. A
// key's from= option is honoured (the addresses it may come from); options that only
// forbid what serve never allows are accepted; any other option, which serve could not
// honour, is refused with its line, and so is a key listed twice. One id with several keys
// (a laptop and a desktop) is said in the notes.
func readKeys(path string) ([]listedKey, []string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, fmt.Errorf("--authorized-keys %s: %w", path, err)
	}
	defer f.Close()
	var out []listedKey
	var notes []string
	lineOf := map[string]int{}    // a key's line, by the key
	idLines := map[string][]int{} // the lines of each id's keys
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		text := strings.TrimSpace(sc.Text())
		if text == "" || strings.HasPrefix(text, "#") {
			continue
		}
		key, comment, options, _, err := gossh.ParseAuthorizedKey([]byte(text))
		if err != nil {
			return nil, nil, fmt.Errorf("--authorized-keys %s:%d: not a public key: %v", path, n, err)
		}
		id := textsafe.Line(comment)
		if id == "" {
			return nil, nil, fmt.Errorf("--authorized-keys %s:%d: the key has no comment; the comment is the respondent's id (e.g. ssh-ed25519 AAAA… ann@example.org)", path, n)
		}
		from, err := keyOptions(options)
		if err != nil {
			return nil, nil, fmt.Errorf("--authorized-keys %s:%d: %v", path, n, err)
		}
		k := string(key.Marshal())
		if first, dup := lineOf[k]; dup {
			return nil, nil, fmt.Errorf("--authorized-keys %s:%d: the same key as line %d; list each key once", path, n, first)
		}
		lineOf[k] = n
		idLines[id] = append(idLines[id], n)
		out = append(out, listedKey{key: key, who: Respondent{ID: id}, from: from})
	}
	if err := sc.Err(); err != nil {
		return nil, nil, fmt.Errorf("--authorized-keys %s: %w", path, err)
	}
	if len(out) == 0 {
		return nil, nil, fmt.Errorf("--authorized-keys %s: no keys in it", path)
	}
	for _, k := range out {
		if lines := idLines[k.who.ID]; len(lines) > 1 && lines[0] > 0 {
			notes = append(notes, fmt.Sprintf("--authorized-keys %s: %s has %d keys (lines %s); any of them answers as %s",
				path, textsafe.Quote(k.who.ID), len(lines), joinInts(lines), textsafe.Quote(k.who.ID)))
			idLines[k.who.ID] = []int{0} // said once
		}
	}
	return out, notes, nil
}

func joinInts(ns []int) string {
	parts := make([]string, len(ns))
	for i, n := range ns {
		parts[i] = strconv.Itoa(n)
	}
	return strings.Join(parts, ", ")
}

// keyOptions reads an authorized_keys line's options: the from= patterns it honours, or
// why it cannot honour one.
func keyOptions(options []string) ([]string, error) {
	var from []string
	for _, o := range options {
		name, value, hasValue := strings.Cut(o, "=")
		switch strings.ToLower(name) {
		case "no-agent-forwarding", "no-port-forwarding", "no-x11-forwarding", "no-user-rc", "restrict", "pty":
			// Forbids what serve never allows anyway, or allows the terminal it needs.
		case "from":
			if !hasValue {
				return nil, errors.New("from= needs addresses")
			}
			for _, p := range strings.Split(strings.Trim(value, `"`), ",") {
				p = strings.TrimSpace(p)
				if strings.ContainsFunc(strings.TrimPrefix(p, "!"), func(r rune) bool {
					return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z'
				}) && !strings.Contains(p, ":") {
					return nil, fmt.Errorf("from=%s: a host name cannot be checked, as serve looks up no names; give addresses (192.0.2.7, 192.0.2.0/24, 192.0.2.*)", textsafe.Quote(p))
				}
				from = append(from, p)
			}
		default:
			return nil, fmt.Errorf("the option %s cannot be honoured by serve, which runs the questionnaire and nothing else; remove it (from= is honoured)", textsafe.Quote(name))
		}
	}
	return from, nil
}

// fromMatches reports whether an address is one a key's from= patterns allow: it matches
// a pattern and no pattern that begins with !, as OpenSSH reads them. No patterns allow all.
func fromMatches(patterns []string, addr net.Addr) bool {
	if len(patterns) == 0 {
		return true
	}
	ip := net.ParseIP(host(addr))
	if ip == nil {
		return false
	}
	allowed := false
	for _, p := range patterns {
		neg := strings.HasPrefix(p, "!")
		p = strings.TrimPrefix(p, "!")
		var match bool
		if _, cidr, err := net.ParseCIDR(p); err == nil {
			match = cidr.Contains(ip)
		} else {
			match, _ = path.Match(p, ip.String())
		}
		if match && neg {
			return false
		}
		allowed = allowed || match
	}
	return allowed
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

// byKey is the respondent a key stands for, if it is listed and may come from addr.
func (a *access) byKey(key gossh.PublicKey, addr net.Addr) (Respondent, bool) {
	for _, k := range a.keys {
		if bytes.Equal(k.key.Marshal(), key.Marshal()) {
			return k.who, fromMatches(k.from, addr)
		}
	}
	return Respondent{}, false
}
