// Package strictyaml reads the small, strict subset of YAML (and JSON, which it includes)
// that coachmentor's files use: one document of mappings, sequences and scalars, with no
// anchors, aliases, tags or merge keys. Every node knows its line, so callers can report
// problems as file:line, and every error is one line of plain text.
//
// Anchors and aliases are refused outright rather than expanded: that closes the
// "billion laughs" attack and keeps files readable. Deep flow nesting and block mappings
// with very many keys are refused before parsing, because the parser's cost grows with
// the square of the depth and of the number of keys.
package strictyaml

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/goccy/go-yaml"
	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/lexer"
	"github.com/goccy/go-yaml/parser"

	"github.com/coachmentor/coachmentor/internal/textenc"
	"github.com/coachmentor/coachmentor/internal/textsafe"
)

// MaxDepth bounds flow nesting ([ and {) and inline block nesting ("- - -") in a file.
const MaxDepth = 64

// Error is a problem at a line of a file. Line is 0 when the problem is the file as a whole.
type Error struct {
	File string
	Line int
	Msg  string
}

func (e *Error) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg)
	}
	return fmt.Sprintf("%s: %s", e.File, e.Msg)
}

// Kind is the shape of a node, named as a user would say it.
type Kind int

const (
	Null Kind = iota
	Mapping
	Sequence
	String
	Number
	Bool
)

func (k Kind) String() string {
	switch k {
	case Mapping:
		return "a mapping"
	case Sequence:
		return "a list"
	case String:
		return "text"
	case Number:
		return "a number"
	case Bool:
		return "true/false"
	}
	return "nothing"
}

// Node is a YAML node with the file it came from.
type Node struct {
	file string
	n    ast.Node
	line int
}

// Pair is one key and value of a mapping.
type Pair struct {
	Key   string
	Line  int
	Value Node
}

// Parse parses data as one YAML or JSON document. An empty document, invalid UTF-8,
// anchors, aliases, tags and more than one document are errors.
func Parse(file string, data []byte) (Node, error) {
	fail := func(line int, format string, a ...any) (Node, error) {
		return Node{}, &Error{File: file, Line: line, Msg: fmt.Sprintf(format, a...)}
	}
	data = textenc.Bytes(data) // UTF-16 after a byte-order mark, as batch reads; the mark dropped
	if !utf8.Valid(data) {
		return fail(invalidUTF8Line(data), "not valid UTF-8 text")
	}
	if i := bytes.IndexByte(data, 0); i >= 0 {
		return fail(lineAt(data, i), "contains a NUL byte; expected a text file")
	}
	if line, ok := checkDepth(data); !ok {
		return fail(line, "nested more than %d levels deep", MaxDepth)
	}
	f, keysLine, err := parseBytes(data)
	if keysLine > 0 {
		return fail(keysLine, "more than %d keys in one mapping; no coachmentor file needs so many", MaxKeys)
	}
	if err != nil {
		var ye yaml.Error
		if errors.As(err, &ye) && ye.GetToken() != nil {
			return fail(ye.GetToken().Position.Line, "invalid YAML: %s", cleanMessage(ye.GetMessage()))
		}
		return fail(0, "invalid YAML: %s", cleanMessage(err.Error()))
	}
	var docs []*ast.DocumentNode
	for _, d := range f.Docs {
		if d != nil && d.Body != nil {
			docs = append(docs, d)
		}
	}
	if len(docs) == 0 {
		return fail(0, "the file is empty")
	}
	if len(docs) > 1 {
		return fail(lineOf(docs[1].Body), "holds more than one YAML document; expected one")
	}
	root := Node{file: file, n: docs[0].Body, line: lineOf(docs[0].Body)}
	if err := root.checkPlain(); err != nil {
		return Node{}, err
	}
	return root, nil
}

// parseBytes guards against parser panics on hostile input: a panic becomes an error. A
// block mapping with more than MaxKeys keys is refused before parsing, at keysLine.
func parseBytes(data []byte) (f *ast.File, keysLine int, err error) {
	defer func() {
		if r := recover(); r != nil {
			f, keysLine, err = nil, 0, fmt.Errorf("the parser could not read this file")
		}
	}()
	tokens := lexer.Tokenize(string(data))
	if line, ok := checkKeys(tokens); !ok {
		return nil, line, nil
	}
	f, err = parser.Parse(tokens, 0)
	return f, 0, err
}

