package site

import (
	"path"
	"strings"
	"sync"
	"text/template"

	"go.yaml.in/yaml/v3"

	"github.com/kube-apidocs/kube-apidocs/generator/textsafe"
)

// markdownTarget is what one reader of the Markdown pages needs: the
// dialect untrusted text is escaped for, the name of the front page, the
// form of links and anchors, and the front matter. The front-matter style
// (SiteOptions.FrontMatter) picks the target.
type markdownTarget struct {
	dialect textsafe.Dialect
	// index is the file name of the front page: Hugo needs _index.md, or
	// the folder becomes a leaf bundle that renders one page.
	index string
	// pretty: links name the folder URL the generator publishes a page at
	// (Hugo's "concepts/"), not the page's .md file, which Hugo does not
	// rewrite.
	pretty bool
	// headingIDs: a heading carries its id as a {#id} attribute; otherwise
	// an <a id> element precedes it. Hugo drops raw HTML and Docusaurus does
	// not count an <a id> of MDX as an anchor.
	headingIDs bool
	// noRowAnchors: an anchor in a table row cannot be written (Hugo
	// drops raw HTML), so links to a row of the versions page name the
	// page only.
	noRowAnchors bool
	// titleKeys are the front-matter keys that receive the page title;
	// none means no front matter.
	titleKeys []string
}

// markdownTargets maps each front-matter style to its target.
var markdownTargets = map[string]markdownTarget{
	"":                    {dialect: textsafe.CommonMark, index: "index.md"},
	FrontMatterNone:       {dialect: textsafe.CommonMark, index: "index.md"},
	FrontMatterHugo:       {dialect: textsafe.Hugo, index: "_index.md", pretty: true, headingIDs: true, noRowAnchors: true, titleKeys: []string{"title"}},
	FrontMatterMkDocs:     {dialect: textsafe.PythonMarkdown, index: "index.md", titleKeys: []string{"title"}},
	FrontMatterDocusaurus: {dialect: textsafe.MDX, index: "index.md", headingIDs: true, titleKeys: []string{"title", "sidebar_label"}},
}

// file returns the file name of the page at p (a path ending in .md).
func (t markdownTarget) file(p string) string {
	if p == "index.md" {
		return t.index
	}
	return p
}

// root is the way from the page at p back to the site root, as its links
// need it: for pretty URLs a page is a folder, one level deeper than its
// file, except the front page.
func (t markdownTarget) root(p string) string {
	if t.pretty && p != "index.md" {
		return rootOf(p) + "../"
	}
	return rootOf(p)
}

// link is the link from a page whose root is root to the site path p
// (a page's .md path or another file, with an optional #fragment).
func (t markdownTarget) link(root, p string) string {
	if t.pretty {
		p = prettyURL(p)
	}
	if root+p == "" {
		return "./"
	}
	return root + p
}

// prettyURL maps "groups/apps.md#x" to "groups/apps/#x" and "index.md" to
// "": the folder URL a generator with pretty URLs publishes the page at.
// Other files keep their path.
func prettyURL(p string) string {
	file, frag, hasFrag := strings.Cut(p, "#")
	if strings.HasSuffix(file, ".md") {
		file = strings.TrimSuffix(file, ".md")
		if base := path.Base(file); base == "index" || base == "_index" {
			file = strings.TrimSuffix(file, base)
		} else {
			file += "/"
		}
	}
	if hasFrag {
		return file + "#" + frag
	}
	return file
}

// anchor is what precedes a heading whose id is id: an <a id> element on a
// line of its own, or nothing where the heading carries the id.
func (t markdownTarget) anchor(id string) string {
	if t.headingIDs {
		return ""
	}
	return `<a id="` + id + `"></a>` + "\n"
}

// headingID is what follows the text of a heading whose id is id.
func (t markdownTarget) headingID(id string) string {
	if t.headingIDs {
		return " {#" + id + "}"
	}
	return ""
}

// rowAnchor is the anchor at the start of a table row whose id is id.
func (t markdownTarget) rowAnchor(id string) string {
	if t.noRowAnchors {
		return ""
	}
	return `<a id="` + id + `"></a>`
}

// rowLink is p, a link to a table row, as far as the target can follow it.
func (t markdownTarget) rowLink(p string) string {
	if t.noRowAnchors {
		p, _, _ = strings.Cut(p, "#")
	}
	return p
}

// frontMatter returns the YAML front matter of a page titled title, ""
// for none. The title goes through the dialect's Title and the YAML
// encoder, so any kind name stays valid and inert.
func (t markdownTarget) frontMatter(title string) string {
	if len(t.titleKeys) == 0 {
		return ""
	}
	fields := yaml.Node{Kind: yaml.MappingNode}
	for _, k := range t.titleKeys {
		addPair(&fields, k, t.dialect.Title(title))
	}
	out, err := yaml.Marshal(&fields)
	if err != nil {
		return "" // a mapping of plain strings always encodes
	}
	return "---\n" + string(out) + "---\n\n"
}

// funcs are the template functions of the Markdown pages for t: md (plain
// text), mdlines (md for text whose line breaks are meant: descriptions,
// messages), mdjoin, code (a code span in a table cell), span (a code span
// elsewhere), fence (a code block), link, anchor, headingid, rowanchor and rowlink.
func (t markdownTarget) funcs() template.FuncMap {
	d := t.dialect
	// mdlines escapes every field's description, and the documents repeat
	// the descriptions of the types they share (the field trees' strings
	// at 3,000 CRDs: 104 MB, 1.1 MB of them distinct): each distinct text
	// is escaped once per set.
	var lines sync.Map // text -> mdlines of it
	return template.FuncMap{
		"md":   d.Text,
		"code": d.CellCode,
		"span": d.Code,
		"mdlines": func(s string) string {
			if out, ok := lines.Load(s); ok {
				return out.(string)
			}
			out := d.Text(strings.Join(strings.Fields(strings.ReplaceAll(s, "\r", "")), " "))
			lines.Store(s, out)
			return out
		},
		"fence": d.Fence,
		"join":  strings.Join,
		"table": newTableView,
		"mdjoin": func(items []string, sep string) string {
			out := make([]string, len(items))
			for i, s := range items {
				out[i] = d.Text(s)
			}
			return strings.Join(out, sep)
		},
		"link":      t.link,
		"anchor":    t.anchor,
		"headingid": t.headingID,
		"rowanchor": t.rowAnchor,
		"rowlink":   t.rowLink,
	}
}
