package main

import (
	"sort"

	"github.com/spf13/cobra"

	"github.com/kube-apidocs/kube-apidocs/generator/model"
	"github.com/kube-apidocs/kube-apidocs/generator/render/table"
)

func newAPIVersionsCommand(s streams) *cobra.Command {
	src := newSourceOptions()
	cmd := &cobra.Command{
		Use:   "api-versions",
		Short: "Print the served group-versions, as kubectl api-versions does",
		Example: `  # Every group-version of the bundled recording
  kube-apidocs api-versions --fixtures builtin`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			api, err := src.load(s.ErrOut)
			if err != nil {
				return err
			}
			if err := table.Versions(s.Out, apiVersions(api)); err != nil {
				return err
			}
			return src.strictError(api)
		},
	}
	src.addFlags(cmd.Flags())
	return cmd
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
