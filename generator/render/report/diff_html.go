package report

import (
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"sync"

	"github.com/kube-apidocs/kube-apidocs/generator/model"
	"github.com/kube-apidocs/kube-apidocs/generator/render/site"
	"github.com/kube-apidocs/kube-apidocs/templates"
)

// diffHTML is templates/report/diff.html.tmpl, parsed once, when a report
// is first written (not at every command's start-up). html/template escapes
// every value, so names from a cluster stay text.
var diffHTML = sync.OnceValue(func() *template.Template {
	return template.Must(template.New("report").Option("missingkey=error").Funcs(template.FuncMap{
		"markClass": markClass,
		"breakName": site.BreakName,
		"word":      word,
	}).ParseFS(templates.FS, "report/diff.html.tmpl"))
})

// siteCSS is the site's stylesheet, which the page carries inline.
var siteCSS = sync.OnceValue(func() template.CSS { return mustRead("assets/site.css") })

func mustRead(name string) template.CSS {
	data, err := fs.ReadFile(templates.FS, name)
	if err != nil {
		panic(fmt.Sprintf("embedded %s: %v", name, err)) // embedded at build time
	}
	return template.CSS(data) // our own stylesheet, not input
}

func markClass(mark string) string {
	switch mark {
	case "+":
		return "add"
	case "-":
		return "del"
	}
	return "chg"
}

// DiffLinks links the resources of a diff page to their pages in a site
// generated from each side. A nil func, or one that returns "", leaves
// the item unlinked.
type DiffLinks struct {
	// Old links a resource served by the old side (a removed or moved
	// one); New, one served by the new side (added or changed). They
	// receive the group ("" for core), the version and the resource name.
	Old, New func(group, version, resource string) string
}

// diffPage is what the diff-page block receives.
type diffPage struct {
	diffView
	CSS template.CSS
}

// DiffHTML writes d as a standalone HTML page (no scripts, the site's
// style inline) with the same sections as DiffText, each resource linked
// as links says.
func DiffHTML(w io.Writer, d *model.APIDiff, links DiffLinks) error {
	v := newDiffView(d)
	linkItems(v.Sections, links)
	return diffHTML().ExecuteTemplate(w, "diff-page", diffPage{diffView: v, CSS: siteCSS()})
}

// linkItems sets the URL of each item that names a resource page, with
// the link func of the side that serves it.
func linkItems(sections []diffSection, links DiffLinks) {
	for si := range sections {
		for ii := range sections[si].Items {
			it := &sections[si].Items[ii]
			if it.Page == nil {
				continue
			}
			link := links.New
			if it.Page.Side == oldSide {
				link = links.Old
			}
			if link != nil {
				it.URL = link(it.Page.Group, it.Page.Version, it.Page.Resource)
			}
		}
	}
}
