package main

import (
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/spf13/cobra"

	"github.com/kube-apidocs/kube-apidocs/generator/diff"
	"github.com/kube-apidocs/kube-apidocs/generator/model"
	"github.com/kube-apidocs/kube-apidocs/generator/render/report"
)

// exitDifferences is the exit code of `diff --fail-on` when differences of
// the named class were found (1 stays "the command failed").
const exitDifferences = 3

// diffOptions holds the flags of `kube-apidocs diff`.
type diffOptions struct {
	Output      string
	FailOn      string
	OldContext  string
	NewContext  string
	Kubeconfig  string
	Legacy      bool
	MaxFileSize int64
	Removals    string

	oldIsContext, newIsContext bool
	oldArg, newArg             string
}

func newDiffCommand(s streams) *cobra.Command {
	o := &diffOptions{MaxFileSize: newSourceOptions().MaxFileSize}
	cmd := &cobra.Command{
		Use:   "diff OLD NEW",
		Short: "Show what API groups, versions and resources changed between two API surfaces",
		Long: `diff compares every served group-version of two API surfaces: groups and
group-versions added or removed, preferred versions changed, resources added
or removed, resource fields (kind, namespaced, verbs, short names, categories,
subresources) changed, and resources that graduated to another version of
their group. Removals the Kubernetes deprecation guide lists (1.16 to 1.32)
say when they happened and what to use instead.

OLD and NEW are each a recording folder or "builtin". --old-context and
--new-context read a side from a kubeconfig context instead; positional
arguments then fill the other side.

Exit codes: 0 no differences of the --fail-on class (or no --fail-on),
1 error, 3 differences of the --fail-on class found.`,
		Example: `  # What changed between two recorded releases
  kube-apidocs diff fixtures/v1.29.6 fixtures/v1.33.13

  # Fail a CI job when the new cluster no longer serves something the old one did
  kube-apidocs diff --old-context prod --new-context staging --fail-on removed

  # Machine-readable
  kube-apidocs diff fixtures/v1.29.6 builtin -o json`,
		RunE: func(cmd *cobra.Command, args []string) error {
			o.oldIsContext = cmd.Flags().Changed("old-context")
			o.newIsContext = cmd.Flags().Changed("new-context")
			if err := o.complete(args); err != nil {
				return err
			}
			return o.run(s)
		},
	}
	f := cmd.Flags()
	f.StringVarP(&o.Output, "output", "o", "text", "Output format. One of: (text, markdown, html, json).")
	f.StringVar(&o.FailOn, "fail-on", "", "Exit 3 when differences of this class exist: removed (anything OLD served is gone), changed (removed, or a preferred version, resource or subresource changed), any (also additions).")
	f.StringVar(&o.OldContext, "old-context", "", "Read OLD from this kubeconfig context instead of a folder.")
	f.StringVar(&o.NewContext, "new-context", "", "Read NEW from this kubeconfig context instead of a folder.")
	f.StringVar(&o.Kubeconfig, "kubeconfig", "", "Path to the kubeconfig file for --old-context and --new-context.")
	f.BoolVar(&o.Legacy, "legacy-discovery", false, "Use legacy discovery (one request per group-version) even when aggregated discovery is offered.")
	f.Int64Var(&o.MaxFileSize, "max-file-size", o.MaxFileSize, "Refuse recorded documents larger than this many bytes.")
	f.StringVar(&o.Removals, "removals", "", "Read removal notes from this YAML file (the format of generator/diff/removals.yaml) instead of the built-in list from the deprecation guide (1.16 to 1.32).")
	return cmd
}

// removals returns the deprecation-guide rows the notes come from.
func (o *diffOptions) removals() ([]model.Removal, error) {
	if o.Removals == "" {
		return diff.BuiltinRemovals(), nil
	}
	data, err := os.ReadFile(o.Removals)
	if err != nil {
		return nil, fmt.Errorf("--removals: %w", err)
	}
	return diff.ParseRemovals(data, o.Removals)
}

