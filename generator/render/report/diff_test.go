package report

import (
	"bytes"
	"strings"
	"testing"

	"github.com/kube-apidocs/kube-apidocs/generator/model"
	"github.com/kube-apidocs/kube-apidocs/generator/render/site"
)

// hostileDiff carries names a hostile cluster could serve: markup, script,
// backticks, table pipes, terminal escapes and a bidi override.
func hostileDiff() *model.APIDiff {
	evil := "x.example.com/v1/<script>alert(1)</script>`|*[a](javascript:alert(1))\x1b[2J\u202e"
	return &model.APIDiff{
		Old:           model.DiffSide{Version: "v1.0.0", Source: "<b>old</b>"},
		New:           model.DiffSide{Version: "v1.1.0", Source: "new"},
		Groups:        model.NameChanges{Added: []string{"<img src=x onerror=alert(1)>"}, Removed: []string{}},
		GroupVersions: model.GroupVersionChanges{Added: []string{}, Removed: []string{}, PreferredChanged: []model.PreferredChange{}},
		Resources: model.ResourceChanges{Added: []string{evil}, Removed: []string{}, Moved: []model.Move{},
			Changed: []model.FieldChange{{Resource: "v1/pods", Field: "verbs", Old: []string{"get"}, New: []string{"get", "<i>x</i>"}, Added: []string{"<i>x</i>"}}}},
		Subresources: model.SubresourceChanges{Added: []string{}, Removed: []string{}, Changed: []model.SubresourceChange{}},
		RemovalNotes: []model.RemovalNote{},
		Unavailable:  []string{},
	}
}

func TestDiffHTMLEscapes(t *testing.T) {
	var b bytes.Buffer
	if err := DiffHTML(&b, hostileDiff(), DiffLinks{}); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	for _, bad := range []string{"<script", "<img", "<b>", "<i>", "javascript:alert(1)\">"} {
		if strings.Contains(out, bad) {
			t.Errorf("HTML contains %q unescaped", bad)
		}
	}
	if !strings.Contains(out, "&lt;script&gt;alert(1)&lt;/</span><wbr><span>script&gt;") {
		t.Error("escaped script text missing")
	}
}

// TestDiffHTMLLinks checks that removed resources link into the old site,
// added and changed ones (and a subresource's resource) into the new one,
// and that a group-version, which has no resource page, stays unlinked.
func TestDiffHTMLLinks(t *testing.T) {
	d := &model.APIDiff{
		GroupVersions: model.GroupVersionChanges{Removed: []string{"batch/v1beta1"}},
		Resources: model.ResourceChanges{Added: []string{"apps/v1/deployments"}, Removed: []string{"batch/v1beta1/cronjobs"},
			Changed: []model.FieldChange{{Resource: "v1/pods", Field: "kind", Old: "Pod", New: "Pods"}}},
		Subresources: model.SubresourceChanges{Added: []string{"v1/pods/resize"}},
	}
	link := func(side string) func(g, v, r string) string {
		return func(g, v, r string) string { return side + "/" + g + "|" + v + "|" + r }
	}
	path := func(p string) string { return string(site.BreakPath(p)) }
	var b bytes.Buffer
	if err := DiffHTML(&b, d, DiffLinks{Old: link("old"), New: link("new")}); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	for _, want := range []string{
		`<a href="new/apps%7cv1%7cdeployments"><code class="path">` + path("apps/v1/deployments") + `</code></a>`,
		`<a href="old/batch%7cv1beta1%7ccronjobs">`,
		`<a href="new/%7cv1%7cpods"><code class="path">` + path("v1/pods") + `</code></a>`,
		`<a href="new/%7cv1%7cpods"><code class="path">` + path("v1/pods/resize") + `</code></a>`,
		"<span class=\"mark del\">-</span><code class=\"path\">" + path("batch/v1beta1") + "</code>\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("diff page lacks %s:\n%s", want, out)
		}
	}
	b.Reset()
	if err := DiffHTML(&b, d, DiffLinks{New: func(g, v, r string) string { return "javascript:alert(1)" }}); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(b.String(), "javascript:") || strings.Contains(b.String(), `href="old`) {
		t.Error("a javascript: link got through, or a side without a site was linked")
	}
}

func TestDiffMarkdownEscapes(t *testing.T) {
	var b bytes.Buffer
	if err := DiffMarkdown(&b, hostileDiff()); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	for _, want := range []string{
		"- old: v1.0.0 (\\<b\\>old\\</b\\>)",
		"- ``x.example.com/v1/<script>alert(1)</script>`\\|*[a](javascript:alert(1))\\u{001B}[2J\\u{202E}``",
		"- `<img src=x onerror=alert(1)>`",
		"  - verbs: +\\<i\\>x\\</i\\>",
	} {
		if !strings.Contains(out, want+"\n") {
			t.Errorf("markdown lacks line %q; got:\n%s", want, out)
		}
	}
	if strings.ContainsAny(out, "\x1b\u202e") {
		t.Error("markdown carries a raw escape or bidi character")
	}
}

func TestDiffTextIsTerminalSafe(t *testing.T) {
	var b bytes.Buffer
	if err := DiffText(&b, hostileDiff()); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	if strings.ContainsAny(out, "\x1b\u202e") {
		t.Errorf("text output carries a raw escape or bidi character:\n%q", out)
	}
	if !strings.Contains(out, `\u{001B}[2J\u{202E}`) {
		t.Errorf("text output does not show the escapes escaped:\n%s", out)
	}
}
