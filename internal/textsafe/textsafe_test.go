package textsafe

import "testing"

func TestClean(t *testing.T) {
	tests := map[string]string{
		"plain text":                       "plain text",
		"tab\tand\nnewline":                "tab\tand\nnewline",
		"\x1b]0;new title\x07visible":      "visible", // the whole sequence goes
		"red \x1b[31mtext\x1b[0m":          "red text",
		"c1 \u009b31m":                     "c1 31m",
		"raw c1 \x9b31m and \xff":          "raw c1 \ufffd31m and \ufffd", // not UTF-8: replaced
		"unterminated \x1b]0;title":        "unterminated ",
		"bidi \u202egnp.exe\u202c":         "bidi gnp.exe",
		"isolate \u2066x\u2069 and \u200f": "isolate x and ",
		"del\x7f and bell\a":               "del and bell",
		"accents: café, naïve, 日本":         "accents: café, naïve, 日本",
	}
	for in, want := range tests {
		if got := Clean(in); got != want {
			t.Errorf("Clean(%q) = %q, want %q", in, got, want)
		}
	}
	if got := Line(" two\nlines\there "); got != "two lines here" {
		t.Errorf("Line: %q", got)
	}
}

func TestCapped(t *testing.T) {
	lines := []string{"a", "b", "c", "d"}
	if got := Capped(lines, 4, "problems"); got != "a\nb\nc\nd" {
		t.Errorf("under the cap: %q", got)
	}
	if got := Capped(lines, 3, "problems"); got != "a\nb\nc\n… and 1 more problem" {
		t.Errorf("one over: %q", got)
	}
	if got := Capped(lines, 2, "problems"); got != "a\nb\n… and 2 more problems" {
		t.Errorf("two over: %q", got)
	}
}

// Text a spreadsheet would run as a formula shows as text; other text is as it was.
func TestCellText(t *testing.T) {
	for in, want := range map[string]string{"=1+1": "'=1+1", "+1": "'+1", "-x": "'-x", "@SUM(A1)": "'@SUM(A1)", "\tx": "'\tx", "Ann": "Ann", "": "", "a=b": "a=b"} {
		if got := CellText(in); got != want {
			t.Errorf("CellText(%q) = %q, want %q", in, got, want)
		}
	}
}