// complete validates the flags and assigns positional arguments to the
// sides that no --*-context flag names.
func (o *diffOptions) complete(args []string) error {
	switch o.Output {
	case "text", "markdown", "html", "json":
	default:
		return fmt.Errorf("--output %s is not available (use one of: text, markdown, html, json)", o.Output)
	}
	switch o.FailOn {
	case "", "removed", "changed", "any":
	default:
		return fmt.Errorf("--fail-on accepts only removed, changed or any, got %q", o.FailOn)
	}
	need := 2
	if o.oldIsContext {
		need--
	}
	if o.newIsContext {
		need--
	}
	if len(args) != need {
		return fmt.Errorf("diff needs %d positional argument(s) besides --old-context/--new-context, got %d: usage: diff OLD NEW (each a recording folder or %q)", need, len(args), builtinFixtures)
	}
	for i, a := range args {
		if strings.TrimSpace(a) == "" {
			return fmt.Errorf("diff: argument %d is empty: name a recording folder or %q", i+1, builtinFixtures)
		}
	}
	if !o.oldIsContext {
		o.oldArg, args = args[0], args[1:]
	}
	if !o.newIsContext {
		o.newArg = args[0]
	}
	return nil
}

// side returns the source options and the label of one side.
func (o *diffOptions) side(isContext bool, context, arg string) (*sourceOptions, string) {
	src := newSourceOptions()
	src.Legacy, src.MaxFileSize = o.Legacy, o.MaxFileSize
	if !isContext {
		src.Fixtures = arg
		return src, arg
	}
	src.kube.Context = &context
	if o.Kubeconfig != "" {
		src.kube.KubeConfig = &o.Kubeconfig
	}
	if context == "" {
		return src, "current context"
	}
	return src, "context " + context
}

func (o *diffOptions) load(errOut io.Writer, isContext bool, context, arg, which string) (*model.API, string, error) {
	src, label := o.side(isContext, context, arg)
	api, err := src.load(errOut)
	if err != nil {
		return nil, "", fmt.Errorf("%s (%s): %w", which, label, err)
	}
	return api, label, nil
}

func (o *diffOptions) run(s streams) error {
	removals, err := o.removals()
	if err != nil {
		return err
	}
	oldAPI, oldLabel, err := o.load(s.ErrOut, o.oldIsContext, o.OldContext, o.oldArg, "OLD")
	if err != nil {
		return err
	}
	newAPI, newLabel, err := o.load(s.ErrOut, o.newIsContext, o.NewContext, o.newArg, "NEW")
	if err != nil {
		return err
	}
	d := diff.Compare(oldAPI, newAPI, diff.Options{OldSource: oldLabel, NewSource: newLabel, Removals: removals})
	if err := writeDiff(s.Out, o.Output, d); err != nil {
		return err
	}
	return failOnError(o.FailOn, d)
}

func writeDiff(w io.Writer, format string, d *model.APIDiff) error {
	switch format {
	case "markdown":
		return report.DiffMarkdown(w, d)
	case "html":
		return report.DiffHTML(w, d)
	case "json":
		return report.DiffJSON(w, d)
	default:
		return report.DiffText(w, d)
	}
}

// failOnError is the exit-3 error --fail-on asks for, or nil.
func failOnError(failOn string, d *model.APIDiff) error {
	var found bool
	switch failOn {
	case "removed":
		found = d.HasRemovals()
	case "changed":
		found = d.HasChanges()
	case "any":
		found = !d.Empty()
	}
	if !found {
		return nil
	}
	return &exitError{code: exitDifferences, err: fmt.Errorf("--fail-on %s: differences found (%s)", failOn, counts(d))}
}

func counts(d *model.APIDiff) string {
	parts := []string{
		fmt.Sprintf("%d group-versions removed", len(d.GroupVersions.Removed)),
		fmt.Sprintf("%d resources removed", len(d.Resources.Removed)),
		fmt.Sprintf("%d subresources removed", len(d.Subresources.Removed)),
		fmt.Sprintf("%d resource changes", len(d.Resources.Changed)+len(d.Subresources.Changed)+len(d.GroupVersions.PreferredChanged)),
		fmt.Sprintf("%d additions", len(d.Groups.Added)+len(d.GroupVersions.Added)+len(d.Resources.Added)+len(d.Subresources.Added)),
	}
	return strings.Join(parts, ", ")
}
