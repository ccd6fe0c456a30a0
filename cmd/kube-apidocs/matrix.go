package main

import (
	"context"
	"fmt"

	"github.com/spf13/cobra"
	"k8s.io/cli-runtime/pkg/genericiooptions"

	"github.com/kube-apidocs/kube-apidocs/generator/diff"
	"github.com/kube-apidocs/kube-apidocs/generator/render/report"
)

// MatrixOptions holds the flags of `kube-apidocs matrix`.
type MatrixOptions struct {
	Output string
	// Fields adds the field history where recordings have OpenAPI v3
	// documents.
	Fields bool
	source *sourceOptions
	dirs   []string

	genericiooptions.IOStreams
}

// NewCmdMatrix returns `kube-apidocs matrix`.
func NewCmdMatrix(streams genericiooptions.IOStreams) *cobra.Command {
	o := &MatrixOptions{source: newSourceOptions(), IOStreams: streams}
	cmd := &cobra.Command{
		Use:   "matrix DIR DIR ...",
		Short: "Show which group-versions serve each resource across several recordings",
		Long: `matrix lines up several API surfaces (recording folders, or "builtin"):
one row per group/resource, one column per Kubernetes version (oldest first,
from each recording's version.json), each cell naming the versions of the
group that serve the resource, the one kubectl api-resources shows marked *.`,
		Example: `  # Four releases side by side
  kube-apidocs matrix fixtures/v1.29.6 fixtures/v1.30.14 fixtures/v1.31.14 fixtures/v1.32.13 fixtures/v1.33.13

  # As a Markdown table
  kube-apidocs matrix fixtures/v1.29.6 builtin -o markdown`,
		Args: cobra.MinimumNArgs(1),
		RunE: runE(o),
	}
	f := cmd.Flags()
	f.StringVarP(&o.Output, "output", "o", "text", "Output format. One of: (text, markdown, json, yaml).")
	f.BoolVar(&o.Fields, "fields", true, "Where two or more recordings have OpenAPI v3 documents, add since which of them each field exists (the fields of json and yaml, the counts of text and markdown); --fields=false reads discovery only.")
	o.source.addLegacyFlag(f)
	o.source.addMaxFileSizeFlag(f)
	return cmd
}

// Complete takes the recordings from the arguments.
func (o *MatrixOptions) Complete(cmd *cobra.Command, args []string) error {
	o.dirs = args
	return nil
}

// Validate checks -o and that no recording name is empty.
func (o *MatrixOptions) Validate() error {
	if err := checkOutput(o.Output, "text", "markdown", "json", "yaml"); err != nil {
		return err
	}
	return checkRecordingNames("matrix", "argument", o.dirs)
}

// Run reads every recording and prints the matrix.
func (o *MatrixOptions) Run(ctx context.Context) error {
	inputs := make([]diff.MatrixInput, 0, len(o.dirs))
	for _, dir := range o.dirs {
		src := o.source.withFixtures(dir)
		src.forFields(o.Fields)
		api, err := src.load(o.ErrOut)
		if err != nil {
			return err
		}
		in := diff.MatrixInput{Source: dir, API: api}
		if o.Fields {
			if in.Kinds, err = src.kindSchemas(api); err != nil {
				return fmt.Errorf("%s: %w", dir, err)
			}
		}
		inputs = append(inputs, in)
	}
	m := diff.NewMatrix(inputs)
	switch o.Output {
	case "markdown":
		return report.MatrixMarkdown(o.Out, m)
	case "json":
		return report.MatrixJSON(o.Out, m)
	case "yaml":
		return report.MatrixYAML(o.Out, m)
	default:
		return report.MatrixText(o.Out, m)
	}
}
