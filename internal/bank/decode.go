package bank

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/coachmentor/coachmentor/internal/strictyaml"
	"github.com/coachmentor/coachmentor/internal/textsafe"
)

// The raw structs hold what the file says, with lines, before validation.
type rawBank struct {
	line       int
	version    field
	title      field
	minShare   numField
	minAnswers numField
	famShare   numField
	sources    []rawSource
	families   []rawFamily
	blend      rawGuidance
	essentials listField
	essSources listField
	questions  []rawQuestion
	types      []rawType
	program    []rawRequirement
}

type field struct {
	set   bool
	line  int
	value string
}

type numField struct {
	set   bool
	line  int
	value float64
}

type listField struct {
	set   bool
	line  int
	value []string
}

type rawSource struct {
	line                      int
	id, publisher, title, url field
}

type rawFamily struct {
	line              int
	id, name, summary field
	sources           listField
}

type rawGuidance struct {
	line    int
	summary field
	steps   []rawStep
	sources listField
}

// rawStep is a next step: text alone (common practice), or text with its sources.
type rawStep struct {
	line    int
	text    field
	sources listField
}

type rawQuestion struct {
	line                    int
	id, title, prompt, help field
	sources                 listField
	options                 []rawOption
	optionsSet              bool
}

type rawOption struct {
	line                            int
	id, label, description, explain field
	coaching, mentoring             numField
	types                           []rawWeight
	sources                         listField
}

type rawWeight struct {
	line   int
	typeID string
	weight float64
}

type rawType struct {
	line                            int
	id, family, name, summary, fits field
	setup                           rawSetup
	setupSet                        bool
	sources                         listField
	requires                        []rawRequirement
}

type rawRequirement struct {
	line     int
	question string
	answers  []string
}

type rawSetup struct {
	line                            int
	length, cadence, guide, success field
	steps, program                  []rawStep
	practice                        listField
}

type decoder struct {
	file     string
	problems []Problem
}

func (d *decoder) problem(line int, where, format string, a ...any) {
	d.problems = append(d.problems, Problem{File: d.file, Line: line, Where: where, Msg: fmt.Sprintf(format, a...)})
}

func (d *decoder) fail(where string, err error) {
	var se *strictyaml.Error
	if errors.As(err, &se) {
		d.problem(se.Line, where, "%s", se.Msg)
		return
	}
	d.problem(0, where, "%s", err.Error())
}

// fields returns a mapping's values by key and reports keys that are not allowed.
func (d *decoder) fields(n strictyaml.Node, where string, allowed ...string) (map[string]strictyaml.Node, bool) {
	return d.fieldsNamed(n, func(map[string]strictyaml.Node) string { return where }, allowed...)
}

// fieldsNamed is fields for a mapping whose name in messages depends on its own id, so that
// even an unknown key is reported as, say, `question "scope"` rather than `question`.
func (d *decoder) fieldsNamed(n strictyaml.Node, where func(map[string]strictyaml.Node) string, allowed ...string) (map[string]strictyaml.Node, bool) {
	pairs, err := n.Mapping()
	if err != nil {
		d.fail(where(nil), err)
		return nil, false
	}
	out := make(map[string]strictyaml.Node, len(pairs))
	var unknown []strictyaml.Pair
	for _, p := range pairs {
		if !slices.Contains(allowed, p.Key) {
			unknown = append(unknown, p)
			continue
		}
		out[p.Key] = p.Value
	}
	for _, p := range unknown {
		d.problem(p.Line, where(out), "unknown key %s (expected one of: %s)", textsafe.Quote(p.Key), strings.Join(allowed, ", "))
	}
	return out, true
}

// named builds a where function: the kind, followed by the mapping's id when it has one.
func named(prefix, kind string) func(map[string]strictyaml.Node) string {
	return func(m map[string]strictyaml.Node) string {
		if n, ok := m["id"]; ok {
			if id, err := n.Text(); err == nil && id != "" {
				return prefix + kind + " " + textsafe.Quote(strings.TrimSpace(id))
			}
		}
		return prefix + kind
	}
}

func (d *decoder) text(m map[string]strictyaml.Node, key, where string) field {
	n, ok := m[key]
	if !ok {
		return field{}
	}
	if n.Kind() == strictyaml.Null {
		return field{set: true, line: n.Line()}
	}
	s, err := n.Text()
	if err != nil {
		d.fail(where+", "+key, err)
		return field{set: true, line: n.Line()}
	}
	d.checkSafe(s, n.Line(), where+", "+key)
	return field{set: true, line: n.Line(), value: strings.TrimSpace(s)}
}

// checkSafe refuses text that could control a terminal when printed.
func (d *decoder) checkSafe(s string, line int, where string) {
	if i := strings.IndexFunc(s, textsafe.Unsafe); i >= 0 {
		r, _ := utf8.DecodeRuneInString(s[i:])
		d.problem(line, where, "contains the control character U+%04X; remove it", r)
	}
}

