package model

// APIDiff is what changed between two API surfaces, OLD and NEW, across
// every served group-version (not only the preferred ones). The diff package
// computes it; the render package prints it. Its JSON form is the documented
// `kube-apidocs diff -o json` document: fields may be added, none renamed.
//
// Resource paths are "<apiVersion>/<resource>" ("v1/pods",
// "apps/v1/deployments") and subresource paths add "/<subresource>"
// ("v1/pods/resize"). Every list is sorted and never nil, so that the JSON
// form always has [] rather than null.
type APIDiff struct {
	// Old and New say what was compared.
	Old DiffSide `json:"old"`
	New DiffSide `json:"new"`
	// Groups lists API groups served on one side only ("" is the core group).
	Groups NameChanges `json:"groups"`
	// GroupVersions lists group-versions ("v1", "apps/v1") served on one side
	// only and the groups whose preferred version changed.
	GroupVersions GroupVersionChanges `json:"groupVersions"`
	// Resources lists resource paths served on one side only, the changes of
	// the resources served on both, and which removed resources are still
	// served by another version of their group.
	Resources ResourceChanges `json:"resources"`
	// Subresources lists the subresources added to or removed from resources
	// served on both sides, and the changes of those kept.
	Subresources SubresourceChanges `json:"subresources"`
	// RemovalNotes are the rows of the Kubernetes deprecation guide that match
	// a removed group-version or resource, sorted by subject.
	RemovalNotes []RemovalNote `json:"removalNotes"`
	// Unavailable lists group-versions that discovery could not deliver on
	// either side; they are left out of the comparison rather than reported
	// as removed or added.
	Unavailable []string `json:"unavailable"`
	// Fields compares the schema fields of the kinds served on both sides.
	Fields FieldDiff `json:"fields"`
	// Deprecated lists what NEW serves although it is deprecated.
	Deprecated Deprecations `json:"deprecated"`
}

// DiffSide describes one side of a diff.
type DiffSide struct {
	// Version is the server's gitVersion ("v1.29.6"); empty when unknown.
	Version string `json:"version"`
	// Source names where the API surface came from: a recording folder,
	// "builtin", or "context NAME".
	Source string `json:"source,omitempty"`
}

// NameChanges lists names present on one side only.
type NameChanges struct {
	Added   []string `json:"added"`
	Removed []string `json:"removed"`
}

// GroupVersionChanges lists group-versions served on one side only and the
// preferred-version changes of groups served on both.
type GroupVersionChanges struct {
	Added            []string          `json:"added"`
	Removed          []string          `json:"removed"`
	PreferredChanged []PreferredChange `json:"preferredChanged"`
}

// PreferredChange is a group whose preferred version differs.
type PreferredChange struct {
	Group string `json:"group"`
	Old   string `json:"old"`
	New   string `json:"new"`
}

// ResourceChanges lists resource paths served on one side only, the field
// changes of resources served on both, and the removed resources that
// graduated or moved to another version of their group.
type ResourceChanges struct {
	Added   []string      `json:"added"`
	Removed []string      `json:"removed"`
	Changed []FieldChange `json:"changed"`
	// Moved qualifies entries of Removed: the resource is no longer served at
	// that apiVersion but still is (or now is) at another version of the
	// same group. Sorted by Resource.
	Moved []Move `json:"moved"`
}

// Field names of FieldChange and SubresourceChange.
const (
	FieldKind         = "kind"
	FieldNamespaced   = "namespaced"
	FieldVerbs        = "verbs"
	FieldShortNames   = "shortNames"
	FieldCategories   = "categories"
	FieldSubresources = "subresources"
)

// FieldChange is one changed field of a resource served on both sides.
type FieldChange struct {
	// Resource is the resource path ("apps/v1/deployments").
	Resource string `json:"resource"`
	// Field is one of kind, namespaced, verbs, shortNames, categories,
	// subresources.
	Field string `json:"field"`
	// Old and New are the values: a string for kind, a bool for namespaced,
	// a sorted list of strings for the others (subresources: their names).
	Old any `json:"old"`
	New any `json:"new"`
	// Added and Removed are, for list fields, the entries only New or only
	// Old has, sorted.
	Added   []string `json:"added,omitempty"`
	Removed []string `json:"removed,omitempty"`
}

