package bank

import (
	"cmp"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/coachmentor/coachmentor/internal/strictyaml"
	"github.com/coachmentor/coachmentor/internal/textsafe"
)

// MaxSize is the largest bank file accepted. The default bank is about 35 KiB.
const MaxSize = 4 << 20

// MaxWeight bounds every weight, so that sums stay exact and readable.
const MaxWeight = 100

// Limits on a bank's shape. The default bank has 15 questions, at most 12 answers to one,
// 50 answers in all and ten types. Beyond these a questionnaire is no longer usable, and
// the work of scoring and of preparing its JSON (which grows with the square of a
// question's answers) would no longer be small.
const (
	MaxTypes      = 100
	MaxQuestions  = 100
	MaxOptions    = 30  // answers to one question
	MaxAllOptions = 500 // answers to all the questions together
)

// twoPlaces is whether x has at most two decimal places, the precision scores are
// counted in.
func twoPlaces(x float64) bool {
	return math.Abs(x*100-math.Round(x*100)) < 1e-6
}

// Problem is one thing wrong with a bank, at a line of its file.
type Problem struct {
	File  string
	Line  int
	Where string // e.g. `question "scope", option "weeks"`
	Msg   string
}

func (p Problem) String() string {
	var b strings.Builder
	b.WriteString(textsafe.Line(p.File)) // a file's name may hold anything
	if p.Line > 0 {
		fmt.Fprintf(&b, ":%d", p.Line)
	}
	b.WriteString(": ")
	if p.Where != "" {
		b.WriteString(p.Where)
		b.WriteString(": ")
	}
	b.WriteString(p.Msg)
	return b.String()
}

// Error lists every problem found in a bank, one per line.
type Error struct {
	Problems []Problem
}

func (e *Error) Error() string {
	lines := make([]string, len(e.Problems))
	for i, p := range e.Problems {
		lines[i] = p.String()
	}
	return textsafe.Capped(lines, textsafe.MaxShown, "problems")
}

// Load reads and validates the bank called name in fsys.
func Load(fsys fs.FS, name string) (*Bank, error) {
	f, err := fsys.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if st, err := f.Stat(); err == nil && st.IsDir() {
		return nil, fmt.Errorf("%s: is a folder; expected a question bank file", name)
	}
	data, err := io.ReadAll(io.LimitReader(f, MaxSize+1))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return Parse(name, data)
}

// Parse validates data as a bank read from a file called name. On failure the error is
// an *Error listing every problem found.
func Parse(name string, data []byte) (*Bank, error) {
	if len(data) > MaxSize {
		return nil, &Error{Problems: []Problem{{File: name, Msg: fmt.Sprintf("larger than the %d MiB limit for a question bank", MaxSize>>20)}}}
	}
	root, err := strictyaml.Parse(name, data)
	if err != nil {
		var se *strictyaml.Error
		if errors.As(err, &se) {
			return nil, &Error{Problems: []Problem{{File: se.File, Line: se.Line, Msg: se.Msg}}}
		}
		return nil, err
	}
	if root.Kind() != strictyaml.Mapping {
		return nil, &Error{Problems: []Problem{{File: name, Line: root.Line(),
			Msg: fmt.Sprintf("expected a question bank (a mapping with version, questions, types and so on), found %s", root.Kind())}}}
	}
	d := &decoder{file: name}
	raw := d.decodeBank(root)
	b := d.validate(raw)
	if len(d.problems) > 0 {
		// In file order, whatever order the checks found them in.
		slices.SortStableFunc(d.problems, func(a, b Problem) int { return cmp.Compare(a.Line, b.Line) })
		return nil, &Error{Problems: d.problems}
	}
	b.File = name
	b.Raw = data
	return b.Index(), nil
}

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
	steps   listField
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
	steps                           listField
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
		if !contains(allowed, p.Key) {
			unknown = append(unknown, p)
			continue
		}
		out[p.Key] = p.Value
	}
	for _, p := range unknown {
		d.problem(p.Line, where(out), "unknown key %s (expected one of: %s)", strictyaml.Quote(p.Key), strings.Join(allowed, ", "))
	}
	return out, true
}

