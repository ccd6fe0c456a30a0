package main

import (
	"github.com/spf13/cobra"
	"k8s.io/cli-runtime/pkg/genericiooptions"
)

// newRootCommand returns the kube-apidocs command with every subcommand,
// writing to streams.
func newRootCommand(streams genericiooptions.IOStreams) *cobra.Command {
	root := &cobra.Command{
		Use:   "kube-apidocs",
		Short: "Turn a Kubernetes cluster's API discovery into documentation",
		Long: `kube-apidocs reads the API discovery documents of a live cluster (from
kubeconfig, like kubectl) or of a recording (--fixtures DIR, or --fixtures
builtin for the bundled recording) and prints the api-resources table,
generates a documentation site, or diffs two API surfaces.`,
		SilenceUsage:  true,
		SilenceErrors: true,
		Version:       versionLine(buildVersion()),
	}
	root.SetVersionTemplate("{{.Version}}\n")
	root.SetIn(streams.In)
	root.SetOut(streams.Out)
	root.SetErr(streams.ErrOut)
	root.AddCommand(
		NewCmdAPIResources(streams),
		NewCmdAPIVersions(streams),
		NewCmdServe(streams),
		NewCmdGenerate(streams),
		NewCmdDiff(streams),
		NewCmdMatrix(streams),
		NewCmdRecord(streams),
		NewCmdVersion(streams),
		NewCmdExplain(streams),
	)
	registerCompletions(root)
	return root
}
