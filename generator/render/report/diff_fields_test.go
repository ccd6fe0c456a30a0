package report

import (
	"bytes"
	"strings"
	"testing"

	"github.com/kube-apidocs/kube-apidocs/generator/model"
)

// fieldsDiff is an otherwise empty diff with one of each field change,
// a hostile enum value and both kinds of deprecation source.
func fieldsDiff() *model.APIDiff {
	d := hostileDiff()
	d.Groups.Added, d.Resources.Added, d.Resources.Changed = []string{}, []string{}, []model.FieldChange{}
	d.Fields = model.FieldDiff{
		Compared: true, Missing: []string{}, Kinds: 3,
		Added:   []string{"v1 Pod.spec.resources"},
		Removed: []string{"v1 Pod.spec.resourceClaims.source"},
		Changed: []model.SchemaChange{
			{Field: "v1 Pod.spec.hostAliases.ip", Change: "required", Old: false, New: true},
			{Field: "v1 Service.spec.type", Change: "enum", Old: []string{"A"}, New: []string{"<b>B</b>"}, Added: []string{"<b>B</b>"}, Removed: []string{"A"}},
			{Field: "v1 Service.spec.type", Change: "type", Old: "string", New: "integer"},
		},
	}
	d.Deprecated = model.Deprecations{
		Resources: []model.DeprecatedResource{
			{Resource: "flowcontrol.apiserver.k8s.io/v1beta3/flowschemas", DeprecatedIn: "1.29", RemovedIn: "1.32", Replacement: "flowcontrol.apiserver.k8s.io/v1", Source: "https://kubernetes.io/docs/reference/using-api/deprecation-guide/#flowcontrol-resources-v132"},
			{Resource: "v1/componentstatuses", Source: "openapi:v1 ComponentStatus"},
		},
		Fields: []string{"v1 Pod.spec.serviceAccount"},
	}
	return d
}

func TestDiffTextFields(t *testing.T) {
	var b bytes.Buffer
	if err := DiffText(&b, fieldsDiff()); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	want := `  fields          1 added, 1 removed, 2 changed in 3 kinds served on both sides
  deprecated      2 resources still served, 1 fields newly deprecated

Fields removed
  - v1 Pod.spec.resourceClaims.source

Fields added
  + v1 Pod.spec.resources

Fields changed
  ~ v1 Pod.spec.hostAliases.ip
      now required
  ~ v1 Service.spec.type
      enum: +<b>B</b> -A
      type: string → integer

Deprecated but still served
  ! flowcontrol.apiserver.k8s.io/v1beta3/flowschemas
      deprecated in 1.29, removal planned in 1.32 — use flowcontrol.apiserver.k8s.io/v1 (https://kubernetes.io/docs/reference/using-api/deprecation-guide/#flowcontrol-resources-v132)
  ! v1/componentstatuses deprecated (openapi:v1 ComponentStatus)

Fields newly deprecated
  ! v1 Pod.spec.serviceAccount
`
	if !strings.HasSuffix(out, want) {
		t.Errorf("text ends\n%s\nwant\n%s", out, want)
	}
}

func TestDiffTextFieldsMissing(t *testing.T) {
	d := hostileDiff()
	d.Fields = model.FieldDiff{Missing: []string{model.SideOld}, Added: []string{}, Removed: []string{}, Changed: []model.SchemaChange{}}
	var b bytes.Buffer
	if err := DiffText(&b, d); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"  fields          not compared (discovery only)\n",
		"Fields not compared\n  ? fields OLD has no OpenAPI v3 documents: discovery compared only\n",
	} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("text lacks %q:\n%s", want, b.String())
		}
	}
}

func TestDiffHTMLFieldsEscapes(t *testing.T) {
	var b bytes.Buffer
	if err := DiffHTML(&b, fieldsDiff(), DiffLinks{}); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	if strings.Contains(out, "<b>B") {
		t.Error("an enum value is HTML")
	}
	for _, want := range []string{"<h2>Fields changed</h2>", "<li>enum: &#43;&lt;b&gt;B&lt;/b&gt; -A</li>", `<a href="https://kubernetes.io/docs/reference/using-api/deprecation-guide/#flowcontrol-resources-v132">`} {
		if !strings.Contains(out, want) {
			t.Errorf("HTML lacks %q", want)
		}
	}
}

func TestDiffMarkdownFields(t *testing.T) {
	var b bytes.Buffer
	if err := DiffMarkdown(&b, fieldsDiff()); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"## Fields added\n\n- `v1 Pod.spec.resources`\n", "  - enum: +\\<b\\>B\\</b\\> -A\n"} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("markdown lacks %q:\n%s", want, b.String())
		}
	}
}
