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

	"github.com/kube-apidocs/kube-apidocs/generator/config"
	"github.com/kube-apidocs/kube-apidocs/generator/diff"
	"github.com/kube-apidocs/kube-apidocs/generator/model"
	"github.com/kube-apidocs/kube-apidocs/generator/outdir"
	"github.com/kube-apidocs/kube-apidocs/generator/render/site"
)

// generateOptions holds the flags of `kube-apidocs generate`.
type generateOptions struct {
	source      *sourceOptions
	Out         string
	Formats     []string
	ConfigFile  string
	Templates   string
	FrontMatter string
	Title       string
	BaseURL     string
	// Compare lists the other API surfaces (recording folders or builtin)
	// the version matrix lines this one up with.
	Compare []string
	// TemplateTimeout bounds template execution (site.SiteOptions.TemplateTimeout).
	TemplateTimeout time.Duration
	// templatesRoot is the opened --templates folder, closed after run.
	templatesRoot *os.Root
}

func newGenerateCommand(s streams) *cobra.Command {
	o := &generateOptions{source: newSourceOptions(), Formats: []string{site.FormatHTML, site.FormatMarkdown}, FrontMatter: site.FrontMatterNone}
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

  # The newest cluster's site, with a versions page comparing older releases
  kube-apidocs generate --fixtures builtin --compare fixtures/v1.29.6 --compare fixtures/v1.30.14 --out site-compared`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := o.complete(cmd.Flags()); err != nil {
				return err
			}
			siteOpts, err := o.validate()
			if err != nil {
				return err
			}
			return o.run(cmd.Context(), s, siteOpts)
		},
	}
	o.addFlags(cmd.Flags())
	return cmd
}

func (o *generateOptions) addFlags(f *pflag.FlagSet) {
	f.StringVar(&o.Out, "out", "", "Folder to write the site to (required here or in --config).")
	f.StringSliceVar(&o.Formats, "format", o.Formats, "Output formats: html, markdown or both (html,markdown).")
	f.StringVar(&o.ConfigFile, "config", "", "Read settings from this YAML file (see README.md, \"Configuration file\"); flags override it.")
	f.StringVar(&o.Templates, "templates", "", "Folder of *.html.tmpl / *.md.tmpl files whose {{define}} blocks replace the built-in ones.")
	f.StringVar(&o.FrontMatter, "front-matter", o.FrontMatter, "Front matter for Markdown pages: none, hugo or docusaurus.")
	f.StringVar(&o.Title, "title", "", `Site title (default "Kubernetes API <server version>").`)
	f.StringVar(&o.BaseURL, "base-url", "", "Absolute URL the HTML site is published at, for canonical links (links stay relative).")
	f.StringArrayVar(&o.Compare, "compare", nil, "Also read the recording folder `DIR` (or \"builtin\") for the version matrix: a versions page, and \"served since\" on each resource page. Repeatable.")
	f.DurationVar(&o.TemplateTimeout, "template-timeout", defaultTemplateTimeout, "Longest time the templates may take to render the site (0: no limit); a template that loops is stopped with an error naming it.")
	o.source.addFlags(f)
}

// defaultTemplateTimeout is far above what the largest recordings need
// (about a second) and ends a looping --templates block in a minute.
const defaultTemplateTimeout = 60 * time.Second

// complete fills every option the command line left unset from --config.
func (o *generateOptions) complete(flags *pflag.FlagSet) error {
	if o.ConfigFile == "" {
		return nil
	}
	cfg, err := config.Load(o.ConfigFile)
	if err != nil {
		return err
	}
	set := func(name string, dst *string, v string) {
		if !flags.Changed(name) && v != "" {
			*dst = v
		}
	}
	set("out", &o.Out, cfg.Out)
	set("templates", &o.Templates, cfg.Templates)
	set("front-matter", &o.FrontMatter, cfg.FrontMatter)
	set("title", &o.Title, cfg.Title)
	set("base-url", &o.BaseURL, cfg.BaseURL)
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
	return nil
}

// validate checks the flags and turns them into the renderer's options.
func (o *generateOptions) validate() (site.SiteOptions, error) {
	opts := site.SiteOptions{Title: o.Title, BaseURL: o.BaseURL, FrontMatter: o.FrontMatter, TemplateTimeout: o.TemplateTimeout}
	if o.Out == "" {
		return opts, errors.New("--out is required: the folder to write the site to")
	}
	if clean := filepath.Clean(o.Out); clean == "." || clean == string(filepath.Separator) || clean == ".." {
		return opts, fmt.Errorf("--out %s: choose a folder of its own for the site", o.Out)
	}
	for _, f := range o.Formats {
		opts.Formats = append(opts.Formats, strings.TrimSpace(f))
	}
	if len(opts.Formats) == 0 {
		return opts, errors.New("--format needs html, markdown or both")
	}
	if err := opts.Validate(); err != nil {
		return opts, flagError(err)
	}
	for i, c := range o.Compare {
		if strings.TrimSpace(c) == "" {
			return opts, fmt.Errorf("--compare: value %d is empty: name a recording folder or %q", i+1, builtinFixtures)
		}
	}
	if o.Templates != "" {
		root, err := templatesDir(o.Templates)
		if err != nil {
			return opts, err
		}
		o.templatesRoot, opts.Templates = root, root.FS()
	}
	return opts, nil
}

// flagError names the flag behind a render option error.
func flagError(err error) error {
	msg := err.Error()
	switch {
	case strings.HasPrefix(msg, "format"):
		return fmt.Errorf("--%w", err)
	case strings.HasPrefix(msg, "front matter"):
		return fmt.Errorf("--front-matter: %w", err)
	case strings.HasPrefix(msg, "base URL"):
		return fmt.Errorf("--base-url: %w", err)
	case strings.HasPrefix(msg, "template timeout"):
		return fmt.Errorf("--template-timeout: %w", err)
	}
	return err
}

// templatesDir opens the --templates folder as an os.Root: templates and
// assets are read through it, so a symbolic link that leads out of the
// folder is refused instead of followed.
func templatesDir(dir string) (*os.Root, error) {
	info, err := os.Stat(dir)
	if err != nil {
		return nil, fmt.Errorf("--templates %s: %w", dir, err)
	}
	if !info.IsDir() {
		return nil, fmt.Errorf("--templates %s: not a folder", dir)
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, fmt.Errorf("--templates %s: %w", dir, err)
	}
	return root, nil
}

func (o *generateOptions) run(ctx context.Context, s streams, opts site.SiteOptions) error {
	if o.templatesRoot != nil {
		defer o.templatesRoot.Close()
	}
	api, err := o.source.load(s.ErrOut)
	if err != nil {
		return err
	}
	// --strict fails before anything is written: the old site stays.
	if err := o.source.strictError(api); err != nil {
		return err
	}
	if opts.Fields, err = o.fields(api); err != nil {
		return err
	}
	if len(o.Compare) > 0 {
		m, err := o.matrix(api, s.ErrOut)
		if err != nil {
			return err
		}
		opts.Matrix = &m
	}
	files, err := site.Site(api, opts)
	if err != nil {
		return o.siteError(err)
	}
	if err := outdir.Write(ctx, o.Out, files); err != nil {
		return outError(err)
	}
	fmt.Fprintf(s.Out, "Wrote %d files to %s\n", len(files)+1, o.Out)
	return nil
}

// siteError names the flag behind an error of site.Site.
func (o *generateOptions) siteError(err error) error {
	var timeout *site.TemplateTimeoutError
	if errors.As(err, &timeout) {
		err = fmt.Errorf("%w (--template-timeout)", err)
	}
	if o.Templates != "" {
		return fmt.Errorf("--templates %s: %w", o.Templates, err)
	}
	return err
}

// outError names the --out flag in an error of outdir.Write, whose text
// starts with the folder.
func outError(err error) error {
	var oe *outdir.Error
	if errors.As(err, &oe) {
		return fmt.Errorf("--out %w", err)
	}
	return err
}

// matrix lines api up with the --compare recordings (diff.NewMatrix),
// warning on errOut about their unavailable group-versions.
func (o *generateOptions) matrix(api *model.API, errOut io.Writer) (model.Matrix, error) {
	inputs := []diff.MatrixInput{{Source: o.source.name(), API: api}}
	for _, dir := range o.Compare {
		src := newSourceOptions()
		src.Fixtures, src.Legacy, src.MaxFileSize = dir, o.source.Legacy, o.source.MaxFileSize
		other, err := src.discover(errOut)
		if err != nil {
			return model.Matrix{}, compareError(dir, err)
		}
		for _, u := range other.Unavailable {
			fmt.Fprintf(errOut, "warning: --compare %s: %s is unavailable: %s\n", dir, u.GroupVersion(), u.Reason)
		}
		inputs = append(inputs, diff.MatrixInput{Source: dir, API: other})
	}
	return diff.NewMatrix(inputs), nil
}

// compareError names the --compare flag, and the path when the error does
// not already start with it.
func compareError(dir string, err error) error {
	if strings.HasPrefix(err.Error(), dir+":") {
		return fmt.Errorf("--compare: %w", err)
	}
	return fmt.Errorf("--compare %s: %w", dir, err)
}
