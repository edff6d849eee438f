package bank

import (
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/coachmentor/coachmentor/internal/textsafe"
)

// validation is one bank's checks as they go, with what the earlier checks found that the
// later ones need: the sources and the types that exist.
type validation struct {
	*decoder
	raw       rawBank
	b         *Bank
	sourceIDs map[string]bool
	typeIDs   map[string]bool
	typeOrder map[string]int
}

// validate checks the raw bank and translates it. It reports every problem it finds.
func (d *decoder) validate(raw rawBank) *Bank {
	v := &validation{decoder: d, raw: raw,
		b:         &Bank{Version: raw.version.value, Title: raw.title.value, Essentials: raw.essentials.value},
		sourceIDs: map[string]bool{}, typeIDs: map[string]bool{}, typeOrder: map[string]int{}}
	v.header()
	v.sources()
	v.families()
	v.guidance()
	v.types()
	v.questions()
	v.b.MinAnswers = d.minAnswers(raw.minAnswers, len(raw.questions))
	d.requirements(v.b, raw.types)
	v.b.ProgramWhen = d.answersOf(v.b, raw.program, "program_when")
	return v.b
}

// header checks the version and the scoring settings.
func (v *validation) header() {
	raw, b := v.raw, v.b
	if raw.version.value == "" {
		v.problem(lineOr(raw.version.line, raw.line), "", "missing %q: give the bank a version, e.g. \"1.0.0\"", "version")
	}
	if f := raw.famShare; f.set {
		b.FamilyShare = f.value
		switch {
		case f.value < 0 || f.value > 1:
			v.problem(f.line, "scoring", "family_share must be from 0 to 1, found %g", f.value)
		case !twoPlaces(f.value):
			v.problem(f.line, "scoring", "family_share may have at most two decimal places, found %g", f.value)
		}
	}
	b.MinShare = 0.6
	if raw.minShare.set {
		b.MinShare = raw.minShare.value
		switch {
		case b.MinShare <= 0.5 || b.MinShare > 1:
			v.problem(raw.minShare.line, "scoring", "min_share must be above 0.5 and at most 1, found %g", b.MinShare)
		case !twoPlaces(b.MinShare):
			v.problem(raw.minShare.line, "scoring", "min_share may have at most two decimal places, found %g", b.MinShare)
		}
	}
}

// sources checks the sources the rest of the bank cites.
func (v *validation) sources() {
	for _, s := range v.raw.sources {
		where := "source"
		if v.checkID(s.id, s.line, where, v.sourceIDs) {
			where = fmt.Sprintf("source %s", textsafe.Quote(s.id.value))
		}
		v.require(s.publisher, s.line, where, "publisher")
		if s.url.value != "" && !strings.HasPrefix(s.url.value, "https://") && !strings.HasPrefix(s.url.value, "http://") {
			v.problem(s.url.line, where, "url must start with https:// or http://")
		}
		v.b.Sources = append(v.b.Sources, &Source{ID: s.id.value, Publisher: s.publisher.value, Title: s.title.value, URL: s.url.value})
	}
}

// cites checks that a list of sources names known ones, and returns it.
func (v *validation) cites(l listField, fallback int, where string) []string {
	for _, id := range l.value {
		if !v.sourceIDs[id] {
			v.problem(lineOr(l.line, fallback), where, "cites unknown source %s (known: %s)", textsafe.Quote(id), strings.Join(keys(v.raw.sources), ", "))
		}
	}
	return l.value
}

// families checks the two families, coaching and mentoring.
func (v *validation) families() {
	familyIDs := map[string]bool{}
	for _, f := range v.raw.families {
		where := "family"
		if v.checkID(f.id, f.line, where, familyIDs) {
			where = fmt.Sprintf("family %s", textsafe.Quote(f.id.value))
		}
		if f.id.value != "" && f.id.value != Coaching && f.id.value != Mentoring {
			v.problem(f.id.line, where, "families are %q and %q", Coaching, Mentoring)
		}
		v.require(f.name, f.line, where, "name")
		v.require(f.summary, f.line, where, "summary")
		v.b.Families = append(v.b.Families, &Family{ID: f.id.value, Name: f.name.value, Summary: f.summary.value, Sources: v.cites(f.sources, f.line, where)})
	}
	for _, id := range []string{Coaching, Mentoring} {
		if !familyIDs[id] {
			v.problem(v.raw.line, "families", "missing the %q family", id)
		}
	}
}

