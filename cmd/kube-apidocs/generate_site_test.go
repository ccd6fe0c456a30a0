package main

import (
	"bytes"
	"io/fs"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"strings"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/renderer/html"
	xhtml "golang.org/x/net/html"

	"github.com/kube-apidocs/kube-apidocs/fixtures"
	"github.com/kube-apidocs/kube-apidocs/generator/model"
	"github.com/kube-apidocs/kube-apidocs/generator/recording"
	"github.com/kube-apidocs/kube-apidocs/generator/source"
)

// siteFixtures are the recordings every site test runs on.
var siteFixtures = []string{"../../fixtures/v1.29.6", "../../fixtures/v1.33.13", "../../fixtures/v1.33.13-crds", "../../fixtures/v1.33.13-thirdparty", "testdata/hostile"}

// TestGenerateEveryResourceHasAPage generates both formats for every
// fixture and checks that each resource of each served version has a page
// in each format, and that every relative link of every page resolves.
func TestGenerateEveryResourceHasAPage(t *testing.T) {
	t.Parallel()
	for _, fx := range siteFixtures {
		t.Run(filepath.Base(fx), func(t *testing.T) {
			t.Parallel()
			out := sharedSite(t, "--fixtures", fx)
			api := loadFixture(t, fx)
			for _, ext := range []string{".html", ".md"} {
				checkResourcePages(t, out, api, ext)
			}
			checkLinks(t, out)
			if wide, err := os.ReadFile(filepath.Join(fx, "kubectl_api-resources_wide.txt")); err == nil {
				checkKubectlTable(t, out, string(wide))
			}
		})
	}
}

// checkKubectlTable checks that the api-resources pages give kubectl's own
// -o wide output byte for byte: the text file the HTML page links (the
// page itself shows one table), and the fenced block of the Markdown page.
func checkKubectlTable(t *testing.T, out, want string) {
	t.Helper()
	page := readText(t, filepath.Join(out, "api-resources.html"))
	if strings.Contains(page, "<pre") || !strings.Contains(page, `href="api-resources.txt"`) {
		t.Error("api-resources.html shows a <pre> beside its table, or does not link api-resources.txt")
	}
	if got := readText(t, filepath.Join(out, "api-resources.txt")); got != want {
		t.Errorf("api-resources.txt differs from kubectl api-resources -o wide:\n%s", got)
	}
	if md := readText(t, filepath.Join(out, "api-resources.md")); !strings.Contains(md, "```text\n"+want+"```\n") {
		t.Error("api-resources.md lacks kubectl api-resources -o wide as a fenced block")
	}
}

func loadFixture(t *testing.T, dir string) *model.API {
	t.Helper()
	rec, err := recording.LoadDir(dir, recording.LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	api, err := source.FromRecording(rec, source.DiscoverOptions{})
	if err != nil {
		t.Fatal(err)
	}
	return api
}

// checkResourcePages counts the resource pages of one format and checks the
// exact path of every resource whose names need no sanitising.
func checkResourcePages(t *testing.T, out string, api *model.API, ext string) {
	t.Helper()
	pages := 0
	filepath.WalkDir(filepath.Join(out, "resources"), func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ext) {
			pages++
		}
		return nil
	})
	all := api.AllResources()
	if pages != len(all) {
		t.Errorf("%d %s resource pages for %d resources", pages, ext, len(all))
	}
	for _, r := range all {
		group := r.Group
		if group == "" {
			group = "core"
		}
		if !plainName(group) || !plainName(r.Version) || !plainName(r.Resource.Name) || (r.Group == "core") {
			continue
		}
		p := filepath.Join(out, "resources", group, r.Version, r.Resource.Name+ext)
		if _, err := os.Stat(p); err != nil {
			t.Errorf("%s %s: no page: %v", r.APIVersion(), r.Resource.Name, err)
		}
	}
}

func plainName(s string) bool {
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-' || r == '.') {
			return false
		}
	}
	return s != "" && !strings.HasPrefix(s, ".") && !strings.Contains(s, "..")
}

// checkLinks resolves every relative href and src of every HTML page, and
// of every Markdown page once rendered, against the files of the site.
func checkLinks(t *testing.T, out string) {
	t.Helper()
	checked := 0
	filepath.WalkDir(out, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !(strings.HasSuffix(p, ".html") || strings.HasSuffix(p, ".md")) {
			return err
		}
		for _, link := range pageLinks(t, p) {
			if target, ok := resolveLink(out, p, link); ok {
				checked++
				rel, _ := filepath.Rel(out, p)
				if _, err := os.Stat(target); err != nil {
					t.Errorf("%s: link %q does not resolve (%s)", rel, link, target)
				} else if !hasFragment(t, target, link) {
					t.Errorf("%s: link %q names an id its target lacks", rel, link)
				}
			}
		}
		return nil
	})
	if checked == 0 {
		t.Error("no relative links found")
	}
}

