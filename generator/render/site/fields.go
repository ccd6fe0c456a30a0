package site

import (
	"fmt"
	"slices"
	"strings"

	"github.com/kube-apidocs/kube-apidocs/generator/model"
)

// KindRef names one kind of one group-version; Group is "" for the core
// group. It keys SiteOptions.Fields.
type KindRef struct {
	Group, Version, Kind string
}

// FieldDoc is what the resource pages of one kind show of its OpenAPI
// schema. The site package never reads OpenAPI itself: the caller prepares
// these (cmd/kube-apidocs does it with generator/openapi and
// generator/skeleton).
type FieldDoc struct {
	// Schema is the kind's field tree; nil leaves the pages without a
	// fields section.
	Schema *model.KindSchema
	// Manifest is a manifest built from the schema's required fields, one
	// YAML document; "" keeps the minimal manifest built from discovery,
	// unless NoManifest is set.
	Manifest string
	// NoManifest says why the kind has no manifest; the page shows it in
	// place of one.
	NoManifest string
}

// fieldsView is the fields section of a resource page.
type fieldsView struct {
	// Count is the number of fields in the tree.
	Count int
	// Description is the kind's own description.
	Description string
	// Explain is what follows `kubectl explain` for the kind itself
	// ("deployments", with --api-version where kubectl would pick another
	// group or version by default).
	Explain string
	Fields  []fieldView
}

// fieldView is one field of the tree.
type fieldView struct {
	Name, Path, Type string
	// Anchor is the field's element id: its path, unless the path has
	// characters outside [A-Za-z0-9_.-] or would clash with another id of
	// the page.
	Anchor                       string
	Required, Deprecated         bool
	Description, Format, Default string
	Enum                         []string
	Validations                  []model.Validation
	// Explain is what follows `kubectl explain` for this field, quoted
	// for a POSIX shell where needed.
	Explain string
	// Recursive is set where the tree stops because the field's type is
	// one of its parents' (see model.Field.RecursiveRef).
	Recursive *recursiveView
	// Deeper is true when the field has fields nested deeper than
	// maxFieldDepth, which the page leaves out.
	Deeper bool
	// Since says since which compared release the field exists; nil
	// without a field history or for fields as old as the kind.
	Since *fieldSinceView
	// Indent is the Markdown list indentation of the field (4 spaces a
	// level, which Hugo, MkDocs and Docusaurus all read as nesting).
	Indent string
	Fields []fieldView
}

// recursiveView is where a recursive field's fields are shown: the
// nearest parent of the same type, when there is one.
type recursiveView struct {
	// Type is the short name of the schema that repeats ("JSONSchemaProps").
	Type string
	// Path and Anchor are the parent's; empty when no parent has the type.
	Path, Anchor string
}

// pageIDs are the element ids the layout and the resource page use
// themselves; a field whose path is one of them gets another anchor.
var pageIDs = map[string]bool{
	"main": true, "search": true, "search-results": true, "search-status": true, "theme-toggle": true,
	"rest-paths": true, "subresources": true, "try-it": true, "fields": true, "manifest": true,
	"other-versions": true, "across-versions": true, "field-tools": true,
}

// anchorSet hands out unique element ids for the fields of one page.
type anchorSet struct {
	used map[string]bool
}

// id returns path when it is a safe, unused id; otherwise a slug of it
// with a hash suffix.
func (a *anchorSet) id(path string) string {
	if safeID(path) && !pageIDs[path] && !a.used[path] {
		a.used[path] = true
		return path
	}
	base := fmt.Sprintf("field-%s-%016x", sanitize(path), hash64(path))
	id := base
	for n := 2; a.used[id]; n++ {
		id = fmt.Sprintf("%s-%d", base, n)
	}
	a.used[id] = true
	return id
}

// safeID reports whether s is made of [A-Za-z0-9_.-] only.
func safeID(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '_' || r == '.' || r == '-') {
			return false
		}
	}
	return true
}

// attachFields gives each resource page the fields and manifest of its
// kind from docs; pages of kinds docs does not have stay as they are.
func attachFields(resources []*resourceView, docs map[KindRef]*FieldDoc) {
	if len(docs) == 0 {
		return
	}
	clean := cleanFieldDocs(docs)
	groups := map[string]map[string]bool{} // resource name -> groups serving it
	for _, r := range resources {
		if groups[r.Name] == nil {
			groups[r.Name] = map[string]bool{}
		}
		groups[r.Name][r.Group] = true
	}
	// each page's fields are its own: the pages are shared out (inParallel)
	_ = inParallel(len(resources), func() func(int) error {
		return func(i int) error {
			r := resources[i]
			doc := clean[KindRef{Group: r.Group, Version: r.Version, Kind: r.Kind}]
			if doc == nil {
				return nil
			}
			switch {
			case doc.NoManifest != "":
				r.YAML, r.NoManifest = "", doc.NoManifest
			case doc.Manifest != "":
				r.YAML, r.SchemaManifest = doc.Manifest, true
			}
			if doc.Schema != nil {
				r.Fields = buildFields(r, doc.Schema, !r.Preferred || len(groups[r.Name]) > 1)
			}
			return nil
		}
	})
}

