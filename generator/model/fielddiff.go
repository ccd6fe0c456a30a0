package model

import (
	"strconv"
	"strings"
)

// FieldDiff is the `fields` section of an APIDiff: the schema fields of the
// kinds served on both sides, compared through the two sides' OpenAPI v3
// documents. A field is named "<apiVersion> <Kind>.<path>" ("v1
// Pod.spec.resources"), the path as `kubectl explain` takes it (arrays and
// maps transparent). Kinds served on one side only are new or removed
// resources, not fields. Every list is sorted and never nil.
type FieldDiff struct {
	// Compared is false when a side has no OpenAPI documents; the diff then
	// compares discovery only and every list is empty.
	Compared bool `json:"compared"`
	// Missing names the sides without OpenAPI documents ("old", "new"),
	// empty when both have them.
	Missing []string `json:"missing"`
	// Kinds is the number of kinds compared field by field.
	Kinds int `json:"kinds"`
	// Added and Removed are the fields only NEW or only OLD has.
	Added   []string `json:"added"`
	Removed []string `json:"removed"`
	// Changed lists the fields on both sides whose required flag, type or
	// enum values differ, sorted by field then change.
	Changed []SchemaChange `json:"changed"`
}

// Sides of a FieldDiff's Missing list.
const (
	SideOld = "old"
	SideNew = "new"
)

// Changes of a SchemaChange.
const (
	ChangeRequired = "required"
	ChangeType     = "type"
	ChangeEnum     = "enum"
)

// SchemaChange is one changed property of a field served on both sides.
type SchemaChange struct {
	// Field is "<apiVersion> <Kind>.<path>".
	Field string `json:"field"`
	// Change is required, type or enum.
	Change string `json:"change"`
	// Old and New are a bool for required, the type as `kubectl explain`
	// prints it for type, the sorted list of values for enum (empty when
	// the field has none).
	Old any `json:"old"`
	New any `json:"new"`
	// Added and Removed are, for enum, the values only New or only Old
	// has, sorted.
	Added   []string `json:"added,omitempty"`
	Removed []string `json:"removed,omitempty"`
}

// FieldName is the name of a field in a FieldDiff: "v1 Pod.spec.resources".
func FieldName(apiVersion, kind, path string) string {
	return apiVersion + " " + kind + "." + path
}

// BecameRequired reports whether the change makes a field required.
func (c SchemaChange) BecameRequired() bool {
	return c.Change == ChangeRequired && c.New == true
}

// Breaking reports whether the field changes can break a manifest that OLD
// accepted: a field removed or one that became required.
func (f FieldDiff) Breaking() bool {
	if len(f.Removed) > 0 {
		return true
	}
	for _, c := range f.Changed {
		if c.BecameRequired() {
			return true
		}
	}
	return false
}

// Deprecations is the `deprecated` section of an APIDiff: what NEW still
// serves although it is deprecated.
type Deprecations struct {
	// Resources are the resources NEW serves that the deprecation data (or
	// the kind's own OpenAPI description) marks deprecated, sorted by
	// resource path.
	Resources []DeprecatedResource `json:"resources"`
	// Fields are the fields (FieldDiff names) that NEW's descriptions mark
	// deprecated and OLD's did not (or OLD lacked), sorted.
	Fields []string `json:"fields"`
}

// DeprecatedResource is one deprecated resource that NEW still serves.
type DeprecatedResource struct {
	// Resource is the resource path ("v1/componentstatuses").
	Resource string `json:"resource"`
	// DeprecatedIn is the release that deprecated it ("1.19"); empty when
	// the source does not say.
	DeprecatedIn string `json:"deprecatedIn,omitempty"`
	// RemovedIn is the release planned to stop serving it; empty when none
	// is planned.
	RemovedIn string `json:"removedIn,omitempty"`
	// Replacement is what to use instead; empty when the source names none.
	Replacement string `json:"replacement,omitempty"`
	// Source is where the deprecation is stated: a URL, or
	// "openapi:<apiVersion> <Kind>" for the kind's own description.
	Source string `json:"source"`
}

// Deprecation is one row of the deprecation data: a kind that is deprecated
// but still served at a group-version.
type Deprecation struct {
	Group        string `json:"group"`
	Version      string `json:"version"`
	Kind         string `json:"kind"`
	Resource     string `json:"resource"`
	DeprecatedIn string `json:"deprecatedIn"`
	RemovedIn    string `json:"removedIn,omitempty"`
	Replacement  string `json:"replacement,omitempty"`
	Source       string `json:"source"`
}

// APIVersion returns the deprecated group-version as kubectl prints it.
func (d Deprecation) APIVersion() string { return GroupVersion(d.Group, d.Version) }

// AppliesTo reports whether the row holds for a server of gitVersion
// ("v1.32.13"): its DeprecatedIn ("1.33") is not a later release. An
// unknown or unparsable version takes every row.
func (d Deprecation) AppliesTo(gitVersion string) bool {
	have, ok := minorRelease(strings.TrimPrefix(gitVersion, "v"))
	want, ok2 := minorRelease(d.DeprecatedIn)
	if !ok || !ok2 {
		return true
	}
	return have[0] > want[0] || have[0] == want[0] && have[1] >= want[1]
}

// minorRelease parses the major and minor numbers of "1.33", "1.33.13" or
// "1.33.13-gke.1".
func minorRelease(v string) ([2]int, bool) {
	var out [2]int
	parts := strings.SplitN(v, ".", 3)
	if len(parts) < 2 {
		return out, false
	}
	for i, p := range parts[:2] {
		n, err := strconv.Atoi(p)
		if err != nil {
			return out, false
		}
		out[i] = n
	}
	return out, true
}

// Empty reports whether nothing deprecated is listed.
func (d Deprecations) Empty() bool { return len(d.Resources)+len(d.Fields) == 0 }
