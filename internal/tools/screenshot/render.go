package main

import (
	"image"
	"image/color"
	"image/draw"
	"math"
	"strconv"
	"strings"
	"unicode/utf8"

	"golang.org/x/image/font"
	"golang.org/x/image/font/gofont/gomono"
	"golang.org/x/image/font/gofont/gomonobold"
	"golang.org/x/image/font/gofont/gomonobolditalic"
	"golang.org/x/image/font/gofont/gomonoitalic"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/math/fixed"
)

// The colours of the picture: a dark terminal on a darker page.
var (
	pageBG    = color.RGBA{0x13, 0x13, 0x1a, 0xff}
	defaultBG = color.RGBA{0x1e, 0x1e, 0x2e, 0xff}
	defaultFG = color.RGBA{0xcd, 0xd6, 0xf4, 0xff}
)

// style is what SGR sequences set for the cells that follow.
type style struct {
	fg, bg                  color.RGBA
	bold, faint, underline  bool
	italic, reverse, hidden bool
}

func plain() style { return style{fg: defaultFG, bg: defaultBG} }

// cell is one character on the screen.
type cell struct {
	r  rune
	st style
}

// parse turns text with SGR escape sequences, as `tmux capture-pane -e -p` writes it, into
// lines of cells. Other escape sequences are dropped.
func parse(text string) [][]cell {
	var lines [][]cell
	st := plain()
	for _, raw := range strings.Split(strings.TrimRight(text, "\n"), "\n") {
		var line []cell
		for i := 0; i < len(raw); {
			if raw[i] == 0x1b && i+1 < len(raw) && raw[i+1] == '[' {
				j := i + 2
				for j < len(raw) && (raw[j] < 0x40 || raw[j] > 0x7e) {
					j++
				}
				if j < len(raw) && raw[j] == 'm' {
					st = apply(st, raw[i+2:j])
				}
				i = j + 1
				continue
			}
			r, size := utf8.DecodeRuneInString(raw[i:])
			i += size
			if r == '\r' {
				continue
			}
			line = append(line, cell{r, st})
		}
		lines = append(lines, line)
	}
	return lines
}

// apply applies one SGR sequence's parameters, e.g. "1;38;5;147".
func apply(st style, params string) style {
	ps := strings.Split(params, ";")
	num := func(i int) int {
		if i >= len(ps) {
			return -1
		}
		n, err := strconv.Atoi(ps[i])
		if err != nil {
			return -1
		}
		return n
	}
	for i := 0; i < len(ps); i++ {
		n := num(i)
		if ps[i] == "" {
			n = 0
		}
		switch {
		case n == 0:
			st = plain()
		case n == 1:
			st.bold = true
		case n == 2:
			st.faint = true
		case n == 3:
			st.italic = true
		case n == 4:
			st.underline = true
		case n == 7:
			st.reverse = true
		case n == 8:
			st.hidden = true
		case n == 22:
			st.bold, st.faint = false, false
		case n == 23:
			st.italic = false
		case n == 24:
			st.underline = false
		case n == 27:
			st.reverse = false
		case n == 28:
			st.hidden = false
		case n >= 30 && n <= 37:
			st.fg = xterm(n - 30)
		case n >= 90 && n <= 97:
			st.fg = xterm(n - 90 + 8)
		case n >= 40 && n <= 47:
			st.bg = xterm(n - 40)
		case n >= 100 && n <= 107:
			st.bg = xterm(n - 100 + 8)
		case n == 39:
			st.fg = defaultFG
		case n == 49:
			st.bg = defaultBG
		case n == 38 || n == 48:
			var c color.RGBA
			switch num(i + 1) {
			case 5:
				c = xterm(num(i + 2))
				i += 2
			case 2:
				c = color.RGBA{uint8(num(i + 2)), uint8(num(i + 3)), uint8(num(i + 4)), 0xff}
				i += 4
			default:
				continue
			}
			if n == 38 {
				st.fg = c
			} else {
				st.bg = c
			}
		}
	}
	return st
}