func (d *decoder) number(m map[string]strictyaml.Node, key, where string) numField {
	n, ok := m[key]
	if !ok {
		return numField{}
	}
	v, err := n.Number()
	if err != nil {
		d.fail(where+", "+key, err)
		return numField{} // one problem, not another about the value it was not
	}
	return numField{set: true, line: n.Line(), value: v}
}

func (d *decoder) list(m map[string]strictyaml.Node, key, where string) listField {
	n, ok := m[key]
	if !ok {
		return listField{}
	}
	v, err := n.Strings()
	if err != nil {
		d.fail(where+", "+key, err)
	}
	for i := range v {
		d.checkSafe(v[i], n.Line(), where+", "+key)
		v[i] = strings.TrimSpace(v[i])
	}
	return listField{set: true, line: n.Line(), value: v}
}

func (d *decoder) items(m map[string]strictyaml.Node, key, where string) ([]strictyaml.Node, bool) {
	n, ok := m[key]
	if !ok {
		return nil, false
	}
	items, err := n.Sequence()
	if err != nil {
		d.fail(where, err)
		return nil, true
	}
	return items, true
}

// pairs is the mapping under key, if there is one, as items does for a sequence.
func (d *decoder) pairs(m map[string]strictyaml.Node, key, where string) []strictyaml.Pair {
	n, ok := m[key]
	if !ok {
		return nil
	}
	pairs, err := n.Mapping()
	if err != nil {
		d.fail(where+", "+key, err)
	}
	return pairs
}

func (d *decoder) decodeBank(root strictyaml.Node) rawBank {
	raw := rawBank{line: root.Line()}
	m, ok := d.fields(root, "", "version", "title", "scoring", "sources", "families", "blend", "essentials", "questions", "types", "program_when")
	if !ok {
		return raw
	}
	raw.version = d.text(m, "version", "")
	raw.title = d.text(m, "title", "")
	if n, ok := m["scoring"]; ok {
		if sm, ok := d.fields(n, "scoring", "min_share", "min_answers", "family_share"); ok {
			raw.minShare = d.number(sm, "min_share", "scoring")
			raw.minAnswers = d.number(sm, "min_answers", "scoring")
			raw.famShare = d.number(sm, "family_share", "scoring")
		}
	}
	if items, ok := d.items(m, "sources", "sources"); ok {
		for _, it := range items {
			f, ok := d.fields(it, "source", "id", "publisher", "title", "url")
			if !ok {
				continue
			}
			raw.sources = append(raw.sources, rawSource{
				line: it.Line(), id: d.text(f, "id", "source"), publisher: d.text(f, "publisher", "source"),
				title: d.text(f, "title", "source"), url: d.text(f, "url", "source"),
			})
		}
	}
	if items, ok := d.items(m, "families", "families"); ok {
		for _, it := range items {
			f, ok := d.fields(it, "family", "id", "name", "summary", "sources")
			if !ok {
				continue
			}
			raw.families = append(raw.families, rawFamily{
				line: it.Line(), id: d.text(f, "id", "family"), name: d.text(f, "name", "family"),
				summary: d.text(f, "summary", "family"), sources: d.list(f, "sources", "family"),
			})
		}
	}
	if n, ok := m["blend"]; ok {
		raw.blend.line = n.Line()
		if f, ok := d.fields(n, "blend", "summary", "steps", "sources"); ok {
			raw.blend.summary = d.text(f, "summary", "blend")
			raw.blend.steps = d.steps(f, "steps", "blend")
			raw.blend.sources = d.list(f, "sources", "blend")
		}
	}
	if n, ok := m["essentials"]; ok && n.Kind() == strictyaml.Mapping {
		// The long form: the points and the sources behind them.
		if f, ok := d.fields(n, "essentials", "points", "sources"); ok {
			raw.essentials = d.list(f, "points", "essentials")
			raw.essSources = d.list(f, "sources", "essentials")
		}
	} else {
		raw.essentials = d.list(m, "essentials", "")
	}
	if items, ok := d.items(m, "questions", "questions"); ok {
		for _, it := range items {
			raw.questions = append(raw.questions, d.decodeQuestion(it))
		}
	}
	if items, ok := d.items(m, "types", "types"); ok {
		for _, it := range items {
			raw.types = append(raw.types, d.decodeType(it))
		}
	}
	raw.program = d.answerLists(m, "program_when", "program_when")
	return raw
}

