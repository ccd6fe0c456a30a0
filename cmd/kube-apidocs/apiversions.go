package main

import (
	"context"
	"sort"

	"github.com/spf13/cobra"
	"k8s.io/cli-runtime/pkg/genericiooptions"

	"github.com/kube-apidocs/kube-apidocs/generator/model"
	"github.com/kube-apidocs/kube-apidocs/generator/render/table"
)

// APIVersionsOptions holds the flags of `kube-apidocs api-versions`.
type APIVersionsOptions struct {
	source *sourceOptions
	genericiooptions.IOStreams
}

// NewCmdAPIVersions returns `kube-apidocs api-versions`.
func NewCmdAPIVersions(streams genericiooptions.IOStreams) *cobra.Command {
	o := &APIVersionsOptions{source: newSourceOptions(), IOStreams: streams}
	cmd := &cobra.Command{
		Use:   "api-versions",
		Short: "Print the served group-versions, as kubectl api-versions does",
		Example: `  # Every group-version of the bundled recording
  kube-apidocs api-versions --fixtures builtin`,
		Args: cobra.NoArgs,
		RunE: runE(o),
	}
	o.source.addFlags(cmd.Flags())
	return cmd
}

// Complete has nothing to derive.
func (o *APIVersionsOptions) Complete(cmd *cobra.Command, args []string) error { return nil }

// Validate has nothing to check before the source is read.
func (o *APIVersionsOptions) Validate() error { return nil }

// Run prints the group-versions, then fails under --strict if discovery
// missed some.
func (o *APIVersionsOptions) Run(ctx context.Context) error {
	api, err := o.source.load(o.ErrOut)
	if err != nil {
		return err
	}
	if err := table.Versions(o.Out, apiVersions(api)); err != nil {
		return err
	}
	return o.source.strictError(api)
}

// apiVersions lists what kubectl api-versions prints: every group-version
// the group lists name, which includes those whose documents failed or
// were empty; aggregated discovery leaves stale ones out.
func apiVersions(api *model.API) []string {
	out := api.GroupVersions()
	for _, u := range api.Unavailable {
		if !u.Stale {
			out = append(out, u.GroupVersion())
		}
	}
	sort.Strings(out)
	return out
}
