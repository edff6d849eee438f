package engine_test

import (
	"reflect"
	"testing"

	"github.com/coachmentor/coachmentor/internal/answers"
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
