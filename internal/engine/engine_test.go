package engine_test

import (
	"fmt"
	"math"
	"math/rand/v2"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/coachmentor/coachmentor/internal/answers"
	"github.com/coachmentor/coachmentor/internal/bank"
	"github.com/coachmentor/coachmentor/internal/engine"
	"github.com/coachmentor/coachmentor/questions"
)

var def = questions.Default()

// evaluate scores "question=answer" pairs with the default bank.
func evaluate(t testing.TB, pairs ...string) *engine.Result {
	t.Helper()
	return engine.New(def).Evaluate(selection(t, pairs...))
}

func selection(t testing.TB, pairs ...string) engine.Selection {
	t.Helper()
	var given []answers.Given
	for _, p := range pairs {
		g, err := answers.ParseAssignment(p, "test")
		if err != nil {
			t.Fatal(err)
		}
		given = append(given, g)
	}
	sel, err := answers.Resolve(def, given)
	if err != nil {
		t.Fatal(err)
	}
	return sel
}

// The two worked scenarios of the CMOE article, answered as a manager would answer them.
func TestWorkedExamples(t *testing.T) {
	tests := []struct {
		name    string
		answers []string
		rec     string
		top     string
	}{
		{
			// A team member misses deadlines; leadership arranges weekly sessions for six
			// weeks, and productivity measurably improves.
			name: "time management coaching",
			answers: []string{"participants=individual", "goal=performance", "scope=specific-skills", "duration=weeks",
				"structure=sessions", "success=metrics", "driver=organization", "focus=task", "start=now",
				"horizon=current-role", "involvement=hands-on"},
			rec: engine.Coaching, top: "performance-coaching",
		},
		{
			// CMOE's second scenario: a junior manager of promise is paired with a senior
			// executive, and over about a year they talk from time to time about her career.
			name: "junior manager mentoring",
			answers: []string{"participants=individual", "goal=growth", "scope=broad-development", "duration=year",
				"structure=flexible", "success=growth", "driver=participant", "start=planned", "guide=insider",
				"horizon=future-roles", "matching=matched"},
			rec: engine.Mentoring, top: "one-on-one-mentoring",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := evaluate(t, tt.answers...)
			if r.Recommendation != tt.rec || r.TopType().ID != tt.top || r.TopTie != nil {
				t.Fatalf("got %s / %s (tie %v), want %s / %s", r.Recommendation, r.TopType().ID, r.TopTie, tt.rec, tt.top)
			}
			if r.Confidence < 0.7 {
				t.Errorf("confidence %.2f: a consistent scenario should read as fairly sure", r.Confidence)
			}
		})
	}
}

