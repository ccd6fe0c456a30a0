package model

import (
	"sort"
	"strings"
)

// API is the whole API surface that one server's discovery reported: the core
// group, the named groups with every version they serve, and the
// group-versions that discovery named but could not deliver.
type API struct {
	// Server is what /version reported. Its zero value means the recording or
	// server did not say.
	Server ServerVersion `json:"server"`
	// Discovery names the discovery format the documents came in:
	// "aggregated/v2", "aggregated/v2beta1" or "legacy". Empty means unknown.
	Discovery string `json:"discovery,omitempty"`
	// Groups lists the core group (Name "") first, then the named groups in
	// the server's priority order, which is the order kubectl keeps for ties.
	Groups []Group `json:"groups"`
	// Unavailable lists the group-versions discovery named but could not
	// serve, sorted by group-version.
	Unavailable []Unavailable `json:"unavailable,omitempty"`
	// Shortened lists the text that was too long to keep (see LimitText),
	// for the caller to warn about.
	Shortened []Shortened `json:"shortened,omitempty"`
}

// ServerVersion is the subset of the /version document the tool shows.
type ServerVersion struct {
	// GitVersion is the release, for example "v1.33.13".
	GitVersion string `json:"gitVersion,omitempty"`
	// Major and Minor are the numbers as the server printed them ("1", "33").
	Major string `json:"major,omitempty"`
	Minor string `json:"minor,omitempty"`
	// Platform is the server's GOOS/GOARCH, for example "linux/amd64".
	Platform string `json:"platform,omitempty"`
}

// Group is one API group. The core group has the empty name and is served
// under /api; named groups are served under /apis/<name>.
type Group struct {
	// Name is the group name; "" for the core group.
	Name string `json:"name"`
	// PreferredVersion is the version the server prefers, for example "v1".
	PreferredVersion string `json:"preferredVersion"`
	// Versions lists every served version in the server's order (usually
	// the preferred one first).
	Versions []Version `json:"versions"`
}

// Version is one served version of a group and the resources it serves.
type Version struct {
	// Version is the version name, for example "v1" or "v1beta1".
	Version string `json:"version"`
	// Resources is sorted by resource name.
	Resources []Resource `json:"resources"`
}

// Resource is one top-level resource of a group-version, for example
// "deployments" in apps/v1.
type Resource struct {
	// Name is the plural resource name used in URLs ("deployments").
	Name string `json:"name"`
	// SingularName is the singular name ("deployment"); may be empty.
	SingularName string `json:"singularName,omitempty"`
	// Kind is the kind of the objects the resource holds ("Deployment").
	Kind string `json:"kind"`
	// Namespaced is true for namespace-scoped resources.
	Namespaced bool `json:"namespaced"`
	// Verbs are the verbs the server supports, in the server's order.
	Verbs []string `json:"verbs"`
	// ShortNames are the aliases kubectl accepts ("deploy"), server order.
	ShortNames []string `json:"shortNames,omitempty"`
	// Categories are the categories the resource belongs to ("all").
	Categories []string `json:"categories,omitempty"`
	// Subresources is sorted by name.
	Subresources []Subresource `json:"subresources,omitempty"`
}

// Subresource is a subresource such as "status" or "scale" of a resource.
type Subresource struct {
	// Name is the subresource name without its parent ("scale").
	Name string `json:"name"`
	// Kind, Group and Version name the kind the subresource answers with.
	// Group and Version are those of the parent's group-version when the
	// server left them empty, so that aggregated and legacy discovery agree.
	Kind    string `json:"kind"`
	Group   string `json:"group"`
	Version string `json:"version"`
	// Verbs are the verbs the server supports, in the server's order.
	Verbs []string `json:"verbs"`
}

// Unavailable is a group-version that discovery named but did not serve:
// an aggregated API whose backend is down, or a version marked stale.
type Unavailable struct {
	Group   string `json:"group"`
	Version string `json:"version"`
	// Reason is the server's or client's explanation, one line.
	Reason string `json:"reason"`
	// Stale is true when aggregated discovery marked the group-version
	// stale: the group lists leave it out, so kubectl api-versions does not
	// print it. Any other unavailable group-version is listed.
	Stale bool `json:"stale,omitempty"`
}

