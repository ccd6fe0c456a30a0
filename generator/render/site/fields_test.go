package site

import (
	"bytes"
	"slices"
	"strings"
	"testing"

	"github.com/yuin/goldmark"
	xhtml "golang.org/x/net/html"

	"github.com/kube-apidocs/kube-apidocs/generator/model"
)

// gizmoSchema is a CRD-like tree with what a field page must handle: a
// required nested object, a list, enums (the empty string among them), a
// default, CEL rules with "||", a deprecated field, a recursive field, a
// property name that is no safe id, a field named like a section of the
// page, and markup in descriptions.
func gizmoSchema(version string) *model.KindSchema {
	return &model.KindSchema{
		Group: "multi.example.com", Version: version, Kind: "Gizmo", Description: "A Gizmo <b>does</b> things.\nSecond line.",
		Fields: []model.Field{
			{Name: "apiVersion", Path: "apiVersion", Type: "string"},
			{Name: "kind", Path: "kind", Type: "string"},
			{Name: "manifest", Path: "manifest", Type: "string", Description: "Named like the page's manifest section."},
			{Name: "spec", Path: "spec", Type: "Object", Required: true, Description: "Spec <script>alert(1)</script>", Fields: []model.Field{
				{Name: "mode", Path: "spec.mode", Type: "string", Enum: []string{"", "Fast", "Slow"}, Default: `"Fast"`},
				{Name: "size", Path: "spec.size", Type: "integer", Format: "int32", Required: true,
					Validations: []model.Validation{{Rule: "self > 0 || self == -1", Message: "size must be <positive>"}}},
				{Name: "old", Path: "spec.old", Type: "string", Deprecated: true, Description: "Deprecated: use mode."},
				{Name: "app.kubernetes.io/name", Path: "spec.app.kubernetes.io/name", Type: "string"},
				{Name: "parts", Path: "spec.parts", Type: "[]GizmoPart", Fields: []model.Field{
					{Name: "name", Path: "spec.parts.name", Type: "string", Required: true},
					{Name: "parts", Path: "spec.parts.parts", Type: "[]GizmoPart", RecursiveRef: "com.example.multi.v1.GizmoPart"},
				}},
			}},
		},
	}
}

func gizmoFields() map[KindRef]*FieldDoc {
	return map[KindRef]*FieldDoc{
		{Group: "multi.example.com", Version: "v1", Kind: "Gizmo"}:      {Schema: gizmoSchema("v1"), Manifest: "apiVersion: multi.example.com/v1\nkind: Gizmo\n"},
		{Group: "multi.example.com", Version: "v1beta1", Kind: "Gizmo"}: {Schema: gizmoSchema("v1beta1")},
		{Group: "authentication.k8s.io", Version: "v1", Kind: "TokenReview"}: {
			NoManifest: "A TokenReview is a question to the server about a token, answered and never stored.",
		},
	}
}