// Each row of the CMOE table of ideal situations, answered with the options that express it:
// the need, who it is for, and two answers that go with it, enough to decide.
func TestIdealSituations(t *testing.T) {
	tests := []struct {
		situation string
		answers   []string
		rec       string
		top       string
	}{
		// Ideal situations for coaching.
		{"improving specific work behaviors", []string{"participants=individual", "goal=performance", "scope=specific-skills", "success=metrics"}, engine.Coaching, "performance-coaching"},
		{"implementing new processes", []string{"participants=individual", "goal=skill", "horizon=current-role", "involvement=hands-on"}, engine.Coaching, "skills-coaching"},
		{"developing specialized skills", []string{"participants=individual", "goal=skill", "scope=specific-skills", "guide=expert"}, engine.Coaching, "skills-coaching"},
		{"preparing for new responsibilities", []string{"participants=individual", "goal=new-responsibilities", "structure=sessions", "start=now"}, engine.Coaching, "skills-coaching"},
		{"preparing a senior leader for new responsibilities", []string{"participants=senior-leader", "goal=new-responsibilities", "structure=sessions", "capacity=few-funded"}, engine.Coaching, "executive-coaching"},
		{"clearly defined short-term goals", []string{"participants=individual", "goal=performance", "duration=weeks", "success=metrics", "structure=sessions"}, engine.Coaching, "performance-coaching"},
		{"reinforcing training concepts", []string{"participants=individual", "goal=skill", "involvement=hands-on", "duration=months"}, engine.Coaching, "skills-coaching"},
		{"meeting immediate organizational objectives", []string{"participants=team", "goal=teamwork", "start=now", "driver=organization", "horizon=current-role"}, engine.Coaching, "team-coaching"},
		// Ideal situations for mentoring.
		{"supporting overall career advancement", []string{"participants=individual", "goal=growth", "scope=broad-development", "duration=years"}, engine.Mentoring, "one-on-one-mentoring"},
		{"facilitating long-term professional growth", []string{"participants=individual", "goal=growth", "duration=years", "horizon=future-roles"}, engine.Mentoring, "one-on-one-mentoring"},
		{"transferring institutional knowledge", []string{"participants=cohort", "goal=knowledge", "guide=insider", "reach=many"}, engine.Mentoring, "group-mentoring"},
		{"developing role or leadership capabilities", []string{"participants=individual", "goal=leadership", "horizon=future-roles", "guide=insider"}, engine.Mentoring, "one-on-one-mentoring"},
		{"building networks and relationships", []string{"participants=peers", "goal=network", "structure=flexible", "guide=peer"}, engine.Mentoring, "peer-mentoring"},
		{"navigating industry and organizational culture", []string{"participants=individual", "goal=network", "guide=insider", "focus=whole-person"}, engine.Mentoring, "one-on-one-mentoring"},
		{"bolstering ongoing career growth", []string{"participants=individual", "goal=growth", "duration=years", "success=growth"}, engine.Mentoring, "one-on-one-mentoring"},
	}
	for _, tt := range tests {
		t.Run(tt.situation, func(t *testing.T) {
			r := evaluate(t, tt.answers...)
			if r.Recommendation != tt.rec {
				t.Errorf("recommendation %s, want %s (coaching %g, mentoring %g)", r.Recommendation, tt.rec, r.Coaching, r.Mentoring)
			}
			if r.TopType().ID != tt.top || r.TopTie != nil {
				t.Errorf("top type %s (tie %v), want %s", r.TopType().ID, r.TopTie, tt.top)
			}
		})
	}
}

// Each differentiator of Insala, Voluntary Action Camden, CMOE and the Co-Active Training
// Institute, answered alone, leans to its own side; alone it is too little to decide.
func TestDifferentiators(t *testing.T) {
	tests := []struct {
		source, coaching, mentoring string
	}{
		{"Insala: who drives", "driver=organization", "driver=participant"},
		{"Insala: assigned or matched", "matching=assigned", "matching=matched"},
		{"Insala: trained facilitator or similar path", "guide=expert", "guide=insider"},
		{"Insala: limited or large capacity", "reach=few", "reach=many"},
		{"Insala: paid coaches or volunteer mentors", "capacity=few-funded", "capacity=many-volunteer"},
		{"Insala: 3 or 6 months against 8 to 12", "duration=months", "duration=year"},
		{"VAC: task or relationship oriented", "focus=task", "focus=whole-person"},
		{"VAC: short or long term", "duration=weeks", "duration=years"},
		{"VAC: performance or development driven", "horizon=current-role", "horizon=future-roles"},
		{"VAC: no design or a design phase", "start=now", "start=planned"},
		{"CMOE: specific skills or broad development", "scope=specific-skills", "scope=broad-development"},
		{"CMOE: sessions or relationship", "structure=sessions", "structure=flexible"},
		{"CMOE: metrics or growth", "success=metrics", "success=growth"},
		{"CMOE: new responsibilities or leadership capabilities", "goal=new-responsibilities", "goal=leadership"},
		{"CTI: hands-on or pointing the way", "involvement=hands-on", "involvement=direction"},
	}
	for _, tt := range tests {
		t.Run(tt.source, func(t *testing.T) {
			if r := evaluate(t, tt.coaching); r.Lean() <= 0.5 || r.Decided() {
				t.Errorf("%s alone: lean %.2f, %s; want a lean toward coaching, undecided", tt.coaching, r.Lean(), r.Recommendation)
			}
			if r := evaluate(t, tt.mentoring); r.Lean() >= 0.5 || r.Decided() {
				t.Errorf("%s alone: lean %.2f, %s; want a lean toward mentoring, undecided", tt.mentoring, r.Lean(), r.Recommendation)
			}
		})
	}
}

