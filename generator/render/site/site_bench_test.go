package site

import (
	"fmt"
	"testing"

	"github.com/kube-apidocs/kube-apidocs/generator/model"
)

// largeAPI is a cluster with many CRDs: groups groups of perGroup
// resources, each served in two versions.
func largeAPI(groups, perGroup int) *model.API {
	api := smallAPI()
	verbs := []string{"create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"}
	for g := 0; g < groups; g++ {
		grp := model.Group{Name: fmt.Sprintf("crd%03d.example.com", g), PreferredVersion: "v1"}
		for _, v := range []string{"v1", "v1beta1"} {
			ver := model.Version{Version: v}
			for r := 0; r < perGroup; r++ {
				ver.Resources = append(ver.Resources, model.Resource{
					Name: fmt.Sprintf("things%02d", r), SingularName: fmt.Sprintf("thing%02d", r), Kind: fmt.Sprintf("Thing%02d", r),
					Namespaced: r%2 == 0, Verbs: verbs, ShortNames: []string{fmt.Sprintf("t%d%d", g, r)}, Categories: []string{"all"},
					Subresources: []model.Subresource{{Name: "status", Kind: fmt.Sprintf("Thing%02d", r), Verbs: []string{"get", "patch", "update"}}},
				})
			}
			grp.Versions = append(grp.Versions, ver)
		}
		api.Groups = append(api.Groups, grp)
	}
	api.Normalize()
	return api
}

// BenchmarkSiteLarge renders, in memory, both formats of a cluster with
// 150 CRD groups of 10 resources in two versions (3,000 resource pages).
func BenchmarkSiteLarge(b *testing.B) {
	api := largeAPI(150, 10)
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		if _, err := Site(api, SiteOptions{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkSiteLargeMatrix renders the same site compared with two older
// releases: the versions page and a served-since table on every page.
func BenchmarkSiteLargeMatrix(b *testing.B) {
	api := largeAPI(150, 10)
	m := &model.Matrix{Columns: []model.MatrixColumn{{Label: "v1.31.0"}, {Label: "v1.32.0"}, {Label: "v1.33.13"}}}
	for _, g := range api.Groups {
		for _, r := range g.Versions[0].Resources {
			cell := model.MatrixCell{Versions: []string{"v1"}, Preferred: "v1"}
			m.Rows = append(m.Rows, model.MatrixRow{Group: g.Name, Resource: r.Name, Cells: []model.MatrixCell{{Versions: []string{}}, cell, cell}})
		}
	}
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		if _, err := Site(api, SiteOptions{Matrix: m}); err != nil {
			b.Fatal(err)
		}
	}
}
