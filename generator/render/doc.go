// Package render prints the model: the kubectl-identical api-resources and
// api-versions tables, their JSON and YAML forms, and (in later files) the
// documentation site. Each output format lives in a file of its own.
package render
