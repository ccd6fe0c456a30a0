package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
	"k8s.io/cli-runtime/pkg/genericiooptions"

	"github.com/kube-apidocs/kube-apidocs/generator/config"
	"github.com/kube-apidocs/kube-apidocs/generator/diff"
	"github.com/kube-apidocs/kube-apidocs/generator/model"
	"github.com/kube-apidocs/kube-apidocs/generator/outdir"
	"github.com/kube-apidocs/kube-apidocs/generator/render/site"
)

// GenerateOptions holds the flags of `kube-apidocs generate`.
type GenerateOptions struct {
	source      *sourceOptions
	OutDir      string
	Formats     []string
	ConfigFile  string
	Templates   string
	FrontMatter string
	Title       string
	BaseURL     string
	// Lang is the language of the site's words (site.SiteOptions.Language).
	Lang string
	// Compare lists the other API surfaces (recording folders or builtin)
	// the version matrix lines this one up with.
	Compare []string
	// Check compares the site with --out instead of writing it.
	Check bool
	// Fields adds the field pages where the source has OpenAPI documents.
	Fields bool
	// TemplateTimeout bounds template execution (site.SiteOptions.TemplateTimeout).
	TemplateTimeout time.Duration
	// templatesRoot is the opened --templates folder, closed by Run's
	// render goroutine when the render ends.
	templatesRoot *os.Root
	// site is what Validate made of the flags for the renderer.
	site site.SiteOptions

	genericiooptions.IOStreams
}

// NewCmdGenerate returns `kube-apidocs generate`.
func NewCmdGenerate(streams genericiooptions.IOStreams) *cobra.Command {
	o := &GenerateOptions{source: newSourceOptions(), Formats: []string{site.FormatHTML, site.FormatMarkdown}, FrontMatter: site.FrontMatterNone, IOStreams: streams}
	cmd := &cobra.Command{
		Use:   "generate --out DIR",
		Short: "Generate the documentation site (HTML and Markdown) of an API surface",
		Long: `generate writes a documentation site of the API surface: an index with the
API tree, the api-resources table, a page per group and per resource in
each served version, and concept notes. The site is built beside --out and
renamed into place; an --out folder that holds files kube-apidocs did not
generate is never replaced. With --compare, the site also lines its API
surface up with other recordings: a versions page (rows group/resource,
columns the Kubernetes versions) and, on each resource page, the first
compared version that serves it.`,
		Example: `  # The site of the bundled recording, both formats (what make site does)
  kube-apidocs generate --fixtures builtin --out site

  # Markdown with Hugo front matter from the current kubeconfig context
  kube-apidocs generate --out content/api --format markdown --front-matter hugo

  # Settings from a file; flags still win
  kube-apidocs generate --config kube-apidocs.yaml --title "Staging cluster"

  # The same site in Korean (한국어): headings, labels, notes, cheat sheet and flashcards
  kube-apidocs generate --fixtures builtin --lang ko --out site-ko

  # The newest cluster's site, with a versions page comparing older releases
  kube-apidocs generate --fixtures builtin --compare fixtures/v1.29.6 --compare fixtures/v1.30.14 --out site-compared`,
		Args: cobra.NoArgs,
		RunE: runE(o),
	}
	o.addFlags(cmd.Flags())
	return cmd
}

func (o *GenerateOptions) addFlags(f *pflag.FlagSet) {
	f.StringVar(&o.OutDir, "out", "", "Folder to write the site to (required here or in --config).")
	f.StringSliceVar(&o.Formats, "format", o.Formats, "Output formats: html, markdown or both (html,markdown).")
	f.StringVar(&o.ConfigFile, "config", "", "Read settings from this YAML file (see README.md, \"Configuration file\"); flags override it.")
	f.StringVar(&o.Templates, "templates", "", "Folder of *.html.tmpl / *.md.tmpl files whose {{define}} blocks replace the built-in ones.")
	f.StringVar(&o.FrontMatter, "front-matter", o.FrontMatter, "Front matter and Markdown for a static site generator: none (GitHub-flavoured Markdown), hugo, mkdocs or docusaurus.")
	f.StringVar(&o.Title, "title", "", `Site title (default "Kubernetes API <server version>").`)
	f.StringVar(&o.BaseURL, "base-url", "", "Absolute URL the HTML site is published at, for canonical links (links stay relative).")
	f.StringVar(&o.Lang, "lang", site.DefaultLanguage, "Language of every word the site writes: "+strings.Join(site.Languages(), " or ")+" (names from the API stay as they are).")
	f.StringArrayVar(&o.Compare, "compare", nil, "Also read the recording folder `DIR` (or \"builtin\") for the version matrix: a versions page, and \"served since\" on each resource page. Repeatable.")
	f.DurationVar(&o.TemplateTimeout, "template-timeout", defaultTemplateTimeout, "Longest time the templates may take to render the site (0: no limit); a template that loops is stopped with an error naming it.")
	f.BoolVar(&o.Fields, "fields", true, "Document every kind's fields, with a manifest built from its required ones, where the source has OpenAPI v3 documents; --fields=false gives the discovery-only pages, smaller and faster.")
	f.BoolVar(&o.Check, "check", false, "Write nothing: compare the site with --out, list the files that differ, and exit 4 when --out is out of date.")
	o.source.addFlags(f)
}

