package site

import (
	"fmt"
	"html/template"
	"io/fs"
	"net/url"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"

	"golang.org/x/sync/errgroup"

	"github.com/kube-apidocs/kube-apidocs/generator/model"
	"github.com/kube-apidocs/kube-apidocs/generator/outdir"
)

// Output formats of the documentation site.
const (
	FormatHTML     = "html"
	FormatMarkdown = "markdown"
)

// Front matter styles for Markdown pages.
const (
	FrontMatterNone       = "none"
	FrontMatterHugo       = "hugo"
	FrontMatterMkDocs     = "mkdocs"
	FrontMatterDocusaurus = "docusaurus"
)

// SiteOptions configures Site. The zero value builds both formats with the
// default title, no front matter and the embedded templates.
type SiteOptions struct {
	// Title heads every page; "" means "Kubernetes API <server version>".
	Title string
	// BaseURL, when set, is where the HTML site will be published; pages
	// then name their canonical URL. Links stay relative either way.
	BaseURL string
	// Formats lists FormatHTML and/or FormatMarkdown; nil means both.
	Formats []string
	// FrontMatter is FrontMatterNone (or ""), FrontMatterHugo,
	// FrontMatterMkDocs or FrontMatterDocusaurus; it applies to Markdown
	// pages only, and writes them for that generator: its escaping of
	// untrusted text, its links and anchors, its front page (Hugo's
	// _index.md). None is GitHub-flavoured Markdown.
	FrontMatter string
	// Templates, when non-nil, holds *.html.tmpl and *.md.tmpl files whose
	// {{define}} blocks replace the embedded blocks of the same name, and
	// assets/ files that replace the embedded assets. Give it an os.Root's
	// FS (not os.DirFS), so that a symbolic link cannot make the site
	// publish a file from outside the folder.
	Templates fs.FS
	// Matrix, when it compares two or more API surfaces (diff.NewMatrix,
	// this site's among them), adds the versions page, links it from the
	// index and the HTML navigation, and makes each resource page say since
	// which compared version it is served. nil or a single column leaves
	// the site exactly as without it.
	Matrix *model.Matrix
	// Fields holds, per kind, its OpenAPI field tree and the manifest built
	// from it: each resource page of a kind listed here shows its fields,
	// that manifest, and search finds the fields. nil, or a kind missing,
	// leaves the pages exactly as without it.
	Fields map[KindRef]*FieldDoc
	// Deprecations are the deprecated but served kinds (the deprecations of
	// generator/diff/removals.yaml): a resource page a row names (group,
	// version, resource) says the resource is deprecated, from the row's
	// deprecatedIn release on. A kind whose field tree (Fields) is
	// Deprecated says it too. nil marks only those.
	Deprecations []model.Deprecation
	// TemplateTimeout bounds the time all template execution of one Site
	// call may take; past it Site returns a *TemplateTimeoutError naming
	// the running block. 0 means no limit.
	TemplateTimeout time.Duration
	// Language picks the message catalog (templates/i18n/<lang>.yaml, or
	// one a Templates folder adds) of every word the site writes: "" means
	// DefaultLanguage. Names from the API stay as they are.
	Language string
}

// File is one file of the generated site, ready for outdir.Write; its Path
// never leaves the site.
type File = outdir.File

// Option names a SiteOptions field in an *OptionError.
type Option string

// The options Validate checks.
const (
	OptionFormats         Option = "Formats"
	OptionFrontMatter     Option = "FrontMatter"
	OptionTemplateTimeout Option = "TemplateTimeout"
	OptionBaseURL         Option = "BaseURL"
	OptionLanguage        Option = "Language"
)

// OptionError is a SiteOptions field whose value Site cannot use. Its text
// names the setting in words ("front matter"), for a command to prefix
// with the flag that set it.
type OptionError struct {
	Option  Option
	Message string
}

func (e *OptionError) Error() string { return e.Message }

func optionError(o Option, format string, args ...any) error {
	return &OptionError{Option: o, Message: fmt.Sprintf(format, args...)}
}

