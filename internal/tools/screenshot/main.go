// Command screenshot makes the README's pictures of the questionnaire: it runs the program
// in tmux, answers as a manager would, captures the screen with its colours and draws it
// as a PNG, so the pictures can be made again whenever the screens change.
//
//	go run ./internal/tools/screenshot -bin bin/coachmentor -out docs
//
// It needs tmux. The font is Go Mono, compiled in, so every machine draws the same picture.
package main

import (
	"bytes"
	"flag"
	"fmt"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/coachmentor/coachmentor/internal/safefile"
	"github.com/coachmentor/coachmentor/internal/state"
)

// shot is one picture: the answers given beforehand, the keys pressed after the first
// screen, and text that shows the screen to capture has been drawn.
type shot struct {
	file       string
	cols, rows int
	name       string
	answers    string
	keys       []string
	until      string
	// people, if set, are a manager's team kept beforehand (name to answers): the
	// questionnaire then opens on the team.
	people map[string]string
}

var shots = []shot{
	{
		file: "question.png", cols: 110, rows: 26,
		name: "Priya (new team lead)",
		// Every answer but the need given, the need on screen with an answer picked, and
		// the panel showing where the answers point with it.
		answers: priya,
		keys:    []string{"Enter", "4"}, // enter opens the first unanswered question
		until:   "> 4. Get ready for new responsibilities",
	},
	{
		file: "results.png", cols: 100, rows: 36,
		name:    "Priya (new team lead)",
		answers: priya + "goal: new-responsibilities\n",
		keys:    []string{"Enter", "Enter"}, // everything is answered: the review, then the results
		until:   "Recommendation:",
	},
	{
		file: "team.png", cols: 84, rows: 17,
		people: map[string]string{
			"Priya (new team lead)": priya + "goal: new-responsibilities\n",
			"Marcus":                "participants: individual\ngoal: growth\nscope: broad-development\nduration: years\nstructure: flexible\nsuccess: growth\n",
			"Dana":                  "participants: individual\ngoal: performance\nscope: specific-skills\nduration: weeks\nstructure: sessions\nsuccess: metrics\ndriver: organization\n",
			"Sam":                   "participants: individual\ngoal: network\n",
		},
		keys:  []string{"Down"},
		until: "coachmentor · your team",
	},
}

// priya is a newly promoted team lead's answers, the need aside.
const priya = "participants: individual\nscope: specific-skills\nduration: months\nstructure: sessions\n" +
	"success: metrics\ndriver: organization\nfocus: task\nhorizon: future-roles\nguide: insider\n" +
	"involvement: hands-on\nmatching: assigned\nstart: now\ncapacity: few-funded\nreach: few\n"

func main() {
	bin := flag.String("bin", "bin/coachmentor", "the program to run")
	out := flag.String("out", "docs", "the folder to write the pictures to")
	flag.Parse()
	if err := run(*bin, *out); err != nil {
		fmt.Fprintln(os.Stderr, "screenshot:", err)
		os.Exit(1)
	}
}

func run(bin, out string) error {
	bin, err := filepath.Abs(bin)
	if err != nil {
		return err
	}
	rd, err := newRenderer(15)
	if err != nil {
		return err
	}
	for _, s := range shots {
		text, err := capture(bin, s)
		if err != nil {
			return fmt.Errorf("%s: %w", s.file, err)
		}
		var buf bytes.Buffer
		if err := png.Encode(&buf, rd.render(parse(text), s.cols, s.rows)); err != nil {
			return err
		}
		path := filepath.Join(out, s.file)
		if err := safefile.Write(path, buf.Bytes(), true); err != nil {
			return err
		}
		fmt.Println(path)
	}
	return nil
}

// capture runs the questionnaire in a tmux window of its own, presses the shot's keys and
// returns the screen with its escape sequences.
func capture(bin string, s shot) (string, error) {
	dir, err := os.MkdirTemp("", "coachmentor-shot-*")
	if err != nil {
		return "", err
	}
	defer os.RemoveAll(dir)
	answers := filepath.Join(dir, "answers.yaml")
	if err := os.WriteFile(answers, []byte(s.answers), 0o600); err != nil {
		return "", err
	}
	people := state.PeopleDir(filepath.Join(dir, "coachmentor", state.FileName))
	for name, given := range s.people {
		if err := os.MkdirAll(people, 0o700); err != nil {
			return "", err
		}
		if err := os.WriteFile(state.PersonFile(people, name), []byte("name: "+quote(name)+"\n"+given), 0o600); err != nil {
			return "", err
		}
	}
	sock := "coachmentor-shot-" + strconv.Itoa(os.Getpid())
	tmux := func(args ...string) (string, error) {
		out, err := exec.Command("tmux", append([]string{"-L", sock, "-f", "/dev/null"}, args...)...).CombinedOutput()
		if err != nil {
			return "", fmt.Errorf("tmux %s: %v: %s", args[0], err, bytes.TrimSpace(out))
		}
		return string(out), nil
	}
	// The same colours everywhere: 256 of them, whatever the terminal running this has.
	command := fmt.Sprintf("env -u COLORTERM -u NO_COLOR XDG_STATE_HOME=%s %s --for %s --answers %s",
		quote(dir), quote(bin), quote(s.name), quote(answers))
	first := "Press enter to start"
	if s.people != nil {
		command, first = fmt.Sprintf("env -u COLORTERM -u NO_COLOR XDG_STATE_HOME=%s %s", quote(dir), quote(bin)), s.until
	}
	if _, err := tmux("new-session", "-d", "-x", strconv.Itoa(s.cols), "-y", strconv.Itoa(s.rows), command); err != nil {
		return "", err
	}
	defer tmux("kill-server")
	screen := func() string { text, _ := tmux("capture-pane", "-p"); return text }
	wait := func(want string) error {
		for range 100 {
			if strings.Contains(screen(), want) {
				return nil
			}
			time.Sleep(50 * time.Millisecond)
		}
		return fmt.Errorf("%q did not appear; the screen was:\n%s", want, screen())
	}
	if err := wait(first); err != nil {
		return "", err
	}
	for _, k := range s.keys {
		before := screen()
		if _, err := tmux("send-keys", k); err != nil {
			return "", err
		}
		for i := 0; i < 40 && screen() == before; i++ { // each key redraws the screen
			time.Sleep(25 * time.Millisecond)
		}
	}
	if err := wait(s.until); err != nil {
		return "", err
	}
	return tmux("capture-pane", "-e", "-p")
}

// quote quotes s for the shell tmux runs the command with.
func quote(s string) string { return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'" }