// defaultTemplateTimeout is far above what the largest recordings need
// (about a second) and ends a looping --templates block in a minute.
const defaultTemplateTimeout = 60 * time.Second

// Complete fills every option the command line left unset from --config,
// and reads a recording's OpenAPI documents only for the field pages.
func (o *GenerateOptions) Complete(cmd *cobra.Command, args []string) error {
	o.source.forFields(o.Fields)
	if o.ConfigFile == "" {
		return nil
	}
	cfg, err := config.Load(o.ConfigFile)
	if err != nil {
		return pathFlagError("config", err)
	}
	o.fill(cmd.Flags(), cfg)
	return nil
}

// fill sets the options the command line left unset from cfg.
func (o *GenerateOptions) fill(flags *pflag.FlagSet, cfg *config.Config) {
	set := func(name string, dst *string, v string) {
		if !flags.Changed(name) && v != "" {
			*dst = v
		}
	}
	set("out", &o.OutDir, cfg.Out)
	set("templates", &o.Templates, cfg.Templates)
	set("front-matter", &o.FrontMatter, cfg.FrontMatter)
	set("title", &o.Title, cfg.Title)
	set("base-url", &o.BaseURL, cfg.BaseURL)
	set("lang", &o.Lang, cfg.Language)
	set("fixtures", &o.source.Fixtures, cfg.Source.Fixtures)
	set("kubeconfig", o.source.kube.KubeConfig, cfg.Source.Kubeconfig)
	set("context", o.source.kube.Context, cfg.Source.Context)
	if !flags.Changed("format") && len(cfg.Formats) > 0 {
		o.Formats = cfg.Formats
	}
	if !flags.Changed("compare") && len(cfg.Compare) > 0 {
		o.Compare = cfg.Compare
	}
	if !flags.Changed("legacy-discovery") && cfg.Source.LegacyDiscovery {
		o.source.Legacy = true
	}
}

// Validate checks the flags, turns them into the renderer's options and
// opens the --templates folder.
func (o *GenerateOptions) Validate() error {
	o.site = site.SiteOptions{Title: o.Title, BaseURL: o.BaseURL, FrontMatter: o.FrontMatter, TemplateTimeout: o.TemplateTimeout, Language: o.Lang}
	if o.OutDir == "" {
		return errors.New("--out is required: the folder to write the site to")
	}
	if clean := filepath.Clean(o.OutDir); clean == "." || clean == string(filepath.Separator) || clean == ".." {
		return flagValueError("out", o.OutDir, errors.New("choose a folder of its own for the site"))
	}
	for _, f := range o.Formats {
		o.site.Formats = append(o.site.Formats, strings.TrimSpace(f))
	}
	if len(o.site.Formats) == 0 {
		return errors.New("--format needs html, markdown or both")
	}
	if err := checkRecordingNames("--compare", "value", o.Compare); err != nil {
		return err
	}
	if o.Templates != "" {
		root, err := templatesDir(o.Templates)
		if err != nil {
			return err
		}
		o.templatesRoot, o.site.Templates = root, root.FS()
	}
	// after --templates: its folder may add a language's catalog
	if err := o.site.Validate(); err != nil {
		if o.templatesRoot != nil {
			o.templatesRoot.Close()
		}
		return explain(err)
	}
	return nil
}

// templatesDir opens the --templates folder as an os.Root: templates and
// assets are read through it, so a symbolic link that leads out of the
// folder is refused instead of followed.
func templatesDir(dir string) (*os.Root, error) {
	info, err := os.Stat(dir)
	if err != nil {
		return nil, flagValueError("templates", dir, err)
	}
	if !info.IsDir() {
		return nil, flagValueError("templates", dir, errors.New("not a folder"))
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, flagValueError("templates", dir, err)
	}
	return root, nil
}

// Run reads the source (and the --compare recordings), renders the site and
// writes it to --out, each file into the folder being built beside --out as
// soon as it is rendered (outdir.Stage), which is renamed into place at the
// end; with --check it compares the site with --out instead.
//
// Reading and rendering do not watch ctx; they run in a goroutine that Run
// stops waiting for when ctx ends (Ctrl-C): Run then discards the folder
// being built, which makes the rest of the render's files fail to write, and
// the process exits right after. The goroutine owns the --templates folder
// and closes it when done, so that Run returning early does not close it
// under a render still running.
func (o *GenerateOptions) Run(ctx context.Context) error {
	siteGC()
	stage := outdir.NewStage(ctx, o.OutDir)
	defer stage.Discard()
	var files []site.File // --check's
	done := make(chan error, 1)
	go func() {
		if o.templatesRoot != nil {
			defer o.templatesRoot.Close()
		}
		var err error
		if o.Check {
			files, err = o.collect()
		} else {
			err = o.write(stage)
		}
		done <- err
	}()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case err := <-done:
		if err != nil {
			return err
		}
	}
	if o.Check {
		return o.check(files)
	}
	if err := stage.Commit(); err != nil {
		return outError(err)
	}
	fmt.Fprintf(o.Out, "Wrote %d files to %s\n", stage.Len()+1, o.OutDir)
	return nil
}

