// Package templates embeds the page templates and the static assets of the
// documentation site, and the diff report's page. generator/render/site
// and generator/render/report parse them; a --templates folder
// may override single named blocks (see README.md, "Template blocks").
package templates

import "embed"

// FS holds the site's HTML templates (*.html.tmpl), its Markdown and
// plain-text templates (*.md.tmpl), the static assets copied into every
// HTML site (assets/) and the templates of the diff report (report/).
//
//go:embed *.html.tmpl *.md.tmpl assets/* report/* i18n/*.yaml
var FS embed.FS