// Validate checks the options and returns an *OptionError naming the one
// at fault.
func (o SiteOptions) Validate() error {
	for _, f := range o.Formats {
		if f != FormatHTML && f != FormatMarkdown {
			return optionError(OptionFormats, "format %q is not available (use html, markdown or both)", f)
		}
	}
	switch o.FrontMatter {
	case "", FrontMatterNone, FrontMatterHugo, FrontMatterMkDocs, FrontMatterDocusaurus:
	default:
		return optionError(OptionFrontMatter, "front matter %q is not available (use none, hugo, mkdocs or docusaurus)", o.FrontMatter)
	}
	if o.TemplateTimeout < 0 {
		return optionError(OptionTemplateTimeout, "template timeout %s is negative (use 0 for no limit)", o.TemplateTimeout)
	}
	if o.BaseURL != "" {
		u, err := url.Parse(o.BaseURL)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return optionError(OptionBaseURL, "base URL %q must be an absolute http or https URL", o.BaseURL)
		}
	}
	if o.Language != "" && !langPattern.MatchString(o.Language) {
		return optionError(OptionLanguage, "language %q is not a language tag (use %s)", o.Language, strings.Join(Languages(), " or "))
	}
	if o.Language != "" && !hasCatalog(o.Language, o.Templates) {
		return optionError(OptionLanguage, "language %q has no message catalog (use %s, or add %s/%s.yaml to the templates folder)", o.Language, strings.Join(Languages(), " or "), catalogDir, o.Language)
	}
	return nil
}

func (o SiteOptions) wants(format string) bool {
	return len(o.Formats) == 0 || slices.Contains(o.Formats, format)
}

// Site renders the documentation site of api: for each requested format an
// index, the api-resources page, a page per group, a page per resource per
// group-version and the concept notes (and the versions page when
// opts.Matrix compares several API surfaces), plus the assets the HTML
// pages use.
// The files are sorted by path; the same input gives the same bytes.
func Site(api *model.API, opts SiteOptions) ([]File, error) {
	var c collector
	if err := Render(api, opts, &c); err != nil {
		return nil, err
	}
	return c.sorted(), nil
}

// Sink receives the files of a site as Render makes them.
type Sink interface {
	// Put takes one file. It is called from several goroutines at once,
	// in no fixed order; an error ends the render with that error.
	Put(File) error
}

// Render renders the files Site returns and hands each to sink as soon as
// it is made, so that a caller writing them to disk never holds the whole
// site (outdir.Stage is such a sink). When Render returns a
// *TemplateTimeoutError, a template may still be running and may still
// call Put: the sink must refuse files from then on (outdir.Stage.Discard).
func Render(api *model.API, opts SiteOptions, sink Sink) error {
	if err := opts.Validate(); err != nil {
		return err
	}
	if opts.TemplateTimeout == 0 {
		return build(api, opts, budget{}, sink)
	}
	return buildWithin(api, opts, newBudget(opts.TemplateTimeout), sink)
}

// collector is the Sink of Site: it keeps every file.
type collector struct {
	mu    sync.Mutex
	files []File
}

func (c *collector) Put(f File) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.files = append(c.files, f)
	return nil
}

// sorted returns the files sorted by path.
func (c *collector) sorted() []File {
	c.mu.Lock()
	defer c.mu.Unlock()
	slices.SortFunc(c.files, func(a, b File) int { return strings.Compare(a.Path, b.Path) })
	return c.files
}

// buildWithin runs build in a goroutine and stops waiting for it at the
// deadline (see budget).
func buildWithin(api *model.API, opts SiteOptions, b budget, sink Sink) error {
	done := make(chan error, 1)
	// api and opts as arguments, not captured: nothing here holds them
	// once build has made the views (see build)
	go func(api *model.API, opts SiteOptions) { done <- build(api, opts, b, sink) }(api, opts)
	timer := time.NewTimer(time.Until(b.deadline))
	defer timer.Stop()
	select {
	case err := <-done:
		return err
	case <-timer.C:
		return b.expired()
	}
}

// renderFormat renders the pages of one format of a site view into put.
type renderFormat func(s *siteView, sets templateSets, opts SiteOptions, put func(File) error) error

// build renders the site of api into sink, executing templates within b.
func build(api *model.API, opts SiteOptions, b budget, sink Sink) error {
	clean := cleanAPI(api)
	opts.Matrix = cleanMatrix(opts.Matrix)
	sets, err := parseSets(opts)
	if err != nil {
		return err
	}
	ph := newPhrases(sets.md, b)
	type job struct {
		view   *siteView
		render renderFormat
	}
	var jobs []job
	var content []*resourceView // the first format's, whose content the second copies
	for _, f := range []struct {
		format, ext string
		render      renderFormat
	}{{FormatHTML, ".html", htmlSite}, {FormatMarkdown, ".md", markdownSite}} {
		if !opts.wants(f.format) {
			continue
		}
		view, err := buildSite(clean, opts, f.ext, ph, sets.cat, content)
		if err != nil {
			return err
		}
		content = view.Resources
		view.budget = b.fork()
		view.phrases = ph
		jobs = append(jobs, job{view, f.render})
	}
	expectFormats(content, len(jobs))
	// The views hold what the pages show: let the field trees (the biggest
	// input) go while the pages render.
	opts.Fields, opts.Matrix = nil, nil
	// The formats render at once: the views and templates are only read
	// from here on. The error is the first format's, whichever ends first.
	errs := make([]error, len(jobs))
	var g errgroup.Group
	for i, j := range jobs {
		g.Go(func() error {
			errs[i] = j.render(j.view, sets, opts, sink.Put)
			return errs[i]
		})
	}
	if g.Wait() != nil {
		for _, err := range errs {
			if err != nil {
				return err
			}
		}
	}
	return nil
}

