package engine_test

import (
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/coachmentor/coachmentor/internal/bank"
	"github.com/coachmentor/coachmentor/internal/engine"
)

// completeSelection answers every question with one of its options, uniformly.
func completeSelection(b *bank.Bank, rng *rand.Rand) engine.Selection {
	sel := make(engine.Selection, len(b.Questions))
	for qi, q := range b.Questions {
		sel[qi] = q.Options[rng.IntN(len(q.Options))]
	}
	return sel
}

// Over complete answer sets drawn at random, every type is sometimes the best fit and none
// crowds the others out, and the best two rarely tie.
func TestEveryTypeCanWin(t *testing.T) {
	const n = 100000
	s := engine.New(def)
	rng := rand.New(rand.NewPCG(21, 22))
	top := map[string]int{}
	ties := 0
	var r engine.Result
	for range n {
		s.EvaluateInto(&r, completeSelection(def, rng))
		if r.TopTie != nil {
			ties++
			continue
		}
		top[r.TopType().ID]++
	}
	for _, tp := range def.Types {
		share := float64(top[tp.ID]) / n
		t.Logf("%-22s %5.1f%%", tp.ID, 100*share)
		if share > 0.25 || share < 0.02 {
			t.Errorf("%s is the top type in %.1f%% of answer sets; each should be from 2%% to 25%%", tp.ID, 100*share)
		}
	}
	if rate := float64(ties) / n; rate > 0.05 {
		t.Errorf("the top two tie in %.1f%% of answer sets; at most 5%%", 100*rate)
	} else {
		t.Logf("ties: %.1f%%", 100*rate)
	}
}

// Where an answer stands in its list decides nothing: the first answer to every question, or
// the last, is not a clear recommendation of either family.
func TestListOrderDecidesNothing(t *testing.T) {
	for _, which := range []string{"first", "last"} {
		sel := make(engine.Selection, len(def.Questions))
		for qi, q := range def.Questions {
			sel[qi] = q.Options[0]
			if which == "last" {
				sel[qi] = q.Options[len(q.Options)-1]
			}
		}
		r := engine.New(def).Evaluate(sel)
		if (r.Recommendation == engine.Coaching || r.Recommendation == engine.Mentoring) && r.Confidence >= 0.5 {
			t.Errorf("the %s answer everywhere gives %s with confidence %.2f", which, r.Recommendation, r.Confidence)
		}
	}
}

// Each type, described as the sources describe it, is the clear best fit: no tie, and at
// least a point ahead of the next.
func TestEachTypeAsTheSourcesDescribeIt(t *testing.T) {
	for _, tt := range []struct{ want, answers string }{
		// CMOE: improving specific work behaviors or closing performance gaps.
		{"performance-coaching", "participants=individual goal=performance scope=specific-skills success=metrics structure=sessions"},
		// CMOE: senior leaders facing specific challenges or complex transitions; Insala:
		// external coaches, often for leaders.
		{"executive-coaching", "participants=senior-leader goal=transition capacity=few-funded guide=expert"},
		// CMOE: whole teams, their collaboration, communication and effectiveness.
		{"team-coaching", "participants=team goal=teamwork success=metrics structure=sessions"},
		// CMOE: particular abilities for current or future roles; CTI: a coach breaks the
		// skill into steps.
		{"skills-coaching", "participants=individual goal=skill scope=specific-skills involvement=hands-on"},
		// CMOE: career decisions and advancement; Insala: a trained career coach who drives
		// the engagement and is assigned.
		{"career-coaching", "participants=individual goal=career-move driver=organization matching=assigned guide=expert"},
		// CMOE: a senior and a junior professional, over the long term.
		{"one-on-one-mentoring", "participants=individual goal=growth guide=insider duration=year horizon=future-roles"},
		// CMOE: people at about the same level who help one another grow.
		{"peer-mentoring", "participants=peers goal=growth guide=peer capacity=many-volunteer"},
		// CMOE: one mentor with several mentees, sharing knowledge.
		{"group-mentoring", "participants=cohort goal=knowledge guide=insider reach=many"},
		// CMOE and MentorCliq: junior staff developing senior colleagues.
		{"reverse-mentoring", "participants=senior-leader goal=perspective guide=junior matching=matched"},
		// CMOE: short-term mentoring through a particular situation or transition.
		{"situational-mentoring", "participants=individual goal=situation duration=weeks guide=insider"},
	} {
		t.Run(tt.want, func(t *testing.T) {
			r := evaluate(t, strings.Fields(tt.answers)...)
			if r.TopType().ID != tt.want || r.TopTie != nil || r.Types[0].Score-r.Types[1].Score < 1 {
				t.Fatalf("top %s %g, then %s %g (tie %v); want %s clearly first", r.Types[0].Type.ID, r.Types[0].Score,
					r.Types[1].Type.ID, r.Types[1].Score, r.TopTie, tt.want)
			}
			if r.Recommendation != r.TopType().Family && r.Recommendation != engine.Blend {
				t.Errorf("recommendation %s with a %s type on top", r.Recommendation, r.TopType().Family)
			}
		})
	}
}

