package render

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
