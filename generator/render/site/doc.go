// Package site renders the documentation site of the model as files: it
// returns them (Site) and never touches the disk; generator/outdir writes
// them.
//
// The site is built in three steps. site_view.go (with paths.go, notes.go,
// examples.go, svg.go and site_versions.go) prepares a view of the model in
// which every path, slug and table cell is computed; site_html.go and
// site_markdown.go execute the templates of the templates package over
// that view (every sentence a reader sees is in a template, so a
// --templates folder can change it), and search.go writes the client-side
// search index. Strings from the model are untrusted: clean.go makes
// invisible characters visible (textsafe), html/template escapes HTML, and
// the Markdown helpers escape Markdown.
package site
