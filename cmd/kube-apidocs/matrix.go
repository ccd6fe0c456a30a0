package main

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/kube-apidocs/kube-apidocs/generator/diff"
	"github.com/kube-apidocs/kube-apidocs/generator/render/report"
)

// matrixOptions holds the flags of `kube-apidocs matrix`.
type matrixOptions struct {
	Output      string
	Legacy      bool
	MaxFileSize int64
}

func newMatrixCommand(s streams) *cobra.Command {
	o := &matrixOptions{MaxFileSize: newSourceOptions().MaxFileSize}
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
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := o.validate(args); err != nil {
				return err
			}
			return o.run(s, args)
		},
	}
	f := cmd.Flags()
	f.StringVarP(&o.Output, "output", "o", "text", "Output format. One of: (text, markdown, json).")
	f.BoolVar(&o.Legacy, "legacy-discovery", false, "Use legacy discovery documents even when aggregated ones are recorded.")
	f.Int64Var(&o.MaxFileSize, "max-file-size", o.MaxFileSize, "Refuse recorded documents larger than this many bytes.")
	return cmd
}

func (o *matrixOptions) validate(args []string) error {
	switch o.Output {
	case "text", "markdown", "json":
	default:
		return fmt.Errorf("--output %s is not available (use one of: text, markdown, json)", o.Output)
	}
	for i, a := range args {
		if strings.TrimSpace(a) == "" {
			return fmt.Errorf("matrix: argument %d is empty: name a recording folder or %q", i+1, builtinFixtures)
		}
	}
	return nil
}

func (o *matrixOptions) run(s streams, args []string) error {
	inputs := make([]diff.MatrixInput, 0, len(args))
	for _, dir := range args {
		src := newSourceOptions()
		src.Fixtures, src.Legacy, src.MaxFileSize = dir, o.Legacy, o.MaxFileSize
		api, err := src.load(s.ErrOut)
		if err != nil {
			return err
		}
		inputs = append(inputs, diff.MatrixInput{Source: dir, API: api})
	}
	m := diff.NewMatrix(inputs)
	switch o.Output {
	case "markdown":
		return report.MatrixMarkdown(s.Out, m)
	case "json":
		return report.MatrixJSON(s.Out, m)
	default:
		return report.MatrixText(s.Out, m)
	}
}
