package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/spf13/cobra"
	"k8s.io/cli-runtime/pkg/genericiooptions"

	"github.com/kube-apidocs/kube-apidocs/generator/diff"
	"github.com/kube-apidocs/kube-apidocs/generator/model"
	"github.com/kube-apidocs/kube-apidocs/generator/render/report"
	"github.com/kube-apidocs/kube-apidocs/generator/render/site"
)

// exitDifferences is the exit code of `diff --fail-on` when differences of
// the named class were found (1 stays "the command failed").
const exitDifferences = 3

// DiffOptions holds the flags of `kube-apidocs diff`.
type DiffOptions struct {
	Output     string
	FailOn     string
	OldContext string
	NewContext string
	Removals   string
	// OldSite and NewSite are where sites generated from each side live
	// (a URL, or a path relative to the HTML page); -o html links the
	// resources to their pages there.
	OldSite, NewSite string
	// Fields compares the kinds' schema fields where both sides have
	// OpenAPI v3 documents.
	Fields bool
	// source holds the flags both sides share: --legacy-discovery,
	// --max-file-size and kubectl's connection flags, with
	// --old-context/--new-context in the place of --context.
	source *sourceOptions

	oldIsContext, newIsContext bool
	args                       []string

	genericiooptions.IOStreams
}

// NewCmdDiff returns `kube-apidocs diff`.
func NewCmdDiff(streams genericiooptions.IOStreams) *cobra.Command {
	o := &DiffOptions{source: newSourceOptions(), IOStreams: streams}
	cmd := &cobra.Command{
		Use:   "diff OLD NEW",
		Short: "Show what API groups, versions and resources changed between two API surfaces",
		Long: `diff compares every served group-version of two API surfaces: groups and
group-versions added or removed, preferred versions changed, resources added
or removed, resource fields (kind, namespaced, verbs, short names, categories,
subresources) changed, and resources that graduated to another version of
their group. Removals the Kubernetes deprecation guide lists (1.16 to 1.32)
say when they happened and what to use instead.

Where both sides have OpenAPI v3 documents, the kinds served on both are
compared field by field (paths as kubectl explain takes them): fields added
and removed, required, type and enum changed. Resources NEW still serves
although they are deprecated, and fields newly marked deprecated, are listed
too.

OLD and NEW are each a recording folder or "builtin". --old-context and
--new-context read a side from a kubeconfig context instead, with kubectl's
connection flags (--kubeconfig, --server, --token, ...) applying to both;
positional arguments then fill the other side.

Exit codes: 0 no differences of the --fail-on class (or no --fail-on),
1 error, 3 differences of the --fail-on class found.`,
		Example: `  # What changed between two recorded releases
  kube-apidocs diff fixtures/v1.29.6 fixtures/v1.33.13

  # Fail a CI job when the new cluster no longer serves something the old one did
  kube-apidocs diff --old-context prod --new-context staging --fail-on removed

  # Machine-readable
  kube-apidocs diff fixtures/v1.29.6 builtin -o json`,
		RunE: runE(o),
	}
	f := cmd.Flags()
	f.StringVarP(&o.Output, "output", "o", "text", "Output format. One of: (text, markdown, html, json, yaml).")
	f.StringVar(&o.FailOn, "fail-on", "", "Exit 3 when differences of this class exist: removed (anything OLD served is gone), changed (removed, or a preferred version, resource or subresource changed, or a field removed or made required), deprecated (NEW serves a deprecated resource or newly deprecated field), any (also additions).")
	f.BoolVar(&o.Fields, "fields", true, "Compare the schema fields of the kinds served on both sides where both have OpenAPI v3 documents; --fields=false compares discovery only.")
	f.StringVar(&o.OldContext, "old-context", "", "Read OLD from this kubeconfig context instead of a folder.")
	f.StringVar(&o.NewContext, "new-context", "", "Read NEW from this kubeconfig context instead of a folder.")
	f.StringVar(&o.Removals, "removals", "", "Read removal notes from this YAML file (the format of generator/diff/removals.yaml) instead of the built-in list from the deprecation guide (1.16 to 1.32).")
	f.StringVar(&o.OldSite, "old-site", "", "With -o html: link removed resources to their pages in this site, generated from OLD (a URL, or a path relative to the page).")
	f.StringVar(&o.NewSite, "new-site", "", "With -o html: link added and changed resources to their pages in this site, generated from NEW (a URL, or a path relative to the page).")
	o.source.addLegacyFlag(f)
	o.source.addMaxFileSizeFlag(f)
	o.source.kube.Context = nil // no --context: --old-context and --new-context choose
	o.source.kube.addFlags(f)
	return cmd
}

// removals returns the deprecation-guide rows the notes come from.
func (o *DiffOptions) removals() ([]model.Removal, error) {
	if o.Removals == "" {
		return diff.BuiltinRemovals(), nil
	}
	data, err := os.ReadFile(o.Removals)
	if err != nil {
		return nil, flagError("removals", err)
	}
	return diff.ParseRemovals(data, o.Removals)
}

// deprecations returns the deprecated-but-served rows: the --removals
// file's deprecations list, or the built-in one.
func (o *DiffOptions) deprecations() ([]model.Deprecation, error) {
	if o.Removals == "" {
		return diff.BuiltinDeprecations(), nil
	}
	data, err := os.ReadFile(o.Removals)
	if err != nil {
		return nil, flagError("removals", err)
	}
	return diff.ParseDeprecations(data, o.Removals)
}

