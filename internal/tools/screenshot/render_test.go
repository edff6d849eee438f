package main

import (
	"image/color"
	"testing"
)

func TestParse(t *testing.T) {
	lines := parse("\x1b[1;38;5;147mA\x1b[0m B\x1b[2m\x1b[38;2;1;2;3mC\x1b[22;39m·\r\n\x1b[4;48;5;16mD\n")
	if len(lines) != 2 || len(lines[0]) != 5 || len(lines[1]) != 1 {
		t.Fatalf("got %d lines: %v", len(lines), lines)
	}
	a, space, b, c, dot := lines[0][0], lines[0][1], lines[0][2], lines[0][3], lines[0][4]
	if a.r != 'A' || !a.st.bold || a.st.fg != (color.RGBA{0xaf, 0xaf, 0xff, 0xff}) {
		t.Errorf("A: %+v, want bold in xterm colour 147", a)
	}
	if space.st != plain() || b.st != plain() {
		t.Errorf("after a reset: %+v %+v, want the plain style", space.st, b.st)
	}
	if c.r != 'C' || !c.st.faint || c.st.fg != (color.RGBA{1, 2, 3, 0xff}) {
		t.Errorf("C: %+v, want faint in rgb(1,2,3)", c)
	}
	if dot.r != '·' || dot.st.faint || dot.st.fg != defaultFG {
		t.Errorf("·: %+v, want the default colour, not faint", dot)
	}
	if d := lines[1][0]; d.r != 'D' || !d.st.underline || d.st.bg != (color.RGBA{0, 0, 0, 0xff}) {
		t.Errorf("D: %+v, want underlined on xterm colour 16, the style carried over the line end", d)
	}
}

// A bar of full blocks is drawn edge to edge, so that it reads as one bar.
func TestBlocksFillTheirCells(t *testing.T) {
	rd, err := newRenderer(15)
	if err != nil {
		t.Fatal(err)
	}
	img := rd.render(parse("\x1b[38;5;80m███\x1b[0m x"), 5, 1)
	want := xterm(80)
	y := rd.margin + rd.pad + rd.ch/2
	for x := rd.margin + rd.pad; x < rd.margin+rd.pad+3*rd.cw; x++ {
		if got := img.RGBAAt(x, y); got != want {
			t.Fatalf("pixel %d in the bar is %v, want %v", x, got, want)
		}
	}
	if got := img.RGBAAt(rd.margin+rd.pad+3*rd.cw+rd.cw/2, y); got != defaultBG {
		t.Errorf("the space after the bar is %v, want the background", got)
	}
}