// checkPlain walks the tree once and refuses the YAML features this format excludes.
func (n Node) checkPlain() error {
	var walk func(ast.Node) error
	walk = func(x ast.Node) error {
		switch v := x.(type) {
		case nil:
			return nil
		case *ast.AnchorNode:
			return n.errAt(lineOf(v), "anchors (&) are not supported; write the value out")
		case *ast.AliasNode:
			return n.errAt(lineOf(v), "aliases (*) are not supported; write the value out")
		case *ast.TagNode:
			return n.errAt(lineOf(v), "tags (!) are not supported")
		case *ast.MergeKeyNode:
			return n.errAt(lineOf(v), "merge keys (<<) are not supported")
		case *ast.MappingNode:
			for _, mv := range v.Values {
				if err := walk(mv); err != nil {
					return err
				}
			}
		case *ast.MappingValueNode:
			if err := walk(v.Key); err != nil {
				return err
			}
			return walk(v.Value)
		case *ast.MappingKeyNode:
			return walk(v.Value)
		case *ast.SequenceNode:
			for _, e := range v.Values {
				if err := walk(e); err != nil {
					return err
				}
			}
		}
		return nil
	}
	return walk(n.n)
}

// Line is the 1-based line where the node starts.
func (n Node) Line() int { return n.line }

// Kind reports the node's shape.
func (n Node) Kind() Kind {
	switch n.n.(type) {
	case *ast.MappingNode, *ast.MappingValueNode:
		return Mapping
	case *ast.SequenceNode:
		return Sequence
	case *ast.StringNode, *ast.LiteralNode:
		return String
	case *ast.IntegerNode, *ast.FloatNode, *ast.InfinityNode, *ast.NanNode:
		return Number
	case *ast.BoolNode:
		return Bool
	case *ast.NullNode, nil:
		return Null
	}
	return String
}

// Errorf makes an error at the node's line.
func (n Node) Errorf(format string, a ...any) error {
	return n.errAt(n.line, fmt.Sprintf(format, a...))
}

func (n Node) errAt(line int, msg string) error {
	return &Error{File: n.file, Line: line, Msg: msg}
}

func (n Node) expected(what string) error {
	return n.Errorf("expected %s, found %s", what, n.Kind())
}

// Mapping returns the pairs of a mapping in file order. Keys must be text; duplicate
// keys were already refused by the parser.
func (n Node) Mapping() ([]Pair, error) {
	var values []*ast.MappingValueNode
	switch v := n.n.(type) {
	case *ast.MappingNode:
		values = v.Values
	case *ast.MappingValueNode: // a one-key mapping
		values = []*ast.MappingValueNode{v}
	default:
		return nil, n.expected("a mapping")
	}
	pairs := make([]Pair, 0, len(values))
	for _, mv := range values {
		key := Node{file: n.file, n: mv.Key, line: lineOf(mv.Key)}
		if k, ok := mv.Key.(*ast.MappingKeyNode); ok {
			key.n = k.Value
		}
		var name string
		switch key.Kind() {
		case String, Number, Bool:
			name = key.text()
		default:
			return nil, key.Errorf("expected a name as the key, found %s", key.Kind())
		}
		value := Node{file: n.file, n: mv.Value, line: lineOf(mv.Value)}
		if value.line == 0 || value.Kind() == Null {
			value.line = key.line
		}
		pairs = append(pairs, Pair{Key: name, Line: key.line, Value: value})
	}
	return pairs, nil
}

// Sequence returns the items of a list.
func (n Node) Sequence() ([]Node, error) {
	v, ok := n.n.(*ast.SequenceNode)
	if !ok {
		return nil, n.expected("a list")
	}
	items := make([]Node, len(v.Values))
	for i, e := range v.Values {
		items[i] = Node{file: n.file, n: e, line: lineOf(e)}
		if items[i].line == 0 {
			items[i].line = n.line
		}
	}
	return items, nil
}

// String returns text; any other shape is an error.
func (n Node) String() (string, error) {
	if n.Kind() != String {
		return "", n.expected("text")
	}
	return n.text(), nil
}