// guidance checks the blend's guidance and the essentials' sources.
func (v *validation) guidance() {
	raw := v.raw
	if raw.blend.line == 0 {
		v.problem(raw.line, "", "missing %q: the guidance for recommending both", "blend")
	} else {
		v.require(raw.blend.summary, raw.blend.line, "blend", "summary")
	}
	v.b.Blend = Guidance{Summary: raw.blend.summary.value, Steps: v.steps(raw.blend.steps, "blend, steps"), Sources: v.cites(raw.blend.sources, raw.blend.line, "blend")}
	v.b.EssentialsSources = v.cites(raw.essSources, raw.essentials.line, "essentials")
}

// steps checks next steps: each has text, and cites known sources if any.
func (v *validation) steps(raw []rawStep, where string) []Step {
	var out []Step
	for _, st := range raw {
		if !v.require(st.text, st.line, where, "text") {
			continue
		}
		out = append(out, Step{Text: st.text.value, Sources: v.cites(st.sources, st.line, where)})
	}
	return out
}

// types checks the types, which the questions' weights then name.
func (v *validation) types() {
	for _, t := range v.raw.types {
		where := "type"
		if v.checkID(t.id, t.line, where, v.typeIDs) {
			where = fmt.Sprintf("type %s", textsafe.Quote(t.id.value))
			v.typeOrder[t.id.value] = len(v.typeOrder)
		}
		if v.require(t.family, t.line, where, "family") && t.family.value != Coaching && t.family.value != Mentoring {
			v.problem(t.family.line, where, "family must be %q or %q, found %s", Coaching, Mentoring, textsafe.Quote(t.family.value))
		}
		v.require(t.name, t.line, where, "name")
		v.require(t.summary, t.line, where, "summary")
		v.require(t.fits, t.line, where, "fits")
		v.setup(t, where)
		v.b.Types = append(v.b.Types, &Type{
			ID: t.id.value, Family: t.family.value, Name: t.name.value, Summary: t.summary.value, Fits: t.fits.value,
			Setup: Setup{
				Length: t.setup.length.value, Cadence: t.setup.cadence.value, Guide: t.setup.guide.value,
				Success: t.setup.success.value, Practice: t.setup.practice.value,
				Steps: v.steps(t.setup.steps, where+", setup, steps"), Program: v.steps(t.setup.program, where+", setup, program"),
			},
			Sources: v.cites(t.sources, t.line, where),
		})
	}
	if len(v.raw.types) == 0 {
		v.problem(v.raw.line, "", "missing %q: at least one type of coaching or mentoring", "types")
	}
	if len(v.raw.types) > MaxTypes {
		v.problem(v.raw.line, "", "too many types: at most %d, found %d", MaxTypes, len(v.raw.types))
	}
}

// setup checks a type's setup: every field is there, and practice names fields.
func (v *validation) setup(t rawType, where string) {
	if !t.setupSet {
		v.problem(t.line, where, "missing %q: length, cadence, guide, success and steps", "setup")
		return
	}
	w := where + ", setup"
	v.require(t.setup.length, t.setup.line, w, "length")
	v.require(t.setup.cadence, t.setup.line, w, "cadence")
	v.require(t.setup.guide, t.setup.line, w, "guide")
	v.require(t.setup.success, t.setup.line, w, "success")
	for _, f := range t.setup.practice.value {
		if !slices.Contains(SetupFields, f) {
			v.problem(t.setup.practice.line, w, "practice names %s, which is not a setup field (use: %s)", textsafe.Quote(f), strings.Join(SetupFields, ", "))
		}
	}
}

