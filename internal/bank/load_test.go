package bank_test

import (
	"testing"

	"github.com/coachmentor/coachmentor/internal/bank"
	"github.com/coachmentor/coachmentor/questions"
)

func TestLoadDefault(t *testing.T) {
	b, err := bank.Load(questions.FS, questions.DefaultFile)
	if err != nil {
		t.Fatal(err)
	}
	t.Log(len(b.Questions), len(b.Types), b.Hash)
}