// named builds a where function: the kind, followed by the mapping's id when it has one.
func named(prefix, kind string) func(map[string]strictyaml.Node) string {
	return func(m map[string]strictyaml.Node) string {
		if n, ok := m["id"]; ok {
			if id, err := n.Text(); err == nil && id != "" {
				return prefix + kind + " " + strictyaml.Quote(strings.TrimSpace(id))
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

func (d *decoder) decodeBank(root strictyaml.Node) rawBank {
	raw := rawBank{line: root.Line()}
	m, ok := d.fields(root, "", "version", "title", "scoring", "sources", "families", "blend", "essentials", "questions", "types")
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
			raw.blend.steps = d.list(f, "steps", "blend")
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
	return raw
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
	if tn, ok := f["types"]; ok {
		pairs, err := tn.Mapping()
		if err != nil {
			d.fail(where+", types", err)
		}
		for _, p := range pairs {
			w, err := p.Value.Number()
			if err != nil {
				d.fail(fmt.Sprintf("%s, type %s", where, strictyaml.Quote(p.Key)), err)
				continue
			}
			o.types = append(o.types, rawWeight{line: p.Line, typeID: p.Key, weight: w})
		}
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
	if rn, ok := f["requires"]; ok {
		pairs, err := rn.Mapping()
		if err != nil {
			d.fail(where+", requires", err)
		}
		for _, p := range pairs {
			answers, err := p.Value.Strings()
			if err != nil {
				d.fail(fmt.Sprintf("%s, requires %s", where, strictyaml.Quote(p.Key)), err)
				continue
			}
			t.requires = append(t.requires, rawRequirement{line: p.Line, question: p.Key, answers: answers})
		}
	}
	t.id = d.text(f, "id", where)
	t.family = d.text(f, "family", where)
	t.name = d.text(f, "name", where)
	t.summary = d.text(f, "summary", where)
	t.fits = d.text(f, "fits", where)
	t.sources = d.list(f, "sources", where)
	if sn, ok := f["setup"]; ok {
		t.setupSet = true
		t.setup.line = sn.Line()
		if sf, ok := d.fields(sn, where+", setup", "length", "cadence", "guide", "success", "steps", "practice"); ok {
			w := where + ", setup"
			t.setup.length = d.text(sf, "length", w)
			t.setup.cadence = d.text(sf, "cadence", w)
			t.setup.guide = d.text(sf, "guide", w)
			t.setup.success = d.text(sf, "success", w)
			t.setup.steps = d.list(sf, "steps", w)
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

// validate checks the raw bank and translates it. It reports every problem it finds.
func (d *decoder) validate(raw rawBank) *Bank {
	b := &Bank{Version: raw.version.value, Title: raw.title.value, Essentials: raw.essentials.value}
	if raw.version.value == "" {
		d.problem(lineOr(raw.version.line, raw.line), "", "missing %q: give the bank a version, e.g. \"1.0.0\"", "version")
	}
	if f := raw.famShare; f.set {
		b.FamilyShare = f.value
		switch {
		case f.value < 0 || f.value > 1:
			d.problem(f.line, "scoring", "family_share must be from 0 to 1, found %g", f.value)
		case !twoPlaces(f.value):
			d.problem(f.line, "scoring", "family_share may have at most two decimal places, found %g", f.value)
		}
	}
	b.MinShare = 0.6
	if raw.minShare.set {
		b.MinShare = raw.minShare.value
		switch {
		case b.MinShare <= 0.5 || b.MinShare > 1:
			d.problem(raw.minShare.line, "scoring", "min_share must be above 0.5 and at most 1, found %g", b.MinShare)
		case !twoPlaces(b.MinShare):
			d.problem(raw.minShare.line, "scoring", "min_share may have at most two decimal places, found %g", b.MinShare)
		}
	}

	sourceIDs := map[string]bool{}
	for _, s := range raw.sources {
		where := "source"
		if d.checkID(s.id, s.line, where, sourceIDs) {
			where = fmt.Sprintf("source %s", strictyaml.Quote(s.id.value))
		}
		d.require(s.publisher, s.line, where, "publisher")
		if s.url.value != "" && !strings.HasPrefix(s.url.value, "https://") && !strings.HasPrefix(s.url.value, "http://") {
			d.problem(s.url.line, where, "url must start with https:// or http://")
		}
		b.Sources = append(b.Sources, &Source{ID: s.id.value, Publisher: s.publisher.value, Title: s.title.value, URL: s.url.value})
	}
	checkSources := func(l listField, fallback int, where string) []string {
		for _, id := range l.value {
			if !sourceIDs[id] {
				d.problem(lineOr(l.line, fallback), where, "cites unknown source %s (known: %s)", strictyaml.Quote(id), strings.Join(keys(raw.sources), ", "))
			}
		}
		return l.value
	}

	familyIDs := map[string]bool{}
	for _, f := range raw.families {
		where := "family"
		if d.checkID(f.id, f.line, where, familyIDs) {
			where = fmt.Sprintf("family %s", strictyaml.Quote(f.id.value))
		}
		if f.id.value != "" && f.id.value != Coaching && f.id.value != Mentoring {
			d.problem(f.id.line, where, "families are %q and %q", Coaching, Mentoring)
		}
		d.require(f.name, f.line, where, "name")
		d.require(f.summary, f.line, where, "summary")
		b.Families = append(b.Families, &Family{ID: f.id.value, Name: f.name.value, Summary: f.summary.value, Sources: checkSources(f.sources, f.line, where)})
	}
	for _, id := range []string{Coaching, Mentoring} {
		if !familyIDs[id] {
			d.problem(raw.line, "families", "missing the %q family", id)
		}
	}

	if raw.blend.line == 0 {
		d.problem(raw.line, "", "missing %q: the guidance for recommending both", "blend")
	} else {
		d.require(raw.blend.summary, raw.blend.line, "blend", "summary")
	}
	b.Blend = Guidance{Summary: raw.blend.summary.value, Steps: raw.blend.steps.value, Sources: checkSources(raw.blend.sources, raw.blend.line, "blend")}
	b.EssentialsSources = checkSources(raw.essSources, raw.essentials.line, "essentials")

	typeIDs := map[string]bool{}
	typeOrder := map[string]int{}
	for _, t := range raw.types {
		where := "type"
		if d.checkID(t.id, t.line, where, typeIDs) {
			where = fmt.Sprintf("type %s", strictyaml.Quote(t.id.value))
			typeOrder[t.id.value] = len(typeOrder)
		}
		if d.require(t.family, t.line, where, "family") && t.family.value != Coaching && t.family.value != Mentoring {
			d.problem(t.family.line, where, "family must be %q or %q, found %s", Coaching, Mentoring, strictyaml.Quote(t.family.value))
		}
		d.require(t.name, t.line, where, "name")
		d.require(t.summary, t.line, where, "summary")
		d.require(t.fits, t.line, where, "fits")
		if !t.setupSet {
			d.problem(t.line, where, "missing %q: length, cadence, guide, success and steps", "setup")
		} else {
			w := where + ", setup"
			d.require(t.setup.length, t.setup.line, w, "length")
			d.require(t.setup.cadence, t.setup.line, w, "cadence")
			d.require(t.setup.guide, t.setup.line, w, "guide")
			d.require(t.setup.success, t.setup.line, w, "success")
			for _, f := range t.setup.practice.value {
				if !contains(SetupFields, f) {
					d.problem(t.setup.practice.line, w, "practice names %s, which is not a setup field (use: %s)", strictyaml.Quote(f), strings.Join(SetupFields, ", "))
				}
			}
		}
		b.Types = append(b.Types, &Type{
			ID: t.id.value, Family: t.family.value, Name: t.name.value, Summary: t.summary.value, Fits: t.fits.value,
			Setup: Setup{
				Length: t.setup.length.value, Cadence: t.setup.cadence.value, Guide: t.setup.guide.value,
				Success: t.setup.success.value, Steps: t.setup.steps.value, Practice: t.setup.practice.value,
			},
			Sources: checkSources(t.sources, t.line, where),
		})
	}
	if len(raw.types) == 0 {
		d.problem(raw.line, "", "missing %q: at least one type of coaching or mentoring", "types")
	}
	if len(raw.types) > MaxTypes {
		d.problem(raw.line, "", "too many types: at most %d, found %d", MaxTypes, len(raw.types))
	}

	questionIDs := map[string]bool{}
	allOptions := 0
	for _, q := range raw.questions {
		where := "question"
		if d.checkID(q.id, q.line, where, questionIDs) {
			where = fmt.Sprintf("question %s", strictyaml.Quote(q.id.value))
		}
		if q.id.value == "id" || q.id.value == "name" {
			d.problem(q.id.line, where, "%q is reserved: answers files and team files use it for the person the answers are about; choose another id", q.id.value)
		}
		d.require(q.title, q.line, where, "title")
		d.require(q.prompt, q.line, where, "prompt")
		d.require(q.help, q.line, where, "help")
		bq := &Question{ID: q.id.value, Title: q.title.value, Prompt: q.prompt.value, Help: q.help.value,
			Sources: checkSources(q.sources, q.line, where)}
		switch {
		case !q.optionsSet:
			d.problem(q.line, where, "missing %q", "options")
		case len(q.options) < 2:
			d.problem(q.line, where, "needs at least two options")
		case len(q.options) > MaxOptions:
			d.problem(q.line, where, "has %d options; a question may have at most %d (a longer list is too long to choose from)", len(q.options), MaxOptions)
		}
		allOptions += len(q.options)
		optionIDs := map[string]bool{}
		for _, o := range q.options {
			ow := where + ", option"
			if d.checkID(o.id, o.line, ow, optionIDs) {
				ow = fmt.Sprintf("%s, option %s", where, strictyaml.Quote(o.id.value))
			}
			if o.id.value == Unsure {
				d.problem(o.id.line, ow, "%q is reserved: every question accepts it without listing it", Unsure)
			}
			d.require(o.label, o.line, ow, "label")
			d.require(o.description, o.line, ow, "description")
			d.require(o.explain, o.line, ow, "explain")
			d.checkWeight(o.coaching, ow, "coaching")
			d.checkWeight(o.mentoring, ow, "mentoring")
			d.checkShare(b.FamilyShare, o.coaching, ow, "coaching")
			d.checkShare(b.FamilyShare, o.mentoring, ow, "mentoring")
			bo := &Option{ID: o.id.value, Label: o.label.value, Description: o.description.value,
				Coaching: o.coaching.value, Mentoring: o.mentoring.value, Explain: o.explain.value,
				Sources: checkSources(o.sources, o.line, ow)}
			for _, w := range o.types {
				if !typeIDs[w.typeID] {
					d.problem(w.line, ow, "weight toward unknown type %s (known: %s)", strictyaml.Quote(w.typeID), strings.Join(typeKeys(raw.types), ", "))
					continue
				}
				d.checkWeight(numField{set: true, line: w.line, value: w.weight}, ow, "type "+w.typeID)
				bo.Types = append(bo.Types, TypeWeight{Type: w.typeID, Weight: w.weight})
			}
			sortTypeWeights(bo.Types, typeOrder)
			bq.Options = append(bq.Options, bo)
		}
		b.Questions = append(b.Questions, bq)
	}
	if len(raw.questions) == 0 {
		d.problem(raw.line, "", "missing %q: at least one question", "questions")
	}
	if len(raw.questions) > MaxQuestions {
		d.problem(raw.line, "", "too many questions: at most %d, found %d", MaxQuestions, len(raw.questions))
	}
	if allOptions > MaxAllOptions {
		d.problem(raw.line, "", "too many options: at most %d in all the questions together, found %d", MaxAllOptions, allOptions)
	}
	b.MinAnswers = d.minAnswers(raw.minAnswers, len(raw.questions))
	d.requirements(b, raw.types)
	return b
}

// requirements checks and records each type's requires, once the questions are known.
func (d *decoder) requirements(b *Bank, types []rawType) {
	for i, t := range types {
		if i >= len(b.Types) {
			break
		}
		where := fmt.Sprintf("type %s, requires", strictyaml.Quote(t.id.value))
		for _, r := range t.requires {
			var q *Question
			for _, bq := range b.Questions {
				if bq.ID == r.question {
					q = bq
				}
			}
			if q == nil {
				d.problem(r.line, where, "unknown question %s (known: %s)", strictyaml.Quote(r.question), strings.Join(questionIDs(b), ", "))
				continue
			}
			if len(r.answers) == 0 {
				d.problem(r.line, where, "question %s: list at least one answer the type needs", strictyaml.Quote(r.question))
				continue
			}
			for _, a := range r.answers {
				if _, ok := q.Option(a); !ok {
					d.problem(r.line, where, "question %s has no answer %s (valid: %s)", strictyaml.Quote(r.question), strictyaml.Quote(a), strings.Join(q.Choices()[:len(q.Options)], ", "))
				}
			}
			b.Types[i].Requires = append(b.Types[i].Requires, Requirement{Question: r.question, Answers: r.answers})
		}
	}
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
		d.problem(id.line, where, "invalid id %s: %s", strictyaml.Quote(id.value), idRule)
		return false
	case seen[id.value]:
		d.problem(id.line, where, "duplicate id %s", strictyaml.Quote(id.value))
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

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
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