// Executive coaching needs a senior leader and team coaching a team: whatever else is
// answered, neither is the best fit for anyone else.
func TestTypesThatNeedWhoIsDeveloped(t *testing.T) {
	s := engine.New(def)
	rng := rand.New(rand.NewPCG(23, 24))
	q, _ := def.Question("participants")
	for range 20000 {
		sel := completeSelection(def, rng)
		r := s.Evaluate(sel)
		who := sel[q.Index].ID
		switch top := r.TopType().ID; {
		case top == "executive-coaching" && who != "senior-leader":
			t.Fatalf("executive coaching for %s: %s", who, describe(sel))
		case top == "team-coaching" && who != "team":
			t.Fatalf("team coaching for %s: %s", who, describe(sel))
		}
	}
	r := evaluate(t, "participants=individual", "goal=transition")
	if r.TopType().ID == "executive-coaching" {
		t.Fatal("an individual leading through a challenge gets executive coaching")
	}
}

// Cases the sources settle.
func TestCasesFromTheSources(t *testing.T) {
	// CMOE: situational mentoring is short term by nature, so a short situational need
	// leans mentoring, with situational mentoring on top.
	if r := evaluate(t, "duration=weeks", "goal=situation"); r.Lean() >= 0.5 || r.TopType().ID != "situational-mentoring" {
		t.Errorf("a short situational need: lean %.2f, top %s", r.Lean(), r.TopType().ID)
	}
	// Colleagues at the same level who want to grow are peer mentoring, not one-on-one.
	if r := evaluate(t, "participants=peers", "goal=growth"); r.TopType().ID != "peer-mentoring" {
		t.Errorf("peers who want to grow: top %s", r.TopType().ID)
	}
	// Insala: career coaching is coach-driven and assigned, so no answer that favors
	// mentoring gives it points.
	for _, q := range def.Questions {
		for _, o := range q.Options {
			if o.Mentoring > o.Coaching && o.TypeWeight("career-coaching") > 0 {
				t.Errorf("%s=%s favors mentoring but gives career coaching points", q.ID, o.ID)
			}
		}
	}
}

// Every answer that a source ties to a type weighs for that type, so that types of one
// family are told apart by the sources' own criteria, not by who is developed and the need
// alone.
func TestSourceCriteriaWeighForTheirTypes(t *testing.T) {
	for _, c := range []struct{ answer, typ string }{
		{"goal=career-move", "career-coaching"},             // CMOE: career decisions
		{"guide=expert", "career-coaching"},                 // Insala: a professionally trained career coach
		{"driver=organization", "career-coaching"},          // Insala: the coach or organization drives
		{"goal=skill", "skills-coaching"},                   // CMOE: particular abilities
		{"goal=new-responsibilities", "skills-coaching"},    // CMOE: preparing for new responsibilities
		{"involvement=hands-on", "skills-coaching"},         // CTI: breaks the skill into steps
		{"focus=task", "skills-coaching"},                   // VAC: a content expert teaches the skill
		{"goal=performance", "performance-coaching"},        // CMOE: performance gaps
		{"success=metrics", "performance-coaching"},         // CMOE: measurable objectives
		{"horizon=current-role", "performance-coaching"},    // CMOE: immediate needs of the current role
		{"participants=individual", "one-on-one-mentoring"}, // CMOE: one senior, one junior
		{"matching=matched", "one-on-one-mentoring"},        // Insala: mentors and mentees are matched
		{"guide=insider", "one-on-one-mentoring"},           // MentorCliq: a mentor's own experience
		{"participants=cohort", "group-mentoring"},          // CMOE: one mentor, several mentees
		{"reach=many", "group-mentoring"},                   // Insala and CMOE: mentoring reaches many
		{"participants=peers", "peer-mentoring"},            // CMOE: colleagues at similar levels
		{"guide=peer", "peer-mentoring"},
		{"guide=junior", "reverse-mentoring"}, // CMOE: junior staff develop senior colleagues
		{"participants=senior-leader", "executive-coaching"},
		{"capacity=few-funded", "executive-coaching"}, // Insala: paid coaches, often for leaders
		{"participants=team", "team-coaching"},
		{"goal=situation", "situational-mentoring"}, // CMOE: short-term, a particular situation
		{"duration=weeks", "situational-mentoring"},
	} {
		qid, aid, _ := strings.Cut(c.answer, "=")
		q, _ := def.Question(qid)
		o, ok := q.Option(aid)
		if !ok {
			t.Fatalf("no answer %s", c.answer)
		}
		if o.TypeWeight(c.typ) <= 0 {
			t.Errorf("%s gives %s no points of its own", c.answer, c.typ)
		}
	}
}

