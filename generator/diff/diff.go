package diff

import (
	"sort"

	"github.com/kube-apidocs/kube-apidocs/generator/model"
)

// Options tunes Compare. The zero value compares without removal notes and
// without source names.
type Options struct {
	// OldSource and NewSource name where the two sides came from; they are
	// copied into the result (a folder, "builtin", "context NAME").
	OldSource, NewSource string
	// Removals are the deprecation-guide rows matched against removed
	// group-versions and resources; nil means no notes. BuiltinRemovals()
	// gives the guide's rows for 1.16 to 1.32.
	Removals []model.Removal
	// Deprecations are the deprecated but served kinds matched against
	// NEW's resources; nil means none beyond what NEW's own OpenAPI
	// descriptions say. BuiltinDeprecations() gives the bundled rows.
	Deprecations []model.Deprecation
	// OldKinds and NewKinds are the field trees of each side's kinds, read
	// from its OpenAPI v3 documents. nil means the side has no documents:
	// the fields section then says so and the diff compares discovery only.
	OldKinds, NewKinds []*model.KindSchema
}

// Compare returns what changed from old to new across every served
// group-version. Group-versions that discovery could not deliver on either
// side are listed in Unavailable and left out of the comparison.
func Compare(old, new *model.API, opts Options) *model.APIDiff {
	o, n := index(old), index(new)
	skip := unavailable(old, new)
	d := &model.APIDiff{
		Old: model.DiffSide{Version: old.Server.GitVersion, Source: opts.OldSource},
		New: model.DiffSide{Version: new.Server.GitVersion, Source: opts.NewSource},
	}
	d.Groups = compareGroups(o, n)
	d.GroupVersions = compareGroupVersions(o, n, skip)
	d.Resources, d.Subresources = compareResources(o, n, skip)
	d.Resources.Moved = findMoves(d.Resources.Removed, o, n)
	d.RemovalNotes = matchRemovals(d, o, opts.Removals)
	d.Unavailable = sortedKeys(skip)
	nk := indexKinds(opts.NewKinds)
	d.Fields, d.Deprecated.Fields = compareSchemas(o, n, skip, indexKinds(opts.OldKinds), nk)
	d.Deprecated.Resources = deprecatedResources(n, new.Server.GitVersion, skip, opts.Deprecations, nk)
	ensureLists(d)
	return d
}

// side is one API surface indexed for comparison.
type side struct {
	groups map[string]model.Group
	// gvs maps a group-version ("apps/v1") to its group and version.
	gvs map[string]groupVersion
}

type groupVersion struct {
	group   string
	version model.Version
}

func index(api *model.API) side {
	s := side{groups: map[string]model.Group{}, gvs: map[string]groupVersion{}}
	for _, g := range api.Groups {
		s.groups[g.Name] = g
		for _, v := range g.Versions {
			s.gvs[model.GroupVersion(g.Name, v.Version)] = groupVersion{group: g.Name, version: v}
		}
	}
	return s
}

func unavailable(apis ...*model.API) map[string]bool {
	out := map[string]bool{}
	for _, a := range apis {
		for _, u := range a.Unavailable {
			out[u.GroupVersion()] = true
		}
	}
	return out
}

func compareGroups(o, n side) model.NameChanges {
	return model.NameChanges{Added: missing(n.groups, o.groups), Removed: missing(o.groups, n.groups)}
}

func compareGroupVersions(o, n side, skip map[string]bool) model.GroupVersionChanges {
	c := model.GroupVersionChanges{
		Added:   without(missing(n.gvs, o.gvs), skip),
		Removed: without(missing(o.gvs, n.gvs), skip),
	}
	for _, name := range sortedKeys(o.groups) {
		og, ng := o.groups[name], n.groups[name]
		if _, ok := n.groups[name]; ok && og.PreferredVersion != ng.PreferredVersion {
			c.PreferredChanged = append(c.PreferredChanged, model.PreferredChange{Group: name, Old: og.PreferredVersion, New: ng.PreferredVersion})
		}
	}
	return c
}

// compareResources walks every group-version served on either side.
func compareResources(o, n side, skip map[string]bool) (model.ResourceChanges, model.SubresourceChanges) {
	var rc model.ResourceChanges
	var sc model.SubresourceChanges
	for _, gv := range union(o.gvs, n.gvs) {
		if skip[gv] {
			continue
		}
		ov, nv := o.gvs[gv].version, n.gvs[gv].version
		for _, name := range unionResources(ov, nv) {
			path := gv + "/" + name
			or, inOld := ov.Resource(name)
			nr, inNew := nv.Resource(name)
			switch {
			case !inOld:
				rc.Added = append(rc.Added, path)
			case !inNew:
				rc.Removed = append(rc.Removed, path)
			default:
				rc.Changed = append(rc.Changed, compareFields(path, or, nr)...)
				compareSubresources(&sc, path, or, nr)
			}
		}
	}
	sort.Strings(rc.Added)
	sort.Strings(rc.Removed)
	sort.SliceStable(rc.Changed, func(i, j int) bool {
		a, b := rc.Changed[i], rc.Changed[j]
		return a.Resource < b.Resource || a.Resource == b.Resource && a.Field < b.Field
	})
	sortSubresources(&sc)
	return rc, sc
}

func unionResources(a, b model.Version) []string {
	seen := map[string]bool{}
	for _, r := range a.Resources {
		seen[r.Name] = true
	}
	for _, r := range b.Resources {
		seen[r.Name] = true
	}
	return sortedKeys(seen)
}

// ensureLists replaces nil lists with empty ones so JSON shows [].
func ensureLists(d *model.APIDiff) {
	for _, p := range []*[]string{
		&d.Groups.Added, &d.Groups.Removed, &d.GroupVersions.Added, &d.GroupVersions.Removed,
		&d.Resources.Added, &d.Resources.Removed, &d.Subresources.Added, &d.Subresources.Removed, &d.Unavailable,
		&d.Fields.Missing, &d.Fields.Added, &d.Fields.Removed, &d.Deprecated.Fields,
	} {
		if *p == nil {
			*p = []string{}
		}
	}
	if d.GroupVersions.PreferredChanged == nil {
		d.GroupVersions.PreferredChanged = []model.PreferredChange{}
	}
	if d.Resources.Changed == nil {
		d.Resources.Changed = []model.FieldChange{}
	}
	if d.Resources.Moved == nil {
		d.Resources.Moved = []model.Move{}
	}
	if d.Subresources.Changed == nil {
		d.Subresources.Changed = []model.SubresourceChange{}
	}
	if d.Fields.Changed == nil {
		d.Fields.Changed = []model.SchemaChange{}
	}
	if d.Deprecated.Resources == nil {
		d.Deprecated.Resources = []model.DeprecatedResource{}
	}
	if d.RemovalNotes == nil {
		d.RemovalNotes = []model.RemovalNote{}
	}
}

// missing returns the keys of a that b lacks, sorted.
func missing[V any](a, b map[string]V) []string {
	var out []string
	for k := range a {
		if _, ok := b[k]; !ok {
			out = append(out, k)
		}
	}
	sort.Strings(out)
	return out
}

func union[V any](a, b map[string]V) []string {
	seen := map[string]bool{}
	for k := range a {
		seen[k] = true
	}
	for k := range b {
		seen[k] = true
	}
	return sortedKeys(seen)
}

func without(list []string, skip map[string]bool) []string {
	var out []string
	for _, s := range list {
		if !skip[s] {
			out = append(out, s)
		}
	}
	return out
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
