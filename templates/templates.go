// Package templates embeds the page templates and the static assets of the
// documentation site. The render package parses them; a --templates folder
// may override single named blocks (see README.md, "Template blocks").
package templates

import "embed"

// FS holds the HTML templates (*.html.tmpl), the Markdown templates
// (*.md.tmpl) and the static assets copied into every HTML site (assets/).
//
//go:embed *.html.tmpl *.md.tmpl assets/*
var FS embed.FS