// eachPage calls render for every page of s, on inParallel's goroutines,
// each with a copy of s whose budget is a fork of its own, so that a
// timeout names the block that does not end. With the formats side by side
// too, the cores stay busy until the last page instead of waiting for the
// longer format. A resource page's sections are built before it renders
// and let go after (sections). The error is that of the first page, in
// s.pages' order, that failed.
func eachPage(s *siteView, render func(*siteView, page) error) error {
	return inParallel(len(s.pages), func() func(int) error {
		part := *s
		part.budget = s.budget.fork()
		ph := s.phrases.fork()
		return func(i int) error {
			p := s.pages[i]
			rv, ok := p.Data.(*resourceView)
			if !ok {
				return render(&part, p)
			}
			if err := rv.sections.fill(rv, ph); err != nil {
				return err
			}
			defer rv.sections.release(rv)
			return render(&part, p)
		}
	})
}

// inParallel runs the work for the indexes 0 … count-1 on GOMAXPROCS
// goroutines: goroutine w calls start once, then the function it returns
// for the indexes i with i mod n = w (neighbours, often alike in size, go
// to different goroutines), and stops at its first error. The error
// returned is that of the smallest index that failed.
func inParallel(count int, start func() func(i int) error) error {
	n := min(runtime.GOMAXPROCS(0), count)
	failed := make([]int, n)
	errs := make([]error, n)
	var wg sync.WaitGroup
	for w := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			do := start()
			for i := w; i < count; i += n {
				if err := do(i); err != nil {
					failed[w], errs[w] = i, err
					return
				}
			}
		}()
	}
	wg.Wait()
	var first error
	at := count
	for w, err := range errs {
		if err != nil && failed[w] < at {
			first, at = err, failed[w]
		}
	}
	return first
}

// page is one page to render: where it goes, its title, the template block
// that draws its body and the view that block receives as .Page.
type page struct {
	Path  string
	Title string
	Block string
	Data  any
}

// pages lists every page of the site, in a fixed order, titled by the
// page-title phrase.
func pages(s *siteView, ph *phrases) []page {
	title := func(block, name, apiVersion string) string {
		return ph.cached("page-title", pageTitleData{Page: block, Site: s.Title, Name: name, APIVersion: apiVersion})
	}
	out := []page{
		{Path: "index" + s.Ext, Title: title("index", "", ""), Block: "index", Data: s},
		{Path: "api-resources" + s.Ext, Title: title("api-resources", "", ""), Block: "api-resources", Data: s},
		{Path: "concepts" + s.Ext, Title: title("concepts", "", ""), Block: "concepts", Data: s},
	}
	out = append(out, page{Path: "cheatsheet" + s.Ext, Title: title("cheatsheet", "", ""), Block: "cheatsheet", Data: s.Cheatsheet})
	if s.Flashcards != nil {
		out = append(out, page{Path: "flashcards" + s.Ext, Title: title("flashcards", "", ""), Block: "flashcards", Data: s.Flashcards})
	}
	if s.Matrix != nil {
		out = append(out, page{Path: s.Matrix.Path, Title: title("versions", "", ""), Block: "versions", Data: s.Matrix})
	}
	for _, g := range s.Groups {
		out = append(out, page{Path: g.Path, Title: title("group", g.Display, ""), Block: "group", Data: g})
	}
	for _, r := range s.Resources {
		out = append(out, page{Path: r.Path, Title: title("resource", r.Kind, r.APIVersion), Block: "resource", Data: r})
	}
	return out
}

// pageView is what a page template receives.
type pageView struct {
	Site      *siteView
	Page      any
	Title     string
	Path      string
	Root      string
	Canonical string
	// Body is the page's block, rendered, for the HTML layout around it;
	// "" while the block itself executes.
	Body template.HTML
}

func newPageView(s *siteView, p page) pageView {
	v := pageView{Site: s, Page: p.Data, Title: p.Title, Path: p.Path, Root: rootOf(p.Path)}
	if s.BaseURL != "" {
		v.Canonical = s.BaseURL + "/" + p.Path
	}
	return v
}
