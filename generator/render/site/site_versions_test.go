package site

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kube-apidocs/kube-apidocs/generator/model"
)

// smallMatrix lines smallAPI (v1.33.13) up with an older surface, written
// by hand: gizmos were only v1beta1 there, tokenreviews did not exist, and
// flowschemas, which smallAPI lacks, were served in v1beta3.
func smallMatrix() *model.Matrix {
	v1 := func() model.MatrixCell { return model.MatrixCell{Versions: []string{"v1"}, Preferred: "v1"} }
	none := model.MatrixCell{Versions: []string{}}
	return &model.Matrix{
		Columns: []model.MatrixColumn{
			{Label: "v1.29.6", Version: "v1.29.6", Source: "old"},
			{Label: "v1.33.13", Version: "v1.33.13", Source: "new"},
		},
		Rows: []model.MatrixRow{
			{Group: "", Resource: "namespaces", Cells: []model.MatrixCell{v1(), v1()}},
			{Group: "", Resource: "pods", Cells: []model.MatrixCell{v1(), v1()}},
			{Group: "apps", Resource: "deployments", Cells: []model.MatrixCell{v1(), v1()}},
			{Group: "authentication.k8s.io", Resource: "tokenreviews", Cells: []model.MatrixCell{none, v1()}},
			{Group: "flowcontrol.apiserver.k8s.io", Resource: "flowschemas", Cells: []model.MatrixCell{{Versions: []string{"v1beta3"}, Preferred: "v1beta3"}, none}},
			{Group: "multi.example.com", Resource: "gizmos", Cells: []model.MatrixCell{
				{Versions: []string{"v1beta1"}, Preferred: "v1beta1"}, {Versions: []string{"v1", "v1beta1"}, Preferred: "v1"},
			}},
		},
	}
}

// matrixGolden are the pages of the compared site held as golden files;
// the rest are checked by the tests below and by TestSiteGolden's pages.
var matrixGolden = []string{
	"versions.html", "versions.md", "index.md",
	"resources/multi.example.com/v1beta1/gizmos.html", "resources/multi.example.com/v1beta1/gizmos.md",
	"resources/authentication.k8s.io/v1/tokenreviews.md",
}

// TestSiteMatrixGolden compares the versions page and a few pages that
// show the matrix with testdata/matrix; -update rewrites them.
func TestSiteMatrixGolden(t *testing.T) {
	got := siteFiles(t, SiteOptions{Matrix: smallMatrix()})
	for _, name := range matrixGolden {
		data, ok := got[name]
		if !ok {
			t.Errorf("%s was not generated", name)
			continue
		}
		p := filepath.Join("testdata", "matrix", filepath.FromSlash(name))
		if *update {
			writeFile(t, p, data)
			continue
		}
		golden, err := os.ReadFile(p)
		if err != nil {
			t.Errorf("%s: %v (run go test ./generator/render/site -update)", name, err)
			continue
		}
		if !bytes.Equal(golden, data) {
			t.Errorf("%s differs from its golden file (run go test ./generator/render/site -update and review the diff)\n%s", name, firstDiff(string(golden), string(data)))
		}
	}
}

func siteFiles(t *testing.T, opts SiteOptions) map[string][]byte {
	t.Helper()
	files, err := Site(smallAPI(), opts)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][]byte{}
	for _, f := range files {
		out[f.Path] = f.Data
	}
	return out
}

// TestSiteMatrixServedSince pins the served-since lines, the navigation
// link and the links of the versions page.
func TestSiteMatrixServedSince(t *testing.T) {
	got := siteFiles(t, SiteOptions{Matrix: smallMatrix()})
	contains := map[string][]string{
		"resources/apps/v1/deployments.md": {
			"| Served since | `v1.29.6` ([of the versions compared](#across-versions)) |",
			"Served since `v1.29.6` (of the versions compared: v1.29.6, v1.33.13); as `apps/v1` since `v1.29.6`.",
			"[versions compared](../../../versions.md#row-apps-deployments)",
		},
		"resources/multi.example.com/v1/gizmos.html": {
			"Served since <code>v1.29.6</code> (of the versions compared: v1.29.6, v1.33.13); as <code>multi.example.com/v1</code> since <code>v1.33.13</code>.",
			"<tr><td>v1.29.6</td><td><strong>v1beta1</strong></td></tr>",
			"<tr><td>v1.33.13</td><td><strong>v1</strong>, v1beta1</td></tr>",
		},
		"resources/authentication.k8s.io/v1/tokenreviews.html": {
			"<tr><th>Served since</th><td><code>v1.33.13</code>",
			"<tr><td>v1.29.6</td><td>—</td></tr>",
		},
		"versions.html": {
			`<tr id="row-flowcontrol.apiserver.k8s.io-flowschemas"><td>flowcontrol.apiserver.k8s.io</td><td>flowschemas</td><td>v1.29.6</td><td><strong>v1beta3</strong></td><td>—</td></tr>`,
			`<tr id="row-apps-deployments"><td><a href="groups/apps.html">apps</a></td><td><a href="resources/apps/v1/deployments.html">deployments</a></td><td>v1.29.6</td>`,
		},
		"groups/apps.html": {`<a href="../versions.html">Versions</a>`},
		"index.html":       {`<dt>Versions compared</dt><dd><a href="versions.html">v1.29.6, v1.33.13</a>`},
	}
	for name, wants := range contains {
		for _, want := range wants {
			if !strings.Contains(string(got[name]), want) {
				t.Errorf("%s lacks %s", name, want)
			}
		}
	}
}

