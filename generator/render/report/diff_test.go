package report

import (
	"bytes"
	"strings"
	"testing"

	"github.com/kube-apidocs/kube-apidocs/generator/model"
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
	if err := DiffHTML(&b, hostileDiff()); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	for _, bad := range []string{"<script", "<img", "<b>", "<i>", "javascript:alert(1)\">"} {
		if strings.Contains(out, bad) {
			t.Errorf("HTML contains %q unescaped", bad)
		}
	}
	if !strings.Contains(out, "&lt;script&gt;alert(1)&lt;/script&gt;") {
		t.Error("escaped script text missing")
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
