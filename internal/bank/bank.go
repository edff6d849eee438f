// Package bank defines the question bank: the questions, their answers and weights, the
// ten types and the guidance that reports quote. Banks are written in YAML (see
// questions/default.yaml); Load reads and validates one, and every problem it finds names
// the file, the line and the question, option or type it belongs to.
package bank

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"math"
	"slices"
	"sort"
	"strings"
	"unicode"
)

// Unsure is the answer every question accepts. It carries no weight and the question is
// reported as not answered.
const Unsure = "unsure"

// The two families every bank scores.
const (
	Coaching  = "coaching"
	Mentoring = "mentoring"
)

// Bank is a validated question bank. Treat it as read-only once loaded.
type Bank struct {
	Version  string  `json:"version"`
	Title    string  `json:"title,omitempty"`
	MinShare float64 `json:"min_share"`
	// MinAnswers is how many questions must be answered before a family is recommended;
	// with fewer the recommendation is undecided.
	MinAnswers int `json:"min_answers"`
	// FamilyShare is the share of an answer's coaching or mentoring points that also goes
	// to every type of that family, so that the balance between the families also weighs
	// between their types.
	FamilyShare       float64     `json:"family_share,omitempty"`
	Sources           []*Source   `json:"sources"`
	Families          []*Family   `json:"families"`
	Blend             Guidance    `json:"blend"`
	Essentials        []string    `json:"essentials,omitempty"`
	EssentialsSources []string    `json:"essentials_sources,omitempty"`
	Questions         []*Question `json:"questions"`
	Types             []*Type     `json:"types"`
	// ProgramWhen names the answers that say many people share the need: with one of them,
	// reports give each type's program steps rather than the steps for one arrangement.
	ProgramWhen []Requirement `json:"program_when,omitempty"`

	// Hash is a short hash of the content above, printed on every report so a report can
	// be traced to the exact rubric. Formatting and comments do not change it.
	Hash string `json:"hash"`
	// File is the name the bank was loaded from; Raw is its text as written.
	File string `json:"-"`
	Raw  []byte `json:"-"`

	questions map[string]*Question
	types     map[string]*Type
}

// Source is a publication the bank draws on.
type Source struct {
	ID        string `json:"id"`
	Publisher string `json:"publisher"`
	Title     string `json:"title,omitempty"`
	URL       string `json:"url,omitempty"`
}

// Family is coaching or mentoring.
type Family struct {
	ID      string   `json:"id"`
	Name    string   `json:"name"`
	Summary string   `json:"summary"`
	Sources []string `json:"sources,omitempty"`
}

// Guidance is advice for recommending both families together.
type Guidance struct {
	Summary string   `json:"summary"`
	Steps   []Step   `json:"steps,omitempty"`
	Sources []string `json:"sources,omitempty"`
}

// Step is one next step. A step with sources is what they advise; a step without is common
// practice, and reports say so.
type Step struct {
	Text    string   `json:"text"`
	Sources []string `json:"sources,omitempty"`
}

// Practice reports whether the step is common practice rather than from the sources.
func (s Step) Practice() bool { return len(s.Sources) == 0 }

// MarshalJSON writes a step without sources as its text alone, as banks before sourced
// steps wrote every step, so that such a bank keeps its content hash.
func (s Step) MarshalJSON() ([]byte, error) {
	if s.Practice() {
		return json.Marshal(s.Text)
	}
	type step Step // without this method
	return json.Marshal(step(s))
}

// UnmarshalJSON reads a step as MarshalJSON writes it.
func (s *Step) UnmarshalJSON(data []byte) error {
	if len(data) > 0 && data[0] == '"' {
		*s = Step{}
		return json.Unmarshal(data, &s.Text)
	}
	type step Step
	return json.Unmarshal(data, (*step)(s))
}

// Question is one decision criterion.
type Question struct {
	ID      string    `json:"id"`
	Title   string    `json:"title"`
	Prompt  string    `json:"prompt"`
	Help    string    `json:"help"`
	Sources []string  `json:"sources,omitempty"`
	Options []*Option `json:"options"`
	// Index is the question's position in the bank.
	Index int `json:"-"`
}

// Option is one answer to a question and the points it gives.
type Option struct {
	ID          string       `json:"id"`
	Label       string       `json:"label"`
	Description string       `json:"description"`
	Coaching    float64      `json:"coaching"`
	Mentoring   float64      `json:"mentoring"`
	Types       []TypeWeight `json:"types,omitempty"`
	Explain     string       `json:"explain"`
	// Sources back the explanation; when empty, the question's sources do (OptionSources).
	Sources []string `json:"sources,omitempty"`
	// Index is the option's position in its question.
	Index int `json:"-"`
	// Points are the option's points for each type in bank type order: its own weights
	// plus the bank's family share of its family points. Index fills them in.
	Points []TypeWeight `json:"-"`
}

