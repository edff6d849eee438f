// Package questions holds the default question bank as data. The bank is YAML so that
// consultants can copy and adapt it without touching Go, and it is embedded so that the
// binary needs no files beside it.
//
// The program does not parse the YAML when it starts: `go generate` compiles it into
// default_gen.go, and a test fails if the two ever differ.
package questions

import (
	"embed"
	"sync"

	"github.com/coachmentor/coachmentor/internal/bank"
)

//go:generate go run ../internal/bankgen/genbank -in default.yaml -out default_gen.go -pkg questions -func compiled

// DefaultFile is the name of the default bank inside FS.
const DefaultFile = "default.yaml"

// FS holds the default bank.
//
//go:embed default.yaml
var FS embed.FS

// raw is the same file as bytes, which the bank keeps as its text without the copy that
// reading it from FS makes at every start.
//
//go:embed default.yaml
var raw []byte

// Default returns the default bank.
var Default = sync.OnceValue(func() *bank.Bank {
	b := compiled()
	b.File = DefaultFile
	b.Raw = raw
	return b.Index()
})
