// Package diff compares API surfaces: Compare finds what changed between two
// (groups, group-versions, preferred versions, resources and their fields,
// subresources, graduations) and ties removals to the Kubernetes deprecation
// guide; NewMatrix lines up several surfaces resource by resource.
//
// It is pure: it reads model values and returns model values
// (model.APIDiff, model.Matrix), and imports only the model package, the
// standard library and a YAML decoder for the embedded removal data.
package diff
