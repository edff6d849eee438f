package strictyaml

import "github.com/goccy/go-yaml/token"

// MaxKeys bounds the keys of one block mapping. The parser's time grows with the square of
// a mapping's keys (40,000 keys, a 1 MB file, took 3.8 s); the largest mapping a real bank
// or answers file has is some twenty keys.
const MaxKeys = 200

// checkDepth is a quick, conservative bound on nesting. Brackets inside quoted text also
// count, which can only make it stricter, and no real file comes near the limit.
func checkDepth(data []byte) (line int, ok bool) {
	depth, ln := 0, 1
	atLineStart, dashes := true, 0
	for i, c := range data {
		switch c {
		case '\n':
			ln++
			atLineStart, dashes = true, 0
			continue
		case '[', '{':
			depth++
			if depth > MaxDepth {
				return ln, false
			}
		case ']', '}':
			if depth > 0 {
				depth--
			}
		case '-':
			if atLineStart && (i+1 == len(data) || data[i+1] == ' ' || data[i+1] == '\n') {
				dashes++
				if dashes > MaxDepth {
					return ln, false
				}
				continue
			}
		case ' ', '\t':
			continue
		}
		atLineStart = false
	}
	return 0, true
}

// checkKeys counts the keys of each block mapping in the tokens and reports the line of the
// first key past MaxKeys. A mapping's keys share a column; a key further left ends the
// mappings to its right, and so does a list entry, which starts a mapping of its own.
// Flow mappings ({...}) are left out: their cost grows only with their length.
func checkKeys(tokens token.Tokens) (line int, ok bool) {
	type open struct{ column, keys int }
	var stack []open
	flow := 0
	for i, tk := range tokens {
		switch tk.Type {
		case token.MappingStartType, token.SequenceStartType:
			flow++
		case token.MappingEndType, token.SequenceEndType:
			flow = max(flow-1, 0)
		case token.SequenceEntryType:
			for len(stack) > 0 && stack[len(stack)-1].column >= tk.Position.Column {
				stack = stack[:len(stack)-1]
			}
		case token.MappingValueType:
			if flow > 0 || i == 0 {
				continue
			}
			key := tokens[i-1].Position
			for len(stack) > 0 && stack[len(stack)-1].column > key.Column {
				stack = stack[:len(stack)-1]
			}
			if n := len(stack); n > 0 && stack[n-1].column == key.Column {
				stack[n-1].keys++
				if stack[n-1].keys > MaxKeys {
					return key.Line, false
				}
				continue
			}
			stack = append(stack, open{column: key.Column, keys: 1})
		}
	}
	return 0, true
}