// TestSiteMatrixSingleColumnChangesNothing checks that a matrix of one API
// surface leaves every file as the site without a matrix has it.
func TestSiteMatrixSingleColumnChangesNothing(t *testing.T) {
	m := smallMatrix()
	m.Columns = m.Columns[1:]
	for i := range m.Rows {
		m.Rows[i].Cells = m.Rows[i].Cells[1:]
	}
	plain, one := siteFiles(t, SiteOptions{}), siteFiles(t, SiteOptions{Matrix: m})
	if len(plain) != len(one) {
		t.Fatalf("%d files without a matrix, %d with a single column", len(plain), len(one))
	}
	for name, data := range plain {
		if !bytes.Equal(one[name], data) {
			t.Errorf("%s changed with a single-column matrix", name)
		}
	}
}

// TestSiteMatrixEscapes puts markup in a column label and a row's names:
// HTML pages escape it, Markdown pages backslash it, and the determinism
// of two runs holds.
func TestSiteMatrixEscapes(t *testing.T) {
	m := smallMatrix()
	m.Columns[0].Label = `v1.0<script>alert(1)</script>`
	m.Rows = append(m.Rows, model.MatrixRow{Group: `evil"><img src=x>`, Resource: "a|b*c\u202e", Cells: []model.MatrixCell{
		{Versions: []string{"<v1>"}, Preferred: "<v1>"}, {Versions: []string{}},
	}})
	got := siteFiles(t, SiteOptions{Matrix: m})
	again := siteFiles(t, SiteOptions{Matrix: m})
	html, md := string(got["versions.html"]), string(got["versions.md"])
	for _, bad := range []string{"<script>alert", "<img", "<v1>", "\u202e"} {
		if strings.Contains(html, bad) || strings.Contains(strings.ReplaceAll(md, `\<`, ""), bad) {
			t.Errorf("versions page holds %q unescaped", bad)
		}
	}
	for _, want := range []string{"v1.0&lt;script&gt;alert(1)&lt;/script&gt;", "evil&#34;&gt;&lt;img src=x&gt;", "<strong>&lt;v1&gt;</strong>", `a|b*c\u{202E}`} {
		if !strings.Contains(html, want) {
			t.Errorf("versions.html lacks %s", want)
		}
	}
	for _, want := range []string{`v1.0\<script\>alert(1)\</script\>`, `evil"\>\<img src=x\>`, `a\|b\*c\\u\{202E\}`, `**\<v1\>**`} {
		if !strings.Contains(md, want) {
			t.Errorf("versions.md lacks %s", want)
		}
	}
	for name, data := range got {
		if !bytes.Equal(again[name], data) {
			t.Errorf("%s differs between two runs", name)
		}
	}
}

// TestTemplateBlocksDocumented checks that README.md's template block
// table names every block the embedded templates define, since the block
// names are the public API of --templates.
func TestTemplateBlocksDocumented(t *testing.T) {
	readme, err := os.ReadFile(filepath.Join("..", "..", "..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	sets, err := parseSets(SiteOptions{})
	if err != nil {
		t.Fatal(err)
	}
	htmlSet, mdSet := sets.html, sets.md
	var names []string
	for _, tmpl := range htmlSet.Templates() {
		names = append(names, tmpl.Name())
	}
	for _, tmpl := range mdSet.Templates() {
		names = append(names, tmpl.Name())
	}
	for _, name := range names {
		if name == "site" || strings.HasSuffix(name, ".tmpl") {
			continue // the root and the per-file templates, not blocks
		}
		if !bytes.Contains(readme, []byte("`"+name+"`")) {
			t.Errorf("README.md does not document the template block %q", name)
		}
	}
}
