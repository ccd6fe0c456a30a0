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
	// Kinds are the field trees of the surface's kinds (from its OpenAPI v3
	// documents); nil when it has none, and the field history skips it.
	Kinds []*model.KindSchema
}

// NewMatrix lines up the resources of several API surfaces. Columns are
// ordered by the servers' versions (oldest first) when every input reports a
// vX.Y.Z version, and kept in the given order otherwise; labels are the
// versions, with the source added where two columns share one.
func NewMatrix(inputs []MatrixInput) model.Matrix {
	inputs = append([]MatrixInput(nil), inputs...)
	sortByRelease(inputs)
	cells := map[rowKey][]model.MatrixCell{}
	for col, in := range inputs {
		addColumn(cells, col, len(inputs), in.API)
	}
	m := model.Matrix{Columns: columns(inputs), Rows: make([]model.MatrixRow, 0, len(cells))}
	for k, row := range cells {
		for i := range row {
			if row[i].Versions == nil {
				row[i].Versions = []string{}
			}
		}
		m.Rows = append(m.Rows, model.MatrixRow{Group: k.group, Resource: k.resource, Cells: row})
	}
	sort.Slice(m.Rows, func(i, j int) bool {
		a, b := m.Rows[i], m.Rows[j]
		return a.Group < b.Group || a.Group == b.Group && a.Resource < b.Resource
	})
	m.Fields = fieldHistory(inputs)
	return m
}

type rowKey struct{ group, resource string }

// addColumn fills column col of every row api serves.
func addColumn(cells map[rowKey][]model.MatrixCell, col, width int, api *model.API) {
	preferred := map[rowKey]string{}
	for _, ref := range api.PreferredResources() {
		preferred[rowKey{ref.Group, ref.Resource.Name}] = ref.Version
	}
	for _, g := range api.Groups {
		for _, v := range g.Versions {
			for _, r := range v.Resources {
				k := rowKey{g.Name, r.Name}
				if cells[k] == nil {
					cells[k] = make([]model.MatrixCell, width)
				}
				c := &cells[k][col]
				c.Versions = append(c.Versions, v.Version)
				c.Preferred = preferred[k]
			}
		}
	}
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
