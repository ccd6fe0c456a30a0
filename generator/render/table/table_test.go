package table

import (
	"bytes"
	"testing"

	"github.com/kube-apidocs/kube-apidocs/generator/model"
)

// tieAPI has the same resource name and kind in two groups, so the sort has
// ties that kubectl breaks by the server's group order (stable sort).
func tieAPI() *model.API {
	events := func(cat ...string) model.Resource {
		return model.Resource{Name: "events", Kind: "Event", Namespaced: true, Verbs: []string{"get", "list"}, ShortNames: []string{"ev"}, Categories: cat}
	}
	return &model.API{Groups: []model.Group{
		{Name: "", PreferredVersion: "v1", Versions: []model.Version{{Version: "v1", Resources: []model.Resource{
			events(), {Name: "bindings", Kind: "Binding", Namespaced: true, Verbs: []string{"create"}},
			{Name: "noverbs", Kind: "NoVerbs"},
		}}}},
		{Name: "zz.example.com", PreferredVersion: "v1", Versions: []model.Version{{Version: "v1", Resources: []model.Resource{events("all")}}}},
		{Name: "events.k8s.io", PreferredVersion: "v1", Versions: []model.Version{{Version: "v1", Resources: []model.Resource{events()}}}},
	}}
}

func TestTable(t *testing.T) {
	core := ""
	ns := false
	cases := []struct {
		name string
		opts Options
		want string
	}{
		{"default sorts by group then name", Options{},
			"NAME       SHORTNAMES   APIVERSION          NAMESPACED   KIND\n" +
				"bindings                v1                  true         Binding\n" +
				"events     ev           v1                  true         Event\n" +
				"events     ev           events.k8s.io/v1    true         Event\n" +
				"events     ev           zz.example.com/v1   true         Event\n"},
		{"sort by kind keeps server group order for ties", Options{SortBy: "kind", NoHeaders: true},
			"bindings         v1                  true   Binding\n" +
				"events     ev    v1                  true   Event\n" +
				"events     ev    zz.example.com/v1   true   Event\n" +
				"events     ev    events.k8s.io/v1    true   Event\n"},
		{"name output", Options{Output: "name", APIGroup: nil, Categories: []string{"all"}},
			"events.zz.example.com\n"},
		{"core group only, wide", Options{Output: "wide", APIGroup: &core, Verbs: []string{"list"}},
			"NAME     SHORTNAMES   APIVERSION   NAMESPACED   KIND    VERBS      CATEGORIES\n" +
				"events   ev           v1           true         Event   get,list   \n"},
		{"cluster-scoped: none", Options{Namespaced: &ns},
			"NAME   SHORTNAMES   APIVERSION   NAMESPACED   KIND\n"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := Resources(&buf, tieAPI(), c.opts); err != nil {
				t.Fatal(err)
			}
			if buf.String() != c.want {
				t.Errorf("got:\n%q\nwant:\n%q", buf.String(), c.want)
			}
		})
	}
}
