package site

import (
	"strings"
	"testing"

	"github.com/kube-apidocs/kube-apidocs/generator/model"
)

func TestDeprecatedResourcePages(t *testing.T) {
	schema := gizmoSchema("v1beta1")
	schema.Deprecated = true
	docs := gizmoFields()
	docs[KindRef{Group: "multi.example.com", Version: "v1beta1", Kind: "Gizmo"}] = &FieldDoc{Schema: schema}
	rows := []model.Deprecation{
		{Version: "v1", Kind: "Pod", Resource: "pods", DeprecatedIn: "1.30", Replacement: "<b>nothing</b>", Source: "https://example.com/guide#pods"},
		// later than the server (v1.33.13): not shown
		{Version: "v1", Kind: "Namespace", Resource: "namespaces", DeprecatedIn: "1.40", Source: "https://example.com/guide#ns"},
	}
	files := siteFiles(t, SiteOptions{Fields: docs, Deprecations: rows})
	pods := string(files["resources/core/v1/pods.html"])
	want := `<tr><th>Deprecated</th><td><span class="badge deprecated">deprecated</span> since 1.30, still served; use &lt;b&gt;nothing&lt;/b&gt; (<a href="https://example.com/guide#pods">source</a>)</td></tr>`
	if !strings.Contains(pods, want) {
		t.Errorf("pods.html lacks %s", want)
	}
	if strings.Contains(string(files["resources/core/v1/namespaces.html"]), "<th>Deprecated</th>") {
		t.Error("a row deprecated after the server's release marks its page")
	}
	gizmo := string(files["resources/multi.example.com/v1beta1/gizmos.md"])
	if !strings.Contains(gizmo, "| Deprecated | **deprecated**, still served (source: openapi:multi.example.com/v1beta1 Gizmo) |\n") {
		t.Errorf("the deprecated kind's Markdown page does not say it:\n%s", gizmo)
	}
	if strings.Contains(string(files["resources/multi.example.com/v1/gizmos.html"]), "<th>Deprecated</th>") {
		t.Error("the v1 Gizmo is not deprecated")
	}
}
