package report

import (
	"html/template"
	"io"

	"github.com/kube-apidocs/kube-apidocs/generator/model"
)

// diffHTMLTemplate is the page DiffHTML fills. html/template escapes every
// value, so names from a cluster stay text.
const diffHTMLTemplate = `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{.Title}}</title>
<style>
body { font-family: system-ui, sans-serif; margin: 2rem auto; max-width: 60rem; padding: 0 1rem; line-height: 1.45; }
table { border-collapse: collapse; }
td, th { border: 1px solid #ccc; padding: .25rem .6rem; text-align: left; }
ul { padding-left: 1.4rem; }
.mark { font-family: monospace; display: inline-block; width: 1.2em; }
.add { color: #116329; } .del { color: #a40e26; } .chg { color: #6c4b00; }
.note { color: #555; }
</style>
</head>
<body>
<h1>{{.Title}}</h1>
<ul>
<li>old: {{.Old}}</li>
<li>new: {{.New}}</li>
</ul>
<h2>Summary</h2>
<table>
{{- range .Summary}}
<tr><th scope="row">{{.Label}}</th><td>{{.Text}}</td></tr>
{{- end}}
</table>
{{- if .Empty}}
<p>No differences.</p>
{{- end}}
{{- range .Sections}}
<h2>{{.Title}}</h2>
<ul>
{{- range .Items}}
<li><span class="mark {{markClass .Mark}}">{{.Mark}}</span><code>{{.Subject}}</code>{{if .Detail}} {{.Detail}}{{end}}
{{- if .Note}} <span class="note">— {{.Note}} (<a href="{{.NoteURL}}">deprecation guide</a>)</span>{{end}}
{{- if .Fields}}
<ul>
{{- range .Fields}}
<li>{{.}}</li>
{{- end}}
</ul>
{{- end}}
</li>
{{- end}}
</ul>
{{- end}}
</body>
</html>
`

var diffHTML = template.Must(template.New("diff").Option("missingkey=error").Funcs(template.FuncMap{
	"markClass": func(mark string) string {
		switch mark {
		case "+":
			return "add"
		case "-":
			return "del"
		}
		return "chg"
	},
}).Parse(diffHTMLTemplate))

// DiffHTML writes d as a standalone HTML page (no scripts, inline style)
// with the same sections as DiffText.
func DiffHTML(w io.Writer, d *model.APIDiff) error {
	return diffHTML.Execute(w, newDiffView(d))
}
