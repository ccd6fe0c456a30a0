// Package report prints comparisons of API surfaces: the diff of two
// (diff_text.go, diff_markdown.go, diff_html.go, diff_json.go over the
// shared view of diff_view.go) and the version matrix of several
// (matrix_*.go). Printers write to an io.Writer; names from a cluster go
// through textsafe (text, Markdown) or html/template (HTML).
package report
