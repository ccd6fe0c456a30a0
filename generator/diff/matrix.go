package diff

import (
	"sort"
	"strconv"
	"strings"

	"github.com/kube-apidocs/kube-apidocs/generator/model"
)

// MatrixInput is one API surface for NewMatrix.
type MatrixInput struct {
	// Source names where the surface came from (a folder, "builtin").
	Source string
	API    *model.API
}

// NewMatrix lines up the resources of several API surfaces. Columns are
// ordered by the servers' versions (oldest first) when every input reports a
// vX.Y.Z version, and kept in the given order otherwise; labels are the
// versions, with the source added where two columns share one.
func NewMatrix(inputs []MatrixInput) model.Matrix {
	inputs = append([]MatrixInput(nil), inputs...)
	sortByRelease(inputs)
	m := model.Matrix{Columns: columns(inputs), Rows: []model.MatrixRow{}}
	type key struct{ group, resource string }
	rows := map[key][]model.MatrixCell{}
	for col, in := range inputs {
		preferred := map[key]string{}
		for _, ref := range in.API.PreferredResources() {
			preferred[key{ref.Group, ref.Resource.Name}] = ref.Version
		}
		for _, g := range in.API.Groups {
			for _, v := range g.Versions {
				for _, r := range v.Resources {
					k := key{g.Name, r.Name}
					if rows[k] == nil {
						rows[k] = make([]model.MatrixCell, len(inputs))
					}
					c := &rows[k][col]
					c.Versions = append(c.Versions, v.Version)
					c.Preferred = preferred[k]
				}
			}
		}
	}
	for k, cells := range rows {
		for i := range cells {
			if cells[i].Versions == nil {
				cells[i].Versions = []string{}
			}
		}
		m.Rows = append(m.Rows, model.MatrixRow{Group: k.group, Resource: k.resource, Cells: cells})
	}
	sort.Slice(m.Rows, func(i, j int) bool {
		a, b := m.Rows[i], m.Rows[j]
		return a.Group < b.Group || a.Group == b.Group && a.Resource < b.Resource
	})
	return m
}

func columns(inputs []MatrixInput) []model.MatrixColumn {
	count := map[string]int{}
	for _, in := range inputs {
		count[label(in)]++
	}
	out := make([]model.MatrixColumn, 0, len(inputs))
	for _, in := range inputs {
		l := label(in)
		if count[l] > 1 {
			l += " (" + in.Source + ")"
		}
		out = append(out, model.MatrixColumn{Label: l, Version: in.API.Server.GitVersion, Source: in.Source})
	}
	return out
}

func label(in MatrixInput) string {
	if v := in.API.Server.GitVersion; v != "" {
		return v
	}
	return in.Source
}

// sortByRelease orders inputs by server version when all parse.
func sortByRelease(inputs []MatrixInput) {
	keys := make([][3]int, len(inputs))
	for i, in := range inputs {
		k, ok := parseRelease(in.API.Server.GitVersion)
		if !ok {
			return
		}
		keys[i] = k
	}
	idx := make([]int, len(inputs))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool {
		ka, kb := keys[idx[a]], keys[idx[b]]
		for i := range ka {
			if ka[i] != kb[i] {
				return ka[i] < kb[i]
			}
		}
		return false
	})
	sorted := make([]MatrixInput, len(inputs))
	for i, j := range idx {
		sorted[i] = inputs[j]
	}
	copy(inputs, sorted)
}

// parseRelease parses "v1.31.14" (and "v1.31.14-gke.1"-like suffixes).
func parseRelease(v string) ([3]int, bool) {
	var out [3]int
	v, ok := strings.CutPrefix(v, "v")
	if !ok {
		return out, false
	}
	if i := strings.IndexAny(v, "-+"); i >= 0 {
		v = v[:i]
	}
	parts := strings.Split(v, ".")
	if len(parts) != 3 {
		return out, false
	}
	for i, p := range parts {
		n, err := strconv.Atoi(p)
		if err != nil {
			return out, false
		}
		out[i] = n
	}
	return out, true
}
