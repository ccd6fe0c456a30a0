package site

import (
	"fmt"
	"slices"
	"strings"

	"github.com/kube-apidocs/kube-apidocs/generator/model"
)

// The versions page and the "served since" part of each resource page,
// drawn from SiteOptions.Matrix when it compares two or more API surfaces.

// matrixView is the versions page: one row per group/resource, one cell per
// compared Kubernetes version.
type matrixView struct {
	Path string
	// Columns are the compared versions, oldest first.
	Columns []string
	// Compared lists the column labels as one line ("v1.29.6, v1.33.13").
	Compared string
	Rows     []*matrixRowView
	// FieldsAdded counts the fields each kind gained per release; nil
	// without a field history.
	FieldsAdded *fieldsAddedView
}

// matrixRowView is one group/resource across the compared versions.
type matrixRowView struct {
	Group, GroupDisplay, Resource string
	// GroupPath and Path link to this site's group page and the page of the
	// version kubectl shows; "" when this site's cluster does not serve them.
	GroupPath, Path string
	// Anchor is the row's id on the versions page.
	Anchor string
	// Since is the label of the first column that serves the resource.
	Since string
	Cells []matrixCellView
}

// matrixCellView is one cell: the versions of the group serving the
// resource in one compared Kubernetes version.
type matrixCellView struct {
	// Label is the column's label, for the resource page's table.
	Label    string
	Versions []matrixVersionView
}

// matrixVersionView is one serving version in a cell; Preferred marks the
// one kubectl api-resources shows.
type matrixVersionView struct {
	Version   string
	Preferred bool
}

// sinceView is what a resource page says about the compared versions.
type sinceView struct {
	// Since is the first compared version serving the resource in any
	// version of its group; Compared lists all compared versions.
	Since, Compared string
	// VersionSince is the first compared version serving it in this page's
	// group-version; "" when none does.
	VersionSince string
	// MatrixLink is the path of the resource's row on the versions page.
	MatrixLink string
	Row        *matrixRowView
}

// buildMatrix prepares the versions page of m, which must have gone
// through cleanMatrix; nil when m compares fewer than two API surfaces.
func buildMatrix(s *siteView, m *model.Matrix) *matrixView {
	if m == nil || len(m.Columns) < 2 {
		return nil
	}
	mv := &matrixView{Path: "versions" + s.Ext}
	for _, c := range m.Columns {
		mv.Columns = append(mv.Columns, c.Label)
	}
	mv.Compared = strings.Join(mv.Columns, ", ")
	shown := map[string]string{} // group, resource -> page of the version kubectl shows
	for _, r := range s.Rows {
		shown[r.Group+"\x00"+r.Name] = r.Path
	}
	groups := make(map[string]string, len(s.Groups)) // group -> page
	for _, g := range s.Groups {
		groups[g.Name] = g.Path
	}
	anchors := map[string]bool{}
	for _, r := range m.Rows {
		row := &matrixRowView{
			Group: r.Group, GroupDisplay: groupName(r.Group), Resource: r.Resource,
			GroupPath: groups[r.Group], Path: shown[r.Group+"\x00"+r.Resource], Anchor: rowAnchor(anchors, r),
		}
		one := model.Matrix{Columns: m.Columns, Rows: []model.MatrixRow{r}}
		if col, ok := one.ServedSince(r.Group, r.Resource); ok {
			row.Since = col.Label
		}
		for i, c := range r.Cells[:min(len(r.Cells), len(m.Columns))] {
			row.Cells = append(row.Cells, cellView(m.Columns[i].Label, c))
		}
		mv.Rows = append(mv.Rows, row)
	}
	return mv
}

func cellView(label string, c model.MatrixCell) matrixCellView {
	out := matrixCellView{Label: label}
	for _, v := range c.Versions {
		out.Versions = append(out.Versions, matrixVersionView{Version: v, Preferred: v == c.Preferred})
	}
	return out
}

// rowAnchor returns a unique, attribute-safe id for a row of the versions
// page: "<group>-<resource>" in slug form, with a hash when taken.
func rowAnchor(taken map[string]bool, r model.MatrixRow) string {
	id := "row-" + sanitize(groupName(r.Group)) + "-" + sanitize(r.Resource)
	if taken[id] {
		id = fmt.Sprintf("%s-%016x", id, hash64(r.Group+"\x00"+r.Resource))
	}
	taken[id] = true
	return id
}

// linkSince gives every resource page of s its sinceView.
func linkSince(s *siteView) {
	if s.Matrix == nil {
		return
	}
	rows := make(map[string]*matrixRowView, len(s.Matrix.Rows))
	for _, r := range s.Matrix.Rows {
		rows[r.Group+"\x00"+r.Resource] = r
	}
	for _, r := range s.Resources {
		row := rows[r.Group+"\x00"+r.Name]
		if row == nil || row.Since == "" {
			continue
		}
		r.Since = &sinceView{
			Since: row.Since, Compared: s.Matrix.Compared, MatrixLink: s.Matrix.Path + "#" + row.Anchor, Row: row,
		}
		for _, c := range row.Cells {
			if slices.ContainsFunc(c.Versions, func(v matrixVersionView) bool { return v.Version == r.Version }) {
				r.Since.VersionSince = c.Label
				break
			}
		}
	}
}