// questions checks the questions and the limits on them and their answers.
func (v *validation) questions() {
	questionIDs := map[string]bool{}
	allOptions := 0
	for _, q := range v.raw.questions {
		v.b.Questions = append(v.b.Questions, v.question(q, questionIDs))
		allOptions += len(q.options)
	}
	raw := v.raw
	if len(raw.questions) == 0 {
		v.problem(raw.line, "", "missing %q: at least one question", "questions")
	}
	if len(raw.questions) > MaxQuestions {
		v.problem(raw.line, "", "too many questions: at most %d, found %d", MaxQuestions, len(raw.questions))
	}
	if allOptions > MaxAllOptions {
		v.problem(raw.line, "", "too many options: at most %d in all the questions together, found %d", MaxAllOptions, allOptions)
	}
}

// question checks one question and its answers.
func (v *validation) question(q rawQuestion, seen map[string]bool) *Question {
	where := "question"
	if v.checkID(q.id, q.line, where, seen) {
		where = fmt.Sprintf("question %s", textsafe.Quote(q.id.value))
	}
	if q.id.value == "id" || q.id.value == "name" {
		v.problem(q.id.line, where, "%q is reserved: answers files and team files use it for the person the answers are about; choose another id", q.id.value)
	}
	v.require(q.title, q.line, where, "title")
	v.require(q.prompt, q.line, where, "prompt")
	v.require(q.help, q.line, where, "help")
	bq := &Question{ID: q.id.value, Title: q.title.value, Prompt: q.prompt.value, Help: q.help.value,
		Sources: v.cites(q.sources, q.line, where)}
	switch {
	case !q.optionsSet:
		v.problem(q.line, where, "missing %q", "options")
	case len(q.options) < 2:
		v.problem(q.line, where, "needs at least two options")
	case len(q.options) > MaxOptions:
		v.problem(q.line, where, "has %d options; a question may have at most %d (a longer list is too long to choose from)", len(q.options), MaxOptions)
	}
	optionIDs := map[string]bool{}
	for _, o := range q.options {
		bq.Options = append(bq.Options, v.option(o, where, optionIDs))
	}
	return bq
}

// option checks one answer: its texts, its weights and the types they name.
func (v *validation) option(o rawOption, where string, seen map[string]bool) *Option {
	ow := where + ", option"
	if v.checkID(o.id, o.line, ow, seen) {
		ow = fmt.Sprintf("%s, option %s", where, textsafe.Quote(o.id.value))
	}
	if o.id.value == Unsure {
		v.problem(o.id.line, ow, "%q is reserved: every question accepts it without listing it", Unsure)
	}
	v.require(o.label, o.line, ow, "label")
	v.require(o.description, o.line, ow, "description")
	v.require(o.explain, o.line, ow, "explain")
	v.checkWeight(o.coaching, ow, "coaching")
	v.checkWeight(o.mentoring, ow, "mentoring")
	v.checkShare(v.b.FamilyShare, o.coaching, ow, "coaching")
	v.checkShare(v.b.FamilyShare, o.mentoring, ow, "mentoring")
	bo := &Option{ID: o.id.value, Label: o.label.value, Description: o.description.value,
		Coaching: o.coaching.value, Mentoring: o.mentoring.value, Explain: o.explain.value,
		Sources: v.cites(o.sources, o.line, ow)}
	for _, w := range o.types {
		if !v.typeIDs[w.typeID] {
			v.problem(w.line, ow, "weight toward unknown type %s (known: %s)", textsafe.Quote(w.typeID), strings.Join(typeKeys(v.raw.types), ", "))
			continue
		}
		v.checkWeight(numField{set: true, line: w.line, value: w.weight}, ow, "type "+w.typeID)
		bo.Types = append(bo.Types, TypeWeight{Type: w.typeID, Weight: w.weight})
	}
	sortTypeWeights(bo.Types, v.typeOrder)
	return bo
}

// requirements checks and records each type's requires, once the questions are known.
func (d *decoder) requirements(b *Bank, types []rawType) {
	for i, t := range types {
		if i >= len(b.Types) {
			break
		}
		b.Types[i].Requires = d.answersOf(b, t.requires, fmt.Sprintf("type %s, requires", textsafe.Quote(t.id.value)))
	}
}