// write renders the site into stage, opened once the source is read.
func (o *GenerateOptions) write(stage *outdir.Stage) error {
	api, opts, err := o.prepare()
	if err != nil {
		return err
	}
	if err := stage.Open(); err != nil {
		return outError(err)
	}
	if err := site.Render(api, opts, stage); err != nil {
		return o.renderError(err)
	}
	return nil
}

// collect renders the site in memory, for --check.
func (o *GenerateOptions) collect() ([]site.File, error) {
	api, opts, err := o.prepare()
	if err != nil {
		return nil, err
	}
	files, err := site.Site(api, opts)
	if err != nil {
		return nil, o.renderError(err)
	}
	return files, nil
}

// prepare reads the source (and the --compare recordings) and returns the
// model and the renderer's options.
func (o *GenerateOptions) prepare() (*model.API, site.SiteOptions, error) {
	opts := o.site
	api, err := o.source.load(o.ErrOut)
	if err != nil {
		return nil, opts, err
	}
	// --strict fails before anything is written: the old site stays.
	if err := o.source.strictError(api); err != nil {
		return nil, opts, err
	}
	opts.Deprecations = diff.BuiltinDeprecations()
	var kinds []*model.KindSchema
	if o.Fields {
		if kinds, opts.Fields, err = o.fields(api); err != nil {
			return nil, opts, err
		}
	}
	if len(o.Compare) > 0 {
		m, err := o.matrix(api, kinds, o.ErrOut)
		if err != nil {
			return nil, opts, err
		}
		opts.Matrix = &m
	}
	return api, opts, nil
}

// exitStale is the exit code of `generate --check` when --out is not what
// generate would write.
const exitStale = 4

// check prints how --out differs from files, one line a file, and fails
// with exitStale when it does.
func (o *GenerateOptions) check(files []site.File) error {
	changes, err := outdir.Compare(o.OutDir, files)
	if err != nil {
		return outError(err)
	}
	if changes.Empty() {
		fmt.Fprintf(o.Out, "%s is up to date (%d files)\n", o.OutDir, len(files)+1)
		return nil
	}
	for _, c := range []struct {
		label string
		paths []string
	}{{"added", changes.Added}, {"removed", changes.Removed}, {"changed", changes.Changed}} {
		for _, p := range c.paths {
			fmt.Fprintf(o.Out, "%-8s %s\n", c.label, p)
		}
	}
	return &exitError{code: exitStale, err: fmt.Errorf("--check: %s is out of date: %d added, %d removed, %d changed",
		o.OutDir, len(changes.Added), len(changes.Removed), len(changes.Changed))}
}

// renderError names the flags behind an error of site.Render: --out for
// the folder being built, else --templates when it is set.
func (o *GenerateOptions) renderError(err error) error {
	var oe *outdir.Error
	if errors.As(err, &oe) {
		return outError(err)
	}
	err = explain(err)
	if o.Templates != "" {
		return flagValueError("templates", o.Templates, err)
	}
	return err
}

// outError names the --out flag in an error of outdir.Write, whose text
// starts with the folder.
func outError(err error) error {
	var oe *outdir.Error
	if errors.As(err, &oe) {
		return pathFlagError("out", err)
	}
	return err
}

// matrix lines api (whose field trees are kinds) up with the --compare
// recordings (diff.NewMatrix), with their field trees when --fields is on,
// warning on errOut about their unavailable group-versions.
func (o *GenerateOptions) matrix(api *model.API, kinds []*model.KindSchema, errOut io.Writer) (model.Matrix, error) {
	inputs := []diff.MatrixInput{{Source: o.source.name(), API: api, Kinds: kinds}}
	for _, dir := range o.Compare {
		src := o.source.withFixtures(dir)
		other, err := src.discover(errOut)
		if err != nil {
			return model.Matrix{}, compareError(dir, err)
		}
		for _, u := range other.Unavailable {
			fmt.Fprintf(errOut, "warning: --compare %s: %s is unavailable: %s\n", dir, u.GroupVersion(), u.Reason)
		}
		in := diff.MatrixInput{Source: dir, API: other}
		if o.Fields {
			if in.Kinds, err = src.kindSchemas(other); err != nil {
				return model.Matrix{}, compareError(dir, err)
			}
		}
		inputs = append(inputs, in)
	}
	return diff.NewMatrix(inputs), nil
}
