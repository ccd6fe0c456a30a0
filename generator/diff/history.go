package diff

import (
	"sort"

	"github.com/kube-apidocs/kube-apidocs/generator/model"
)

// fieldHistory says since which column each field of the newest column's
// kinds exists, over the columns (inputs, sorted as the matrix's) that have
// field trees; nil when fewer than two have them.
func fieldHistory(inputs []MatrixInput) *model.FieldHistory {
	h := &model.FieldHistory{Columns: []int{}, Kinds: []model.KindHistory{}}
	var trees []map[kindKey]map[string]bool
	for col, in := range inputs {
		if in.Kinds == nil {
			continue
		}
		h.Columns = append(h.Columns, col)
		trees = append(trees, pathSets(in.Kinds))
	}
	if len(h.Columns) < 2 {
		return nil
	}
	newest := trees[len(trees)-1]
	for _, key := range sortedKindKeys(newest) {
		if kh := kindHistory(key, h.Columns, trees); len(kh.Since) > 0 {
			h.Kinds = append(h.Kinds, kh)
		}
	}
	return h
}

// pathSets maps each kind to the set of its field paths.
func pathSets(kinds []*model.KindSchema) map[kindKey]map[string]bool {
	out := map[kindKey]map[string]bool{}
	for _, k := range kinds {
		key := kindKey{k.APIVersion(), k.Kind}
		if out[key] != nil {
			continue
		}
		paths := map[string]bool{}
		for p := range flatten(k) {
			paths[p] = true
		}
		out[key] = paths
	}
	return out
}

// kindHistory walks back from the newest tree: a field's since is the
// oldest column of the unbroken run of trees holding it up to the newest.
// Fields as old as the kind's own first column are left out.
func kindHistory(key kindKey, columns []int, trees []map[kindKey]map[string]bool) model.KindHistory {
	kh := model.KindHistory{Kind: key.kind, Since: map[string]int{}}
	kh.Group, kh.Version = splitGroupVersion(key.apiVersion)
	first := len(trees) - 1 // the oldest tree that has the kind
	for first > 0 && trees[first-1][key] != nil {
		first--
	}
	for path := range trees[len(trees)-1][key] {
		since := len(trees) - 1
		for since > first && trees[since-1][key][path] {
			since--
		}
		if since > first {
			kh.Since[path] = columns[since]
		}
	}
	return kh
}

func splitGroupVersion(gv string) (group, version string) {
	for i := len(gv) - 1; i >= 0; i-- {
		if gv[i] == '/' {
			return gv[:i], gv[i+1:]
		}
	}
	return "", gv
}

func sortedKindKeys(m map[kindKey]map[string]bool) []kindKey {
	out := make([]kindKey, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Slice(out, func(i, j int) bool {
		return out[i].apiVersion < out[j].apiVersion || out[i].apiVersion == out[j].apiVersion && out[i].kind < out[j].kind
	})
	return out
}