// Too few answers decide nothing, and say how many more would.
func TestUndecided(t *testing.T) {
	r := evaluate(t)
	if r.Recommendation != engine.Undecided || r.Confidence != 0 || r.AnswersNeeded != def.MinAnswers {
		t.Fatalf("no answers: %s %.2f, %d needed; want undecided 0, %d needed", r.Recommendation, r.Confidence, r.AnswersNeeded, def.MinAnswers)
	}
	if len(r.Answered) != 0 || len(r.Unanswered) != len(def.Questions) || r.Tipping != nil {
		t.Fatalf("answered %d, unanswered %d, tipping %v", len(r.Answered), len(r.Unanswered), r.Tipping)
	}
	// Unsure is the same as leaving a question out.
	all := make([]string, 0, len(def.Questions))
	for _, q := range def.Questions {
		all = append(all, q.ID+"=unsure")
	}
	if u := evaluate(t, all...); !reflect.DeepEqual(u, r) {
		t.Fatal("answering unsure everywhere differs from answering nothing")
	}
	// One strong answer leans, but decides nothing.
	if r := evaluate(t, "scope=specific-skills"); r.Decided() || r.AnswersNeeded != def.MinAnswers-1 || r.Lean() != 1 {
		t.Fatalf("one answer: %s, %d needed, lean %.2f", r.Recommendation, r.AnswersNeeded, r.Lean())
	}
	// CMOE's four selection questions answered alone are enough.
	if r := evaluate(t, "scope=specific-skills", "duration=weeks", "structure=sessions", "success=metrics"); r.Recommendation != engine.Coaching {
		t.Fatalf("the four selection questions for coaching: %s", r.Recommendation)
	}
	if r := evaluate(t, "scope=broad-development", "duration=years", "structure=flexible", "success=growth"); r.Recommendation != engine.Mentoring {
		t.Fatalf("the four selection questions for mentoring: %s", r.Recommendation)
	}
	// Answers that weigh between neither family decide nothing either.
	if r := evaluate(t, "participants=individual"); r.Decided() {
		t.Fatalf("an answer with no family points: %s", r.Recommendation)
	}
}

// Answering one more question can decide an undecided result: the change is listed.
func TestTheAnswerThatDecidesIsListed(t *testing.T) {
	r := evaluate(t, "scope=specific-skills", "duration=weeks", "structure=sessions")
	if r.Decided() || r.AnswersNeeded != 1 {
		t.Fatalf("three answers: %s, %d needed", r.Recommendation, r.AnswersNeeded)
	}
	found := false
	for _, c := range r.Changes {
		if c.Question.ID == "success" && c.To != nil && c.To.ID == "metrics" {
			found = c.ChangesRecommendation && c.Recommendation == engine.Coaching
		}
	}
	if !found {
		t.Fatal("success=metrics would decide it for coaching, but is not listed so")
	}
}

func TestBalancedAnswersAreABlend(t *testing.T) {
	r := evaluate(t, "scope=specific-skills", "duration=years", "structure=sessions", "success=growth")
	if r.Recommendation != engine.Blend {
		t.Fatalf("got %s (coaching %g, mentoring %g), want blend", r.Recommendation, r.Coaching, r.Mentoring)
	}
	if r.Confidence <= 0 || r.Confidence > 1 {
		t.Fatalf("blend confidence %.2f out of (0, 1]", r.Confidence)
	}
}

