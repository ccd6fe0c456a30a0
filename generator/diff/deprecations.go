package diff

import (
	"sort"

	"github.com/kube-apidocs/kube-apidocs/generator/model"
)

// deprecatedResources returns the resources NEW serves that a deprecation
// row names (group, version and resource) or whose kind's OpenAPI
// description says it is deprecated, sorted by resource path. A row wins
// over the description: it says more. A row applies only from its
// deprecatedIn release on, when NEW's version (release) is known.
func deprecatedResources(n side, release string, skip map[string]bool, rows []model.Deprecation, kinds kindIndex) []model.DeprecatedResource {
	byPath := map[string]model.Deprecation{}
	for _, r := range rows {
		if r.AppliesTo(release) {
			byPath[r.APIVersion()+"/"+r.Resource] = r
		}
	}
	var out []model.DeprecatedResource
	for gv, v := range n.gvs {
		if skip[gv] {
			continue
		}
		for _, r := range v.version.Resources {
			path := gv + "/" + r.Name
			if row, ok := byPath[path]; ok {
				out = append(out, model.DeprecatedResource{
					Resource: path, DeprecatedIn: row.DeprecatedIn, RemovedIn: row.RemovedIn,
					Replacement: row.Replacement, Source: row.Source,
				})
				continue
			}
			if k := kinds[kindKey{gv, r.Kind}]; k != nil && k.Deprecated {
				out = append(out, model.DeprecatedResource{Resource: path, Source: "openapi:" + gv + " " + r.Kind})
			}
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Resource < out[j].Resource })
	return out
}
