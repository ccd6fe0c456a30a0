package site

import (
	"bytes"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"strings"
	"unicode"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"

	"github.com/kube-apidocs/kube-apidocs/templates"
)

// htmlAssets are the static files every HTML site carries, copied from the
// embedded templates (or a --templates folder that has its own copy).
var htmlAssets = []string{"assets/flashcards.js", "assets/site.css", "assets/site.js"}

// htmlSite renders the HTML pages of s, the assets and the search index.
func htmlSite(s *siteView, sets templateSets, opts SiteOptions, put func(File) error) error {
	err := eachPage(s, func(s *siteView, p page) error {
		data, err := htmlPage(sets.html, sets.md, s, p)
		if err != nil {
			return err
		}
		return put(File{Path: p.Path, Data: data})
	})
	if err != nil {
		return err
	}
	assets, err := htmlAssetFiles(s, opts.Templates)
	if err != nil {
		return err
	}
	for _, f := range assets {
		if err := put(f); err != nil {
			return err
		}
	}
	return nil
}

// parseHTML parses the embedded HTML templates, then the overrides, so that
// a user's {{define "x"}} replaces the embedded block x.
func parseHTML(overrides fs.FS, cat *catalog) (*template.Template, error) {
	t := template.New("site").Option("missingkey=error").Funcs(htmlFuncs).Funcs(cat.htmlFuncs())
	t, err := t.ParseFS(templates.FS, "*.html.tmpl")
	if err != nil {
		return nil, fmt.Errorf("embedded templates: %w", err)
	}
	if overrides == nil {
		return t, nil
	}
	if names, _ := fs.Glob(overrides, "*.html.tmpl"); len(names) > 0 {
		if t, err = t.ParseFS(overrides, "*.html.tmpl"); err != nil {
			return nil, fmt.Errorf("templates: %w", err)
		}
	}
	return t, nil
}

var htmlFuncs = template.FuncMap{
	"join":      strings.Join,
	"table":     newTableView,
	"breakPath": BreakPath,
	"groupTree": func(root string, t indexTreeView) groupTreeView { return groupTreeView{root, t} },
	"groupLine": func(root string, g *groupView) groupLineView { return groupLineView{root, g} },
}

// BreakPath escapes a REST or resource path for HTML and lets the browser
// break it after each slash and before its query, so that a narrow screen
// wraps it between segments and never inside one (see breakAfter). The
// diff report uses it too.
func BreakPath(p string) template.HTML {
	path, query, hasQuery := strings.Cut(p, "?")
	out := breakAfter(path, "/")
	if hasQuery {
		out += "<wbr>" + breakAfter("?"+query, "")
	}
	return template.HTML(out) // every piece escaped
}

// BreakName is BreakPath for names that also have dots: a field path
// (`apps/v1 Deployment.spec.template.spec`) may break after each slash and
// each dot, never inside a field's name.
func BreakName(p string) template.HTML {
	return template.HTML(breakAfter(p, "/.")) // every piece escaped
}

// breakAfter escapes s for HTML as pieces that never break inside (each a
// <span>, which the style sheet keeps on one line), split after each of
// the characters in marks that ends a piece of more than that character
// (with a <wbr>) and at spaces (kept).
func breakAfter(s, marks string) string {
	var b strings.Builder
	piece := func(p string) {
		if p != "" {
			b.WriteString("<span>" + template.HTMLEscapeString(p) + "</span>")
		}
	}
	start := 0
	for i := 0; i < len(s); i++ {
		switch {
		case s[i] == ' ':
			piece(s[start:i])
			b.WriteByte(' ')
			start = i + 1
		case strings.IndexByte(marks, s[i]) >= 0 && i > start && i+1 < len(s): // never a lone "/" on a line
			piece(s[start : i+1])
			b.WriteString("<wbr>")
			start = i + 1
		}
	}
	piece(s[start:])
	return b.String()
}

// codeBreaks renders Markdown code spans (of the concept notes) as
// <code class="path"> that may wrap after '/', ';' and ',', so that a long
// path or header fits a phone without breaking a word.
type codeBreaks struct{}

// RegisterFuncs registers the code span renderer.
func (codeBreaks) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindCodeSpan, renderCodeSpan)
}

// renderCodeSpan is goldmark's code span renderer (a line ending inside
// the span becomes a space) with breakAfter's <wbr>s.
func renderCodeSpan(w util.BufWriter, source []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	var text strings.Builder
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		if t, ok := c.(*ast.Text); ok {
			v := string(t.Segment.Value(source))
			if trimmed, ok := strings.CutSuffix(v, "\n"); ok {
				v = trimmed + " "
			}
			text.WriteString(v)
		}
	}
	_, err := w.WriteString(`<code class="path">` + breakAfter(text.String(), "/;,") + "</code>")
	return ast.WalkSkipChildren, err
}

// groupTreeView is what the group-tree block receives; groupLineView, what
// group-line receives.
type groupTreeView struct {
	Root string
	Tree indexTreeView
}

type groupLineView struct {
	Root  string
	Group *groupView
}

// tableView is what the resource-table block receives: the rows, the way
// back to the site root for their links, and whether it can be sorted.
type tableView struct {
	Root     string
	Rows     []rowView
	Sortable bool
}

func newTableView(root string, rows []rowView, sortable bool) tableView {
	return tableView{Root: root, Rows: rows, Sortable: sortable}
}