// fieldIDs returns the ids of the field elements (li.field) of an HTML
// page, in document order.
func fieldIDs(t *testing.T, page []byte) []string {
	t.Helper()
	doc, err := xhtml.Parse(bytes.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	var walk func(*xhtml.Node)
	walk = func(n *xhtml.Node) {
		if n.Type == xhtml.ElementNode && n.Data == "li" && attr(n, "class") == "field" {
			ids = append(ids, attr(n, "id"))
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	return ids
}

func attr(n *xhtml.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

// TestSiteFieldAnchors checks that a page's field elements are the
// schema's fields, one each in the tree's order, with the path as id
// wherever it is a safe id that no section of the page uses, and unique
// ids otherwise.
func TestSiteFieldAnchors(t *testing.T) {
	files := siteFiles(t, SiteOptions{Formats: []string{FormatHTML}, Fields: gizmoFields()})
	ids := fieldIDs(t, files["resources/multi.example.com/v1/gizmos.html"])
	var paths []string
	gizmoSchema("v1").Walk(func(f model.Field) bool { paths = append(paths, f.Path); return true })
	if len(ids) != len(paths) {
		t.Fatalf("%d field elements, want %d (one per field): %q", len(ids), len(paths), ids)
	}
	seen := map[string]bool{}
	for i, p := range paths {
		id := ids[i]
		if seen[id] {
			t.Errorf("id %q is used twice", id)
		}
		seen[id] = true
		switch p {
		case "manifest", "spec.app.kubernetes.io/name":
			if !strings.HasPrefix(id, "field-") || id == p {
				t.Errorf("field %s has id %q, want a field-… id of its own", p, id)
			}
		default:
			if id != p {
				t.Errorf("field %s has id %q, want its path", p, id)
			}
		}
	}
}

// TestSiteFieldPage pins what the HTML page shows of its fields: explain
// paths (with --api-version on the version kubectl would not pick),
// types, required, enums, defaults, rules, deprecated, the recursive
// note, the schema's manifest or the reason there is none, and escaped
// descriptions.
func TestSiteFieldPage(t *testing.T) {
	files := siteFiles(t, SiteOptions{Formats: []string{FormatHTML}, Fields: gizmoFields()})
	v1 := string(files["resources/multi.example.com/v1/gizmos.html"])
	for _, want := range []string{
		`<h2 id="fields">Fields</h2>`,
		`Every field of the kind, 11 in all: what <code>kubectl explain gizmos --recursive</code> lists.`,
		`<li class="field" id="spec.size"><details><summary><code class="field-name">size</code> <span class="field-type">integer</span> <span class="badge">required</span></summary>`,
		`<dt>Format</dt><dd><code>int32</code></dd>`,
		`<dt>Rules</dt><dd><code>self &gt; 0 || self == -1</code>: size must be &lt;positive&gt;</dd>`,
		`<dt>Default</dt><dd><code>&#34;Fast&#34;</code></dd><dt>Allowed values</dt><dd><code>&#34;&#34;</code>, <code>Fast</code>, <code>Slow</code></dd>`,
		`<span class="badge deprecated">deprecated</span>`,
		`<code>kubectl explain gizmos.spec.parts.name</code>`,
		`<code>kubectl explain gizmos.spec.app.kubernetes.io/name</code>`,
		`Its type, <code>GizmoPart</code>, is also the type of a field around it, so its fields are not repeated here: see <a href="#spec.parts">spec.parts</a>.`,
		`<p class="field-desc">Spec &lt;script&gt;alert(1)&lt;/script&gt;</p>`,
		"<p>The kind's required fields, with placeholder values to replace.</p>\n<pre><code>apiVersion: multi.example.com/v1\nkind: Gizmo\n</code></pre>",
		`<div id="field-tools" class="field-tools noprint" data-expand="Expand all" data-collapse="Collapse all"></div>`,
		`placeholder="Search kinds, resources, short names, fields"`,
	} {
		if !strings.Contains(v1, want) {
			t.Errorf("v1 gizmos page lacks %s", want)
		}
	}
	if strings.Contains(v1, "<script>alert") {
		t.Error("a description's markup reached the page unescaped")
	}
	beta := string(files["resources/multi.example.com/v1beta1/gizmos.html"])
	if want := `<code>kubectl explain gizmos.spec.size --api-version=multi.example.com/v1beta1</code>`; !strings.Contains(beta, want) {
		t.Errorf("v1beta1 gizmos page lacks %s", want)
	}
	if want := "<pre><code>apiVersion: multi.example.com/v1beta1\nkind: Gizmo\nmetadata:\n  name: example\n  namespace: default\n</code></pre>"; !strings.Contains(beta, want) {
		t.Errorf("a kind with fields and no manifest of its own lost the minimal manifest; want %s", want)
	}
	review := string(files["resources/authentication.k8s.io/v1/tokenreviews.html"])
	if want := "<h2 id=\"manifest\">Minimal manifest</h2>\n<p>No manifest is shown for this kind: A TokenReview is a question to the server about a token, answered and never stored.</p>\n"; !strings.Contains(review, want) {
		t.Errorf("tokenreviews page lacks the reason it has no manifest:\n%s", review)
	}
	if strings.Contains(review, `id="fields"`) {
		t.Error("tokenreviews page has a fields section without a schema")
	}
}

// TestSiteFieldMarkdown renders the Markdown page of a kind with fields
// through goldmark (what Hugo uses) and checks that the tree comes out as
// nested lists, rules keep their "||", and no markup from the schema
// turns into HTML.
func TestSiteFieldMarkdown(t *testing.T) {
	files := siteFiles(t, SiteOptions{Formats: []string{FormatMarkdown}, Fields: gizmoFields()})
	md := files["resources/multi.example.com/v1/gizmos.md"]
	for _, want := range []string{
		"- `spec` `Object` **required** — Spec \\<script\\>alert(1)\\</script\\>\n\n    `kubectl explain gizmos.spec`\n\n    - `mode` `string`\n\n        Default `\"Fast\"`. ",
		"    - `size` `integer` **required**\n\n        Format `int32`. Rules: `self > 0 || self == -1` (size must be \\<positive\\>). `kubectl explain gizmos.spec.size`\n",
		"Allowed values: `\"\"`, `Fast`, `Slow`.",
		"A Gizmo \\<b\\>does\\</b\\> things. Second line.",
		"        - `parts` `[]GizmoPart`\n\n            Its type, `GizmoPart`, is also the type of a field around it, so its fields are not repeated here: see `spec.parts`. `kubectl explain gizmos.spec.parts.parts`\n",
	} {
		if !bytes.Contains(md, []byte(want)) {
			t.Errorf("gizmos.md lacks %q", want)
		}
	}
	var out bytes.Buffer
	if err := goldmark.Convert(md, &out); err != nil {
		t.Fatal(err)
	}
	html := out.String()
	if strings.Contains(html, "<script") || strings.Contains(html, "<b>does") {
		t.Error("markup from the schema became HTML")
	}
	// spec > parts > parts: three list levels, each inside the item above.
	nested := "<code>kubectl explain gizmos.spec.parts</code></p>\n<ul>\n<li>\n<p><code>name</code>"
	if !strings.Contains(html, nested) {
		t.Errorf("goldmark did not nest spec.parts' fields under it; want %q in\n%s", nested, html)
	}
	if !strings.Contains(html, "<code>self &gt; 0 || self == -1</code>") {
		t.Error("a rule's || did not survive goldmark")
	}
}

// TestSiteFieldSearch checks the search index: a tree of field names for
// the preferred version's page only, without apiVersion, kind, metadata
// or fields whose anchor is not their path; and nothing new without
// fields.
func TestSiteFieldSearch(t *testing.T) {
	files := siteFiles(t, SiteOptions{Formats: []string{FormatHTML}, Fields: gizmoFields()})
	index := string(files["assets/search-index.js"])
	want := `{"t":"fields","l":"Gizmo","v":"multi.example.com/v1","p":"resources/multi.example.com/v1/gizmos.html","f":"spec(mode,size,old,parts(name,parts))"}`
	if !strings.Contains(index, want) {
		t.Errorf("search index lacks %s:\n%s", want, index)
	}
	if n := strings.Count(index, `"t":"fields"`); n != 1 {
		t.Errorf("%d field entries, want 1 (the preferred version's page)", n)
	}
	plain := siteFiles(t, SiteOptions{Formats: []string{FormatHTML}})
	if strings.Contains(string(plain["assets/search-index.js"]), `"fields"`) {
		t.Error("a site without fields has field entries")
	}
}

// TestSiteFieldsOnlyWhereGiven checks that fields for kinds the API does
// not serve change nothing, and that the pages of kinds without a
// FieldDoc are the pages of a site without fields.
func TestSiteFieldsOnlyWhereGiven(t *testing.T) {
	plain := siteFiles(t, SiteOptions{})
	stray := siteFiles(t, SiteOptions{Fields: map[KindRef]*FieldDoc{{Group: "nowhere.example.com", Version: "v1", Kind: "Ghost"}: {Schema: gizmoSchema("v1")}}})
	for name, data := range plain {
		if !bytes.Equal(stray[name], data) {
			t.Errorf("%s changed with fields for a kind the API does not serve", name)
		}
	}
	with := siteFiles(t, SiteOptions{Fields: gizmoFields()})
	for _, name := range []string{"resources/core/v1/pods.html", "resources/apps/v1/deployments.md", "groups/apps.html"} {
		got, want := with[name], plain[name]
		// Only the search box's words may differ: the site now has fields.
		got = bytes.ReplaceAll(got, []byte("short names, fields"), []byte("short names"))
		got = bytes.ReplaceAll(got, []byte("short names, groups and fields"), []byte("short names and groups"))
		if !bytes.Equal(got, want) {
			t.Errorf("%s changed although its kind has no fields:\n%s", name, firstDiff(string(want), string(got)))
		}
	}
	if slices.Contains(fieldIDs(t, with["resources/core/v1/pods.html"]), "spec") {
		t.Error("pods page shows fields")
	}
}

// TestSiteFieldsDeepTree checks that a hostile schema nesting 1,000
// levels shows maxFieldDepth of them, says the rest are too deep, and
// keeps the Markdown page small.
func TestSiteFieldsDeepTree(t *testing.T) {
	var root model.Field
	cur := &root
	path := ""
	for i := 0; i < 1000; i++ {
		name := "f" + strings.Repeat("x", i%3)
		if path != "" {
			path += "."
		}
		path += name
		cur.Fields = []model.Field{{Name: name, Path: path, Type: "Object"}}
		cur = &cur.Fields[0]
	}
	schema := &model.KindSchema{Group: "multi.example.com", Version: "v1", Kind: "Gizmo", Fields: root.Fields}
	files := siteFiles(t, SiteOptions{Fields: map[KindRef]*FieldDoc{{Group: "multi.example.com", Version: "v1", Kind: "Gizmo"}: {Schema: schema}}})
	page := files["resources/multi.example.com/v1/gizmos.html"]
	if n := len(fieldIDs(t, page)); n != maxFieldDepth {
		t.Errorf("%d field elements, want %d", n, maxFieldDepth)
	}
	if !bytes.Contains(page, []byte("Its fields are nested too deep to show here")) {
		t.Error("the deepest field shown does not say its fields were left out")
	}
	if md := files["resources/multi.example.com/v1/gizmos.md"]; len(md) > 1<<20 || !bytes.Contains(md, []byte("Its fields are nested too deep to show here.")) {
		t.Errorf("gizmos.md is %d bytes, or lacks the too-deep note", len(md))
	}
}
