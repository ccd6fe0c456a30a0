package diff

import (
	"sort"

	"github.com/kube-apidocs/kube-apidocs/generator/model"
)

// compareFields returns the field changes of one resource served on both
// sides. List fields compare as sets: the server's order carries no meaning.
func compareFields(path string, o, n model.Resource) []model.FieldChange {
	var out []model.FieldChange
	if o.Kind != n.Kind {
		out = append(out, model.FieldChange{Resource: path, Field: model.FieldKind, Old: o.Kind, New: n.Kind})
	}
	if o.Namespaced != n.Namespaced {
		out = append(out, model.FieldChange{Resource: path, Field: model.FieldNamespaced, Old: o.Namespaced, New: n.Namespaced})
	}
	lists := []struct {
		field    string
		old, new []string
	}{
		{model.FieldVerbs, o.Verbs, n.Verbs},
		{model.FieldShortNames, o.ShortNames, n.ShortNames},
		{model.FieldCategories, o.Categories, n.Categories},
		{model.FieldSubresources, subresourceNames(o), subresourceNames(n)},
	}
	for _, l := range lists {
		if c, ok := compareList(l.old, l.new); ok {
			out = append(out, model.FieldChange{Resource: path, Field: l.field, Old: c.old, New: c.new, Added: c.added, Removed: c.removed})
		}
	}
	return out
}

// listChange is the set difference of two string lists.
type listChange struct {
	old, new, added, removed []string
}

// compareList compares a and b as sets and reports whether they differ.
// The lists it returns are sorted copies and never nil.
func compareList(a, b []string) (listChange, bool) {
	c := listChange{old: sortedSet(a), new: sortedSet(b)}
	inA, inB := toSet(c.old), toSet(c.new)
	for _, s := range c.new {
		if !inA[s] {
			c.added = append(c.added, s)
		}
	}
	for _, s := range c.old {
		if !inB[s] {
			c.removed = append(c.removed, s)
		}
	}
	return c, len(c.added)+len(c.removed) > 0
}

func sortedSet(in []string) []string {
	out := make([]string, 0, len(in))
	seen := map[string]bool{}
	for _, s := range in {
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	sort.Strings(out)
	return out
}

func toSet(in []string) map[string]bool {
	out := make(map[string]bool, len(in))
	for _, s := range in {
		out[s] = true
	}
	return out
}

func subresourceNames(r model.Resource) []string {
	out := make([]string, 0, len(r.Subresources))
	for _, s := range r.Subresources {
		out = append(out, s.Name)
	}
	return out
}

func subresource(r model.Resource, name string) (model.Subresource, bool) {
	for _, s := range r.Subresources {
		if s.Name == name {
			return s, true
		}
	}
	return model.Subresource{}, false
}

// compareSubresources records the subresources added to, removed from and
// changed in one resource served on both sides.
func compareSubresources(sc *model.SubresourceChanges, path string, o, n model.Resource) {
	names := sortedSet(append(subresourceNames(o), subresourceNames(n)...))
	for _, name := range names {
		sub := path + "/" + name
		os, inOld := subresource(o, name)
		ns, inNew := subresource(n, name)
		switch {
		case !inOld:
			sc.Added = append(sc.Added, sub)
		case !inNew:
			sc.Removed = append(sc.Removed, sub)
		default:
			sc.Changed = append(sc.Changed, compareSubresource(sub, os, ns)...)
		}
	}
}

func compareSubresource(sub string, o, n model.Subresource) []model.SubresourceChange {
	var out []model.SubresourceChange
	ok, nk := responseKind(o), responseKind(n)
	if ok != nk {
		out = append(out, model.SubresourceChange{Subresource: sub, Field: model.FieldKind, Old: ok, New: nk})
	}
	if c, changed := compareList(o.Verbs, n.Verbs); changed {
		out = append(out, model.SubresourceChange{Subresource: sub, Field: model.FieldVerbs, Old: c.old, New: c.new, Added: c.added, Removed: c.removed})
	}
	return out
}

// responseKind is the kind a subresource answers with, as group/version/Kind
// ("autoscaling/v1/Scale", "v1/Pod").
func responseKind(s model.Subresource) string {
	return model.GroupVersion(s.Group, s.Version) + "/" + s.Kind
}

func sortSubresources(sc *model.SubresourceChanges) {
	sort.Strings(sc.Added)
	sort.Strings(sc.Removed)
	sort.SliceStable(sc.Changed, func(i, j int) bool {
		a, b := sc.Changed[i], sc.Changed[j]
		return a.Subresource < b.Subresource || a.Subresource == b.Subresource && a.Field < b.Field
	})
}
