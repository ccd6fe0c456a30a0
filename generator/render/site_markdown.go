package render

import (
	"bytes"
	"fmt"
	"io/fs"
	"strings"
	"text/template"

	"go.yaml.in/yaml/v3"

	"github.com/kube-apidocs/kube-apidocs/templates"
)

// markdownTemplates is the parsed set of Markdown templates.
type markdownTemplates = *template.Template

// markdownSite renders the GitHub-flavoured Markdown pages of s, with the
// front matter opts asks for, and the API tree as api-tree.svg.
func markdownSite(s *siteView, opts SiteOptions) ([]File, error) {
	tmpl, err := parseMarkdown(opts.Templates)
	if err != nil {
		return nil, err
	}
	var files []File
	for _, p := range pages(s) {
		var b bytes.Buffer
		b.WriteString(frontMatter(opts.FrontMatter, p))
		if err := tmpl.ExecuteTemplate(&b, p.Block+".md", newPageView(s, p)); err != nil {
			return nil, fmt.Errorf("page %s: %w", p.Path, err)
		}
		files = append(files, File{Path: p.Path, Data: b.Bytes()})
	}
	htmlTmpl, err := parseHTML(opts.Templates)
	if err != nil {
		return nil, err
	}
	svg, err := treeSVG(htmlTmpl, s.Tree)
	if err != nil {
		return nil, err
	}
	return append(files, File{Path: "api-tree.svg", Data: svg}), nil
}

// parseMarkdown parses the embedded Markdown templates, then the overrides.
func parseMarkdown(overrides fs.FS) (markdownTemplates, error) {
	t := template.New("site").Option("missingkey=error").Funcs(markdownFuncs)
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
	"md":    mdText,
	"code":  mdCode,
	"fence": mdFence,
	"join":  strings.Join,
	"table": newTableView,
	"mdjoin": func(items []string, sep string) string {
		out := make([]string, len(items))
		for i, s := range items {
			out[i] = mdText(s)
		}
		return strings.Join(out, sep)
	},
}

// mdText escapes s so that Markdown shows it as plain text: invisible
// characters become visible escapes (cleanText), each character
// that could start markup (emphasis, links, HTML, entities, MDX
// expressions, math) gets a backslash, which also keeps '|' from ending a
// table cell, and line breaks become spaces.
func mdText(s string) string {
	var b strings.Builder
	for _, r := range cleanText(s) {
		switch {
		case r == '\n' || r == '\r':
			b.WriteByte(' ')
		case r < 128 && strings.ContainsRune(mdSpecial, r):
			b.WriteByte('\\')
			b.WriteRune(r)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// mdSpecial are the characters mdText escapes.
const mdSpecial = "\\`*_{}[]<>#|!~&$"

// codeReplacer flattens line breaks and escapes table pipes in code spans.
var codeReplacer = strings.NewReplacer("\n", " ", "\r", " ", "|", `\|`)

// mdCode returns s as a code span whose backtick fence is longer than any
// backtick run inside; '|' is escaped so the span can sit in a table cell.
func mdCode(s string) string {
	s = codeReplacer.Replace(cleanText(s))
	fence := strings.Repeat("`", longestRun(s, '`')+1)
	if s == "" || strings.HasPrefix(s, "`") || strings.HasSuffix(s, "`") {
		return fence + " " + s + " " + fence
	}
	return fence + s + fence
}

// mdFence returns s as a fenced code block with the given info string,
// fenced with more backticks than any run inside.
func mdFence(info, s string) string {
	fence := strings.Repeat("`", max(3, longestRun(s, '`')+1))
	if !strings.HasSuffix(s, "\n") {
		s += "\n"
	}
	return fence + info + "\n" + s + fence
}

func longestRun(s string, c rune) int {
	best, run := 0, 0
	for _, r := range s {
		if r == c {
			run++
			best = max(best, run)
		} else {
			run = 0
		}
	}
	return best
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