// Complete notes which sides are contexts and keeps the arguments for the
// others.
func (o *DiffOptions) Complete(cmd *cobra.Command, args []string) error {
	o.oldIsContext = cmd.Flags().Changed("old-context")
	o.newIsContext = cmd.Flags().Changed("new-context")
	o.args = args
	return nil
}

// Validate checks -o, --fail-on and that the arguments fill exactly the
// sides no --*-context flag names.
func (o *DiffOptions) Validate() error {
	if err := checkOutput(o.Output, "text", "markdown", "html", "json", "yaml"); err != nil {
		return err
	}
	if (o.OldSite != "" || o.NewSite != "") && o.Output != "html" {
		return fmt.Errorf("--old-site and --new-site apply only to -o html, got -o %s", o.Output)
	}
	switch o.FailOn {
	case "", "removed", "changed", "deprecated", "any":
	default:
		return fmt.Errorf("--fail-on accepts only removed, changed, deprecated or any, got %q", o.FailOn)
	}
	need := 2
	if o.oldIsContext {
		need--
	}
	if o.newIsContext {
		need--
	}
	if len(o.args) != need {
		return fmt.Errorf("diff needs %d positional argument(s) besides --old-context/--new-context, got %d: usage: diff OLD NEW (each a recording folder or %q)", need, len(o.args), builtinFixtures)
	}
	return checkRecordingNames("diff", "argument", o.args)
}

// diffSide is one side of the comparison: a recording or a context.
type diffSide struct {
	which     string // OLD or NEW
	isContext bool
	context   string
	fixtures  string
}

// sides assigns the positional arguments to the sides that no
// --*-context flag names.
func (o *DiffOptions) sides() [2]diffSide {
	out := [2]diffSide{
		{which: "OLD", isContext: o.oldIsContext, context: o.OldContext},
		{which: "NEW", isContext: o.newIsContext, context: o.NewContext},
	}
	args := o.args
	for i := range out {
		if !out[i].isContext {
			out[i].fixtures, args = args[0], args[1:]
		}
	}
	return out
}

// label names the side in the report and in errors.
func (s diffSide) label() string {
	switch {
	case !s.isContext:
		return s.fixtures
	case s.context == "":
		return "current context"
	}
	return "context " + s.context
}

// loaded is one side read: its API surface and, with --fields, the field
// trees of its kinds (nil when it has no OpenAPI documents).
type loaded struct {
	api   *model.API
	kinds []*model.KindSchema
}

// load reads one side. The connection flags are shared: a context side
// points them at its context, one side after the other.
func (o *DiffOptions) load(s diffSide) (loaded, error) {
	src := o.source.withFixtures(s.fixtures)
	src.forFields(o.Fields)
	if s.isContext {
		name := s.context
		src.kube.Context = &name
	}
	api, err := src.load(o.ErrOut)
	if err != nil {
		return loaded{}, fmt.Errorf("%s (%s): %w", s.which, s.label(), err)
	}
	out := loaded{api: api}
	if !o.Fields {
		return out, nil
	}
	docs, err := src.openAPIDocuments()
	if err == nil {
		out.kinds, err = kindSchemas(api, docs)
	}
	if err != nil {
		return loaded{}, fmt.Errorf("%s (%s): %w", s.which, s.label(), err)
	}
	return out, nil
}

// Run reads both sides, prints the diff, and returns the exit-3 error
// --fail-on asks for.
func (o *DiffOptions) Run(ctx context.Context) error {
	removals, err := o.removals()
	if err != nil {
		return err
	}
	deprecations, err := o.deprecations()
	if err != nil {
		return err
	}
	sides := o.sides()
	var in [2]loaded
	for i, s := range sides {
		if in[i], err = o.load(s); err != nil {
			return err
		}
	}
	d := diff.Compare(in[0].api, in[1].api, diff.Options{
		OldSource: sides[0].label(), NewSource: sides[1].label(), Removals: removals, Deprecations: deprecations,
		OldKinds: in[0].kinds, NewKinds: in[1].kinds,
	})
	if err := writeDiff(o.Out, o.Output, d, report.DiffLinks{Old: siteLinks(o.OldSite), New: siteLinks(o.NewSite)}); err != nil {
		return err
	}
	return failOnError(o.FailOn, d)
}

// siteLinks links a resource to its page in the HTML site at base; nil
// without a base.
func siteLinks(base string) func(group, version, resource string) string {
	if base == "" {
		return nil
	}
	base = strings.TrimSuffix(base, "/") + "/"
	return func(group, version, resource string) string {
		return base + site.ResourcePage(group, version, resource, ".html")
	}
}

func writeDiff(w io.Writer, format string, d *model.APIDiff, links report.DiffLinks) error {
	switch format {
	case "markdown":
		return report.DiffMarkdown(w, d)
	case "html":
		return report.DiffHTML(w, d, links)
	case "json":
		return report.DiffJSON(w, d)
	case "yaml":
		return report.DiffYAML(w, d)
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
	case "deprecated":
		found = d.HasDeprecations()
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
	for _, c := range []struct {
		n    int
		what string
	}{
		{len(d.Fields.Removed), "fields removed"},
		{len(d.Fields.Changed), "field changes"},
		{len(d.Fields.Added), "fields added"},
		{len(d.Deprecated.Resources), "deprecated resources served"},
		{len(d.Deprecated.Fields), "fields newly deprecated"},
	} {
		if c.n > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", c.n, c.what))
		}
	}
	return strings.Join(parts, ", ")
}
