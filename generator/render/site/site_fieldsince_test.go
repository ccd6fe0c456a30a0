package site

import (
	"strings"
	"testing"

	"github.com/kube-apidocs/kube-apidocs/generator/model"
)

// sinceMatrix is smallMatrix with a field history: the v1 Gizmo gained
// spec.mode and spec.parts.name in v1.33.13 (column 1), and a path no page
// shows, with markup in it.
func sinceMatrix() *model.Matrix {
	m := smallMatrix()
	m.Fields = &model.FieldHistory{Columns: []int{0, 1}, Kinds: []model.KindHistory{
		{Group: "multi.example.com", Version: "v1", Kind: "Gizmo", Since: map[string]int{
			"spec.mode": 1, "spec.parts.name": 1, "spec.<b>gone</b>": 1,
		}},
	}}
	return m
}

func TestFieldSince(t *testing.T) {
	files := siteFiles(t, SiteOptions{Matrix: sinceMatrix(), Fields: gizmoFields()})
	page := string(files["resources/multi.example.com/v1/gizmos.html"])
	since := `<span class="field-since">since v1.33.13 of v1.29.6…v1.33.13</span>`
	if n := strings.Count(page, since); n != 2 {
		t.Errorf("the v1 Gizmo page says %q %d times, want 2 (spec.mode, spec.parts.name)", since, n)
	}
	if !strings.Contains(page, `<code class="field-name">mode</code> <span class="field-type">string</span> `+since) {
		t.Error("spec.mode does not say since when it exists")
	}
	if strings.Contains(string(files["resources/multi.example.com/v1beta1/gizmos.html"]), "field-since") {
		t.Error("the v1beta1 Gizmo has no history, yet its page says since")
	}
	md := string(files["resources/multi.example.com/v1/gizmos.md"])
	if !strings.Contains(md, "- `mode` `string` *since v1.33.13 of v1.29.6…v1.33.13*") {
		t.Errorf("the Markdown page lacks the since of spec.mode:\n%s", md)
	}

	versions := string(files["versions.html"])
	for _, want := range []string{
		`<h2 id="fields-added">Fields added per release</h2>`,
		`<tr><td>multi.example.com/v1</td><td><a href="resources/multi.example.com/v1/gizmos.html#fields">Gizmo</a></td><td><a href="#added-v1.33.13-multi.example.com-v1-gizmo">3</a></td></tr>`,
		`<h3 id="added-v1.33.13-multi.example.com-v1-gizmo">Gizmo (multi.example.com/v1): added in v1.33.13</h3>`,
		`<li><a href="resources/multi.example.com/v1/gizmos.html#spec.mode"><code>spec.mode</code></a></li>`,
		`<li><code>spec.&lt;b&gt;gone&lt;/b&gt;</code></li>`,
	} {
		if !strings.Contains(versions, want) {
			t.Errorf("versions.html lacks %s", want)
		}
	}
	vmd := string(files["versions.md"])
	for _, want := range []string{
		"| `multi.example.com/v1` | [Gizmo](resources/multi.example.com/v1/gizmos.md) | [3](#added-v1.33.13-multi.example.com-v1-gizmo) |",
		"- [`spec.parts.name`](resources/multi.example.com/v1/gizmos.md)\n",
	} {
		if !strings.Contains(vmd, want) {
			t.Errorf("versions.md lacks %q:\n%s", want, vmd)
		}
	}
}

// TestFieldSinceWithoutHistory: a matrix without a field history leaves
// the pages as they were.
func TestFieldSinceWithoutHistory(t *testing.T) {
	files := siteFiles(t, SiteOptions{Matrix: smallMatrix(), Fields: gizmoFields()})
	for name, data := range files {
		if strings.HasPrefix(name, "assets/") {
			continue
		}
		if strings.Contains(string(data), "field-since") || strings.Contains(string(data), "Fields added per release") {
			t.Errorf("%s shows a field history that was not given", name)
		}
	}
}
