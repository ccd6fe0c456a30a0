package recording

import (
	"fmt"
	"path"
	"sort"
)

// listedResource is one entry of a group-version as discovery delivers it:
// a resource or a "parent/sub" subresource, with where it was found.
type listedResource struct {
	index      int // in resources
	sub        int // in the resource's subresources (aggregated), or -1
	kind       string
	namespaced bool
}

// path is the JSON path of the entry below prefix.
func (l listedResource) path(prefix string) string {
	if prefix != "" {
		prefix += "."
	}
	if l.sub >= 0 {
		return fmt.Sprintf("%sresources[%d].subresources[%d]", prefix, l.index, l.sub)
	}
	return fmt.Sprintf("%sresources[%d]", prefix, l.index)
}

// checkAgreement verifies that every aggregated document describes the same
// group-versions and resources as the legacy documents of the recording:
// both come from the same server at the same moment, and the model must not
// depend on which one a client reads.
func (r *Recording) checkAgreement(docs *documents) error {
	for _, route := range r.sortedRoutes() {
		doc, ok := docs.aggregated[route]
		if !ok {
			continue
		}
		legacy, listFile := r.legacyVersions(route.Path, docs)
		if legacy == nil {
			continue // no legacy documents to compare with
		}
		if err := r.agree(r.file(r.Responses[route].File), listFile, doc, legacy, docs); err != nil {
			return err
		}
	}
	return nil
}

// legacyVersions lists the group-versions api.json (for /api) or apis.json
// (for /apis) names, with the JSON path of each, or nil when the recording
// has no such document.
func (r *Recording) legacyVersions(p string, docs *documents) (map[string]string, string) {
	out := map[string]string{}
	switch {
	case p == "/api" && docs.core != nil:
		for i, v := range docs.core.Versions {
			out[v] = fmt.Sprintf("versions[%d]", i)
		}
	case p == "/apis" && docs.groups != nil:
		for gi, g := range docs.groups.Groups {
			for vi, v := range g.Versions {
				out[g.Name+"/"+v.Version] = fmt.Sprintf("groups[%d].versions[%d]", gi, vi)
			}
		}
	default:
		return nil, ""
	}
	return out, r.Responses[Route{Path: p}].File
}

func (r *Recording) agree(file, listFile string, doc *aggregatedListDoc, legacy map[string]string, docs *documents) error {
	inAggregated := map[string]bool{}
	for i, g := range doc.Items {
		for j, v := range g.Versions {
			field := fmt.Sprintf("items[%d].versions[%d]", i, j)
			gv := v.Version
			if g.Metadata.Name != "" {
				gv = g.Metadata.Name + "/" + v.Version
			}
			inAggregated[gv] = true
			if _, ok := legacy[gv]; !ok {
				return &FileError{File: file, Field: field + ".version", Problem: fmt.Sprintf("%s is served here but %s does not list it", gv, listFile)}
			}
			list, ok := docs.lists[gv]
			if !ok || v.Freshness == "Stale" {
				continue // failed in the legacy documents or stale here: reported as unavailable
			}
			if err := agreeResources(file, field, aggregatedResources(v), docs.listFiles[gv], legacyResources(list)); err != nil {
				return err
			}
		}
	}
	gvs := make([]string, 0, len(legacy))
	for gv := range legacy {
		gvs = append(gvs, gv)
	}
	sort.Strings(gvs)
	for _, gv := range gvs {
		if !inAggregated[gv] {
			return &FileError{File: r.file(listFile), Field: legacy[gv], Problem: fmt.Sprintf("lists %s, but %s does not serve it", gv, path.Base(file))}
		}
	}
	return nil
}

// aggregatedResources flattens a version of aggregated discovery the way
// client-go does: a resource without a response kind only carries its
// subresources, and a subresource without one is left out.
func aggregatedResources(v aggregatedVersion) map[string]listedResource {
	out := make(map[string]listedResource, 2*len(v.Resources))
	for i, r := range v.Resources {
		ns := r.Scope == "Namespaced"
		if r.ResponseKind != nil && *r.ResponseKind != (gvk{}) {
			out[r.Resource] = listedResource{index: i, sub: -1, kind: r.ResponseKind.Kind, namespaced: ns}
		}
		for j, s := range r.Subresources {
			if s.ResponseKind != nil && *s.ResponseKind != (gvk{}) {
				out[r.Resource+"/"+s.Subresource] = listedResource{index: i, sub: j, kind: s.ResponseKind.Kind, namespaced: ns}
			}
		}
	}
	return out
}

func legacyResources(list *apiResourceListDoc) map[string]listedResource {
	out := make(map[string]listedResource, len(list.Resources))
	for i, r := range list.Resources {
		out[r.Name] = listedResource{index: i, sub: -1, kind: r.Kind, namespaced: r.Namespaced}
	}
	return out
}

func agreeResources(file, field string, agg map[string]listedResource, listFile string, legacy map[string]listedResource) error {
	if len(agg) == len(legacy) && sameResources(agg, legacy) {
		return nil // the common case: checked without sorting or formatting
	}
	for _, name := range sortedKeys(legacy) {
		l := legacy[name]
		a, ok := agg[name]
		switch {
		case !ok:
			return &FileError{File: file, Field: field + ".resources", Problem: fmt.Sprintf("has no %s, which %s %s lists", name, listFile, l.path(""))}
		case a.kind != l.kind:
			return &FileError{File: file, Field: a.path(field) + ".responseKind.kind", Problem: fmt.Sprintf("is %q, but %s %s.kind says %q", a.kind, listFile, l.path(""), l.kind)}
		case a.namespaced != l.namespaced:
			return &FileError{File: file, Field: a.path(field), Problem: fmt.Sprintf("%s is %s here, but %s %s.namespaced says %v", name, scopeName(a.namespaced), listFile, l.path(""), l.namespaced)}
		}
	}
	for _, name := range sortedKeys(agg) {
		if _, ok := legacy[name]; !ok {
			return &FileError{File: file, Field: agg[name].path(field), Problem: fmt.Sprintf("%s is served here but %s does not list it", name, listFile)}
		}
	}
	return nil
}

func sameResources(agg, legacy map[string]listedResource) bool {
	for name, l := range legacy {
		a, ok := agg[name]
		if !ok || a.kind != l.kind || a.namespaced != l.namespaced {
			return false
		}
	}
	return true
}

func scopeName(namespaced bool) string {
	if namespaced {
		return "namespaced"
	}
	return "cluster-scoped"
}

func sortedKeys(m map[string]listedResource) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
