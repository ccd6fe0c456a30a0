package site

import (
	"bytes"
	"fmt"
	"io/fs"
	"strings"
	"text/template"

	"go.yaml.in/yaml/v3"

	"github.com/kube-apidocs/kube-apidocs/generator/textsafe"
	"github.com/kube-apidocs/kube-apidocs/templates"
)

// markdownTemplates is the parsed set of Markdown templates.
type markdownTemplates = *template.Template

// markdownSite renders the GitHub-flavoured Markdown pages of s, with the
// front matter opts asks for, and the API tree as api-tree.svg.
func markdownSite(s *siteView, sets templateSets, opts SiteOptions) ([]File, error) {
	tmpl := sets.md
	var files []File
	for _, p := range s.pages {
		var b bytes.Buffer
		b.WriteString(frontMatter(opts.FrontMatter, p))
		view := newPageView(s, p)
		if p.Block == "concepts" {
			body, err := conceptsMarkdown(tmpl, view)
			if err != nil {
				return nil, err
			}
			view.Page = body
		}
		if err := s.budget.execute(&b, tmpl, "page "+p.Path, p.Block+".md", view); err != nil {
			return nil, fmt.Errorf("page %s: %w", p.Path, err)
		}
		files = append(files, File{Path: p.Path, Data: b.Bytes()})
	}
	svg, err := treeSVG(sets.html, s)
	if err != nil {
		return nil, err
	}
	return append(files, File{Path: "api-tree.svg", Data: svg}), nil
}

// parseMarkdown parses the embedded Markdown templates, then the overrides.
func parseMarkdown(overrides fs.FS, cat *catalog) (markdownTemplates, error) {
	t := template.New("site").Option("missingkey=error").Funcs(markdownFuncs).Funcs(cat.markdownFuncs())
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

var markdownFuncs = template.FuncMap{
	"md":   textsafe.Markdown,
	"code": textsafe.CodeSpan,
	"span": codeSpan,
	// mdlines is md for text whose line breaks are meant (descriptions,
	// messages): they become spaces instead of visible escapes.
	"mdlines": func(s string) string {
		return textsafe.Markdown(strings.Join(strings.Fields(strings.ReplaceAll(s, "\r", "")), " "))
	},
	"fence": textsafe.Fence,
	"join":  strings.Join,
	"table": newTableView,
	"mdjoin": func(items []string, sep string) string {
		out := make([]string, len(items))
		for i, s := range items {
			out[i] = textsafe.Markdown(s)
		}
		return strings.Join(out, sep)
	},
}

// frontMatter returns the YAML front matter of a Markdown page, "" for none.
// The title goes through the YAML encoder, so any kind name stays valid.
func frontMatter(style string, p page) string {
	fields := yaml.Node{Kind: yaml.MappingNode}
	switch style {
	case FrontMatterHugo:
		addPair(&fields, "title", p.Title)
	case FrontMatterDocusaurus:
		addPair(&fields, "title", p.Title)
		addPair(&fields, "sidebar_label", p.Title)
	default:
		return ""
	}
	out, err := yaml.Marshal(&fields)
	if err != nil {
		return "" // a mapping of plain strings always encodes
	}
	return "---\n" + string(out) + "---\n\n"
}

// codeSpan is a code span outside a table: like textsafe.CodeSpan, whose
// escaped '|' only a table cell reads, but with '|' kept as it is (CEL
// rules are full of "||").
func codeSpan(s string) string {
	s = strings.NewReplacer("\n", " ", "\r", " ").Replace(textsafe.Clean(s))
	fence := strings.Repeat("`", longestBackticks(s)+1)
	if s == "" || strings.HasPrefix(s, "`") || strings.HasSuffix(s, "`") {
		return fence + " " + s + " " + fence
	}
	return fence + s + fence
}

// longestBackticks is the length of the longest run of backticks in s.
func longestBackticks(s string) int {
	best, run := 0, 0
	for _, r := range s {
		if r == '`' {
			run++
			best = max(best, run)
		} else {
			run = 0
		}
	}
	return best
}
