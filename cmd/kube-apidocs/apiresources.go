package main

import (
	"context"
	"errors"
	"os"
	"strings"

	"github.com/spf13/cobra"
	"k8s.io/cli-runtime/pkg/genericiooptions"

	"github.com/kube-apidocs/kube-apidocs/generator/render/table"
)

// APIResourcesOptions holds the flags of `kube-apidocs api-resources`, the
// same as kubectl's plus -o json|yaml.
type APIResourcesOptions struct {
	source     *sourceOptions
	Output     string
	SortBy     string
	APIGroup   string
	Namespaced bool
	Verbs      []string
	Categories []string
	NoHeaders  bool
	Cached     bool

	groupChanged bool
	nsChanged    bool

	genericiooptions.IOStreams
}

// NewCmdAPIResources returns `kube-apidocs api-resources`.
func NewCmdAPIResources(streams genericiooptions.IOStreams) *cobra.Command {
	o := &APIResourcesOptions{source: newSourceOptions(), Namespaced: true, IOStreams: streams}
	cmd := &cobra.Command{
		Use:   "api-resources",
		Short: "Print the API resources, byte for byte as kubectl api-resources does",
		Example: `  # The bundled recording, as kubectl api-resources -o wide would print it
  kube-apidocs api-resources --fixtures builtin -o wide

  # Cluster-scoped resources of the current kubeconfig context, sorted by kind
  kube-apidocs api-resources --namespaced=false --sort-by=kind

  # The rows as JSON, with the group-versions discovery could not deliver
  kube-apidocs api-resources --fixtures fixtures/v1.33.13-crds -o json`,
		Args: cobra.NoArgs,
		RunE: runE(o),
	}
	f := cmd.Flags()
	f.StringVarP(&o.Output, "output", "o", "", "Output format. One of: (wide, name, json, yaml).")
	f.StringVar(&o.SortBy, "sort-by", "", "If non-empty, sort list of resources using specified field. The field can be either 'name' or 'kind'.")
	f.StringVar(&o.APIGroup, "api-group", "", "Limit to resources in the specified API group.")
	_ = cmd.RegisterFlagCompletionFunc("api-group", completeAPIGroups(o.source))
	f.BoolVar(&o.Namespaced, "namespaced", true, "If false, non-namespaced resources will be returned, otherwise returning namespaced resources by default.")
	f.StringSliceVar(&o.Verbs, "verbs", nil, "Limit to resources that support the specified verbs.")
	f.StringSliceVar(&o.Categories, "categories", nil, "Limit to resources that belong to the specified categories.")
	f.BoolVar(&o.Cached, "cached", false, "Use the cached list of resources if available: kubectl's discovery cache of the cluster (under --cache-dir), read without a request; without one, the cluster is asked.")
	f.BoolVar(&o.NoHeaders, "no-headers", false, "When using the default or wide output format, don't print headers.")
	o.source.addFlags(f)
	return cmd
}

// Complete notes which filters the command line set.
func (o *APIResourcesOptions) Complete(cmd *cobra.Command, args []string) error {
	o.groupChanged = cmd.Flags().Changed("api-group")
	o.nsChanged = cmd.Flags().Changed("namespaced")
	if o.Cached && o.source.Fixtures == "" {
		dir, err := o.source.kube.discoveryCacheDir()
		if err != nil {
			return err
		}
		if info, err := os.Stat(dir); err == nil && info.IsDir() {
			o.source.Fixtures = dir // kubectl's cache as a recording: no request
		}
	}
	return nil
}

// Validate checks -o and --sort-by.
func (o *APIResourcesOptions) Validate() error {
	if err := checkOutput(o.Output, "", "wide", "name", "json", "yaml"); err != nil {
		return err
	}
	switch o.SortBy {
	case "", "name", "kind":
	default:
		return errors.New("--sort-by accepts only name or kind")
	}
	return nil
}

func (o *APIResourcesOptions) tableOptions() table.Options {
	t := table.Options{Output: o.Output, SortBy: o.SortBy, Verbs: trimAll(o.Verbs), Categories: trimAll(o.Categories), NoHeaders: o.NoHeaders}
	if o.groupChanged {
		t.APIGroup = &o.APIGroup
	}
	if o.nsChanged {
		t.Namespaced = &o.Namespaced
	}
	return t
}

// Run prints the table (or the rows as JSON or YAML) of what discovery
// delivered, then fails under --strict if something was missing.
func (o *APIResourcesOptions) Run(ctx context.Context) error {
	api, err := o.source.load(o.ErrOut)
	if err != nil {
		return err
	}
	opts := o.tableOptions()
	switch o.Output {
	case "json":
		err = table.JSON(o.Out, table.NewResourceList(api, opts))
	case "yaml":
		err = table.YAML(o.Out, table.NewResourceList(api, opts))
	default:
		err = table.Resources(o.Out, api, opts)
	}
	if err != nil {
		return err
	}
	return o.source.strictError(api)
}

func trimAll(in []string) []string {
	var out []string
	for _, s := range in {
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, s)
		}
	}
	return out
}
