package render

import (
	"os"
	"path/filepath"
	"reflect"
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
		{"core", "core-dd5e607e"},
		{"..", "x-a3d4a70d"},
		{"../../etc/passwd", "etc-passwd-6fadc99a"},
		{"Apps", "apps-53d91aad"},
		{"", "x-811c9dc5"},
	}
	for _, tc := range tests {
		if got := s.slug("groups", tc.name); got != tc.want {
			t.Errorf("slug(%q) = %q, want %q", tc.name, got, tc.want)
		}
		if err := checkSitePath("groups/" + s.slug("groups", tc.name) + ".html"); err != nil {
			t.Errorf("slug(%q) gives a bad path: %v", tc.name, err)
		}
	}
	long := s.slug("groups", strings.Repeat("a", 300))
	if len(long) > maxSlugLen+9 {
		t.Errorf("slug of a 300-character name has %d characters", len(long))
	}
}

func TestEndpoints(t *testing.T) {
	r := model.Resource{Name: "pods", Namespaced: true, Verbs: []string{"watch", "list", "get", "use", "deletecollection"}}
	got := Endpoints("", "v1", r)
	want := []Endpoint{
		{Verb: "get", Method: "GET", Path: "/api/v1/namespaces/{namespace}/pods/{name}"},
		{Verb: "list", Method: "GET", Path: "/api/v1/namespaces/{namespace}/pods"},
		{Verb: "list", Method: "GET", Path: "/api/v1/pods", Note: "all namespaces"},
		{Verb: "watch", Method: "GET", Path: "/api/v1/namespaces/{namespace}/pods?watch=true", Note: "a stream of watch events"},
		{Verb: "watch", Method: "GET", Path: "/api/v1/pods?watch=true", Note: "a stream of watch events; all namespaces"},
		{Verb: "deletecollection", Method: "DELETE", Path: "/api/v1/namespaces/{namespace}/pods"},
		{Verb: "use", Note: "authorization only: checked by RBAC, no REST request of its own"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Endpoints =\n%+v\nwant\n%+v", got, want)
	}
	cluster := PathsFor("storage.k8s.io", "v1", model.Resource{Name: "storageclasses"})
	if cluster != (RESTPaths{Collection: "/apis/storage.k8s.io/v1/storageclasses", Item: "/apis/storage.k8s.io/v1/storageclasses/{name}"}) {
		t.Errorf("PathsFor cluster-scoped = %+v", cluster)
	}
}

func TestMarkdownEscaping(t *testing.T) {
	tests := []struct{ in, text, code string }{
		{"Deployment", "Deployment", "`Deployment`"},
		{"<script>a|b</script>", `\<script\>a\|b\</script\>`, "`<script>a\\|b</script>`"},
		{"[x](javascript:y)", `\[x\](javascript:y)`, "`[x](javascript:y)`"},
		{"a`b", "a\\`b", "``a`b``"},
		{"`x", "\\`x", "`` `x ``"},
		{"{{.Site}}", `\{\{.Site\}\}`, "`{{.Site}}`"},
	}
	for _, tc := range tests {
		if got := mdText(tc.in); got != tc.text {
			t.Errorf("mdText(%q) = %q, want %q", tc.in, got, tc.text)
		}
		if got := mdCode(tc.in); got != tc.code {
			t.Errorf("mdCode(%q) = %q, want %q", tc.in, got, tc.code)
		}
	}
	if got := mdFence("sh", "a\n```\nb"); got != "````sh\na\n```\nb\n````" {
		t.Errorf("mdFence = %q", got)
	}
}

func TestCleanText(t *testing.T) {
	if got := cleanText("a\u202eb\x00c\u200bd"); got != `a\u{202E}b\u{0000}c\u{200B}d` {
		t.Errorf("cleanText = %q", got)
	}
}

// TestWriteSiteRejectsEscapingPaths checks that a file path leaving the
// site fails the whole write and leaves the previous site untouched.
func TestWriteSiteRejectsEscapingPaths(t *testing.T) {
	parent := t.TempDir()
	out := filepath.Join(parent, "site")
	if err := WriteSite(out, []File{{Path: "index.html", Data: []byte("old")}}); err != nil {
		t.Fatal(err)
	}
	for _, bad := range []string{"../escape.html", "/abs.html", "a/../../b.html", "a\\b.html", ManifestName, ""} {
		err := WriteSite(out, []File{{Path: "index.html", Data: []byte("new")}, {Path: bad, Data: []byte("x")}})
		if err == nil || !strings.Contains(err.Error(), "not a plain path inside the site") {
			t.Errorf("path %q: error %v", bad, err)
		}
	}
	if data, _ := os.ReadFile(filepath.Join(out, "index.html")); string(data) != "old" {
		t.Errorf("index.html = %q after failed writes, want old", data)
	}
	entries, _ := os.ReadDir(parent)
	if len(entries) != 1 {
		t.Errorf("the parent holds %d entries, want only site", len(entries))
	}
	if _, err := os.Stat(filepath.Join(parent, "escape.html")); err == nil {
		t.Error("escape.html was written outside the site")
	}
}
