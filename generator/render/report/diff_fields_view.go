package report

import (
	"fmt"
	"strings"
	"sync"
	"text/template"

	"github.com/kube-apidocs/kube-apidocs/generator/model"
	"github.com/kube-apidocs/kube-apidocs/templates"
)

// phrases is templates/report/phrases.txt.tmpl: the wording of the diff
// and matrix reports, the same for every output. It is parsed on first
// use, not at init: every command links this package, few print a report.
var phrases = sync.OnceValue(func() *template.Template {
	return template.Must(template.New("phrases").Option("missingkey=error").Funcs(template.FuncMap{
		"fail": func(name string) (string, error) { return "", fmt.Errorf("no phrase for %q", name) },
	}).ParseFS(templates.FS, "report/phrases.txt.tmpl"))
})

// phrase executes one block of phrases.
func phrase(name string, data any) string {
	var b strings.Builder
	if err := phrases().ExecuteTemplate(&b, name, data); err != nil {
		panic(fmt.Sprintf("report/phrases.txt.tmpl: %v", err)) // embedded at build time; the tests execute every block
	}
	return b.String()
}

// word is a phrase that takes no data.
func word(name string) string { return phrase(name, nil) }

func sectionTitle(name string) string { return phrase("section", map[string]string{"Name": name}) }

func summaryLabel(name string) string {
	return phrase("summary-label", map[string]string{"Name": name})
}

// fieldSummary is the summary rows of the fields and deprecations sections.
func fieldSummary(d *model.APIDiff) []summaryRow {
	f := d.Fields
	return []summaryRow{
		{summaryLabel("fields"), phrase("fields-summary", map[string]any{
			"Compared": f.Compared, "Kinds": f.Kinds, "Added": len(f.Added), "Removed": len(f.Removed), "Changed": countFields(f.Changed),
		})},
		{summaryLabel("deprecated"), phrase("deprecated-summary", map[string]int{"Resources": len(d.Deprecated.Resources), "Fields": len(d.Deprecated.Fields)})},
	}
}

func countFields(changes []model.SchemaChange) int {
	return countRuns(changes, func(c model.SchemaChange) string { return c.Field })
}

// fieldSections are the sections of the fields and deprecations parts.
func fieldSections(d *model.APIDiff) []diffSection {
	return []diffSection{
		{sectionTitle("fields-not-compared"), missingItems(d.Fields)},
		{sectionTitle("fields-removed"), plainItems("-", d.Fields.Removed, nil)},
		{sectionTitle("fields-added"), plainItems("+", d.Fields.Added, nil)},
		{sectionTitle("fields-changed"), schemaItems(d.Fields.Changed)},
		{sectionTitle("deprecated-resources"), deprecatedItems(d.Deprecated.Resources)},
		{sectionTitle("deprecated-fields"), plainItems("!", d.Deprecated.Fields, nil)},
	}
}

func missingItems(f model.FieldDiff) []diffItem {
	if len(f.Missing) == 0 {
		return nil
	}
	has := map[string]bool{}
	for _, m := range f.Missing {
		has[m] = true
	}
	return []diffItem{{Mark: "?", Subject: "fields", Detail: phrase("fields-missing", map[string]bool{"Old": has[model.SideOld], "New": has[model.SideNew]})}}
}

// schemaItems lists the changes by field, one line per change.
func schemaItems(changes []model.SchemaChange) []diffItem {
	var out []diffItem
	for _, c := range changes {
		if len(out) == 0 || out[len(out)-1].Subject != c.Field {
			out = append(out, diffItem{Mark: "~", Subject: c.Field})
		}
		last := &out[len(out)-1]
		last.Fields = append(last.Fields, schemaChangeText(c))
	}
	return out
}

func schemaChangeText(c model.SchemaChange) string {
	return phrase("field-change", map[string]any{
		"Change": c.Change, "Old": c.Old, "New": c.New, "Added": c.Added, "Removed": c.Removed,
	})
}

// deprecatedItems lists the deprecated resources NEW serves; a source that
// is a link becomes the item's note link, another is named in the detail.
func deprecatedItems(rs []model.DeprecatedResource) []diffItem {
	out := make([]diffItem, 0, len(rs))
	for _, r := range rs {
		it := diffItem{Mark: "!", Subject: r.Resource}
		note := phrase("deprecated-note", r)
		if strings.HasPrefix(r.Source, "https://") {
			it.Note, it.NoteURL = note, r.Source
		} else {
			it.Detail = note + " (" + r.Source + ")"
		}
		out = append(out, it)
	}
	return out
}
