package diff

import (
	"sort"

	"github.com/kube-apidocs/kube-apidocs/generator/model"
)

// kindKey names one kind of one group-version: "apps/v1 Deployment".
type kindKey struct{ apiVersion, kind string }

// kindIndex maps the kinds of one side to their field trees; nil when the
// side has no OpenAPI documents.
type kindIndex map[kindKey]*model.KindSchema

func indexKinds(kinds []*model.KindSchema) kindIndex {
	if kinds == nil {
		return nil
	}
	out := make(kindIndex, len(kinds))
	for _, k := range kinds {
		if k == nil {
			continue
		}
		key := kindKey{k.APIVersion(), k.Kind}
		if _, seen := out[key]; !seen {
			out[key] = k
		}
	}
	return out
}

// servedKinds returns the kinds the resources of one side serve, per
// group-version, leaving out the group-versions in skip.
func servedKinds(s side, skip map[string]bool) map[kindKey]bool {
	out := map[kindKey]bool{}
	for gv, v := range s.gvs {
		if skip[gv] {
			continue
		}
		for _, r := range v.version.Resources {
			if r.Kind != "" {
				out[kindKey{gv, r.Kind}] = true
			}
		}
	}
	return out
}

// compareSchemas compares the field trees of the kinds both sides serve and
// both sides' documents describe. A side without documents (nil index)
// leaves the section empty, with the side named in Missing.
func compareSchemas(o, n side, skip map[string]bool, ok, nk kindIndex) (model.FieldDiff, []string) {
	fd := model.FieldDiff{}
	if ok == nil {
		fd.Missing = append(fd.Missing, model.SideOld)
	}
	if nk == nil {
		fd.Missing = append(fd.Missing, model.SideNew)
	}
	if len(fd.Missing) > 0 {
		return fd, nil
	}
	fd.Compared = true
	var deprecated []string
	newKinds := servedKinds(n, skip)
	for key := range servedKinds(o, skip) {
		ot, nt := ok[key], nk[key]
		if !newKinds[key] || ot == nil || nt == nil {
			continue
		}
		fd.Kinds++
		deprecated = append(deprecated, compareKind(&fd, key, ot, nt)...)
	}
	sortFieldDiff(&fd)
	sort.Strings(deprecated)
	return fd, deprecated
}

// compareKind adds the field changes of one kind to fd and returns the
// fields NEW marks deprecated that OLD did not.
func compareKind(fd *model.FieldDiff, key kindKey, o, n *model.KindSchema) (deprecated []string) {
	of, nf := flatten(o), flatten(n)
	name := func(path string) string { return model.FieldName(key.apiVersion, key.kind, path) }
	for path, f := range nf {
		old, inOld := of[path]
		if !inOld {
			fd.Added = append(fd.Added, name(path))
		} else {
			fd.Changed = append(fd.Changed, compareField(name(path), old, f)...)
		}
		if f.Deprecated && !old.Deprecated {
			deprecated = append(deprecated, name(path))
		}
	}
	for path := range of {
		if _, inNew := nf[path]; !inNew {
			fd.Removed = append(fd.Removed, name(path))
		}
	}
	return deprecated
}

// flatten maps every path of a kind's tree to its field; where a path
// repeats (allOf members naming the same property), the first wins, as in
// `kubectl explain`.
func flatten(k *model.KindSchema) map[string]model.Field {
	out := map[string]model.Field{}
	k.Walk(func(f model.Field) bool {
		if _, seen := out[f.Path]; !seen {
			out[f.Path] = f
		}
		return true
	})
	return out
}

// compareField returns the required, type and enum changes of one field.
func compareField(name string, o, n model.Field) []model.SchemaChange {
	var out []model.SchemaChange
	if o.Required != n.Required {
		out = append(out, model.SchemaChange{Field: name, Change: model.ChangeRequired, Old: o.Required, New: n.Required})
	}
	if o.Type != n.Type {
		out = append(out, model.SchemaChange{Field: name, Change: model.ChangeType, Old: o.Type, New: n.Type})
	}
	if c, changed := compareList(o.Enum, n.Enum); changed {
		out = append(out, model.SchemaChange{Field: name, Change: model.ChangeEnum, Old: c.old, New: c.new, Added: c.added, Removed: c.removed})
	}
	return out
}

func sortFieldDiff(fd *model.FieldDiff) {
	sort.Strings(fd.Added)
	sort.Strings(fd.Removed)
	sort.Slice(fd.Changed, func(i, j int) bool {
		a, b := fd.Changed[i], fd.Changed[j]
		return a.Field < b.Field || a.Field == b.Field && a.Change < b.Change
	})
}
