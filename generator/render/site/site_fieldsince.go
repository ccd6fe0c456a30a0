package site

import (
	"fmt"
	"sort"

	"github.com/kube-apidocs/kube-apidocs/generator/model"
)

// The "since" of each field in the field trees and the versions page's
// fields-added table, drawn from SiteOptions.Matrix.Fields.

// fieldSinceView is what a field says about the compared releases: since
// which of them it exists (Release), of which (Range, "v1.29.6…v1.33.13").
type fieldSinceView struct {
	Release, Range string
}

// fieldsAddedView is the versions page's table of fields added per kind
// and release, and the lists its counts link to.
type fieldsAddedView struct {
	// Range names the releases whose fields were compared.
	Range string
	// Columns are those releases but the oldest (nothing is added in it).
	Columns []string
	Rows    []*fieldsAddedRow
}

// fieldsAddedRow is one kind: the fields it gained in each release.
type fieldsAddedRow struct {
	APIVersion, Kind string
	// Path is the kind's resource page on this site; "" when none.
	Path  string
	Cells []fieldsAddedCell
}

// fieldsAddedCell is the fields one kind gained in one release.
type fieldsAddedCell struct {
	Release string
	// Anchor is the id of the list on the versions page.
	Anchor string
	Fields []fieldLink
}

// fieldLink is one added field, linking to its place in the field tree.
type fieldLink struct {
	Path string
	// Href is the field on its resource page, relative to the site root;
	// "" when this site does not show the field.
	Href string
}

// linkFieldSince sets Since on every field of the resource pages whose
// kind has a history, and builds the versions page's fields table.
func linkFieldSince(s *siteView, m *model.Matrix) {
	if s.Matrix == nil || m == nil || m.Fields == nil || len(m.Fields.Columns) < 2 {
		return
	}
	h := m.Fields
	label := func(col int) string { return m.Columns[col].Label }
	span := label(h.Columns[0]) + "…" + label(h.Columns[len(h.Columns)-1])
	pages := kindPages(s)
	table := &fieldsAddedView{Range: span}
	for _, col := range h.Columns[1:] {
		table.Columns = append(table.Columns, label(col))
	}
	anchors := map[string]bool{}
	for _, k := range h.Kinds {
		r := pages[KindRef{Group: k.Group, Version: k.Version, Kind: k.Kind}]
		var byPath map[string]*fieldView
		if r != nil {
			byPath = fieldsByPath(r.Fields)
			for path, col := range k.Since {
				if f := byPath[path]; f != nil {
					f.Since = &fieldSinceView{Release: label(col), Range: span}
				}
			}
		}
		if len(k.Since) > 0 {
			table.Rows = append(table.Rows, addedRow(k, s.Ext, h.Columns[1:], label, r, byPath, anchors))
		}
	}
	s.Matrix.FieldsAdded = table
}

// addedRow is the fields-added row of kind k over columns.
func addedRow(k model.KindHistory, ext string, columns []int, label func(int) string, r *resourceView, byPath map[string]*fieldView, anchors map[string]bool) *fieldsAddedRow {
	row := &fieldsAddedRow{APIVersion: k.APIVersion(), Kind: k.Kind}
	if r != nil {
		row.Path = r.Path
	}
	for _, col := range columns {
		c := fieldsAddedCell{Release: label(col)}
		for _, p := range k.AddedIn(col) {
			link := fieldLink{Path: p}
			if f := byPath[p]; f != nil {
				link.Href = r.Path
				if ext == ".html" { // the Markdown trees have no element ids
					link.Href += "#" + f.Anchor
				}
			}
			c.Fields = append(c.Fields, link)
		}
		if len(c.Fields) > 0 {
			c.Anchor = uniqueID(anchors, "added-"+sanitize(c.Release)+"-"+sanitize(row.APIVersion)+"-"+sanitize(k.Kind), row.APIVersion+" "+k.Kind+" "+c.Release)
		}
		row.Cells = append(row.Cells, c)
	}
	return row
}

// uniqueID returns id, or id with a hash of key when id is taken.
func uniqueID(taken map[string]bool, id, key string) string {
	if taken[id] {
		id = fmt.Sprintf("%s-%016x", id, hash64(key))
	}
	taken[id] = true
	return id
}

// kindPages maps each kind to the resource page that shows its fields: the
// first in name order when several resources serve one kind.
func kindPages(s *siteView) map[KindRef]*resourceView {
	out := map[KindRef]*resourceView{}
	rs := append([]*resourceView(nil), s.Resources...)
	sort.SliceStable(rs, func(i, j int) bool { return rs[i].Name < rs[j].Name })
	for _, r := range rs {
		ref := KindRef{Group: r.Group, Version: r.Version, Kind: r.Kind}
		if r.Fields != nil && out[ref] == nil {
			out[ref] = r
		}
	}
	return out
}

// fieldsByPath indexes a page's field views by path.
func fieldsByPath(v *fieldsView) map[string]*fieldView {
	out := map[string]*fieldView{}
	var walk func([]fieldView)
	walk = func(fs []fieldView) {
		for i := range fs {
			out[fs[i].Path] = &fs[i]
			walk(fs[i].Fields)
		}
	}
	if v != nil {
		walk(v.Fields)
	}
	return out
}
