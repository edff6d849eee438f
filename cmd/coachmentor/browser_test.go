package main

import (
	"bytes"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/coachmentor/coachmentor/internal/testutil"
)

// The HTML reports as a reader sees them: drawn by a real browser, headless, to a picture
// and to a PDF. Without chromium these are skipped, unless COACHMENTOR_REQUIRE_BROWSER is
// set, as CI sets it.

func chromium(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if path, err := exec.LookPath(name); err == nil {
			return path
		}
	}
	if os.Getenv("COACHMENTOR_REQUIRE_BROWSER") != "" {
		t.Fatal("chromium is required (COACHMENTOR_REQUIRE_BROWSER is set) but not installed")
	}
	t.Skip("chromium not installed")
	return ""
}

// browse runs the browser headless on a page with the given flags, to completion.
func browse(t *testing.T, browser, page string, flags ...string) []byte {
	t.Helper()
	args := append([]string{"--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--no-first-run",
		"--user-data-dir=" + t.TempDir()}, flags...)
	cmd := exec.Command(browser, append(args, "file://"+page)...)
	cmd.Env = append(os.Environ(), "HOME="+t.TempDir())
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("%s: %v\n%s", browser, err, errOut.String())
		}
	case <-timeAfter(t):
		cmd.Process.Kill()
		t.Fatal("the browser did not finish")
	}
	return out.Bytes()
}

// A hostile name, which must reach the page as text.
const hostile = `<img src=x onerror="alert(1)"><script>alert(2)</script>`

func TestHTMLReportsInABrowser(t *testing.T) {
	browser := chromium(t)
	dir := t.TempDir()
	roster := "id,name,scope,duration,goal,success,participants\n" +
		"e1," + strings.ReplaceAll(hostile, `"`, `""`) + ",specific-skills,weeks,performance,metrics,individual\n" +
		"e2,Bo Ray,broad-development,years,growth,growth,individual\n"
	roster = strings.Replace(roster, "e1,<img", "e1,\"<img", 1)
	roster = strings.Replace(roster, "</script>,", "</script>\",", 1)
	if err := os.WriteFile(filepath.Join(dir, "team.csv"), []byte(roster), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(binary, "batch", "team.csv", "-f", "html", "--out-dir", "reports", "-o", "reports/team.html")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "XDG_STATE_HOME="+t.TempDir())
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	for _, name := range []string{"team.html", "e1.html", "index.html"} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			page := filepath.Join(dir, "reports", name)
			dom := string(browse(t, browser, page, "--dump-dom"))
			if strings.Contains(dom, "<img") || strings.Contains(dom, "<script") {
				t.Fatalf("the name became markup:\n%s", dom)
			}
			if !strings.Contains(dom, "&lt;img src=x") {
				t.Fatal("the name is not on the page as text")
			}
			if name != "index.html" && !strings.Contains(dom, "<svg") {
				t.Fatal("no chart")
			}
			shot := filepath.Join(t.TempDir(), "page.png")
			browse(t, browser, page, "--screenshot="+shot, "--window-size=1000,9000") // the whole page
			ink, chart := look(t, shot)
			if ink < 20000 { // a heading and a table of text, at the least
				t.Errorf("the page is blank: %d pixels of ink", ink)
			}
			if name != "index.html" && chart < 200 {
				t.Errorf("the chart is not drawn: %d pixels of its colours", chart)
			}
			pdf := filepath.Join(t.TempDir(), "page.pdf")
			browse(t, browser, page, "--print-to-pdf="+pdf, "--no-pdf-header-footer")
			data, err := os.ReadFile(pdf)
			if err != nil || !bytes.HasPrefix(data, []byte("%PDF-")) || len(data) < 5000 {
				t.Fatalf("no PDF: %v, %d bytes", err, len(data))
			}
		})
	}
}

// look reads a screenshot: how many pixels are not white, and how many are in the colours
// of coaching and mentoring, which only the charts use in quantity.
func look(t *testing.T, path string) (ink, chart int) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			r, g, bl, _ := img.At(x, y).RGBA()
			r, g, bl = r>>8, g>>8, bl>>8
			if r < 240 || g < 240 || bl < 240 {
				ink++
			}
			if near(r, g, bl, 0x00, 0x7A, 0x87) || near(r, g, bl, 0xA3, 0x36, 0x7A) {
				chart++
			}
		}
	}
	return ink, chart
}

func near(r, g, b, wr, wg, wb uint32) bool {
	d := func(a, w uint32) uint32 {
		if a > w {
			return a - w
		}
		return w - a
	}
	return d(r, wr) < 12 && d(g, wg) < 12 && d(b, wb) < 12
}

// timeAfter is the wait for a browser that never finishes: as long as the test may run.
func timeAfter(t *testing.T) <-chan time.Time { return time.After(testutil.HangLimit(t)) }

// The index of a folder of reports, with three long kept columns, fits an 1100-pixel
// window: its table's right edge is in view, the recommendation with it, and the id is
// not shown twice when it is also a kept column.
func TestIndexFitsTheWindow(t *testing.T) {
	browser := chromium(t)
	dir := t.TempDir()
	roster := "Employee ID,Name,Email,Department,Location,scope,duration,goal,success\n" +
		"e1,Ann Lee,ann.lee.very.long.address@example-organisation-with-a-long-name.org,Research and Development Division,Headquarters Building North Wing,specific-skills,weeks,performance,metrics\n" +
		"e2,Bo Ray,bo.ray.another.long.address@example-organisation-with-a-long-name.org,Customer Success and Support,Remote Office Far Away,broad-development,years,growth,growth\n"
	os.WriteFile(filepath.Join(dir, "team.csv"), []byte(roster), 0o644)
	cmd := exec.Command(binary, "batch", "team.csv", "--id-column", "Employee ID", "--keep", "Employee ID,Email,Department,Location", "-f", "html", "--out-dir", "reports", "-o", "reports/team.html")
	cmd.Dir = dir
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	page := filepath.Join(dir, "reports", "index.html")
	dom := string(browse(t, browser, page, "--dump-dom"))
	if strings.Count(dom, "<th>Employee ID</th>")+strings.Count(dom, "<th>Id</th>") != 1 {
		t.Errorf("the id is shown more than once:\n%s", dom)
	}
	shot := filepath.Join(t.TempDir(), "index.png")
	browse(t, browser, page, "--screenshot="+shot, "--window-size=1100,600")
	if right := rightmost(t, shot, 0xd0, 0xd0, 0xd0); right < 0 || right > 1098 {
		t.Errorf("the table's right edge is at x=%d in a window 1100 wide", right)
	}
}

// rightmost is the largest x of a pixel of the colour in a picture, -1 if none.
func rightmost(t *testing.T, path string, r0, g0, b0 uint32) int {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	right := -1
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Max.X - 1; x > right; x-- {
			r, g, bl, _ := img.At(x, y).RGBA()
			if near(r>>8, g>>8, bl>>8, r0, g0, b0) {
				right = x
				break
			}
		}
	}
	return right
}
