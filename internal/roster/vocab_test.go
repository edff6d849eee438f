package roster

import (
	"strconv"
	"testing"
)

// The vocabulary finds every word of a large bank, and only those.
func TestVocabularyGrows(t *testing.T) {
	v := &Vocabulary{}
	for k := range 5000 {
		v.add("w"+strconv.Itoa(k), k%2 == 0)
	}
	for k := range 5000 {
		w := "w" + strconv.Itoa(k)
		if n := v.lookup(w); n != int32(k) {
			t.Fatalf("lookup(%q) = %d", w, n)
		}
		if s, n := v.intern([]byte(w), hashString(w)); s != w || n != int32(k) {
			t.Fatalf("intern(%q) = %q, %d", w, s, n)
		}
		if _, q := v.Question(w); q != (k%2 == 0) {
			t.Fatalf("Question(%q)", w)
		}
	}
	if _, q := v.Question("scope"); v.lookup("w5000") != -1 || q {
		t.Fatal("found a word never added")
	}
}
