package site

import (
	"slices"
	"strings"

	"github.com/kube-apidocs/kube-apidocs/generator/model"
)

// notesView holds the cluster's own examples that the concept notes quote.
type notesView struct {
	Core, Named      *resourceView // example resources; nil when the API has none
	Verbs            []verbCount
	Levels           []levelView
	GroupVersions    int
	LegacyRequests   int
	Discovery        string
	UnavailableCount int
}

// verbCount is one verb, its HTTP form, whether it addresses one object
// (else the collection), and how many resources support it.
type verbCount struct {
	Verb, Method string
	Item         bool
	Count        int
}

// levelView is one API stability level and the cluster's group-versions at it.
type levelView struct {
	Level    string
	Versions []linkView
}

// notesVerbs are the verbs the notes explain, in the order they do.
var notesVerbs = []string{"get", "list", "watch", "create", "update", "patch", "delete", "deletecollection"}

func buildNotes(api *model.API, s *siteView) notesView {
	n := notesView{
		Core:          pickResource(s, true, "pods", "configmaps", "services"),
		Named:         pickResource(s, false, "deployments", "jobs", "roles"),
		GroupVersions: len(api.GroupVersions()), Discovery: api.Discovery, UnavailableCount: len(api.Unavailable),
	}
	n.LegacyRequests = 2 + n.GroupVersions
	for _, v := range notesVerbs {
		vc := verbCount{Verb: v, Method: verbMethods[v].method, Item: verbMethods[v].item}
		for _, r := range s.Rows {
			if slices.Contains(splitComma(r.Verbs), v) {
				vc.Count++
			}
		}
		n.Verbs = append(n.Verbs, vc)
	}
	n.Levels = stabilityLevels(s)
	return n
}

// pickResource returns the first of the preferred names that the core
// group (core true) or a named group serves in its preferred version, else
// the first such resource at all.
func pickResource(s *siteView, core bool, names ...string) *resourceView {
	var first *resourceView
	for _, name := range names {
		for _, r := range s.Resources {
			if (r.Group == "") != core || !r.Preferred {
				continue
			}
			if first == nil {
				first = r
			}
			if r.Name == name {
				return r
			}
		}
	}
	return first
}

func stabilityLevels(s *siteView) []levelView {
	levels := []levelView{{Level: "alpha"}, {Level: "beta"}, {Level: "stable"}}
	for _, g := range s.Groups {
		for _, v := range g.Versions {
			for i := range levels {
				if levels[i].Level == v.Stability {
					levels[i].Versions = append(levels[i].Versions, linkView{Label: v.APIVersion, Path: g.Path + "#" + v.Anchor})
				}
			}
		}
	}
	return levels
}

func splitComma(s string) []string { return strings.Split(s, ",") }
