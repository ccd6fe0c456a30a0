package recording

import (
	"fmt"
	"path"
	"slices"
	"sort"
	"strings"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/util/validation/field"
)

// listedResource is one entry of a group-version as discovery delivers it:
// a resource or a "parent/sub" subresource, with where it was found.
type listedResource struct {
	index      int // in resources
	sub        int // in the resource's subresources (aggregated), or -1
	kind       string
	namespaced bool
	rest       restOf // the other fields the model keeps
}

// restOf holds the fields the model keeps besides kind and scope, so that
// two entries the model would tell apart compare unequal.
type restOf struct {
	singular, groupVersion        string // groupVersion: subresources only
	verbs, shortNames, categories []string
}

func (a restOf) equal(b restOf) bool {
	return a.singular == b.singular && a.groupVersion == b.groupVersion &&
		slices.Equal(a.verbs, b.verbs) && slices.Equal(a.shortNames, b.shortNames) && slices.Equal(a.categories, b.categories)
}

// sameContent reports whether two entries describe the same resource,
// wherever each was listed.
func (l listedResource) sameContent(o listedResource) bool {
	return l.kind == o.kind && l.namespaced == o.namespaced && l.rest.equal(o.rest)
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

// checkAgreement compares every aggregated document with the legacy
// documents of the recording: both come from the same server at the same
// moment, and the model should not depend on which one a client reads.
// Real servers disagree (OpenShift's aggregated API servers list no groups
// in their legacy /apis), and clients read either without complaint, so a
// disagreement is a warning: one per aggregated document, naming its first
// difference and how many more there are.
func (r *Recording) checkAgreement(docs *documents) []error {
	var warnings []error
	for _, route := range r.sortedRoutes() {
		doc, ok := docs.Aggregated[route]
		if !ok {
			continue
		}
		legacy, listFile := r.legacyVersions(route.Path, docs)
		if legacy == nil {
			continue // no legacy documents to compare with
		}
		diffs := r.agree(r.file(r.Responses[route].File), listFile, doc, legacy, docs)
		if len(diffs) == 0 {
			continue
		}
		first := diffs[0]
		switch n := len(diffs) - 1; {
		case n == 1:
			first.Problem += " (and 1 more difference)"
		case n > 1:
			first.Problem += fmt.Sprintf(" (and %d more differences)", n)
		}
		warnings = append(warnings, first)
	}
	return warnings
}

// legacyVersions lists the group-versions api.json (for /api) or apis.json
// (for /apis) names, with the JSON path of each, or nil when the recording
// has no such document.
func (r *Recording) legacyVersions(p string, docs *documents) (map[string]string, string) {
	out := map[string]string{}
	switch {
	case p == "/api" && docs.Core != nil:
		for i, v := range docs.Core.Versions {
			out[v] = fmt.Sprintf("versions[%d]", i)
		}
	case p == "/apis" && docs.Groups != nil:
		for gi, g := range docs.Groups.Groups {
			for vi, v := range g.Versions {
				out[g.Name+"/"+v.Version] = fmt.Sprintf("groups[%d].versions[%d]", gi, vi)
			}
		}
	default:
		return nil, ""
	}
	return out, r.Responses[Route{Path: p}].File
}

func (r *Recording) agree(file, listFile string, doc *aggregatedListDoc, legacy map[string]string, docs *documents) []*FileError {
	var diffs []*FileError
	inAggregated := map[string]bool{}
	for i, g := range doc.Items {
		for j, v := range g.Versions {
			at := field.NewPath("items").Index(i).Child("versions").Index(j)
			gv := v.Version
			if g.Name != "" {
				gv = g.Name + "/" + v.Version
			}
			inAggregated[gv] = true
			if _, ok := legacy[gv]; !ok {
				diffs = append(diffs, &FileError{File: file, Field: at.Child("version").String(), Problem: fmt.Sprintf("%s is served here but %s does not list it", gv, listFile)})
				continue
			}
			list, ok := docs.lists[gv]
			stale := v.Freshness == "Stale"
			switch {
			case stale && ok:
				diffs = append(diffs, &FileError{File: file, Field: at.Child("freshness").String(), Problem: fmt.Sprintf("%s is Stale here, but %s serves it", gv, docs.listFiles[gv])})
				continue
			case !stale && !ok:
				diffs = append(diffs, &FileError{File: file, Field: at.Child("version").String(), Problem: r.legacyFailure(gv)})
				continue
			case stale:
				continue // unavailable both ways
			}
			diffs = append(diffs, agreeResources(file, at, aggregatedResources(gv, v), docs.listFiles[gv], legacyResources(gv, list))...)
		}
	}
	gvs := make([]string, 0, len(legacy))
	for gv := range legacy {
		gvs = append(gvs, gv)
	}
	sort.Strings(gvs)
	for _, gv := range gvs {
		if !inAggregated[gv] {
			diffs = append(diffs, &FileError{File: r.file(listFile), Field: legacy[gv], Problem: fmt.Sprintf("lists %s, but %s does not serve it", gv, path.Base(file))})
		}
	}
	return diffs
}

// legacyFailure says how the legacy document of gv, which an aggregated
// document serves, failed: recorded as an error, or not recorded at all.
func (r *Recording) legacyFailure(gv string) string {
	route := Route{Path: groupVersionPath(gv)}
	if resp, ok := r.Responses[route]; ok {
		return fmt.Sprintf("%s is served here, but %s recorded HTTP %d for it", gv, resp.File, resp.Status)
	}
	return fmt.Sprintf("%s is served here, but the recording has no %s for it", gv, FileFor(route))
}

// groupVersionPath is the URL path of a group-version's document.
func groupVersionPath(gv string) string {
	if strings.Contains(gv, "/") {
		return "/apis/" + gv
	}
	return "/api/" + gv
}

// aggregatedResources flattens a version of aggregated discovery the way
// client-go does: a resource without a response kind only carries its
// subresources, and a subresource without one is left out.
func aggregatedResources(gv string, v aggregatedVersion) map[string]listedResource {
	out := make(map[string]listedResource, 2*len(v.Resources))
	for i, r := range v.Resources {
		ns := r.Scope == "Namespaced"
		if k := r.ResponseKind; k != nil && *k != (metav1.GroupVersionKind{}) {
			out[r.Resource] = listedResource{index: i, sub: -1, kind: k.Kind, namespaced: ns,
				rest: restOf{singular: r.SingularResource, verbs: r.Verbs, shortNames: r.ShortNames, categories: r.Categories}}
		}
		for j, s := range r.Subresources {
			if k := s.ResponseKind; k != nil && *k != (metav1.GroupVersionKind{}) {
				out[r.Resource+"/"+s.Subresource] = listedResource{index: i, sub: j, kind: k.Kind, namespaced: ns,
					rest: restOf{groupVersion: subGroupVersion(gv, k.Group, k.Version), verbs: s.Verbs}}
			}
		}
	}
	return out
}

func legacyResources(gv string, list *apiResourceListDoc) map[string]listedResource {
	out := make(map[string]listedResource, len(list.APIResources))
	for i, r := range list.APIResources {
		l := listedResource{index: i, sub: -1, kind: r.Kind, namespaced: r.Namespaced}
		if strings.Contains(r.Name, "/") {
			l.rest = restOf{groupVersion: subGroupVersion(gv, r.Group, r.Version), verbs: r.Verbs}
		} else {
			l.rest = restOf{singular: r.SingularName, verbs: r.Verbs, shortNames: r.ShortNames, categories: r.Categories}
		}
		out[r.Name] = l
	}
	return out
}

// subGroupVersion is the group-version a subresource answers with, the
// parent's when the server left it empty, as the model completes it.
func subGroupVersion(parent, group, version string) string {
	switch {
	case group == "" && version == "":
		return parent
	case group == "":
		return version
	}
	return group + "/" + version
}

func agreeResources(file string, at *field.Path, agg map[string]listedResource, listFile string, legacy map[string]listedResource) []*FileError {
	if len(agg) == len(legacy) && sameResources(agg, legacy) {
		return nil // the common case: checked without sorting or formatting
	}
	var diffs []*FileError
	prefix := at.String()
	for _, name := range sortedKeys(legacy) {
		l := legacy[name]
		a, ok := agg[name]
		switch {
		case !ok:
			diffs = append(diffs, &FileError{File: file, Field: at.Child("resources").String(), Problem: fmt.Sprintf("has no %s, which %s %s lists", name, listFile, l.path(""))})
		case a.kind != l.kind:
			diffs = append(diffs, &FileError{File: file, Field: a.path(prefix) + ".responseKind.kind", Problem: fmt.Sprintf("is %q, but %s %s.kind says %q", a.kind, listFile, l.path(""), l.kind)})
		case a.namespaced != l.namespaced:
			diffs = append(diffs, &FileError{File: file, Field: a.path(prefix), Problem: fmt.Sprintf("%s is %s here, but %s %s.namespaced says %v", name, scopeName(a.namespaced), listFile, l.path(""), l.namespaced)})
		case !a.rest.equal(l.rest):
			diffs = append(diffs, &FileError{File: file, Field: a.path(prefix), Problem: fmt.Sprintf("%s differs from %s %s in its singular name, verbs, short names, categories or response group-version", name, listFile, l.path(""))})
		}
	}
	for _, name := range sortedKeys(agg) {
		if _, ok := legacy[name]; !ok {
			diffs = append(diffs, &FileError{File: file, Field: agg[name].path(prefix), Problem: fmt.Sprintf("%s is served here but %s does not list it", name, listFile)})
		}
	}
	return diffs
}

func sameResources(agg, legacy map[string]listedResource) bool {
	for name, l := range legacy {
		if a, ok := agg[name]; !ok || !a.sameContent(l) {
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