// TypeWeight is the points an option gives one type.
type TypeWeight struct {
	Type   string  `json:"type"`
	Weight float64 `json:"weight"`
}

// Type is one of the kinds of coaching or mentoring.
type Type struct {
	ID      string   `json:"id"`
	Family  string   `json:"family"`
	Name    string   `json:"name"`
	Summary string   `json:"summary"`
	Fits    string   `json:"fits"`
	Setup   Setup    `json:"setup"`
	Sources []string `json:"sources,omitempty"`
	// Requires rules the type out when one of these questions is answered otherwise:
	// executive coaching needs a senior leader, whatever else points to it.
	Requires []Requirement `json:"requires,omitempty"`
	// Index is the type's position in the bank, which is also the order types with equal
	// points are listed in.
	Index int `json:"-"`
}

// Requirement is a question and the answers to it that a type needs.
type Requirement struct {
	Question string   `json:"question"`
	Answers  []string `json:"answers"`
}

// RuledOutBy is the answer, among the selected ones, that rules the type out, or nil.
// selected gives the chosen option of a question, nil when it is not answered.
func (t *Type) RuledOutBy(b *Bank, selected func(q *Question) *Option) (*Question, *Option) {
	for _, req := range t.Requires {
		q, ok := b.Question(req.Question)
		if !ok {
			continue
		}
		if o := selected(q); o != nil && !slices.Contains(req.Answers, o.ID) {
			return q, o
		}
	}
	return nil, nil
}

// Allows reports whether the type's requirements allow option o of question q.
func (t *Type) Allows(q *Question, o *Option) bool {
	for _, req := range t.Requires {
		if req.Question == q.ID && o != nil && !slices.Contains(req.Answers, o.ID) {
			return false
		}
	}
	return true
}

// Setup is how to start a type: how long, how often, who guides and how success is judged.
type Setup struct {
	Length  string `json:"length"`
	Cadence string `json:"cadence"`
	Guide   string `json:"guide"`
	Success string `json:"success"`
	// Steps start one arrangement: one pairing, one group or one team. Program starts a
	// program for many people who share the need; see Bank.ProgramWhen.
	Steps   []Step `json:"steps,omitempty"`
	Program []Step `json:"program,omitempty"`
	// Practice names the fields above (length, cadence, guide, success) whose figures are
	// common practice rather than taken from the sources; reports say so.
	Practice []string `json:"practice,omitempty"`
}

// IsPractice reports whether the setup field (length, cadence, guide or success) is common
// practice rather than sourced.
func (s Setup) IsPractice(field string) bool { return slices.Contains(s.Practice, field) }

// SetupFields are the setup fields a type describes, in the order reports show them.
var SetupFields = []string{"length", "cadence", "guide", "success"}

// Index fills in positions and lookup tables and computes the content hash. Load calls it;
// code that builds a Bank by hand (the compiled default bank) must call it too.
func (b *Bank) Index() *Bank {
	b.questions = make(map[string]*Question, len(b.Questions))
	for i, q := range b.Questions {
		q.Index = i
		b.questions[q.ID] = q
		for j, o := range q.Options {
			o.Index = j
		}
	}
	b.types = make(map[string]*Type, len(b.Types))
	for i, t := range b.Types {
		t.Index = i
		b.types[t.ID] = t
	}
	for _, q := range b.Questions {
		for _, o := range q.Options {
			o.Points = b.points(o)
		}
	}
	if b.Hash == "" {
		b.Hash = b.ContentHash()
	}
	return b
}

// points works out an option's points per type: its own weights plus the family share.
// Sums are in whole hundredths, the precision weights have, so that they are exact.
func (b *Bank) points(o *Option) []TypeWeight {
	h := func(x float64) int64 { return int64(math.Round(x * 100)) }
	share := h(b.FamilyShare)
	var out []TypeWeight
	for _, t := range b.Types {
		sum := h(o.TypeWeight(t.ID))
		switch t.Family {
		case Coaching:
			sum += share * h(o.Coaching) / 100
		case Mentoring:
			sum += share * h(o.Mentoring) / 100
		}
		if sum != 0 {
			out = append(out, TypeWeight{Type: t.ID, Weight: float64(sum) / 100})
		}
	}
	return out
}

// FamilyPoints is the share of an option's family points each type of that family gets.
func (b *Bank) FamilyPoints(o *Option) (coaching, mentoring float64) {
	return math.Round(b.FamilyShare*o.Coaching*100) / 100, math.Round(b.FamilyShare*o.Mentoring*100) / 100
}

// ContentHash hashes the bank's content in a canonical form.
func (b *Bank) ContentHash() string {
	c := *b
	c.Hash = ""
	data, err := json.Marshal(&c)
	if err != nil { // cannot happen: the bank holds only strings, numbers and lists
		panic(err)
	}
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:6])
}