// xterm is colour n of the xterm 256-colour palette.
func xterm(n int) color.RGBA {
	basic := [16]color.RGBA{
		{0x45, 0x47, 0x5a, 0xff}, {0xf3, 0x8b, 0xa8, 0xff}, {0xa6, 0xe3, 0xa1, 0xff}, {0xf9, 0xe2, 0xaf, 0xff},
		{0x89, 0xb4, 0xfa, 0xff}, {0xf5, 0xc2, 0xe7, 0xff}, {0x94, 0xe2, 0xd5, 0xff}, {0xba, 0xc2, 0xde, 0xff},
		{0x58, 0x5b, 0x70, 0xff}, {0xf3, 0x8b, 0xa8, 0xff}, {0xa6, 0xe3, 0xa1, 0xff}, {0xf9, 0xe2, 0xaf, 0xff},
		{0x89, 0xb4, 0xfa, 0xff}, {0xf5, 0xc2, 0xe7, 0xff}, {0x94, 0xe2, 0xd5, 0xff}, {0xa6, 0xad, 0xc8, 0xff},
	}
	switch {
	case n < 0 || n > 255:
		return defaultFG
	case n < 16:
		return basic[n]
	case n < 232:
		n -= 16
		level := func(v int) uint8 {
			if v == 0 {
				return 0
			}
			return uint8(55 + 40*v)
		}
		return color.RGBA{level(n / 36), level(n / 6 % 6), level(n % 6), 0xff}
	}
	g := uint8(8 + 10*(n-232))
	return color.RGBA{g, g, g, 0xff}
}

// mix is a at weight w over b.
func mix(a, b color.RGBA, w float64) color.RGBA {
	f := func(x, y uint8) uint8 { return uint8(math.Round(float64(x)*w + float64(y)*(1-w))) }
	return color.RGBA{f(a.R, b.R), f(a.G, b.G), f(a.B, b.B), 0xff}
}

// renderer draws cells in a monospaced font.
type renderer struct {
	faces       [4]font.Face // regular, bold, italic, bold italic
	cw, ch, asc int          // cell width and height, and the baseline's distance from the top
	pad         int          // the terminal's padding inside its card
	margin      int          // the page around the card
}

func newRenderer(size float64) (*renderer, error) {
	face := func(ttf []byte) (font.Face, error) {
		f, err := opentype.Parse(ttf)
		if err != nil {
			return nil, err
		}
		return opentype.NewFace(f, &opentype.FaceOptions{Size: size, DPI: 72, Hinting: font.HintingFull})
	}
	var faces [4]font.Face
	for i, ttf := range [4][]byte{gomono.TTF, gomonobold.TTF, gomonoitalic.TTF, gomonobolditalic.TTF} {
		f, err := face(ttf)
		if err != nil {
			return nil, err
		}
		faces[i] = f
	}
	reg := faces[0]
	adv, _ := reg.GlyphAdvance('0')
	m := reg.Metrics()
	height := (m.Ascent + m.Descent).Ceil()
	lead := int(math.Round(float64(height) * 0.2))
	return &renderer{
		faces: faces,
		cw:    adv.Ceil(), ch: height + lead, asc: m.Ascent.Ceil() + lead/2,
		pad: 2 * adv.Ceil(), margin: 16,
	}, nil
}

