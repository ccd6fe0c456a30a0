package render

import (
	"io"

	"github.com/kube-apidocs/kube-apidocs/generator/model"
)

// DiffJSON writes d as the documented `kube-apidocs diff -o json` document:
// old, new, groups, groupVersions, resources, subresources (plus
// removalNotes and unavailable), every list sorted and never null.
func DiffJSON(w io.Writer, d *model.APIDiff) error {
	return JSON(w, d)
}
