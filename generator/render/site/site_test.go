package site

import (
	"bytes"
	"flag"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/kube-apidocs/kube-apidocs/generator/model"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/")

// smallAPI is the golden tests' fixture: the core group with a namespaced
// and a cluster-scoped resource, apps with a scale subresource, a group
// serving a beta and a stable version, and one unavailable group-version.
func smallAPI() *model.API {
	all := []string{"create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"}
	api := &model.API{
		Server:    model.ServerVersion{GitVersion: "v1.33.13", Major: "1", Minor: "33", Platform: "linux/amd64"},
		Discovery: "aggregated/v2",
		Groups: []model.Group{
			{Name: "", PreferredVersion: "v1", Versions: []model.Version{{Version: "v1", Resources: []model.Resource{
				{Name: "namespaces", SingularName: "namespace", Kind: "Namespace", Verbs: []string{"create", "delete", "get", "list", "patch", "update", "watch"}, ShortNames: []string{"ns"},
					Subresources: []model.Subresource{{Name: "finalize", Kind: "Namespace", Verbs: []string{"update"}}, {Name: "status", Kind: "Namespace", Verbs: []string{"get", "patch", "update"}}}},
				{Name: "pods", SingularName: "pod", Kind: "Pod", Namespaced: true, Verbs: all, ShortNames: []string{"po"}, Categories: []string{"all"},
					Subresources: []model.Subresource{{Name: "log", Kind: "Pod", Verbs: []string{"get"}}}},
			}}}},
			{Name: "apps", PreferredVersion: "v1", Versions: []model.Version{{Version: "v1", Resources: []model.Resource{
				{Name: "deployments", SingularName: "deployment", Kind: "Deployment", Namespaced: true, Verbs: all, ShortNames: []string{"deploy"}, Categories: []string{"all"},
					Subresources: []model.Subresource{{Name: "scale", Kind: "Scale", Group: "autoscaling", Version: "v1", Verbs: []string{"get", "patch", "update"}}}},
			}}}},
			{Name: "multi.example.com", PreferredVersion: "v1", Versions: []model.Version{
				{Version: "v1", Resources: []model.Resource{{Name: "gizmos", SingularName: "gizmo", Kind: "Gizmo", Namespaced: true, Verbs: all}}},
				{Version: "v1beta1", Resources: []model.Resource{{Name: "gizmos", SingularName: "gizmo", Kind: "Gizmo", Namespaced: true, Verbs: all}}},
			}},
			{Name: "authentication.k8s.io", PreferredVersion: "v1", Versions: []model.Version{{Version: "v1", Resources: []model.Resource{
				{Name: "tokenreviews", SingularName: "tokenreview", Kind: "TokenReview", Verbs: []string{"create"}},
			}}}},
		},
		Unavailable: []model.Unavailable{
			{Group: "metrics.k8s.io", Version: "v1beta1", Reason: "the server is currently unable to handle the request"},
			{Group: "multi.example.com", Version: "v1alpha1", Reason: "stale: the aggregated API server did not answer"},
		},
	}
	api.Normalize()
	return api
}

// TestSiteGolden compares every file of the small fixture's site, in both
// formats, with testdata/golden; -update rewrites them.
func TestSiteGolden(t *testing.T) {
	files, err := Site(smallAPI(), SiteOptions{})
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join("testdata", "golden")
	if *update {
		if err := os.RemoveAll(dir); err != nil {
			t.Fatal(err)
		}
		for _, f := range files {
			writeFile(t, filepath.Join(dir, filepath.FromSlash(f.Path)), f.Data)
		}
		return
	}
	want := map[string]bool{}
	for _, f := range files {
		want[f.Path] = true
		golden, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(f.Path)))
		if err != nil {
			t.Errorf("%s: %v (run go test ./generator/render/site -update)", f.Path, err)
			continue
		}
		if !bytes.Equal(golden, f.Data) {
			t.Errorf("%s differs from its golden file (run go test ./generator/render/site -update and review the diff)\n%s", f.Path, firstDiff(string(golden), string(f.Data)))
		}
	}
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			rel, _ := filepath.Rel(dir, p)
			if !want[filepath.ToSlash(rel)] {
				t.Errorf("golden file %s is no longer generated", rel)
			}
		}
		return nil
	})
}

func writeFile(t *testing.T, p string, data []byte) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

// firstDiff shows the first line where got differs from want.
func firstDiff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := 0; i < len(w) || i < len(g); i++ {
		var wl, gl string
		if i < len(w) {
			wl = w[i]
		}
		if i < len(g) {
			gl = g[i]
		}
		if wl != gl {
			return "line " + strconv.Itoa(i+1) + ":\n  want: " + wl + "\n  got:  " + gl
		}
	}
	return ""
}

// TestSiteDeterministic builds the site twice and expects the same bytes.
func TestSiteDeterministic(t *testing.T) {
	a, err := Site(smallAPI(), SiteOptions{FrontMatter: FrontMatterHugo})
	if err != nil {
		t.Fatal(err)
	}
	b, err := Site(smallAPI(), SiteOptions{FrontMatter: FrontMatterHugo})
	if err != nil {
		t.Fatal(err)
	}
	if len(a) != len(b) {
		t.Fatalf("%d files, then %d", len(a), len(b))
	}
	for i := range a {
		if a[i].Path != b[i].Path || !bytes.Equal(a[i].Data, b[i].Data) {
			t.Errorf("%s differs between two runs", a[i].Path)
		}
	}
}

// TestSiteOptions checks front matter styles, the canonical link of
// --base-url, a single format, and a block override.
func TestSiteOptions(t *testing.T) {
	overrides := fstest.MapFS{"x.html.tmpl": {Data: []byte(`{{define "footer"}}<footer>ours</footer>{{end}}`)}}
	files, err := Site(smallAPI(), SiteOptions{
		Title: `Ops "prod"`, BaseURL: "https://docs.example.com/k8s/", FrontMatter: FrontMatterDocusaurus,
		Templates: overrides,
	})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, f := range files {
		got[f.Path] = string(f.Data)
	}
	if want := "---\ntitle: Deployment (apps/v1)\nsidebar_label: Deployment (apps/v1)\n---\n\n"; !strings.HasPrefix(got["resources/apps/v1/deployments.md"], want) {
		t.Errorf("docusaurus front matter: %q", got["resources/apps/v1/deployments.md"][:80])
	}
	if want := "---\ntitle: Ops \"prod\"\nsidebar_label: Ops \"prod\"\n---\n"; !strings.HasPrefix(got["index.md"], want) {
		t.Errorf("index.md front matter: %q", got["index.md"][:80])
	}
	if want := `<link rel="canonical" href="https://docs.example.com/k8s/groups/apps.html">`; !strings.Contains(got["groups/apps.html"], want) {
		t.Errorf("groups/apps.html lacks %s", want)
	}
	if !strings.Contains(got["index.html"], "<footer>ours</footer>") || !strings.Contains(got["index.html"], `<title>Ops &#34;prod&#34;</title>`) {
		t.Error("index.html lacks the overridden footer or the escaped title")
	}
	md, err := Site(smallAPI(), SiteOptions{Formats: []string{FormatMarkdown}})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range md {
		if strings.HasSuffix(f.Path, ".html") || strings.HasPrefix(f.Path, "assets/") {
			t.Errorf("markdown-only site has %s", f.Path)
		}
	}
}
