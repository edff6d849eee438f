package format

import (
	"bytes"
	"strings"
	"testing"

	"github.com/coachmentor/coachmentor/internal/engine"
	"github.com/coachmentor/coachmentor/internal/team"
	"github.com/coachmentor/coachmentor/questions"
)

// Every name, alias and extension picks one format, so --format and -o never guess.
func TestNamesAndExtensionsAreUnique(t *testing.T) {
	seen := map[string]string{}
	for _, f := range All {
		if len(f.Exts) == 0 || f.Help == "" || f.Binary != (f.Noun != "") {
			t.Errorf("%s: no extension, no help, or a file that is not text without its noun", f.Name)
		}
		for _, key := range append(append([]string{f.Name}, f.Aliases...), f.Exts...) {
			if other, ok := seen[key]; ok {
				t.Errorf("%q names both %s and %s", key, other, f.Name)
			}
			seen[key] = f.Name
		}
		if got, err := Named(" "+strings.ToUpper(f.Name)+" ", All); err != nil || got != f {
			t.Errorf("Named(%q) = %v, %v", f.Name, got, err)
		}
		if got, ok := FromPath("out/report"+strings.ToUpper(f.Ext()), All); !ok || got != f {
			t.Errorf("FromPath(%s) = %v", f.Ext(), got)
		}
	}
	if _, err := Named("xml", For(KindTeam)); err == nil || err.Error() != `invalid --format "xml"; use markdown, html, jsonl, csv or xlsx` {
		t.Errorf("xml: %v", err)
	}
}

// Each format writes what it says it writes: a person's report, a team's results, a
// comparison, a bank, each something and the same bytes twice.
func TestEveryFormatWritesWhatItDeclares(t *testing.T) {
	b := questions.Default()
	sel := make(engine.Selection, len(b.Questions))
	sel[0] = b.Questions[0].Options[0]
	r := engine.New(b).Evaluate(sel)
	render := func(f *Format, kind string, write func(w *bytes.Buffer) error) {
		var one, two bytes.Buffer
		if err := write(&one); err != nil {
			t.Errorf("%s %s: %v", f.Name, kind, err)
		}
		write(&two)
		if one.Len() == 0 || (!f.Binary && !bytes.Equal(one.Bytes(), two.Bytes())) {
			t.Errorf("%s %s: %d bytes, or two runs differ", f.Name, kind, one.Len())
		}
	}
	team2 := func(tf team.Format, w *bytes.Buffer) error {
		if err := tf.Begin(w, nil); err != nil {
			return err
		}
		s := team.NewSummary()
		var out team.Out
		for i, id := range []string{"ann", "bo"} {
			m := &team.Member{N: i + 1, Line: i + 2, ID: id, Results: []*engine.Result{r, r}}
			tf.Row(&out, m)
			s.Add(team.Outcome{ID: id, Line: i + 2, Rec: r.Recommendation, Top: team.TopID(r)}, false)
		}
		if e, ok := tf.(team.Emitter); ok {
			if err := e.Emit(w, &out); err != nil {
				return err
			}
		} else {
			w.Write(out.Bytes)
		}
		return tf.End(w, s, false)
	}
	for _, f := range All {
		if f.Person != nil {
			render(f, "person", func(w *bytes.Buffer) error { return f.Person(w, b, r, PersonOptions{}) })
		}
		if f.Team != nil {
			render(f, "team", func(w *bytes.Buffer) error { return team2(f.Team(TeamOptions{Bank: b}), w) })
		}
		if f.Compare != nil {
			render(f, "comparison", func(w *bytes.Buffer) error { return team2(f.Compare(b, b), w) })
		}
		if f.Bank != nil {
			render(f, "bank", func(w *bytes.Buffer) error { return f.Bank(w, b) })
		}
		if f.Writes(KindFolder) && (f.Folder.Index == "" || f.Folder.NewIndex == nil) {
			t.Errorf("%s: a folder of reports without an index", f.Name)
		}
	}
}