// buildFields prepares the fields section of resource page r; withVersion
// adds --api-version to the explain commands.
func buildFields(r *resourceView, k *model.KindSchema, withVersion bool) *fieldsView {
	suffix := ""
	if withVersion {
		suffix = " --api-version=" + shellQuote(r.APIVersion)
	}
	w := fieldWalk{resource: r.Name, suffix: suffix, anchors: &anchorSet{used: map[string]bool{}}}
	v := &fieldsView{Description: k.Description, Explain: shellQuote(r.Name) + suffix}
	v.Fields = w.fields(k.Fields, nil, "")
	v.Count = w.count
	return v
}

// fieldWalk turns a schema's fields into views, depth first.
type fieldWalk struct {
	resource, suffix string
	anchors          *anchorSet
	count            int
}

// fields returns the views of fields, whose parents (root first) are
// parents, indented by indent in Markdown.
func (w *fieldWalk) fields(fields []model.Field, parents []*fieldView, indent string) []fieldView {
	if len(fields) == 0 {
		return nil
	}
	out := make([]fieldView, len(fields))
	for i, f := range fields {
		w.count++
		v := &out[i]
		*v = fieldView{
			Name: f.Name, Path: f.Path, Type: f.Type, Anchor: w.anchors.id(f.Path),
			Required: f.Required, Deprecated: f.Deprecated, Description: f.Description,
			Format: f.Format, Default: f.Default, Enum: enumView(f.Enum), Validations: f.Validations,
			Explain: shellQuote(w.resource+"."+f.Path) + w.suffix, Indent: indent,
		}
		if f.RecursiveRef != "" {
			v.Recursive = recursionOf(f.RecursiveRef, parents)
		}
		if len(parents)+1 >= maxFieldDepth {
			v.Deeper = len(f.Fields) > 0
			continue
		}
		v.Fields = w.fields(f.Fields, append(parents, v), indent+"    ")
	}
	return out
}

// maxFieldDepth bounds the tree a page shows. Real schemas nest about 15
// levels; a hostile document nesting thousands would otherwise make pages
// (and Markdown indentation) grow with the square of its depth.
const maxFieldDepth = 64

// enumView shows the empty string among allowed values as "".
func enumView(values []string) []string {
	if !slices.Contains(values, "") {
		return values
	}
	out := slices.Clone(values)
	for i, v := range out {
		if v == "" {
			out[i] = `""`
		}
	}
	return out
}

// recursionOf names the schema component ref and finds the nearest parent
// whose type is that schema.
func recursionOf(ref string, parents []*fieldView) *recursiveView {
	name := ref[strings.LastIndex(ref, ".")+1:]
	rv := &recursiveView{Type: name}
	for i := len(parents) - 1; i >= 0; i-- {
		if elementType(parents[i].Type) == name {
			rv.Path, rv.Anchor = parents[i].Path, parents[i].Anchor
			break
		}
	}
	return rv
}

// elementType strips the list and map wrappers of a type as kubectl prints
// it ("[]JSONSchemaProps" -> "JSONSchemaProps").
func elementType(t string) string {
	for {
		switch {
		case strings.HasPrefix(t, "[]"):
			t = t[2:]
		case strings.HasPrefix(t, "map[string]"):
			t = t[len("map[string]"):]
		default:
			return t
		}
	}
}

// cleanFieldDocs returns docs with every string cleaned like the rest of
// the site's input (cleanAPI); descriptions, rules and manifests keep their
// line breaks.
func cleanFieldDocs(docs map[KindRef]*FieldDoc) map[KindRef]*FieldDoc {
	out := make(map[KindRef]*FieldDoc, len(docs))
	for ref, d := range docs {
		if d == nil {
			continue
		}
		c := &FieldDoc{Manifest: cleanLines(d.Manifest), NoManifest: cleanText(d.NoManifest)}
		if d.Schema != nil {
			c.Schema = &model.KindSchema{
				Group: cleanText(d.Schema.Group), Version: cleanText(d.Schema.Version), Kind: cleanText(d.Schema.Kind),
				Description: cleanLines(d.Schema.Description), Fields: cleanFields(d.Schema.Fields),
			}
		}
		out[KindRef{Group: cleanText(ref.Group), Version: cleanText(ref.Version), Kind: cleanText(ref.Kind)}] = c
	}
	return out
}

func cleanFields(fields []model.Field) []model.Field {
	if fields == nil {
		return nil
	}
	out := make([]model.Field, len(fields))
	for i, f := range fields {
		out[i] = model.Field{
			Name: cleanText(f.Name), Path: cleanText(f.Path), Type: cleanText(f.Type), Required: f.Required,
			Description: cleanLines(f.Description), Format: cleanText(f.Format), Enum: cleanAll(f.Enum),
			Default: cleanText(f.Default), Deprecated: f.Deprecated, RecursiveRef: cleanText(f.RecursiveRef),
			Fields: cleanFields(f.Fields),
		}
		for _, v := range f.Validations {
			out[i].Validations = append(out[i].Validations, model.Validation{Rule: cleanLines(v.Rule), Message: cleanLines(v.Message)})
		}
	}
	return out
}

// cleanLines is cleanText for text whose line breaks are meant: each line
// is cleaned, the "\n" between them kept.
func cleanLines(s string) string {
	if !strings.Contains(s, "\n") {
		return cleanText(s)
	}
	lines := strings.Split(s, "\n")
	changed := false
	for i, l := range lines {
		if c := cleanText(l); c != l {
			lines[i], changed = c, true
		}
	}
	if !changed {
		return s // the same string, shared with every other page that shows it
	}
	return strings.Join(lines, "\n")
}
