package site

import (
	"errors"
	"hash/fnv"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/kube-apidocs/kube-apidocs/generator/model"
)

// fnv32Collision returns two resource names that share their first
// maxSlugLen characters (so the readable part of their slugs is the same)
// and collide under the 32-bit FNV-1a hash the slugs used to carry. The
// suffixes were found by a birthday search over prefix+i; the test checks
// that they still collide.
func fnv32Collision(t *testing.T) (string, string) {
	t.Helper()
	prefix := strings.Repeat("a", 60) + "." + strings.Repeat("b", 19) // DNS labels stay under 63
	a, b := prefix+"462789", prefix+"679192"
	sum := func(s string) uint32 {
		h := fnv.New32a()
		h.Write([]byte(s))
		return h.Sum32()
	}
	if sum(a) != sum(b) || sanitize(a)[:maxSlugLen] != sanitize(b)[:maxSlugLen] {
		t.Fatal("the pinned names do not collide under the old slug scheme")
	}
	return a, b
}

func collidingAPI(a, b string) *model.API {
	res := func(name string) model.Resource {
		return model.Resource{Name: name, Kind: "Thing", Verbs: []string{"get", "list"}}
	}
	return &model.API{Groups: []model.Group{{Name: "example.com", PreferredVersion: "v1", Versions: []model.Version{
		{Version: "v1", Resources: []model.Resource{res(a), res(b)}},
	}}}}
}

// TestSiteSlugCollision checks that two names whose old 32-bit slugs
// collide get two pages, each naming its own resource, and that a
// collision of the hash in use is an error naming both, never one page.
func TestSiteSlugCollision(t *testing.T) {
	a, b := fnv32Collision(t)
	files, err := Site(collidingAPI(a, b), SiteOptions{Formats: []string{FormatMarkdown}})
	if err != nil {
		t.Fatal(err)
	}
	pages := map[string]string{}
	for _, f := range files {
		if strings.HasPrefix(f.Path, "resources/") {
			pages[f.Path] = string(f.Data)
		}
	}
	if len(pages) != 2 {
		t.Fatalf("%d resource pages, want 2: %v", len(pages), pages)
	}
	for _, name := range []string{a, b} {
		found := 0
		for _, data := range pages {
			if strings.Contains(data, "| Resource | `"+name+"` |") {
				found++
			}
		}
		if found != 1 {
			t.Errorf("%d pages show the resource %s, want 1", found, name)
		}
	}

	defer func(h func(string) uint64) { slugHash = h }(slugHash)
	slugHash = func(string) uint64 { return 42 }
	_, err = Site(collidingAPI(a, b), SiteOptions{})
	var collision *SlugCollisionError
	if !errors.As(err, &collision) || !strings.Contains(err.Error(), strconv.Quote(a)) || !strings.Contains(err.Error(), strconv.Quote(b)) {
		t.Fatalf("error = %v, want a slug collision naming %s and %s", err, a, b)
	}
}

// TestSiteTemplateTimeout checks that a block that loops forever, writing
// or not, ends Site with an error naming the block once the budget is
// spent. The budget is 100ms plus three times what the same site takes
// without the loop, so that a machine busy with other tests does not spend
// it on the pages before index.md.
func TestSiteTemplateTimeout(t *testing.T) {
	start := time.Now()
	if _, err := Site(smallAPI(), SiteOptions{Formats: []string{FormatMarkdown}}); err != nil {
		t.Fatal(err)
	}
	budget := (100*time.Millisecond + 3*time.Since(start)).Round(time.Millisecond)
	for name, body := range map[string]string{
		"writes":       `{{range 100000000000}}x{{end}}`,
		"never writes": `{{range 20000000}}{{end}}`, // about 0.7 s: the goroutine left behind ends soon
	} {
		t.Run(name, func(t *testing.T) {
			overrides := fstest.MapFS{"loop.md.tmpl": {Data: []byte(`{{define "index.md"}}` + body + `{{end}}`)}}
			start := time.Now()
			_, err := Site(smallAPI(), SiteOptions{Formats: []string{FormatMarkdown}, Templates: overrides, TemplateTimeout: budget})
			var timeout *TemplateTimeoutError
			if !errors.As(err, &timeout) || err.Error() != `page index.md: template "index.md" did not finish within `+budget.String() {
				t.Fatalf("error = %v, want the timeout of index.md after %s", err, budget)
			}
			if took := time.Since(start); took > budget+1400*time.Millisecond {
				t.Errorf("Site took %s with a %s budget", took, budget)
			}
		})
	}
	if _, err := Site(smallAPI(), SiteOptions{TemplateTimeout: time.Minute}); err != nil {
		t.Errorf("a normal site within a minute: %v", err)
	}
	if err := (SiteOptions{TemplateTimeout: -time.Second}).Validate(); err == nil || err.Error() != "template timeout -1s is negative (use 0 for no limit)" {
		t.Errorf("negative timeout: %v", err)
	}
}

