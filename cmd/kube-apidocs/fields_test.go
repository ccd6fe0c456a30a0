package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	xhtml "golang.org/x/net/html"

	"github.com/kube-apidocs/kube-apidocs/generator/model"
	"github.com/kube-apidocs/kube-apidocs/generator/openapi/openapitest"
	"github.com/kube-apidocs/kube-apidocs/generator/render/site"
)

// crdsFixture is the recording whose OpenAPI v3 documents
// generator/openapi/testdata holds.
const crdsFixture = "../../fixtures/v1.33.13-crds"

// fieldsFixture returns a copy of the v1.33.13-crds recording, which holds
// its OpenAPI v3 documents beside the discovery documents, for tests that
// change them.
func fieldsFixture(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "v1.33.13-crds")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, src := range []string{crdsFixture} {
		entries, err := os.ReadDir(src)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range entries {
			data, err := os.ReadFile(filepath.Join(src, e.Name()))
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(dir, e.Name()), data, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	return dir
}

// fieldElementIDs returns the ids of the field elements (li.field) of an
// HTML page, in document order.
func fieldElementIDs(t *testing.T, page []byte) []string {
	t.Helper()
	doc, err := xhtml.Parse(bytes.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	var walk func(*xhtml.Node)
	walk = func(n *xhtml.Node) {
		if n.Type == xhtml.ElementNode && n.Data == "li" {
			var class, id string
			for _, a := range n.Attr {
				switch a.Key {
				case "class":
					class = a.Val
				case "id":
					id = a.Val
				}
			}
			if class == "field" {
				ids = append(ids, id)
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	return ids
}

// fieldFixtures are the bundled recordings with OpenAPI v3 documents whose
// every field page TestSiteFieldsEveryKind checks, with the fewest
// resource pages each must have.
var fieldFixtures = []struct {
	dir      string
	minPages int
}{
	{crdsFixture, 60},
	{"../../fixtures/v1.29.6", 55},
	{"../../fixtures/v1.30.14", 60},
	{"../../fixtures/v1.31.14", 60},
	{"../../fixtures/v1.32.13", 58},
	{"../../fixtures/v1.33.13-thirdparty", 130},
}

// TestSiteFieldsEveryKind generates the site of each recording of
// fieldFixtures with its field pages and checks each resource page against
// the kind's schema, read from the same OpenAPI documents in process: its
// field elements' ids are exactly the paths of the kind's tree (the paths
// kubectl explain --recursive prints, which the openapi package's parity
// test pins), in the same order.
func TestSiteFieldsEveryKind(t *testing.T) {
	t.Parallel()
	for _, fx := range fieldFixtures {
		t.Run(filepath.Base(fx.dir), func(t *testing.T) {
			t.Parallel()
			checkSiteFields(t, fx.dir, fx.minPages)
		})
	}
}

// checkSiteFields is TestSiteFieldsEveryKind for one recording.
func checkSiteFields(t *testing.T, dir string, minPages int) {
	api := loadFixture(t, dir)
	docs, _, err := openapitest.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	kinds, err := kindSchemas(api, readersOf(docs))
	if err != nil {
		t.Fatal(err)
	}
	schemas := map[site.KindRef]*model.KindSchema{}
	for _, k := range kinds {
		schemas[site.KindRef{Group: k.Group, Version: k.Version, Kind: k.Kind}] = k
	}
	out := sharedSite(t, "--fixtures", dir, "--fields", "--format", "html")
	checked, slugged := 0, 0
	for _, r := range api.AllResources() {
		schema := schemas[site.KindRef{Group: r.Group, Version: r.Version, Kind: r.Resource.Kind}]
		if schema == nil {
			t.Errorf("%s %s: no fields for kind %s", r.APIVersion(), r.Resource.Name, r.Resource.Kind)
			continue
		}
		group := r.Group
		if group == "" {
			group = "core"
		}
		page, err := os.ReadFile(filepath.Join(out, "resources", group, r.Version, r.Resource.Name+".html"))
		if err != nil {
			t.Fatal(err)
		}
		var paths []string
		schema.Walk(func(f model.Field) bool { paths = append(paths, f.Path); return true })
		ids := fieldElementIDs(t, page)
		if len(ids) != len(paths) {
			t.Errorf("%s %s: %d field elements for %d fields", r.APIVersion(), r.Resource.Name, len(ids), len(paths))
			continue
		}
		seen := map[string]bool{}
		for i, p := range paths {
			// A path with other characters ("…openAPIV3Schema.$ref")
			// gets an id of its own.
			if ids[i] != p && (safeAnchor(p) || !strings.HasPrefix(ids[i], "field-")) || seen[ids[i]] {
				t.Errorf("%s %s: field %s has id %q", r.APIVersion(), r.Resource.Name, p, ids[i])
			}
			seen[ids[i]] = true
			if ids[i] != p {
				slugged++
			}
		}
		checked++
	}
	if checked < minPages {
		t.Errorf("only %d resource pages checked", checked)
	}
	t.Logf("%d resource pages checked; %d field ids differ from their path because the path is not a safe id", checked, slugged)
}

// safeAnchor reports whether a path is made of [A-Za-z0-9_.-] only.
func safeAnchor(p string) bool {
	return p != "" && strings.Trim(p, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.-") == ""
}

// TestGenerateFieldPages runs generate on a recording with OpenAPI
// documents: the Deployment page has its fields with anchors and explain
// paths, its skeleton as the manifest, the Markdown page nested lists,
// TokenReview says why it has no manifest, the search index finds
// restartPolicy and containers.image, and every link resolves.
func TestGenerateFieldPages(t *testing.T) {
	t.Parallel()
	out := sharedSite(t, "--fixtures", crdsFixture, "--fields")
	html := readText(t, filepath.Join(out, "resources/apps/v1/deployments.html"))
	for _, want := range []string{
		`<li class="field" id="spec.template.spec.containers"><details><summary><code class="field-name">containers</code> <span class="field-type">[]Container</span> <span class="badge">required</span></summary>`,
		`<code>kubectl explain deployments.spec.template.spec.containers</code>`,
		"<pre><code>apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: example\nspec:\n",
		"image: registry.k8s.io/pause",
		`<dt>Allowed values</dt><dd><code>Recreate</code>, <code>RollingUpdate</code></dd>`,
	} {
		if !strings.Contains(html, want) {
			t.Errorf("deployments.html lacks %s", want)
		}
	}
	md := readText(t, filepath.Join(out, "resources/apps/v1/deployments.md"))
	if want := "            - `containers` `[]Container` **required** — "; !strings.Contains(md, want) {
		t.Errorf("deployments.md lacks %q", want)
	}
	review := readText(t, filepath.Join(out, "resources/authentication.k8s.io/v1/tokenreviews.html"))
	if want := "<p>No manifest is shown for this kind: A TokenReview is a question to the server about a token"; !strings.Contains(review, want) {
		t.Errorf("tokenreviews.html lacks %s", want)
	}
	index := readText(t, filepath.Join(out, "assets/search-index.js"))
	for _, want := range []string{`"t":"fields","l":"Pod","v":"v1","p":"resources/core/v1/pods.html","f":"spec(`, "restartPolicy", "containers(", "image,"} {
		if !strings.Contains(index, want) {
			t.Errorf("search index lacks %s", want)
		}
	}
	checkLinks(t, out)
}

// TestGenerateFieldPagesBrokenOpenAPI checks that a recording whose
// OpenAPI index names a document it lacks, or holds a document that is
// not JSON, fails with one line naming the file or document, and writes
// nothing.
func TestGenerateFieldPagesBrokenOpenAPI(t *testing.T) {
	for _, tc := range []struct {
		name  string
		spoil func(dir string) error
		want  string
	}{
		{"missing document", func(dir string) error {
			return os.Remove(filepath.Join(dir, "openapi__v3__apis__apps__v1.json"))
		}, `openapi__v3.json: paths["apis/apps/v1"]: lists /openapi/v3/apis/apps/v1, but the recording has no openapi__v3__apis__apps__v1.json`},
		{"not the indexed document", func(dir string) error {
			return os.WriteFile(filepath.Join(dir, "openapi__v3__apis__apps__v1.json"), []byte("{"), 0o644)
		}, "openapi__v3__apis__apps__v1.json: its SHA-512 is "},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := fieldsFixture(t)
			if err := tc.spoil(dir); err != nil {
				t.Fatal(err)
			}
			out := filepath.Join(t.TempDir(), "site")
			_, _, err := execute("generate", "--fixtures", dir, "--out", out)
			if err == nil || !strings.Contains(err.Error(), tc.want) || strings.Contains(err.Error(), "\n") {
				t.Errorf("error = %v, want one line with %q", err, tc.want)
			}
			if _, statErr := os.Stat(out); !os.IsNotExist(statErr) {
				t.Errorf("--out was written despite the error (%v)", statErr)
			}
		})
	}
}

// readersOf is docs as kindSchemas takes them: a function per document.
func readersOf(docs map[string][]byte) map[string]func() ([]byte, error) {
	out := make(map[string]func() ([]byte, error), len(docs))
	for p, raw := range docs {
		out[p] = func() ([]byte, error) { return raw, nil }
	}
	return out
}

// TestSourceKeepsRecordingOnlyForFields: the loaded recording (every
// document and its decoded values, about 6 MiB of generate's peak at 1,000
// CRDs) stays with the source only when its OpenAPI documents will be
// asked for, and openAPIDocuments then returns a reader per group-version.
func TestSourceKeepsRecordingOnlyForFields(t *testing.T) {
	t.Parallel()
	for _, fields := range []bool{false, true} {
		src := newSourceOptions()
		src.Fixtures = crdsFixture
		src.forFields(fields)
		if _, err := src.load(&bytes.Buffer{}); err != nil {
			t.Fatal(err)
		}
		if kept := src.rec != nil; kept != fields {
			t.Errorf("fields %v: recording kept after load = %v, want %v", fields, kept, fields)
		}
		docs, err := src.openAPIDocuments()
		if err != nil {
			t.Fatal(err)
		}
		if fields && len(docs) == 0 {
			t.Errorf("fields %v: openAPIDocuments gave no documents, want one per group-version", fields)
		}
		if !fields && docs != nil {
			t.Errorf("fields %v: openAPIDocuments gave %d documents, want none", fields, len(docs))
		}
	}
}