func TestTypesRankedWithAllTen(t *testing.T) {
	r := evaluate(t, "goal=teamwork", "participants=team")
	if len(r.Types) != len(def.Types) {
		t.Fatalf("%d types ranked, want %d", len(r.Types), len(def.Types))
	}
	for i := 1; i < len(r.Types); i++ {
		a, b := r.Types[i-1], r.Types[i]
		if !a.RuledOut && b.RuledOut {
			continue
		}
		if a.RuledOut && !b.RuledOut || a.Score < b.Score || (a.Score == b.Score && a.Type.Index > b.Type.Index) {
			t.Fatalf("types out of order at %d: %s %g before %s %g", i, a.Type.ID, a.Score, b.Type.ID, b.Score)
		}
		if (a.Score == b.Score && a.RuledOut == b.RuledOut) != (a.Rank == b.Rank) {
			t.Fatalf("ranks %d and %d for %s %g and %s %g", a.Rank, b.Rank, a.Type.ID, a.Score, b.Type.ID, b.Score)
		}
	}
	if r.TopType().ID != "team-coaching" {
		t.Fatalf("top type %s, want team-coaching", r.TopType().ID)
	}
}

// Moving any one answer toward mentoring never raises coaching's share, from any starting
// point. "Toward mentoring" means mentoring points do not fall and coaching points do not
// rise.
func TestTowardMentoringNeverRaisesCoachingShare(t *testing.T) {
	s := engine.New(def)
	rng := rand.New(rand.NewPCG(1, 2))
	for range 2000 {
		sel := randomSelection(rng)
		base := s.Evaluate(sel)
		for qi, q := range def.Questions {
			cur := sel[qi]
			cc, cm := 0.0, 0.0
			if cur != nil {
				cc, cm = cur.Coaching, cur.Mentoring
			}
			for _, o := range append([]*bank.Option{nil}, q.Options...) {
				oc, om := 0.0, 0.0
				if o != nil {
					oc, om = o.Coaching, o.Mentoring
				}
				if oc > cc || om < cm {
					continue // not a move toward mentoring
				}
				alt := append(engine.Selection(nil), sel...)
				alt[qi] = o
				r := s.Evaluate(alt)
				if r.Lean() > base.Lean()+1e-12 {
					t.Fatalf("%s: %s -> %s raised coaching's share %.3f -> %.3f", q.ID, id(cur), id(o), base.Lean(), r.Lean())
				}
				if r.Decided() && base.Decided() && rank(r.Recommendation) > rank(base.Recommendation) {
					t.Fatalf("%s: %s -> %s moved the recommendation toward coaching: %s -> %s", q.ID, id(cur), id(o), base.Recommendation, r.Recommendation)
				}
			}
		}
	}
}

// rank orders recommendations from mentoring to coaching.
func rank(rec string) int {
	return map[string]int{engine.Mentoring: 0, engine.Blend: 1, engine.Coaching: 2}[rec]
}

// Within each question of the default bank, each option either leans one way or gives no
// family points, so every "toward mentoring" move is also a dominance move, and the
// property above covers every pair of answers ordered by lean.
func TestDefaultOptionsLeanOneWay(t *testing.T) {
	for _, q := range def.Questions {
		for _, o := range q.Options {
			if o.Coaching > 0 && o.Mentoring > 0 && o.Coaching != o.Mentoring {
				t.Errorf("%s=%s gives both families unequal points", q.ID, o.ID)
			}
		}
	}
}

func TestOrderIndependent(t *testing.T) {
	pairs := []string{"scope=specific-skills", "duration=years", "goal=network", "participants=peers", "guide=expert", "capacity=many-volunteer"}
	want := evaluate(t, pairs...)
	rng := rand.New(rand.NewPCG(3, 4))
	for range 50 {
		rng.Shuffle(len(pairs), func(i, j int) { pairs[i], pairs[j] = pairs[j], pairs[i] })
		if got := evaluate(t, pairs...); !reflect.DeepEqual(got, want) {
			t.Fatalf("order %v gave a different result", pairs)
		}
	}
}