// One person is never offered group or peer mentoring among the best two types: both need
// several people.
func TestOnePersonNeverGetsGroupOrPeerMentoring(t *testing.T) {
	s := engine.New(def)
	rng := rand.New(rand.NewPCG(31, 32))
	q, _ := def.Question("participants")
	for range 20000 {
		sel := randomSelection(rng)
		if sel[q.Index] == nil || (sel[q.Index].ID != "individual" && sel[q.Index].ID != "senior-leader") {
			continue
		}
		r := s.Evaluate(sel)
		for _, ts := range r.Types[:2] {
			if id := ts.Type.ID; id == "group-mentoring" || id == "peer-mentoring" {
				t.Fatalf("%s among the best two for %s: %s", id, sel[q.Index].ID, describe(sel))
			}
		}
	}
}

// A general need leaves the types told apart. With the need to grow as a leader or over the
// long term, and every complete set of the other answers tried (163,840 each), three types
// tie at the top only where sums of different answers happen to meet, in at most 1 set in
// 1,000; the rest of the answers tell the types of a family apart. A manager who answers a
// few questions more than the need gets a clear best type, and the new team lead of the
// issue gets skills coaching clearly, with no tie for second.
func TestGeneralNeedsTellTypesApart(t *testing.T) {
	s := engine.New(def)
	goal, _ := def.Question("goal")
	for _, need := range []string{"leadership", "growth"} {
		o, _ := goal.Option(need)
		all, three := 0, 0
		forEachComplete(def, goal.Index, o, func(sel engine.Selection) {
			all++
			if r := s.Evaluate(sel); len(r.TopTie) > 2 {
				three++
			}
		})
		t.Logf("goal=%s: three or more types tie in %d of %d complete answer sets", need, three, all)
		if three*1000 > all {
			t.Errorf("goal=%s: three or more types tie in %d of %d complete answer sets", need, three, all)
		}
	}
	for _, answers := range []string{
		"participants=individual goal=leadership scope=specific-skills duration=months structure=sessions",
		"participants=individual goal=leadership capacity=few-funded duration=months horizon=current-role",
		"participants=individual goal=growth duration=years guide=insider",
		"participants=individual goal=growth scope=specific-skills success=metrics",
	} {
		if r := evaluate(t, strings.Fields(answers)...); r.TopTie != nil {
			t.Errorf("%s: a tie between %v", answers, r.TopTie)
		}
	}
	r := evaluate(t, "participants=individual", "goal=new-responsibilities", "capacity=few-funded", "duration=months")
	if r.TopType().ID != "skills-coaching" || r.TopTie != nil || r.Types[1].Score == r.Types[2].Score {
		t.Fatalf("a new team lead: %s %g, %s %g, %s %g", r.Types[0].Type.ID, r.Types[0].Score, r.Types[1].Type.ID, r.Types[1].Score, r.Types[2].Type.ID, r.Types[2].Score)
	}
}

// The verdict never contradicts the best type: a coaching or mentoring recommendation comes
// with a best type, and every type tied with it, of the same family, for the result and for
// every change it lists. Where the two disagree the result is a blend, marked split.
func TestVerdictAgreesWithBestType(t *testing.T) {
	s := engine.New(def)
	rng := rand.New(rand.NewPCG(35, 36))
	agrees := func(rec string, top *bank.Type, tie []*bank.Type) bool {
		if rec != engine.Coaching && rec != engine.Mentoring {
			return true
		}
		if top.Family != rec {
			return false
		}
		for _, tt := range tie {
			if tt.Family != rec {
				return false
			}
		}
		return true
	}
	splits := 0
	for i := range 100000 {
		sel := completeSelection(def, rng)
		if i%2 == 1 {
			sel = randomSelection(rng)
		}
		r := s.Evaluate(sel)
		if report := r.TopType(); r.Types[0].Score > 0 && !agrees(r.Recommendation, report, r.TopTie) {
			t.Fatalf("%s with best type %s (tie %v): %s", r.Recommendation, report.ID, r.TopTie, describe(sel))
		}
		if r.Split {
			splits++
			if r.Recommendation != engine.Blend {
				t.Fatalf("split but %s", r.Recommendation)
			}
		}
		for _, c := range r.Changes {
			if !agrees(c.Recommendation, c.TopType, c.TopTie) {
				t.Fatalf("change %s=%s: %s with best type %s: %s", c.Question.ID, id(c.To), c.Recommendation, c.TopType.ID, describe(sel))
			}
		}
	}
	t.Logf("split blends: %.1f%%", float64(splits)/1000)
}

// forEachComplete calls f with every complete selection that answers question fixed with o.
func forEachComplete(b *bank.Bank, fixed int, o *bank.Option, f func(engine.Selection)) {
	sel := make(engine.Selection, len(b.Questions))
	var walk func(qi int)
	walk = func(qi int) {
		switch {
		case qi == len(b.Questions):
			f(sel)
		case qi == fixed:
			sel[qi] = o
			walk(qi + 1)
		default:
			for _, opt := range b.Questions[qi].Options {
				sel[qi] = opt
				walk(qi + 1)
			}
		}
	}
	walk(0)
}
