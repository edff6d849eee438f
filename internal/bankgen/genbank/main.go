// Command genbank compiles a question bank into Go source; `make generate` runs it for the
// default bank.
//
//	genbank -in default.yaml -out default_gen.go -pkg questions -func compiled
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/coachmentor/coachmentor/internal/bank"
	"github.com/coachmentor/coachmentor/internal/bankgen"
	"github.com/coachmentor/coachmentor/internal/safefile"
)

func main() {
	in := flag.String("in", "default.yaml", "bank to compile")
	out := flag.String("out", "default_gen.go", "Go file to write")
	pkg := flag.String("pkg", "questions", "package of the Go file")
	fn := flag.String("func", "compiled", "name of the function to define")
	flag.Parse()
	if err := run(*in, *out, *pkg, *fn); err != nil {
		fmt.Fprintln(os.Stderr, "genbank:", err)
		os.Exit(1)
	}
}

func run(in, out, pkg, fn string) error {
	b, err := bank.Load(os.DirFS("."), in)
	if err != nil {
		return err
	}
	src, err := bankgen.Source(b, pkg, fn, in)
	if err != nil {
		return err
	}
	return safefile.Write(out, src, true)
}
