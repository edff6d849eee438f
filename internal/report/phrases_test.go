package report

import "testing"

func TestPercent(t *testing.T) {
	for _, c := range []struct {
		share float64
		want  string
	}{
		{0, "0%"},
		{1, "100%"},
		{0.5, "50%"},
		{26.0 / 29, "90%"}, // 89.66%, read as people read shares
		{2.0 / 3, "67%"},
		{0.996, "99%"}, // one point of mentoring is not none
		{0.004, "1%"},
	} {
		if got := Percent(c.share); got != c.want {
			t.Errorf("Percent(%v) = %s, want %s", c.share, got, c.want)
		}
	}
}
