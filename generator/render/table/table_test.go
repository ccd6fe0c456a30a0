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

// TestTableEscapesControlCharacters feeds the table a row a live server
// could forge — a terminal escape (CSI and OSC), a carriage return, a line
// break and a tab in every text column — and checks that each row stays
// one line, the columns stay put and no control character is printed.
func TestTableEscapesControlCharacters(t *testing.T) {
	api := &model.API{Groups: []model.Group{{Name: "evil.example.com", PreferredVersion: "v1", Versions: []model.Version{{Version: "v1", Resources: []model.Resource{{
		Name: "things\x1b[2J", Kind: "Thing\r\nFAKE  ROW", Namespaced: true, ShortNames: []string{"t\x1b]0;owned\x07"},
		Verbs: []string{"get", "list\tx"}, Categories: []string{"all\u202e"},
	}}}}}}}
	var buf bytes.Buffer
	if err := Resources(&buf, api, Options{Output: "wide"}); err != nil {
		t.Fatal(err)
	}
	want := "NAME                SHORTNAMES                  APIVERSION            NAMESPACED   KIND                             VERBS               CATEGORIES\n" +
		"things\\u{001B}[2J   t\\u{001B}]0;owned\\u{0007}   evil.example.com/v1   true         Thing\\u{000D}\\u{000A}FAKE  ROW   get,list\\u{0009}x   all\\u{202E}\n"
	if buf.String() != want {
		t.Errorf("got:\n%s\nwant:\n%s", buf.String(), want)
	}
	buf.Reset()
	if err := Resources(&buf, api, Options{Output: "name"}); err != nil {
		t.Fatal(err)
	}
	if want := "things\\u{001B}[2J.evil.example.com\n"; buf.String() != want {
		t.Errorf("-o name: %q, want %q", buf.String(), want)
	}
}
