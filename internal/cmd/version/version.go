// Package version implements `coachmentor version`.
package version

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/coachmentor/coachmentor/internal/cmdutil"
)

// NewCmdVersion builds the command.
func NewCmdVersion(f *cmdutil.Factory) *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print the version and the question bank's version",
		Args:  cmdutil.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			b, err := f.Bank()
			if err != nil {
				return err
			}
			_, err = fmt.Fprintln(f.IOStreams.Out, Format(f.Version, b.Version, b.Hash))
			return err
		},
	}
}

// Format is the version line.
func Format(program, bankVersion, hash string) string {
	return fmt.Sprintf("coachmentor %s (question bank %s, %s)", program, bankVersion, hash)
}