func TestLaterAnswerOverrides(t *testing.T) {
	r := evaluate(t, "scope=specific-skills", "scope=broad-development")
	if r.Lean() != 0 {
		t.Fatalf("lean %.2f; the later answer should win", r.Lean())
	}
}

// reweighted is the default bank with every type weight passed through f, given the
// option's index and the weight's place in the option's list.
func reweighted(t *testing.T, f func(oi, ti int, w float64) float64) *bank.Bank {
	t.Helper()
	b, err := bank.Load(questions.FS, questions.DefaultFile)
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range b.Questions {
		for oi, o := range q.Options {
			for ti := range o.Types {
				o.Types[ti].Weight = f(oi, ti, o.Types[ti].Weight)
			}
		}
	}
	b.Hash = ""
	return b.Index() // the points per type again, from the new weights
}

// The tipping point changes the recommendation, and no smaller set of changes does. The
// search below is exhaustive up to three changes.
func TestTippingPointIsMinimal(t *testing.T) {
	s := engine.New(def)
	rng := rand.New(rand.NewPCG(7, 8))
	checked := 0
	for range 1000 {
		sel := randomSelection(rng)
		r := s.Evaluate(sel)
		tp := r.Tipping
		if !r.Decided() {
			if tp != nil {
				t.Fatalf("a tipping point for an undecided result: %v", describe(sel))
			}
			continue
		}
		if tp == nil {
			t.Fatalf("no tipping point for %v", describe(sel))
		}
		alt := append(engine.Selection(nil), sel...)
		for _, c := range tp.Changes {
			if alt[c.Question.Index] != c.From {
				t.Fatalf("tipping change for %s starts from %s, but the answer is %s", c.Question.ID, id(c.From), id(alt[c.Question.Index]))
			}
			alt[c.Question.Index] = c.To
		}
		if got := s.Evaluate(alt).Recommendation; got == r.Recommendation || got != tp.Recommendation {
			t.Fatalf("applying the tipping point gives %s (was %s, promised %s)", got, r.Recommendation, tp.Recommendation)
		}
		for _, c := range tp.Changes {
			if c.To == nil {
				t.Fatalf("the tipping point suggests answering %s with not sure", c.Question.ID)
			}
		}
		if k := len(tp.Changes); k > 1 && k <= 4 {
			checked++
			if smaller := search(s, sel, r.Recommendation, k-1); smaller != "" {
				t.Fatalf("tipping point needs %d changes but %s does it", k, smaller)
			}
		}
	}
	if checked < 50 {
		t.Fatalf("only %d selections had a tipping point of 2 to 4 changes; the test checks too little", checked)
	}
}

// search looks for up to n changes of one answer into another that alter the
// recommendation (to another that is decided).
func search(s *engine.Scorer, sel engine.Selection, rec string, n int) string {
	if n == 0 {
		return ""
	}
	for qi, q := range def.Questions {
		for _, o := range q.Options {
			if o == sel[qi] {
				continue
			}
			alt := append(engine.Selection(nil), sel...)
			alt[qi] = o
			if got := s.Evaluate(alt); got.Recommendation != rec && got.Decided() {
				return q.ID + "=" + id(o)
			}
			if found := search(s, alt, rec, n-1); found != "" {
				return q.ID + "=" + id(o) + " " + found
			}
		}
	}
	return ""
}

func TestConfidenceInRange(t *testing.T) {
	s := engine.New(def)
	rng := rand.New(rand.NewPCG(9, 10))
	for range 5000 {
		r := s.Evaluate(randomSelection(rng))
		if r.Confidence < 0 || r.Confidence > 1 || math.IsNaN(r.Confidence) {
			t.Fatalf("confidence %v", r.Confidence)
		}
	}
	// Every question answered the most coaching way is as sure as it gets.
	var pairs []string
	for _, q := range def.Questions {
		best := q.Options[0]
		for _, o := range q.Options {
			if o.Coaching-o.Mentoring > best.Coaching-best.Mentoring {
				best = o
			}
		}
		pairs = append(pairs, q.ID+"="+best.ID)
	}
	if r := evaluate(t, pairs...); r.Recommendation != engine.Coaching || r.Confidence != 1 {
		t.Fatalf("all coaching: %s %.3f, want coaching 1", r.Recommendation, r.Confidence)
	}
}

