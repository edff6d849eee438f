package strictyaml

import (
	"strings"
	"testing"
	"unicode/utf16"
)

// What a file may not be, each refused with its line and a message a person can act on.
func TestParseRefuses(t *testing.T) {
	cases := []struct{ name, doc, want string }{
		{"anchor", "a: 1\nb: &x 2\n", "f.yaml:2: anchors (&) are not supported; write the value out"},
		{"anchor and alias", "a: &x [1]\nb: *x\n", "f.yaml:1: anchors (&) are not supported"},
		{"tag", "a: !!str 1\n", "f.yaml:1: tags (!) are not supported"},
		{"merge key", "a: {x: 1}\nb:\n  <<: {x: 2}\n", "f.yaml:3: merge keys (<<) are not supported"},
		{"two documents", "a: 1\n---\nb: 2\n", "f.yaml:3: holds more than one YAML document; expected one"},
		{"empty", "# only a comment\n", "f.yaml: the file is empty"},
		{"NUL", "a: 1\nb: \x00\n", "f.yaml:2: contains a NUL byte; expected a text file"},
		{"invalid UTF-8", "a: 1\nb: \xff\n", "f.yaml:2: not valid UTF-8 text"},
		{"duplicate key", "a: 1\na: 2\n", `f.yaml:2: invalid YAML: mapping key "a" already defined at line 1`},
		{"deep flow", strings.Repeat("[", 65) + strings.Repeat("]", 65) + "\n", "f.yaml:1: nested more than 64 levels deep"},
	}
	for _, c := range cases {
		_, err := Parse("f.yaml", []byte(c.doc))
		if err == nil || !strings.HasPrefix(err.Error(), c.want) {
			t.Errorf("%s: got %v, want %q", c.name, err, c.want)
		}
		if err != nil && strings.Contains(err.Error(), "\n") {
			t.Errorf("%s: the error is more than one line: %q", c.name, err)
		}
	}
}

// A mapping's pairs come in file order with their lines; an empty value takes its key's.
func TestMappingPairs(t *testing.T) {
	root, err := Parse("f.yaml", []byte("# a comment\nb: 1\na: text\nc:\nd: [x, y]\n"))
	if err != nil {
		t.Fatal(err)
	}
	pairs, err := root.Mapping()
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, p := range pairs {
		got = append(got, p.Key+"@"+string(rune('0'+p.Line))+"/"+string(rune('0'+p.Value.Line()))+":"+p.Value.Kind().String())
	}
	want := "b@2/2:a number a@3/3:text c@4/4:nothing d@5/5:a list"
	if strings.Join(got, " ") != want {
		t.Fatalf("got  %s\nwant %s", strings.Join(got, " "), want)
	}
	if _, err := pairs[0].Value.String(); err == nil || err.Error() != "f.yaml:2: expected text, found a number" {
		t.Errorf("a number as text: %v", err)
	}
	if s, err := pairs[0].Value.Text(); err != nil || s != "1" {
		t.Errorf("Text of a number: %q %v", s, err)
	}
	if l, err := pairs[3].Value.Strings(); err != nil || strings.Join(l, ",") != "x,y" {
		t.Errorf("Strings: %v %v", l, err)
	}
}

// Numbers are plain decimals; anything YAML would read as something else is an error that
// says how to write it.
func TestNumbers(t *testing.T) {
	for raw, want := range map[string]float64{"3": 3, "-2": -2, "0.65": 0.65, "0": 0, "100": 100} {
		n := value(t, raw)
		if got, err := n.Number(); err != nil || got != want {
			t.Errorf("%s: %v %v", raw, got, err)
		}
	}
	for _, raw := range []string{"010", "0x10", "1_0", "0.6_5", "08", "1e3", "+1"} {
		if _, err := value(t, raw).Number(); err == nil || !strings.Contains(err.Error(), "write numbers as plain decimals, such as 10 or 0.65") {
			t.Errorf("%s: %v", raw, err)
		}
	}
	for _, raw := range []string{".inf", "-.inf", ".nan"} {
		if _, err := value(t, raw).Number(); err == nil || !strings.Contains(err.Error(), "expected a finite number") {
			t.Errorf("%s: %v", raw, err)
		}
	}
	if _, err := value(t, "ten").Number(); err == nil || err.Error() != "f.yaml:1: expected a number, found text" {
		t.Errorf("text: %v", err)
	}
}

func value(t *testing.T, raw string) Node {
	t.Helper()
	root, err := Parse("f.yaml", []byte("v: "+raw+"\n"))
	if err != nil {
		t.Fatal(err)
	}
	pairs, err := root.Mapping()
	if err != nil || len(pairs) != 1 {
		t.Fatal(pairs, err)
	}
	return pairs[0].Value
}

// A file saved as UTF-16 with its byte-order mark reads as the same file, lines and all.
func TestUTF16(t *testing.T) {
	text := "a: 1\nb: déjà vu\n"
	units := utf16.Encode([]rune(text))
	le := []byte{0xff, 0xfe}
	for _, u := range units {
		le = append(le, byte(u), byte(u>>8))
	}
	root, err := Parse("f.yaml", le)
	if err != nil {
		t.Fatal(err)
	}
	pairs, _ := root.Mapping()
	if s, _ := pairs[1].Value.String(); s != "déjà vu" || pairs[1].Line != 2 {
		t.Fatalf("got %q at line %d", s, pairs[1].Line)
	}
}
