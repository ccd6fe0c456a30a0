package report

import (
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"sync"

	"github.com/kube-apidocs/kube-apidocs/generator/model"
	"github.com/kube-apidocs/kube-apidocs/templates"
)

// diffHTML is templates/report/diff.html.tmpl, parsed once, when a report
// is first written (not at every command's start-up). html/template escapes
// every value, so names from a cluster stay text.
var diffHTML = sync.OnceValue(func() *template.Template {
	return template.Must(template.New("report").Option("missingkey=error").Funcs(template.FuncMap{
		"markClass": markClass,
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

// diffPage is what the diff-page block receives.
type diffPage struct {
	diffView
	CSS template.CSS
}

// DiffHTML writes d as a standalone HTML page (no scripts, the site's
// style inline) with the same sections as DiffText.
func DiffHTML(w io.Writer, d *model.APIDiff) error {
	return diffHTML().ExecuteTemplate(w, "diff-page", diffPage{diffView: newDiffView(d), CSS: siteCSS()})
}
