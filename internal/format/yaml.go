package format

import "github.com/coachmentor/coachmentor/internal/report/bankdoc"

// YAML is a question bank's own file: a starting point for a custom bank.
var YAML = &Format{
	Name: "yaml",
	Exts: []string{".yaml", ".yml"},
	Help: "the bank file itself, a starting point for a custom bank",
	Bank: bankdoc.YAML,
}