// steps reads a list of next steps: each is text (common practice), or a mapping of its
// text and the sources behind it.
func (d *decoder) steps(m map[string]strictyaml.Node, key, where string) []rawStep {
	items, _ := d.items(m, key, where+", "+key)
	out := make([]rawStep, 0, len(items))
	for _, it := range items {
		if it.Kind() != strictyaml.Mapping {
			s := rawStep{line: it.Line()}
			s.text = d.text(map[string]strictyaml.Node{"step": it}, "step", where+", "+key)
			out = append(out, s)
			continue
		}
		f, ok := d.fields(it, where+", "+key, "text", "sources")
		if !ok {
			continue
		}
		out = append(out, rawStep{line: it.Line(), text: d.text(f, "text", where+", "+key), sources: d.list(f, "sources", where+", "+key)})
	}
	return out
}

// answerLists reads a mapping of question ids to lists of their answers, as a type's
// requires and the bank's program_when are written.
func (d *decoder) answerLists(m map[string]strictyaml.Node, key, where string) []rawRequirement {
	var out []rawRequirement
	for _, p := range d.pairs(m, key, where) {
		answers, err := p.Value.Strings()
		if err != nil {
			d.fail(fmt.Sprintf("%s %s", where, textsafe.Quote(p.Key)), err)
			continue
		}
		out = append(out, rawRequirement{line: p.Line, question: p.Key, answers: answers})
	}
	return out
}

func (d *decoder) decodeQuestion(n strictyaml.Node) rawQuestion {
	q := rawQuestion{line: n.Line()}
	name := named("", "question")
	f, ok := d.fieldsNamed(n, name, "id", "title", "prompt", "help", "sources", "options")
	if !ok {
		return q
	}
	where := name(f)
	q.id = d.text(f, "id", where)
	q.title = d.text(f, "title", where)
	q.prompt = d.text(f, "prompt", where)
	q.help = d.text(f, "help", where)
	q.sources = d.list(f, "sources", where)
	items, ok := d.items(f, "options", where)
	q.optionsSet = ok
	for _, it := range items {
		q.options = append(q.options, d.decodeOption(it, where))
	}
	return q
}

func (d *decoder) decodeOption(n strictyaml.Node, qwhere string) rawOption {
	o := rawOption{line: n.Line()}
	name := named(qwhere+", ", "option")
	f, ok := d.fieldsNamed(n, name, "id", "label", "description", "coaching", "mentoring", "types", "explain", "sources")
	if !ok {
		return o
	}
	where := name(f)
	o.sources = d.list(f, "sources", where)
	o.id = d.text(f, "id", where)
	o.label = d.text(f, "label", where)
	o.description = d.text(f, "description", where)
	o.explain = d.text(f, "explain", where)
	o.coaching = d.number(f, "coaching", where)
	o.mentoring = d.number(f, "mentoring", where)
	for _, p := range d.pairs(f, "types", where) {
		w, err := p.Value.Number()
		if err != nil {
			d.fail(fmt.Sprintf("%s, type %s", where, textsafe.Quote(p.Key)), err)
			continue
		}
		o.types = append(o.types, rawWeight{line: p.Line, typeID: p.Key, weight: w})
	}
	return o
}

func (d *decoder) decodeType(n strictyaml.Node) rawType {
	t := rawType{line: n.Line()}
	name := named("", "type")
	f, ok := d.fieldsNamed(n, name, "id", "family", "name", "summary", "fits", "setup", "sources", "requires")
	if !ok {
		return t
	}
	where := name(f)
	t.requires = d.answerLists(f, "requires", where+", requires")
	t.id = d.text(f, "id", where)
	t.family = d.text(f, "family", where)
	t.name = d.text(f, "name", where)
	t.summary = d.text(f, "summary", where)
	t.fits = d.text(f, "fits", where)
	t.sources = d.list(f, "sources", where)
	if sn, ok := f["setup"]; ok {
		t.setupSet = true
		t.setup.line = sn.Line()
		if sf, ok := d.fields(sn, where+", setup", "length", "cadence", "guide", "success", "steps", "program", "practice"); ok {
			w := where + ", setup"
			t.setup.length = d.text(sf, "length", w)
			t.setup.cadence = d.text(sf, "cadence", w)
			t.setup.guide = d.text(sf, "guide", w)
			t.setup.success = d.text(sf, "success", w)
			t.setup.steps = d.steps(sf, "steps", w)
			t.setup.program = d.steps(sf, "program", w)
			t.setup.practice = d.list(sf, "practice", w)
		}
	}
	return t
}

// validID reports whether id is lower case letters and digits joined by single hyphens.
func validID(id string) bool {
	if id == "" || id[0] == '-' || id[len(id)-1] == '-' || strings.Contains(id, "--") {
		return false
	}
	for i := 0; i < len(id); i++ {
		if c := id[i]; !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-') {
			return false
		}
	}
	return true
}

const idRule = "ids are lower case letters and digits, joined by single hyphens"
