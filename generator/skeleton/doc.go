// Package skeleton builds the smallest manifest of a kind that a real
// kube-apiserver accepts (`kubectl create --dry-run=server -f`): apiVersion,
// kind, metadata.name, every required field with a placeholder, and the
// per-kind values validation needs beyond the schema's required markers
// (a container image, matching selector and template labels, a port).
//
// Generic rules come first: a required string is "example" (a DNS-safe
// name), an integer 1, an enum its first non-empty value, a required list
// one element, a required object its own required fields. The values that
// need knowledge of validation live in placeholders.yaml, embedded: the
// placeholder of each leaf type and format, values set at explain paths per
// kind, and, for kinds that cannot have a skeleton without cluster state,
// the reason shown instead. Output is deterministic: keys appear as
// apiVersion, kind, metadata, then the schema's (alphabetical) order.
package skeleton
