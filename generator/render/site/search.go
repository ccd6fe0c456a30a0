package site

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
)

// searchEntry is one entry of the client-side search index.
type searchEntry struct {
	Type       string `json:"t"`
	Label      string `json:"l"`
	Name       string `json:"n,omitempty"`
	ShortNames string `json:"s,omitempty"`
	APIVersion string `json:"v,omitempty"`
	Path       string `json:"p"`
	// Alias is a resource's resource.group, the name kubectl and RBAC
	// use ("deployments.apps"); empty for the core group.
	Alias string `json:"a,omitempty"`
	// Kind is the kind a "subresource" entry belongs to.
	Kind string `json:"k,omitempty"`
	// Terms are the words of the site's language for the kind (파드),
	// comma-separated, from the catalog's term table.
	Terms string `json:"w,omitempty"`
	// Fields are the fields of a "fields" entry as a tree (encodeFields);
	// each field's path is also its anchor on the page at Path.
	Fields string `json:"f,omitempty"`
}

// maxSearchDepth bounds the field paths in the search index: deeper paths
// (spec.template.spec.containers.image of a Deployment) are found on the
// pages of the kinds that hold them nearer the root (a Pod's
// spec.containers.image), and the index stays small.
const maxSearchDepth = 4

// searchIndex returns assets/search-index.js: the index as a script that
// sets a global, so that it loads from file:// where fetch() cannot.
func searchIndex(s *siteView) ([]byte, error) {
	var entries []searchEntry
	for _, g := range s.Groups {
		entries = append(entries, searchEntry{Type: "group", Label: g.Display, Name: g.Name, Path: g.Path})
		for _, v := range g.Versions {
			entries = append(entries, searchEntry{Type: "version", Label: v.APIVersion, Name: v.Version, Path: g.Path + "#" + v.Anchor})
		}
	}
	preferred := preferredPaths(s)
	for _, r := range s.Resources {
		e := searchEntry{
			Type: "resource", Label: r.Kind, Name: r.Name, ShortNames: strings.Join(r.ShortNames, ","),
			APIVersion: r.APIVersion, Path: r.Path, Terms: strings.Join(s.cat.Terms[r.Kind], ","),
		}
		if r.Group != "" {
			e.Alias = r.Name + "." + r.Group
		}
		entries = append(entries, e)
		if preferred[r.Path] {
			entries = append(entries, subresourceEntries(r)...)
		}
	}
	entries = append(entries, fieldEntries(s)...)
	data, err := json.Marshal(entries) // escapes <, > and & as \u003c…
	if err != nil {
		return nil, fmt.Errorf("search index: %w", err)
	}
	return []byte("window.KUBE_APIDOCS_SEARCH = " + string(data) + ";\n"), nil
}

// preferredPaths are the pages of the resources the kubectl api-resources
// table shows: the preferred version of each.
func preferredPaths(s *siteView) map[string]bool {
	out := make(map[string]bool, len(s.Rows))
	for _, r := range s.Rows {
		out[r.Path] = true
	}
	return out
}

// subresourceEntries are r's subresources as "deployments/scale", found on
// r's page.
func subresourceEntries(r *resourceView) []searchEntry {
	var out []searchEntry
	for _, sub := range r.Subresources {
		name := r.Name + "/" + sub.Name
		out = append(out, searchEntry{Type: "subresource", Label: name, Name: name, Kind: r.Kind, APIVersion: r.APIVersion, Path: r.Path + "#subresources"})
	}
	return out
}

// fieldEntries lists, for each resource page of the kubectl api-resources
// table that shows fields, its fields down to maxSearchDepth whose anchor
// is their path, as a tree (see encodeFields). apiVersion, kind and
// metadata, the same in every kind, are left out.
func fieldEntries(s *siteView) []searchEntry {
	if !s.HasFields {
		return nil
	}
	preferred := preferredPaths(s)
	var out []searchEntry
	for _, r := range s.Resources {
		if r.Fields == nil || !preferred[r.Path] {
			continue
		}
		var b strings.Builder
		encodeFields(&b, r.Fields.Fields, 1)
		if b.Len() > 0 {
			out = append(out, searchEntry{Type: "fields", Label: r.Kind, APIVersion: r.APIVersion, Path: r.Path, Fields: b.String()})
		}
	}
	return out
}

// encodeFields writes fields as names separated by ',', each followed by
// its children in parentheses: "spec(replicas,selector(matchLabels))"
// stands for spec, spec.replicas, spec.selector and
// spec.selector.matchLabels. Every name shares its parents' prefix once,
// which halves the index against the paths spelled out;
// site.js expands it. Names of fields whose anchor is their path hold only
// [A-Za-z0-9_.-], so they never contain the separators.
func encodeFields(b *strings.Builder, fields []fieldView, depth int) {
	first := true
	for _, f := range fields {
		if !searchable(f, depth) {
			continue
		}
		if !first {
			b.WriteByte(',')
		}
		first = false
		b.WriteString(f.Name)
		if depth < maxSearchDepth && slices.ContainsFunc(f.Fields, func(c fieldView) bool { return searchable(c, depth+1) }) {
			b.WriteByte('(')
			encodeFields(b, f.Fields, depth+1)
			b.WriteByte(')')
		}
	}
}

// searchable reports whether the index holds f, a field at depth.
func searchable(f fieldView, depth int) bool {
	if depth == 1 && (f.Name == "apiVersion" || f.Name == "kind" || f.Name == "metadata") {
		return false
	}
	return f.Anchor == f.Path && strings.HasSuffix(f.Path, f.Name)
}
