package model

import "sort"

// Matrix shows, for several API surfaces (usually several Kubernetes
// releases), which group-versions serve each resource. Rows are
// group/resource pairs, columns the API surfaces. The diff package builds it;
// the render package prints it; its JSON form is `kube-apidocs matrix -o json`.
type Matrix struct {
	// Columns are the compared API surfaces, oldest release first.
	Columns []MatrixColumn `json:"columns"`
	// Rows are sorted by group ("" = core first), then resource name.
	Rows []MatrixRow `json:"rows"`
	// Fields, when two or more columns had OpenAPI v3 documents, says
	// since which of them each field of each kind exists; nil otherwise.
	Fields *FieldHistory `json:"fields,omitempty"`
}

// MatrixColumn is one compared API surface.
type MatrixColumn struct {
	// Label is the column heading: the server's gitVersion, made unique with
	// the source when two columns share a version.
	Label string `json:"label"`
	// Version is the server's gitVersion ("v1.31.14"); empty when unknown.
	Version string `json:"version"`
	// Source names where the API surface came from (a folder, "builtin").
	Source string `json:"source,omitempty"`
}

// MatrixRow is one resource of one group across the columns.
type MatrixRow struct {
	Group    string `json:"group"`
	Resource string `json:"resource"`
	// Cells has one entry per column, in column order.
	Cells []MatrixCell `json:"cells"`
}

// MatrixCell says which versions of the row's group serve the resource in
// one column. A cell with no versions means the resource is not served there.
type MatrixCell struct {
	// Versions are the serving versions in the server's order ("v1", "v1beta1").
	Versions []string `json:"versions"`
	// Preferred is the version kubectl api-resources shows for the resource:
	// the group's preferred version when it serves the resource, otherwise
	// the first serving version. Empty when the resource is not served.
	Preferred string `json:"preferred,omitempty"`
}

// Served reports whether the cell's column serves the resource at all.
func (c MatrixCell) Served() bool { return len(c.Versions) > 0 }

// Row returns the row of group/resource and whether the matrix has one.
func (m Matrix) Row(group, resource string) (MatrixRow, bool) {
	for _, r := range m.Rows {
		if r.Group == group && r.Resource == resource {
			return r, true
		}
	}
	return MatrixRow{}, false
}

// ServedSince returns the first column (oldest release) that serves
// group/resource, so a page can say "served since v1.30.14 (of the versions
// compared)". The bool is false when no column serves it. A resource that
// was served, dropped and served again reports its first appearance; the
// row's cells tell the whole story.
func (m Matrix) ServedSince(group, resource string) (MatrixColumn, bool) {
	row, ok := m.Row(group, resource)
	if !ok {
		return MatrixColumn{}, false
	}
	for i, c := range row.Cells {
		if c.Served() && i < len(m.Columns) {
			return m.Columns[i], true
		}
	}
	return MatrixColumn{}, false
}

// FieldHistory says since which compared release each field of a kind
// exists, for the releases whose OpenAPI v3 documents were compared.
type FieldHistory struct {
	// Columns are the indexes of the Matrix columns that had OpenAPI
	// documents, oldest first; the history knows nothing of the others.
	Columns []int `json:"columns"`
	// Kinds are the kinds of the newest of those releases that gained a
	// field after their first compared release, sorted by apiVersion then
	// kind.
	Kinds []KindHistory `json:"kinds"`
}

// KindHistory is the history of one kind's fields.
type KindHistory struct {
	Group   string `json:"group"`
	Version string `json:"version"`
	Kind    string `json:"kind"`
	// Since maps the path of each field the kind gained after the first
	// compared release that has the kind to the Matrix column since which
	// the field exists in every compared release up to the newest. Fields
	// the kind had from its first compared release on are left out.
	Since map[string]int `json:"since"`
}

// APIVersion returns the kind's apiVersion ("v1", "apps/v1").
func (k KindHistory) APIVersion() string { return GroupVersion(k.Group, k.Version) }

// AddedIn returns the paths whose Since is column, sorted.
func (k KindHistory) AddedIn(column int) []string {
	var out []string
	for p, c := range k.Since {
		if c == column {
			out = append(out, p)
		}
	}
	sort.Strings(out)
	return out
}