// markdownToHTML renders a Markdown page the way a permissive host would
// (raw HTML kept), for the link and safety checks.
var markdownToHTML = goldmark.New(goldmark.WithExtensions(extension.GFM), goldmark.WithRendererOptions(html.WithUnsafe()))

// pageHTML returns the page as HTML: HTML pages as they are, Markdown pages
// rendered.
func pageHTML(t *testing.T, p string) []byte {
	t.Helper()
	data, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasSuffix(p, ".md") {
		return data
	}
	var b bytes.Buffer
	if err := markdownToHTML.Convert(data, &b); err != nil {
		t.Fatalf("%s: %v", p, err)
	}
	return b.Bytes()
}

// pageLinks lists the href and src attributes of a page.
func pageLinks(t *testing.T, p string) []string {
	var links []string
	z := xhtml.NewTokenizer(bytes.NewReader(pageHTML(t, p)))
	for tt := z.Next(); tt != xhtml.ErrorToken; tt = z.Next() {
		if tt != xhtml.StartTagToken && tt != xhtml.SelfClosingTagToken {
			continue
		}
		for _, a := range z.Token().Attr {
			if a.Key == "href" || a.Key == "src" {
				links = append(links, a.Val)
			}
		}
	}
	return links
}

// hasFragment reports whether an HTML target has the id a link's fragment
// names; links without a fragment, and Markdown targets, pass.
func hasFragment(t *testing.T, target, link string) bool {
	u, err := url.Parse(link)
	if err != nil || u.Fragment == "" || !strings.HasSuffix(target, ".html") {
		return true
	}
	return strings.Contains(readText(t, target), ` id="`+u.Fragment+`"`)
}

// resolveLink returns the file a relative link points at; ok is false for
// absolute URLs and same-page fragments.
func resolveLink(out, page, link string) (string, bool) {
	u, err := url.Parse(link)
	if err != nil || u.Scheme != "" || u.Host != "" || u.Path == "" {
		return "", false
	}
	target := filepath.Join(filepath.Dir(page), filepath.FromSlash(u.Path))
	if rel, err := filepath.Rel(out, target); err != nil || strings.HasPrefix(rel, "..") {
		return out + "/<outside the site>" + u.Path, true
	}
	return target, true
}

// TestGenerateCommittedSiteIsFresh regenerates the committed site/ from the
// bundled recording with the binary, as make site does, and fails when it
// differs: run `make site` and commit.
func TestGenerateCommittedSiteIsFresh(t *testing.T) {
	t.Parallel()
	out := filepath.Join(t.TempDir(), "site")
	args := []string{"--fixtures", "builtin", "--out", out, "--fields"}
	for _, dir := range siteCompare(t) {
		args = append(args, "--compare", dir)
	}
	runGenerateProcess(t, args...)
	fresh := readTree(t, out)
	committed := readTree(t, filepath.Join("..", "..", "site"))
	for name, data := range fresh {
		old, ok := committed[name]
		switch {
		case !ok:
			t.Errorf("site/%s is missing; run make site and commit site/", name)
		case !bytes.Equal(old, data):
			t.Errorf("site/%s is stale; run make site and commit site/", name)
		}
	}
	for name := range committed {
		if _, ok := fresh[name]; !ok {
			t.Errorf("site/%s is no longer generated; run make site and commit site/", name)
		}
	}
	if t.Failed() {
		t.Logf("site/ was generated from the %s recording (fixtures.Builtin)", fixtures.BuiltinName)
	}
}

// siteCompare is what make site compares the committed site with: the
// Makefile's SITE_COMPARE, relative to this folder.
func siteCompare(t *testing.T) []string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "..", "Makefile"))
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(string(data), "\n") {
		if rest, ok := strings.CutPrefix(line, "SITE_COMPARE ?="); ok {
			var out []string
			for _, dir := range strings.Fields(rest) {
				out = append(out, filepath.Join("..", "..", dir))
			}
			return out
		}
	}
	t.Fatal("Makefile has no SITE_COMPARE line")
	return nil
}

func readTree(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		files[path.Clean(filepath.ToSlash(rel))] = data
		return err
	})
	if err != nil {
		t.Fatalf("reading %s: %v", dir, err)
	}
	return files
}