// answersOf checks lists of answers by question, as requires and program_when give them.
func (d *decoder) answersOf(b *Bank, raw []rawRequirement, where string) []Requirement {
	var out []Requirement
	for _, r := range raw {
		var q *Question
		for _, bq := range b.Questions {
			if bq.ID == r.question {
				q = bq
			}
		}
		if q == nil {
			d.problem(r.line, where, "unknown question %s (known: %s)", textsafe.Quote(r.question), strings.Join(questionIDs(b), ", "))
			continue
		}
		if len(r.answers) == 0 {
			d.problem(r.line, where, "question %s: list at least one of its answers", textsafe.Quote(r.question))
			continue
		}
		for _, a := range r.answers {
			if _, ok := q.Option(a); !ok {
				d.problem(r.line, where, "question %s has no answer %s (valid: %s)", textsafe.Quote(r.question), textsafe.Quote(a), strings.Join(q.Choices()[:len(q.Options)], ", "))
			}
		}
		out = append(out, Requirement{Question: r.question, Answers: r.answers})
	}
	return out
}

func questionIDs(b *Bank) []string {
	out := make([]string, len(b.Questions))
	for i, q := range b.Questions {
		out[i] = q.ID
	}
	return out
}

// checkShare checks that the family share of a family weight is whole hundredths, the
// precision points are counted in.
func (d *decoder) checkShare(share float64, f numField, where, what string) {
	if f.set && share > 0 && !twoPlaces(share*f.value) {
		d.problem(f.line, where, "%s weight %g times the family_share %g is %g, which has more than two decimal places; choose weights or a share whose product has at most two",
			what, f.value, share, share*f.value)
	}
}

// DefaultMinAnswers is how many answers a bank needs before it recommends a family when it
// does not say: four, as the four selection questions of the CMOE article are enough.
const DefaultMinAnswers = 4

// minAnswers checks scoring.min_answers against the number of questions, n.
func (d *decoder) minAnswers(f numField, n int) int {
	if !f.set {
		return max(1, min(DefaultMinAnswers, n))
	}
	v := f.value
	switch {
	case v != math.Trunc(v) || v < 1:
		d.problem(f.line, "scoring", "min_answers must be a whole number of at least 1, found %g", v)
		return 1
	case n > 0 && v > float64(n):
		d.problem(f.line, "scoring", "min_answers is %g but the bank has only %d questions", v, n)
		return n
	}
	return int(v)
}

// checkID checks an id and records it; it reports whether the id is usable in messages.
func (d *decoder) checkID(id field, line int, where string, seen map[string]bool) bool {
	switch {
	case id.value == "":
		d.problem(lineOr(id.line, line), where, "missing %q", "id")
		return false
	case !validID(id.value):
		d.problem(id.line, where, "invalid id %s: %s", textsafe.Quote(id.value), idRule)
		return false
	case seen[id.value]:
		d.problem(id.line, where, "duplicate id %s", textsafe.Quote(id.value))
		return true
	}
	seen[id.value] = true
	return true
}

func (d *decoder) require(f field, line int, where, key string) bool {
	if f.value == "" {
		d.problem(lineOr(f.line, line), where, "missing %q", key)
		return false
	}
	return true
}

func (d *decoder) checkWeight(f numField, where, what string) {
	switch {
	case !f.set:
	case f.value < 0 || f.value > MaxWeight:
		d.problem(f.line, where, "%s weight must be from 0 to %d, found %g", what, MaxWeight, f.value)
	case !twoPlaces(f.value):
		d.problem(f.line, where, "%s weight may have at most two decimal places, found %g", what, f.value)
	}
}

func lineOr(line, fallback int) int {
	if line > 0 {
		return line
	}
	return fallback
}

func keys(sources []rawSource) []string {
	out := make([]string, 0, len(sources))
	for _, s := range sources {
		out = append(out, s.id.value)
	}
	return out
}

func typeKeys(types []rawType) []string {
	out := make([]string, 0, len(types))
	for _, t := range types {
		out = append(out, t.id.value)
	}
	return out
}
