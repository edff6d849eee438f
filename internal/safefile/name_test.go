package safefile

import (
	"strings"
	"testing"
)

func TestName(t *testing.T) {
	for in, want := range map[string]string{
		"Ann Lee": "Ann-Lee", "../../x": "x", "a..b": "a.b", "lpt1": "_lpt1", "Zoë": "Zoë",
		"   ": "", "名前": "名前", strings.Repeat("x", 300): strings.Repeat("x", 80), "a\x00b": "a-b",
	} {
		if got := Name(in); got != want {
			t.Errorf("Name(%q) = %q, want %q", in, got, want)
		}
	}
}
