package model

import (
	"sort"
)

// Normalize puts a freshly built API into the order the package documents:
// resources and subresources sorted by name, unavailable group-versions
// sorted, and subresource response kinds completed with their parent's
// group-version where the server left them empty. Group and version order
// are the server's and are kept.
func (a *API) Normalize() {
	for gi := range a.Groups {
		g := &a.Groups[gi]
		for vi := range g.Versions {
			normalizeVersion(g.Name, &g.Versions[vi])
		}
	}
	sort.SliceStable(a.Unavailable, func(i, j int) bool {
		return a.Unavailable[i].GroupVersion() < a.Unavailable[j].GroupVersion()
	})
}

func normalizeVersion(group string, v *Version) {
	sort.SliceStable(v.Resources, func(i, j int) bool { return v.Resources[i].Name < v.Resources[j].Name })
	for ri := range v.Resources {
		r := &v.Resources[ri]
		sort.SliceStable(r.Subresources, func(i, j int) bool { return r.Subresources[i].Name < r.Subresources[j].Name })
		for si := range r.Subresources {
			s := &r.Subresources[si]
			if s.Group == "" && s.Version == "" {
				s.Group, s.Version = group, v.Version
			}
		}
	}
}
