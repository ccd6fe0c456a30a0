// Package render prints the model: the kubectl-identical api-resources and
// api-versions tables, their JSON and YAML forms, and the documentation
// site. Each output format lives in a file of its own.
//
// The site is built in three steps. site_view.go (with paths.go, notes.go,
// examples.go and svg.go) prepares a view of the model in which every path,
// label and table cell is computed; site_html.go and site_markdown.go
// execute the templates of the templates package over that view, and
// search.go writes the client-side search index; site_write.go puts the
// files on disk, atomically and never outside the chosen folder. Strings
// from the model are untrusted: clean.go makes invisible characters
// visible, html/template escapes HTML, and the Markdown helpers escape
// Markdown.
package render
