// Package questions holds the default question bank as data. The bank is YAML so that
// consultants can copy and adapt it without touching Go, and it is embedded so that the
// binary needs no files beside it.
//
// The program does not parse the YAML when it starts: `go generate` compiles it into
// default_gen.go, and a test fails if the two ever differ.
package questions

import (
	_ "embed"
	"sync"

	"github.com/coachmentor/coachmentor/internal/bank"
)

//go:generate go run ../internal/bankgen/genbank -in default.yaml -out default_gen.go -pkg questions -func compiled

// DefaultFile is the name of the default bank's file.
const DefaultFile = "default.yaml"

// YAML is the default bank as written. The bank keeps it as its text (Raw) as it is,
// without a copy at every start; nothing changes it.
//
//go:embed default.yaml
var YAML []byte

// Default returns the default bank.
var Default = sync.OnceValue(func() *bank.Bank {
	b := compiled()
	b.File = DefaultFile
	b.Raw = YAML
	return b.Index()
})