// htmlPage renders one page: its block first, then the layout around it.
func htmlPage(t *template.Template, md markdownTemplates, s *siteView, p page) ([]byte, error) {
	view := newPageView(s, p)
	if p.Block == "concepts" {
		body, err := conceptsHTML(md, view)
		if err != nil {
			return nil, err
		}
		view.Page = body
	}
	body, err := withScratch(func(b *bytes.Buffer) (string, error) {
		err := s.budget.execute(b, t, "page "+p.Path, p.Block, view)
		return b.String(), err
	})
	if err != nil {
		return nil, fmt.Errorf("page %s: %w", p.Path, err)
	}
	view.Body = template.HTML(body) // html/template output: already escaped
	out, err := withScratch(func(b *bytes.Buffer) ([]byte, error) {
		err := s.budget.execute(b, t, "page "+p.Path, "layout", view)
		return bytes.Clone(b.Bytes()), err
	})
	if err != nil {
		return nil, fmt.Errorf("page %s: %w", p.Path, err)
	}
	return out, nil
}

// markdownToHTML is goldmark with GitHub tables and heading ids. It is
// never given WithUnsafe: raw HTML in its input is dropped, not copied.
var markdownToHTML = goldmark.New(
	goldmark.WithExtensions(extension.Table, extension.Strikethrough),
	goldmark.WithParserOptions(parser.WithAutoHeadingID()),
	goldmark.WithRendererOptions(renderer.WithNodeRenderers(util.Prioritized(codeBreaks{}, 100))), // before goldmark's own (1000)
)

// headingIDs makes the ids of the notes' headings as goldmark does, but
// keeps letters and digits of any script (GitHub's anchors keep them too),
// so that Korean headings get ids of their own instead of "-" and "--1".
type headingIDs struct {
	used map[string]bool
}

// Generate returns the id of a heading whose text is value.
func (h *headingIDs) Generate(value []byte, _ ast.NodeKind) []byte {
	var b strings.Builder
	for _, r := range strings.TrimSpace(string(value)) {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			b.WriteRune(unicode.ToLower(r))
		case r == ' ' || r == '\t' || r == '-' || r == '_':
			b.WriteByte('-')
		}
	}
	id := b.String()
	if id == "" {
		id = "heading"
	}
	base := id
	for i := 1; h.used[id]; i++ {
		id = fmt.Sprintf("%s-%d", base, i)
	}
	h.used[id] = true
	return []byte(id)
}

// Put records an id given in the document.
func (h *headingIDs) Put(value []byte) { h.used[string(value)] = true }

// conceptsMarkdown renders the concept notes of the site's language: the
// block concepts-body.<lang> where the templates define one (the notes
// are written anew for each language, not assembled from catalog keys),
// else concepts-body.
func conceptsMarkdown(md markdownTemplates, view pageView) (string, error) {
	block := "concepts-body"
	if md.Lookup(block+"."+view.Site.Lang) != nil {
		block += "." + view.Site.Lang
	}
	var src bytes.Buffer
	if err := view.Site.budget.execute(&src, md, "page "+view.Path, block, view); err != nil {
		return "", fmt.Errorf("page %s: %w", view.Path, err)
	}
	return src.String(), nil
}

// conceptsHTML renders the concept notes, written in Markdown, to HTML.
func conceptsHTML(md markdownTemplates, view pageView) (template.HTML, error) {
	src, err := conceptsMarkdown(md, view)
	if err != nil {
		return "", err
	}
	var out bytes.Buffer
	ctx := parser.NewContext(parser.WithIDs(&headingIDs{used: map[string]bool{}}))
	if err := markdownToHTML.Convert([]byte(src), &out, parser.WithContext(ctx)); err != nil {
		return "", fmt.Errorf("page %s: %w", view.Path, err)
	}
	return template.HTML(out.String()), nil // goldmark escapes text and drops raw HTML
}

// htmlAssetFiles returns the CSS, the script, the search index and the API
// tree as a standalone picture.
func htmlAssetFiles(s *siteView, overrides fs.FS) ([]File, error) {
	var files []File
	for _, name := range htmlAssets {
		data, err := readAsset(name, overrides)
		if err != nil {
			return nil, err
		}
		files = append(files, File{Path: name, Data: data})
	}
	index, err := searchIndex(s)
	if err != nil {
		return nil, err
	}
	files = append(files, File{Path: "assets/search-index.js", Data: index})
	// kubectl's own text of the api-resources table, which the page links
	return append(files, File{Path: "api-resources.txt", Data: []byte(s.TableText)}), nil
}

// readAsset reads an asset from the overrides when they have it, else from
// the embedded templates. An override that exists but cannot be read (a
// symbolic link out of an os.Root folder, a folder, no permission) is an
// error naming it, never a silent fallback.
func readAsset(name string, overrides fs.FS) ([]byte, error) {
	if overrides != nil {
		data, err := fs.ReadFile(overrides, name)
		if err == nil {
			return data, nil
		}
		if !errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("templates: %s: %w", name, unwrapPath(err))
		}
	}
	data, err := fs.ReadFile(templates.FS, name)
	if err != nil {
		return nil, fmt.Errorf("embedded asset %s: %w", name, err)
	}
	return data, nil
}

// unwrapPath drops the operation and path of an *fs.PathError, which
// callers name themselves.
func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// treeSVG renders the API tree as a standalone SVG file.
func treeSVG(t *template.Template, s *siteView) ([]byte, error) {
	var b bytes.Buffer
	if err := s.budget.execute(&b, t, "api-tree.svg", "api-tree", s.Tree); err != nil {
		return nil, fmt.Errorf("api-tree.svg: %w", err)
	}
	return b.Bytes(), nil
}
