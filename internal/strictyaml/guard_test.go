package strictyaml

import (
	"fmt"
	"strings"
	"testing"
)

func keys(n int, indent, prefix string) string {
	var b strings.Builder
	for i := range n {
		fmt.Fprintf(&b, "%s%s%d: x\n", indent, prefix, i)
	}
	return b.String()
}

// A mapping's keys are counted on their own: many list items, a nested mapping and a
// mapping that resumes after one are each within the limit; one mapping past it is not.
func TestManyKeys(t *testing.T) {
	items := strings.Repeat("- id: a\n  label: b\n  more:\n    x: 1\n", 3*MaxKeys)
	cases := []struct {
		name, doc string
		line      int // 0: parses
	}{
		{"at the limit", keys(MaxKeys, "", "k"), 0},
		{"one past", keys(MaxKeys+1, "", "k"), MaxKeys + 1},
		{"list items", items, 0},
		{"nested", "a:\n" + keys(MaxKeys, "  ", "k") + "b:\n" + keys(MaxKeys, "  ", "j"), 0},
		{"outer resumes", keys(MaxKeys/2, "", "k") + "a:\n" + keys(10, "  ", "n") + keys(MaxKeys/2+1, "", "j"), MaxKeys + 11},
		{"under a list item", "- " + keys(MaxKeys+1, "  ", "k")[2:], MaxKeys + 1},
		{"flow mapping", "a: {" + strings.Repeat("k: 1, ", 2*MaxKeys) + "z: 1}\n", 0},
	}
	for _, c := range cases {
		_, err := Parse("f.yaml", []byte(c.doc))
		if c.line == 0 {
			if err != nil && strings.Contains(err.Error(), "keys in one mapping") {
				t.Errorf("%s: %v", c.name, err)
			}
			continue
		}
		want := fmt.Sprintf("f.yaml:%d: more than %d keys in one mapping; no coachmentor file needs so many", c.line, MaxKeys)
		if err == nil || err.Error() != want {
			t.Errorf("%s: got %v, want %s", c.name, err, want)
		}
	}
}