// GroupVersion returns "v1" for the core group and "group/version" otherwise,
// the form kubectl prints in its APIVERSION column and in apiVersion fields.
func GroupVersion(group, version string) string {
	if group == "" {
		return version
	}
	return group + "/" + version
}

// GroupVersion returns the unavailable group-version as kubectl prints it.
func (u Unavailable) GroupVersion() string { return GroupVersion(u.Group, u.Version) }

// IsCore reports whether g is the core group, served under /api.
func (g Group) IsCore() bool { return g.Name == "" }

// Version returns the named version of g and whether g serves it.
func (g Group) Version(name string) (Version, bool) {
	for _, v := range g.Versions {
		if v.Version == name {
			return v, true
		}
	}
	return Version{}, false
}

// Group returns the named group ("" for core) and whether the API has it.
func (a *API) Group(name string) (Group, bool) {
	for _, g := range a.Groups {
		if g.Name == name {
			return g, true
		}
	}
	return Group{}, false
}

// Resource returns the named resource of v and whether v serves it.
func (v Version) Resource(name string) (Resource, bool) {
	i := sort.Search(len(v.Resources), func(i int) bool { return v.Resources[i].Name >= name })
	if i < len(v.Resources) && v.Resources[i].Name == name {
		return v.Resources[i], true
	}
	return Resource{}, false
}

// GroupVersions returns every served group-version in kubectl api-versions
// form ("v1", "apps/v1"), sorted as `kubectl api-versions` sorts them.
func (a *API) GroupVersions() []string {
	var out []string
	for _, g := range a.Groups {
		for _, v := range g.Versions {
			out = append(out, GroupVersion(g.Name, v.Version))
		}
	}
	sort.Strings(out)
	return out
}

// ResourceRef is one resource together with the group-version that serves it.
type ResourceRef struct {
	Group    string
	Version  string
	Resource Resource
}

// APIVersion returns the resource's group-version as kubectl prints it.
func (r ResourceRef) APIVersion() string { return GroupVersion(r.Group, r.Version) }

// PreferredResources returns each group's resources once, taken from the
// group's preferred version when it serves them and otherwise from the first
// version in server order that does. This is the selection client-go's
// ServerPreferredResources makes and `kubectl api-resources` prints. The result
// keeps the server's group order and sorts by name within a group.
func (a *API) PreferredResources() []ResourceRef {
	var out []ResourceRef
	for _, g := range a.Groups {
		chosen := map[string]ResourceRef{}
		for _, v := range g.Versions {
			for _, r := range v.Resources {
				if _, seen := chosen[r.Name]; seen && v.Version != g.PreferredVersion {
					continue
				}
				chosen[r.Name] = ResourceRef{Group: g.Name, Version: v.Version, Resource: r}
			}
		}
		names := make([]string, 0, len(chosen))
		for name := range chosen {
			names = append(names, name)
		}
		sort.Strings(names)
		for _, name := range names {
			out = append(out, chosen[name])
		}
	}
	return out
}

// AllResources returns every resource of every served version, groups in
// server order, versions in server order, resources by name.
func (a *API) AllResources() []ResourceRef {
	var out []ResourceRef
	for _, g := range a.Groups {
		for _, v := range g.Versions {
			for _, r := range v.Resources {
				out = append(out, ResourceRef{Group: g.Name, Version: v.Version, Resource: r})
			}
		}
	}
	return out
}

// Stability classifies a version name as "alpha", "beta" or "stable"
// following the Kubernetes convention (v1, v2beta1, v1alpha3).
func Stability(version string) string {
	switch {
	case strings.Contains(version, "alpha"):
		return "alpha"
	case strings.Contains(version, "beta"):
		return "beta"
	default:
		return "stable"
	}
}