// Text returns any scalar as the text written in the file, so `version: 1.0` reads as
// "1.0". Mappings, lists and empty values are errors.
func (n Node) Text() (string, error) {
	switch n.Kind() {
	case String, Number, Bool:
		return n.text(), nil
	case Mapping:
		return "", n.Errorf("expected text, found a mapping (text that contains \": \" must be quoted)")
	}
	return "", n.expected("text")
}

// Number returns a number written as a plain decimal: 3, -2, 0.65. YAML also reads 010 as
// eight, 0x10 as sixteen, 1_0 as ten and .inf as infinity, none of which a person editing
// a rubric means; they are refused with the way to write them.
func (n Node) Number() (float64, error) {
	raw := n.text()
	switch n.Kind() {
	case Number:
	case String:
		if looksNumeric(raw) { // 08 and 1e, which YAML reads as text
			return 0, n.Errorf("write numbers as plain decimals, such as 10 or 0.65; found %s", textsafe.Quote(raw))
		}
		return 0, n.expected("a number")
	default:
		return 0, n.expected("a number")
	}
	if !plainDecimal().MatchString(raw) {
		if _, inf := n.n.(*ast.InfinityNode); inf {
			return 0, n.Errorf("expected a finite number, found %s", textsafe.Quote(raw))
		}
		if _, nan := n.n.(*ast.NanNode); nan {
			return 0, n.Errorf("expected a finite number, found %s", textsafe.Quote(raw))
		}
		return 0, n.Errorf("write numbers as plain decimals, such as 10 or 0.65; found %s", textsafe.Quote(raw))
	}
	f, err := strconv.ParseFloat(raw, 64)
	if err != nil || math.IsInf(f, 0) {
		return 0, n.Errorf("expected a finite number, found %s", textsafe.Quote(raw))
	}
	return f, nil
}

// plainDecimal is a number as people write one: digits with no leading zero, a point and
// more digits if need be, perhaps a minus sign.
var plainDecimal = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^-?(0|[1-9][0-9]*)(\.[0-9]+)?$`) })

// looksNumeric reports whether text that YAML read as a string was surely meant as a number.
func looksNumeric(s string) bool {
	return s != "" && strings.Trim(s, "+-0123456789._xXoObBeE") == "" && strings.ContainsAny(s, "0123456789")
}

// Strings returns a list of text items.
func (n Node) Strings() ([]string, error) {
	items, err := n.Sequence()
	if err != nil {
		return nil, err
	}
	out := make([]string, 0, len(items))
	for _, it := range items {
		s, err := it.Text()
		if err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, nil
}

func (n Node) text() string {
	switch v := n.n.(type) {
	case *ast.StringNode:
		return v.Value
	case *ast.LiteralNode:
		if v.Value != nil {
			return v.Value.Value
		}
		return ""
	case nil:
		return ""
	default:
		if tk := v.GetToken(); tk != nil {
			return tk.Value
		}
		return v.String()
	}
}

func lineOf(n ast.Node) int {
	if n == nil {
		return 0
	}
	if mv, ok := n.(*ast.MappingNode); ok && len(mv.Values) > 0 && mv.Start == nil {
		return lineOf(mv.Values[0])
	}
	if mv, ok := n.(*ast.MappingValueNode); ok {
		return lineOf(mv.Key)
	}
	tk := n.GetToken()
	if tk == nil || tk.Position == nil {
		return 0
	}
	return tk.Position.Line
}

// cleanMessage keeps the parser's message to one line without its source excerpt.
func cleanMessage(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		s = s[:i]
	}
	if strings.Contains(s, "[") {
		s = positionRef().ReplaceAllString(s, "line $1")
	}
	return strings.TrimSpace(s)
}

// positionRef matches the parser's "[line:column]" references. It is compiled on first use:
// most runs never report a YAML error.
var positionRef = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`\[(\d+):\d+\]`) })

func lineAt(data []byte, offset int) int {
	return bytes.Count(data[:offset], []byte("\n")) + 1
}

func invalidUTF8Line(data []byte) int {
	for i := 0; i < len(data); {
		r, size := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && size <= 1 {
			return lineAt(data, i)
		}
		i += size
	}
	return 0
}
