package site

import (
	"bytes"
	"fmt"
	"io/fs"
	"text/template"

	"github.com/kube-apidocs/kube-apidocs/templates"
)

// markdownTemplates is the parsed set of Markdown templates.
type markdownTemplates = *template.Template

// markdownSite renders the Markdown pages of s for the reader opts'
// front-matter style names (markdownTargets), and the API tree as
// api-tree.svg.
func markdownSite(s *siteView, sets templateSets, opts SiteOptions, put func(File) error) error {
	target := markdownTargets[opts.FrontMatter]
	tmpl, err := parseMarkdownFor(opts.Templates, target, sets.cat)
	if err != nil {
		return err
	}
	err = eachPage(s, func(s *siteView, p page) error {
		view := newPageView(s, p)
		view.Root = target.root(p.Path)
		if p.Block == "concepts" {
			body, err := conceptsMarkdown(tmpl, view)
			if err != nil {
				return err
			}
			view.Page = body
		}
		data, err := withScratch(func(b *bytes.Buffer) ([]byte, error) {
			b.WriteString(target.frontMatter(p.Title))
			err := s.budget.execute(b, tmpl, "page "+p.Path, p.Block+".md", view)
			return bytes.Clone(b.Bytes()), err
		})
		if err != nil {
			return fmt.Errorf("page %s: %w", p.Path, err)
		}
		return put(File{Path: target.file(p.Path), Data: data})
	})
	if err != nil {
		return err
	}
	svg, err := treeSVG(sets.html, s)
	if err != nil {
		return err
	}
	return put(File{Path: "api-tree.svg", Data: svg})
}

// parseMarkdown parses the Markdown templates for plain CommonMark (the
// concept notes of the HTML site and the phrases use it).
func parseMarkdown(overrides fs.FS, cat *catalog) (markdownTemplates, error) {
	return parseMarkdownFor(overrides, markdownTargets[FrontMatterNone], cat)
}

// parseMarkdownFor parses the embedded Markdown templates, then the
// overrides, with the template functions of target and of cat.
func parseMarkdownFor(overrides fs.FS, target markdownTarget, cat *catalog) (markdownTemplates, error) {
	t := template.New("site").Option("missingkey=error").Funcs(target.funcs()).Funcs(cat.markdownFuncs())
	t, err := t.ParseFS(templates.FS, "*.md.tmpl")
	if err != nil {
		return nil, fmt.Errorf("embedded templates: %w", err)
	}
	if overrides == nil {
		return t, nil
	}
	if names, _ := fs.Glob(overrides, "*.md.tmpl"); len(names) > 0 {
		if t, err = t.ParseFS(overrides, "*.md.tmpl"); err != nil {
			return nil, fmt.Errorf("templates: %w", err)
		}
	}
	return t, nil
}
