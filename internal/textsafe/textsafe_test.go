package textsafe

import "testing"

func TestClean(t *testing.T) {
	tests := map[string]string{
		"plain text":                       "plain text",
		"tab\tand\nnewline":                "tab\tand\nnewline",
		"\x1b]0;new title\x07visible":      "]0;new titlevisible",
		"red \x1b[31mtext\x1b[0m":          "red [31mtext[0m",
		"c1 \u009b31m":                     "c1 31m",
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