// Move is a removed resource that another version of its group serves.
type Move struct {
	// Resource is the removed resource path.
	Resource string `json:"resource"`
	// To lists the resource paths in NEW that serve it, sorted.
	To []string `json:"to"`
	// Change is "graduated" when a target version is more stable than the
	// removed one (alpha → beta → stable), "moved" otherwise.
	Change string `json:"change"`
}

// Move kinds.
const (
	MoveGraduated = "graduated"
	MoveMoved     = "moved"
)

// SubresourceChanges lists subresource paths added to or removed from
// resources served on both sides, and changes of the subresources kept.
type SubresourceChanges struct {
	Added   []string            `json:"added"`
	Removed []string            `json:"removed"`
	Changed []SubresourceChange `json:"changed"`
}

// SubresourceChange is one changed field (verbs or kind) of a subresource.
type SubresourceChange struct {
	// Subresource is the subresource path ("apps/v1/deployments/scale").
	Subresource string `json:"subresource"`
	// Field is "verbs" or "kind" (the kind the subresource answers with, as
	// group/version/Kind).
	Field   string   `json:"field"`
	Old     any      `json:"old"`
	New     any      `json:"new"`
	Added   []string `json:"added,omitempty"`
	Removed []string `json:"removed,omitempty"`
}

// Removal is one row of the Kubernetes deprecation guide's list of removed
// APIs: a kind that stopped being served at a group-version.
type Removal struct {
	Group       string `json:"group"`
	Version     string `json:"version"`
	Kind        string `json:"kind"`
	Resource    string `json:"resource"`
	RemovedIn   string `json:"removedIn"`
	Replacement string `json:"replacement"`
	Since       string `json:"since,omitempty"`
	Source      string `json:"source"`
}

// APIVersion returns the removed group-version as kubectl prints it.
func (r Removal) APIVersion() string { return GroupVersion(r.Group, r.Version) }

// RemovalNote ties a removed group-version or resource of a diff to the
// deprecation guide.
type RemovalNote struct {
	// Subject is the removed group-version ("flowcontrol.apiserver.k8s.io/v1beta3")
	// or resource path (".../v1beta3/flowschemas").
	Subject string `json:"subject"`
	// RemovedIn is the release that stopped serving it ("1.32").
	RemovedIn string `json:"removedIn"`
	// Replacement is what the guide says to use instead.
	Replacement string `json:"replacement"`
	// Source is the guide's URL for the section.
	Source string `json:"source"`
}

// Note returns the removal note for subject and whether there is one.
func (d *APIDiff) Note(subject string) (RemovalNote, bool) {
	for _, n := range d.RemovalNotes {
		if n.Subject == subject {
			return n, true
		}
	}
	return RemovalNote{}, false
}

// MoveOf returns how a removed resource path moved, if it did.
func (d *APIDiff) MoveOf(resource string) (Move, bool) {
	for _, m := range d.Resources.Moved {
		if m.Resource == resource {
			return m, true
		}
	}
	return Move{}, false
}

// HasRemovals reports whether anything served by OLD is not served by NEW:
// a group, group-version, resource or subresource.
func (d *APIDiff) HasRemovals() bool {
	return len(d.Groups.Removed)+len(d.GroupVersions.Removed)+len(d.Resources.Removed)+len(d.Subresources.Removed) > 0
}

// HasChanges reports whether anything OLD serves was removed or altered
// (preferred version, resource or subresource fields), or a schema field
// was removed or became required. Additions alone are not changes.
func (d *APIDiff) HasChanges() bool {
	return d.HasRemovals() || d.Fields.Breaking() ||
		len(d.GroupVersions.PreferredChanged)+len(d.Resources.Changed)+len(d.Subresources.Changed) > 0
}

// HasAdditions reports whether NEW serves anything OLD did not, or a schema
// field changed in a way HasChanges does not count (added, a type or enum
// changed, no longer required).
func (d *APIDiff) HasAdditions() bool {
	return len(d.Groups.Added)+len(d.GroupVersions.Added)+len(d.Resources.Added)+len(d.Subresources.Added)+
		len(d.Fields.Added)+len(d.Fields.Changed) > 0
}

// HasDeprecations reports whether NEW serves a deprecated resource or a
// newly deprecated field.
func (d *APIDiff) HasDeprecations() bool { return !d.Deprecated.Empty() }

// Empty reports whether the two sides serve the same API surface.
func (d *APIDiff) Empty() bool { return !d.HasChanges() && !d.HasAdditions() }