// render draws lines of cols by rows cells as a terminal window on a page.
func (rd *renderer) render(lines [][]cell, cols, rows int) *image.RGBA {
	w := cols*rd.cw + 2*rd.pad + 2*rd.margin
	h := rows*rd.ch + 2*rd.pad + 2*rd.margin
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	draw.Draw(img, img.Bounds(), image.NewUniform(pageBG), image.Point{}, draw.Src)
	card := image.Rect(rd.margin, rd.margin, w-rd.margin, h-rd.margin)
	roundedRect(img, card, 10, defaultBG)
	x0, y0 := rd.margin+rd.pad, rd.margin+rd.pad
	for y, line := range lines {
		if y >= rows {
			break
		}
		for x, c := range line {
			if x >= cols {
				break
			}
			fg, bg := c.st.fg, c.st.bg
			if c.st.reverse {
				fg, bg = bg, fg
			}
			if c.st.faint {
				fg = mix(fg, bg, 0.55)
			}
			box := image.Rect(x0+x*rd.cw, y0+y*rd.ch, x0+(x+1)*rd.cw, y0+(y+1)*rd.ch)
			if bg != defaultBG {
				draw.Draw(img, box, image.NewUniform(bg), image.Point{}, draw.Src)
			}
			if c.st.hidden {
				continue
			}
			if c.r != ' ' && !drawBlock(img, box, c.r, fg, bg) {
				face := rd.faces[b2i(c.st.bold)+2*b2i(c.st.italic)]
				r := c.r
				if _, ok := face.GlyphAdvance(r); !ok {
					r = '?'
				}
				d := font.Drawer{Dst: img, Src: image.NewUniform(fg), Face: face, Dot: fixed.P(box.Min.X, box.Min.Y+rd.asc)}
				d.DrawString(string(r))
			}
			if c.st.underline {
				u := image.Rect(box.Min.X, box.Min.Y+rd.asc+2, box.Max.X, box.Min.Y+rd.asc+3)
				draw.Draw(img, u, image.NewUniform(fg), image.Point{}, draw.Src)
			}
		}
	}
	return img
}

// drawBlock draws the block and box-drawing characters the screens use as shapes that fill
// the cell, as terminals do, so that bars and frames join up. It reports whether r was one.
func drawBlock(img *image.RGBA, box image.Rectangle, r rune, fg, bg color.RGBA) bool {
	fill := func(rect image.Rectangle, c color.RGBA) {
		draw.Draw(img, rect.Intersect(box), image.NewUniform(c), image.Point{}, draw.Src)
	}
	cx, cy := (box.Min.X+box.Max.X)/2, (box.Min.Y+box.Max.Y)/2
	thin, heavy := 1, 2
	hline := func(x0, x1, t int) { fill(image.Rect(x0, cy-t/2, x1, cy-t/2+t), fg) }
	vline := func(y0, y1, t int) { fill(image.Rect(cx-t/2, y0, cx-t/2+t, y1), fg) }
	arc := func(dx, dy int) { // a rounded corner joining the cell's sides dx and dy
		rad := float64(min(box.Dx(), box.Dy()) / 2)
		ox, oy := float64(cx)+float64(dx)*rad, float64(cy)+float64(dy)*rad
		for a := 0.0; a <= math.Pi/2; a += 0.02 {
			px := ox - float64(dx)*rad*math.Cos(a)
			py := oy - float64(dy)*rad*math.Sin(a)
			fill(image.Rect(int(px), int(py), int(px)+thin, int(py)+thin), fg)
		}
		if dx > 0 {
			hline(cx+int(rad), box.Max.X, thin)
		} else {
			hline(box.Min.X, cx-int(rad)+1, thin)
		}
		if dy > 0 {
			vline(cy+int(rad), box.Max.Y, thin)
		} else {
			vline(box.Min.Y, cy-int(rad)+1, thin)
		}
	}
	switch r {
	case '█':
		fill(box, fg)
	case '▓':
		fill(box, mix(fg, bg, 0.75))
	case '▒':
		fill(box, mix(fg, bg, 0.5))
	case '░':
		fill(box, mix(fg, bg, 0.25))
	case '─':
		hline(box.Min.X, box.Max.X, thin)
	case '━':
		hline(box.Min.X, box.Max.X, heavy)
	case '│':
		vline(box.Min.Y, box.Max.Y, thin)
	case '┃':
		vline(box.Min.Y, box.Max.Y, heavy)
	case '╭':
		arc(1, 1)
	case '╮':
		arc(-1, 1)
	case '╰':
		arc(1, -1)
	case '╯':
		arc(-1, -1)
	default:
		return false
	}
	return true
}

// roundedRect fills r with corners of radius rad.
func roundedRect(img *image.RGBA, r image.Rectangle, rad int, c color.RGBA) {
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			dx := max(r.Min.X+rad-x-1, x-(r.Max.X-rad), 0)
			dy := max(r.Min.Y+rad-y-1, y-(r.Max.Y-rad), 0)
			if dx*dx+dy*dy <= rad*rad {
				img.SetRGBA(x, y, c)
			}
		}
	}
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}