// ForMany reports whether the selected answers say many people share the need (one of
// ProgramWhen's answers is chosen). selected gives a question's chosen option, nil when
// it is not answered.
func (b *Bank) ForMany(selected func(q *Question) *Option) bool {
	for _, req := range b.ProgramWhen {
		if q, ok := b.Question(req.Question); ok {
			if o := selected(q); o != nil && slices.Contains(req.Answers, o.ID) {
				return true
			}
		}
	}
	return false
}

// StepsFor is a type's steps for one arrangement, or its program steps when forMany and it
// has them.
func (t *Type) StepsFor(forMany bool) []Step {
	if forMany && len(t.Setup.Program) > 0 {
		return t.Setup.Program
	}
	return t.Setup.Steps
}

// Question returns the question with the given id.
func (b *Bank) Question(id string) (*Question, bool) {
	q, ok := b.questions[id]
	return q, ok
}

// Type returns the type with the given id.
func (b *Bank) Type(id string) (*Type, bool) {
	t, ok := b.types[id]
	return t, ok
}

// Family returns the family with the given id.
func (b *Bank) Family(id string) *Family {
	for _, f := range b.Families {
		if f.ID == id {
			return f
		}
	}
	return &Family{ID: id, Name: id}
}

// QuestionIDs lists the question ids in bank order.
func (b *Bank) QuestionIDs() []string {
	ids := make([]string, len(b.Questions))
	for i, q := range b.Questions {
		ids[i] = q.ID
	}
	return ids
}

// CitedSources lists, in bank order, the sources cited anywhere in the bank.
func (b *Bank) CitedSources(ids ...[]string) []*Source {
	seen := map[string]bool{}
	for _, list := range ids {
		for _, id := range list {
			seen[id] = true
		}
	}
	var out []*Source
	for _, s := range b.Sources {
		if seen[s.ID] {
			out = append(out, s)
		}
	}
	return out
}

// OptionSources are the sources behind an option's explanation: its own, or else its
// question's.
func (q *Question) OptionSources(o *Option) []string {
	if len(o.Sources) > 0 {
		return o.Sources
	}
	return q.Sources
}

// SourceNames lists the publishers of the given source ids, in the order given.
func (b *Bank) SourceNames(ids []string) []string {
	var out []string
	for _, id := range ids {
		for _, s := range b.Sources {
			if s.ID == id {
				out = append(out, s.Publisher)
			}
		}
	}
	return out
}

// Option returns the option with the given id.
func (q *Question) Option(id string) (*Option, bool) {
	for _, o := range q.Options {
		if o.ID == id {
			return o, true
		}
	}
	return nil, false
}

// Choices lists the answers the question accepts, `unsure` last.
func (q *Question) Choices() []string {
	ids := make([]string, 0, len(q.Options)+1)
	for _, o := range q.Options {
		ids = append(ids, o.ID)
	}
	return append(ids, Unsure)
}

// Favours names the family an option leans to: coaching, mentoring, both or neither.
func (o *Option) Favours() string {
	switch {
	case o.Coaching > o.Mentoring:
		return Coaching
	case o.Mentoring > o.Coaching:
		return Mentoring
	case o.Coaching > 0:
		return "both"
	}
	return "neither"
}

// TypeWeight returns the option's points for a type.
func (o *Option) TypeWeight(typeID string) float64 {
	for _, tw := range o.Types {
		if tw.Type == typeID {
			return tw.Weight
		}
	}
	return 0
}

// sortTypeWeights puts an option's type weights in bank type order, so that output built
// from them does not depend on how the file ordered them.
func sortTypeWeights(tws []TypeWeight, order map[string]int) {
	sort.SliceStable(tws, func(i, j int) bool { return order[tws[i].Type] < order[tws[j].Type] })
}

// Names are the ways the questionnaire shows a question, as Words gives them, by which
// answers files and spreadsheet headers may name it instead of by its id: its title, its
// prompt, and both as "title: prompt".
func (q *Question) Names() []string {
	return []string{Words(q.Title), Words(q.Prompt), Words(q.Title + ": " + q.Prompt)}
}

// Words is s in lower case with every run of anything but letters and digits made one
// space, so that "What should it target?" and "what should it target" are alike. Answers
// that name a question by its title (Names) or an answer by its label are compared so, and
// the notes on shared titles and labels use the same test.
func Words(s string) string {
	var b strings.Builder
	space := false
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			b.WriteRune(unicode.ToLower(r))
			space = false
		} else {
			space = true
		}
	}
	return b.String()
}

// Selection holds one chosen option per question, indexed like the bank's questions; nil
// means not answered (or unsure). It is what answers become and what the engine scores.
type Selection []*Option