// TestSiteAssetOverrideUnreadable checks that an asset override that
// exists but cannot be read — here a symbolic link out of an os.Root — is
// an error naming it, not a silent fallback and never the outside file.
func TestSiteAssetOverrideUnreadable(t *testing.T) {
	outside := filepath.Join(t.TempDir(), "secret")
	if err := os.WriteFile(outside, []byte("SECRET"), 0o600); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if err := os.Mkdir(filepath.Join(dir, "assets"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(outside, filepath.Join(dir, "assets", "site.css")); err != nil {
		t.Fatal(err)
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer root.Close()
	_, err = Site(smallAPI(), SiteOptions{Formats: []string{FormatHTML}, Templates: root.FS()})
	if err == nil || !strings.HasPrefix(err.Error(), "templates: assets/site.css: ") {
		t.Fatalf("error = %v, want one naming assets/site.css", err)
	}
}

// TestSitePhrasesOverride checks that the sentences Go used to hold are
// template blocks a --templates folder can change: the page titles, an
// example, a REST path note and the API tree note, in both formats.
func TestSitePhrasesOverride(t *testing.T) {
	overrides := fstest.MapFS{"de.md.tmpl": {Data: []byte(`
{{define "page-title"}}{{if eq .Page "resource"}}Ressource {{.Name}}{{else}}Seite{{end}}{{end}}
{{define "example-title"}}Beispiel {{.Verb}} {{.Name}}{{end}}
{{define "example-commands"}}kubectl get --raw {{.Path}}
{{end}}
{{define "endpoint-note"}}{{if .AllNamespaces}}alle Namensräume{{end}}{{end}}
{{define "tree-note"}}{{if .Preferred}}(bevorzugt){{end}}{{end}}`)}}
	files, err := Site(smallAPI(), SiteOptions{Templates: overrides, FrontMatter: FrontMatterHugo})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, f := range files {
		got[f.Path] = string(f.Data)
	}
	for path, wants := range map[string][]string{
		"resources/core/v1/pods.md":   {"---\ntitle: Ressource Pod\n---\n", "Beispiel list pods:", "kubectl get --raw /api/v1/namespaces/default/pods\n", "| `/api/v1/pods` | alle Namensräume |"},
		"resources/core/v1/pods.html": {"<title>Ressource Pod · Kubernetes API v1.33.13</title>", "<p>Beispiel list pods:</p>", "<td class=\"path-cell\"><code class=\"path\">" + string(BreakPath("/api/v1/pods")) + "</code></td><td>alle Namensräume</td>"},
		"api-tree.svg":                {"(bevorzugt)"},
	} {
		for _, want := range wants {
			if !strings.Contains(got[path], want) {
				t.Errorf("%s lacks %q", path, want)
			}
		}
	}
	if strings.Contains(got["resources/core/v1/pods.html"], "kubectl proxy") || strings.Contains(got["api-tree.svg"], "(preferred)") {
		t.Error("the built-in phrases are still used")
	}
}
