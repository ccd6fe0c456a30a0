package main

import (
	"io"

	"github.com/spf13/cobra"
)

// streams are the command's input and outputs; tests replace them.
type streams struct {
	In     io.Reader
	Out    io.Writer
	ErrOut io.Writer
}

func newRootCommand(s streams) *cobra.Command {
	root := &cobra.Command{
		Use:   "kube-apidocs",
		Short: "Turn a Kubernetes cluster's API discovery into documentation",
		Long: `kube-apidocs reads the API discovery documents of a live cluster (from
kubeconfig, like kubectl) or of a recording (--fixtures DIR, or --fixtures
builtin for the bundled recording) and prints the api-resources table,
generates a documentation site, or diffs two API surfaces.`,
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.SetIn(s.In)
	root.SetOut(s.Out)
	root.SetErr(s.ErrOut)
	root.AddCommand(
		newAPIResourcesCommand(s),
		newAPIVersionsCommand(s),
		newServeCommand(s),
		newGenerateCommand(s),
		newDiffCommand(s),
		newMatrixCommand(s),
		newRecordCommand(s),
		newExplainCommand(s),
	)
	return root
}
