package report

import (
	"encoding/json"
	"io"

	"github.com/kube-apidocs/kube-apidocs/generator/model"
)

// DiffJSON writes d as the documented `kube-apidocs diff -o json` document:
// old, new, groups, groupVersions, resources, subresources (plus
// removalNotes and unavailable), every list sorted and never null.
func DiffJSON(w io.Writer, d *model.APIDiff) error {
	return writeJSON(w, d)
}

// writeJSON writes v as indented JSON, with <, > and & left as they are,
// followed by a newline: the form of every -o json document.
func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}