// A custom bank's min_share decides where a blend begins.
func TestMinShareFromBank(t *testing.T) {
	strict := *def
	strict.MinShare = 0.9
	strict.Hash = ""
	b := strict.Index()
	sel := selection(t, "scope=specific-skills", "duration=weeks", "structure=flexible", "participants=individual") // 6 to 2: 75%
	if got := engine.New(def).Evaluate(sel).Recommendation; got != engine.Coaching {
		t.Fatalf("default bank: %s, want coaching", got)
	}
	if got := engine.New(b).Evaluate(sel).Recommendation; got != engine.Blend {
		t.Fatalf("min_share 0.9: %s, want blend", got)
	}
}

func randomSelection(rng *rand.Rand) engine.Selection { return randomSelectionOf(def, rng) }

func randomSelectionOf(b *bank.Bank, rng *rand.Rand) engine.Selection {
	sel := make(engine.Selection, len(b.Questions))
	for qi, q := range b.Questions {
		if n := rng.IntN(len(q.Options) + 2); n < len(q.Options) {
			sel[qi] = q.Options[n]
		}
	}
	return sel
}

func id(o *bank.Option) string {
	if o == nil {
		return bank.Unsure
	}
	return o.ID
}

func describe(sel engine.Selection) string { return describeOf(def, sel) }

func describeOf(b *bank.Bank, sel engine.Selection) string {
	var parts []string
	for i, o := range sel {
		if o != nil {
			parts = append(parts, fmt.Sprintf("%s=%s", b.Questions[i].ID, o.ID))
		}
	}
	return strings.Join(parts, " ")
}

func BenchmarkEvaluate(b *testing.B) {
	s := engine.New(def)
	sel := selection(b, "scope=specific-skills", "duration=weeks", "structure=sessions", "success=metrics",
		"driver=organization", "focus=task", "start=now", "participants=individual", "goal=performance", "horizon=current-role")
	b.ReportAllocs()
	for b.Loop() {
		s.Evaluate(sel)
	}
}

// Points are counted in hundredths, so weights with decimals add up to what a person
// would write (3.3, not 3.3000000000000003) and a tie on paper is a tie in the ranking.
func TestDecimalWeightsAddUpExactly(t *testing.T) {
	b := reweighted(t, func(_, _ int, w float64) float64 { return w * 1.1 })
	s := engine.New(b)
	rng := rand.New(rand.NewPCG(9, 10))
	twoPlaces := func(x float64) bool {
		f := strconv.FormatFloat(x, 'f', -1, 64)
		i := strings.IndexByte(f, '.')
		return i < 0 || len(f)-i-1 <= 2
	}
	for range 300 {
		sel := randomSelectionOf(b, rng)
		r := s.Evaluate(sel)
		for _, ts := range r.Types {
			if !twoPlaces(ts.Score) {
				t.Fatalf("%s scores %v", ts.Type.ID, ts.Score)
			}
		}
		for i := 1; i < len(r.Types); i++ {
			x, y := r.Types[i-1], r.Types[i]
			if x.RuledOut != y.RuledOut {
				continue // ruled out types come last, whatever their points
			}
			if x.Score < y.Score || (x.Score == y.Score && x.Type.Index > y.Type.Index) {
				t.Fatalf("%s (%v) ranked before %s (%v)", x.Type.ID, x.Score, y.Type.ID, y.Score)
			}
		}
		if !twoPlaces(r.Coaching) || !twoPlaces(r.Mentoring) {
			t.Fatalf("family scores %v and %v", r.Coaching, r.Mentoring)
		}
	}
}
