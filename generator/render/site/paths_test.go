package site

import (
	"bytes"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"github.com/kube-apidocs/kube-apidocs/generator/model"
)

func TestSlug(t *testing.T) {
	s := newSlugger()
	s.reserve("groups", coreSlug, "")
	tests := []struct{ name, want string }{
		{"apps", "apps"},
		{"apps", "apps"}, // same name, same slug
		{"core", "core-0bf2fb911980759e"},
		{"..", "x-07da1a07b4a03f2d"},
		{"../../etc/passwd", "etc-passwd-2bef2c0bbbdefdfa"},
		{"Apps", "apps-f7eeef8b4d6e602d"},
		{"", "x-cbf29ce484222325"},
	}
	for _, tc := range tests {
		if got := s.slug("groups", tc.name); got != tc.want {
			t.Errorf("slug(%q) = %q, want %q", tc.name, got, tc.want)
		}
		if slug := s.slug("groups", tc.name); !regexp.MustCompile(`^[a-z0-9_][a-z0-9_.-]*$`).MatchString(slug) || strings.Contains(slug, "..") {
			t.Errorf("slug(%q) = %q is not a plain file name", tc.name, slug)
		}
	}
	long := s.slug("groups", strings.Repeat("a", 300))
	if len(long) > maxSlugLen+17 {
		t.Errorf("slug of a 300-character name has %d characters", len(long))
	}
}

func TestEndpoints(t *testing.T) {
	r := model.Resource{Name: "pods", Namespaced: true, Verbs: []string{"watch", "list", "get", "use", "deletecollection"}}
	got := Endpoints("", "v1", r)
	want := []Endpoint{
		{Verb: "get", Method: "GET", Path: "/api/v1/namespaces/{namespace}/pods/{name}"},
		{Verb: "list", Method: "GET", Path: "/api/v1/namespaces/{namespace}/pods"},
		{Verb: "list", Method: "GET", Path: "/api/v1/pods", AllNamespaces: true},
		{Verb: "watch", Method: "GET", Path: "/api/v1/namespaces/{namespace}/pods?watch=true", Watch: true},
		{Verb: "watch", Method: "GET", Path: "/api/v1/pods?watch=true", Watch: true, AllNamespaces: true},
		{Verb: "deletecollection", Method: "DELETE", Path: "/api/v1/namespaces/{namespace}/pods"},
		{Verb: "use"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Endpoints =\n%+v\nwant\n%+v", got, want)
	}
	cluster := PathsFor("storage.k8s.io", "v1", model.Resource{Name: "storageclasses"})
	if cluster != (RESTPaths{Collection: "/apis/storage.k8s.io/v1/storageclasses", Item: "/apis/storage.k8s.io/v1/storageclasses/{name}"}) {
		t.Errorf("PathsFor cluster-scoped = %+v", cluster)
	}
}

// TestBreakPath pins how a path may wrap: pieces that stay on one line,
// a <wbr> after each slash and before the query, every piece escaped; and
// how a concept note's code span may: after '/', ';' and ',', and at spaces.
func TestBreakPath(t *testing.T) {
	for in, want := range map[string]string{
		"/api/v1/pods":            "<span>/</span><wbr><span>api/</span><wbr><span>v1/</span><wbr><span>pods</span>",
		"/apis/x/v1/a?watch=true": "<span>/</span><wbr><span>apis/</span><wbr><span>x/</span><wbr><span>v1/</span><wbr><span>a</span><wbr><span>?watch=true</span>",
		"v1/<script>/":            "<span>v1/</span><wbr><span>&lt;script&gt;/</span>",
		"":                        "",
	} {
		if got := string(BreakPath(in)); got != want {
			t.Errorf("BreakPath(%q) = %s, want %s", in, got, want)
		}
	}
	var b bytes.Buffer
	if err := markdownToHTML.Convert([]byte("`a/b;c,d e-f` and `x\ny`"), &b); err != nil {
		t.Fatal(err)
	}
	want := `<p><code class="path"><span>a/</span><wbr><span>b;</span><wbr><span>c,</span><wbr><span>d</span> <span>e-f</span></code> and <code class="path"><span>x</span> <span>y</span></code></p>` + "\n"
	if b.String() != want {
		t.Errorf("code spans:\n%s\nwant\n%s", b.String(), want)
	}
}
