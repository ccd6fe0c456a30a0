package diff_test

import (
	"compress/gzip"
	"encoding/json"
	"errors"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/kube-apidocs/kube-apidocs/generator/diff"
	"github.com/kube-apidocs/kube-apidocs/generator/model"
	"github.com/kube-apidocs/kube-apidocs/generator/openapi"
	"github.com/kube-apidocs/kube-apidocs/generator/openapi/openapitest"
	"github.com/kube-apidocs/kube-apidocs/generator/recording"
	"github.com/kube-apidocs/kube-apidocs/generator/source"
)

// loadWithKinds builds a recording's model and the field trees of its
// served kinds the way the diff command does, once per folder for every
// test that asks: the tests only read them.
func loadWithKinds(t testing.TB, dir string) (*model.API, []*model.KindSchema) {
	t.Helper()
	v, _ := loaded.LoadOrStore(filepath.Clean(dir), &loadedRecording{})
	l := v.(*loadedRecording)
	l.once.Do(func() { l.api, l.kinds, l.err = readWithKinds(dir) })
	if l.err != nil {
		t.Fatal(l.err)
	}
	return l.api, l.kinds
}

// loaded are the recordings loadWithKinds read, by folder.
var loaded sync.Map

type loadedRecording struct {
	once  sync.Once
	api   *model.API
	kinds []*model.KindSchema
	err   error
}

// readWithKinds is loadWithKinds' work.
func readWithKinds(dir string) (*model.API, []*model.KindSchema, error) {
	rec, err := recording.LoadDir(dir, recording.LoadOptions{OpenAPI: true})
	if err != nil {
		return nil, nil, err
	}
	api, err := source.FromRecording(rec, source.DiscoverOptions{})
	if err != nil {
		return nil, nil, err
	}
	docs, err := openapitest.ReadAll(rec.OpenAPIV3DocumentReaders())
	if err != nil {
		return nil, nil, err
	}
	if len(docs) == 0 {
		return api, nil, nil
	}
	schemas, err := openapi.Parse(docs)
	if err != nil {
		return nil, nil, err
	}
	kinds := []*model.KindSchema{}
	for _, g := range api.Groups {
		for _, v := range g.Versions {
			for _, r := range v.Resources {
				k, err := schemas.Kind(openapi.GVK{Group: g.Name, Version: v.Version, Kind: r.Kind})
				if errors.Is(err, openapi.ErrNoKind) || errors.Is(err, openapi.ErrNoDocument) {
					continue
				}
				if err != nil {
					return nil, nil, err
				}
				kinds = append(kinds, k)
			}
		}
	}
	return api, kinds, nil
}

// rawField is what the test reads of one field: required, enum, and a
// type signature, independently of generator/openapi.
type rawField struct {
	required bool
	typ      string
	enum     []string
}

// readRawFields reads every openapi__v3__api*.json(.gz) of dir with
// encoding/json and walks each kind of kinds (keys "apps/v1 Deployment"):
// properties by name, through $ref, allOf, items and additionalProperties,
// a $ref already on the path not expanded again. Keys are "apps/v1
// Deployment.spec.replicas".
func readRawFields(t *testing.T, dir string, kinds map[string]bool) map[string]rawField {
	t.Helper()
	out := map[string]rawField{}
	files, _ := filepath.Glob(filepath.Join(dir, "openapi__v3__api*"))
	for _, file := range files {
		name := strings.TrimSuffix(strings.TrimSuffix(filepath.Base(file), ".gz"), ".json")
		parts := strings.Split(strings.TrimPrefix(name, "openapi__v3__"), "__")
		var gv string
		switch {
		case len(parts) == 2 && parts[0] == "api":
			gv = parts[1]
		case len(parts) == 3 && parts[0] == "apis":
			gv = parts[1] + "/" + parts[2]
		default:
			continue
		}
		var doc struct {
			Components struct{ Schemas map[string]map[string]any }
		}
		readMaybeGzip(t, file, &doc)
		schemas := doc.Components.Schemas
		names := make([]string, 0, len(schemas))
		for n := range schemas {
			names = append(names, n)
		}
		sort.Strings(names)
		for _, n := range names {
			gvks, _ := schemas[n]["x-kubernetes-group-version-kind"].([]any)
			for _, x := range gvks {
				m := x.(map[string]any)
				key := model.GroupVersion(m["group"].(string), m["version"].(string)) + " " + m["kind"].(string)
				if strings.HasPrefix(key, gv+" ") && kinds[key] {
					if _, done := out[key]; !done {
						out[key] = rawField{} // the kind itself, removed below
						walkRaw(schemas, schemas[n], key+".", []string{n}, out)
					}
				}
			}
		}
	}
	for k := range kinds {
		delete(out, k)
	}
	return out
}

func walkRaw(schemas map[string]map[string]any, s map[string]any, prefix string, history []string, out map[string]rawField) {
	if ref, ok := s["$ref"].(string); ok {
		name := strings.TrimPrefix(ref, "#/components/schemas/")
		for _, h := range history {
			if h == name {
				return
			}
		}
		history = append(history[:len(history):len(history)], name)
		s = schemas[name]
	}
	props, _ := s["properties"].(map[string]any)
	required := map[string]bool{}
	for _, r := range asList(s["required"]) {
		required[r.(string)] = true
	}
	for name, p := range props {
		p := p.(map[string]any)
		path := prefix + name
		if _, seen := out[path]; !seen {
			out[path] = rawField{required: required[name], typ: rawType(schemas, p), enum: enumOf(schemas, p)}
		}
		walkRaw(schemas, p, path+".", history, out)
	}
	for _, a := range asList(s["allOf"]) {
		walkRaw(schemas, a.(map[string]any), prefix, history, out)
	}
	for _, key := range []string{"items", "additionalProperties"} {
		if sub, ok := s[key].(map[string]any); ok && len(sub) > 0 {
			walkRaw(schemas, sub, prefix, history, out)
		}
	}
}

// rawType is a type signature: "[]" and "map[string]" prefixes, the
// component a $ref names, or the JSON type.
func rawType(schemas map[string]map[string]any, s map[string]any) string {
	if all := asList(s["allOf"]); len(all) == 1 && s["properties"] == nil {
		return rawType(schemas, all[0].(map[string]any))
	}
	if items, ok := s["items"].(map[string]any); ok && len(items) > 0 {
		return "[]" + rawType(schemas, items)
	}
	if values, ok := s["additionalProperties"].(map[string]any); ok && len(values) > 0 {
		return "map[string]" + rawType(schemas, values)
	}
	if ref, ok := s["$ref"].(string); ok {
		target := schemas[strings.TrimPrefix(ref, "#/components/schemas/")]
		if t, _ := target["type"].(string); t != "" && t != "object" {
			return t
		}
		return ref[strings.LastIndex(ref, ".")+1:]
	}
	if t, _ := s["type"].(string); t != "" && t != "object" {
		return t
	}
	return "Object"
}

// enumOf is the field's enum, from the property, its allOf members or the
// components they name, as a sorted set (v1.29.6 lists Service's
// externalTrafficPolicy values twice).
func enumOf(schemas map[string]map[string]any, p map[string]any) []string {
	candidates := []map[string]any{p}
	for _, a := range asList(p["allOf"]) {
		candidates = append(candidates, a.(map[string]any))
	}
	for _, c := range candidates {
		if ref, ok := c["$ref"].(string); ok {
			candidates = append(candidates, schemas[strings.TrimPrefix(ref, "#/components/schemas/")])
		}
	}
	for _, c := range candidates {
		if values := asList(c["enum"]); len(values) > 0 {
			set := map[string]bool{}
			for _, v := range values {
				b, _ := json.Marshal(v)
				if s, ok := v.(string); ok {
					b = []byte(s)
				}
				set[string(b)] = true
			}
			out := []string{}
			for v := range set {
				out = append(out, v)
			}
			sort.Strings(out)
			return out
		}
	}
	return []string{}
}

func asList(v any) []any { l, _ := v.([]any); return l }

func readMaybeGzip(t *testing.T, file string, v any) {
	t.Helper()
	f, err := os.Open(file)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var r io.Reader = f
	if strings.HasSuffix(file, ".gz") {
		if r, err = gzip.NewReader(f); err != nil {
			t.Fatal(err)
		}
	}
	if err := json.NewDecoder(r).Decode(v); err != nil {
		t.Fatalf("%s: %v", file, err)
	}
}

// rawKinds reads the kinds of the resources each group-version document of
// a recording lists ("apps/v1 Deployment").
func rawKinds(t *testing.T, dir string) map[string]bool {
	t.Helper()
	out := map[string]bool{}
	files, _ := filepath.Glob(filepath.Join(dir, "api*__*.json"))
	for _, file := range files {
		var list struct {
			GroupVersion string
			Resources    []struct{ Name, Kind string }
		}
		readJSON(t, file, &list)
		for _, r := range list.Resources {
			if list.GroupVersion != "" && !strings.Contains(r.Name, "/") {
				out[list.GroupVersion+" "+r.Kind] = true
			}
		}
	}
	return out
}

// expectedFields computes the fields section from the raw documents.
func expectedFields(t *testing.T, oldDir, newDir string) (added, removed []string, changed []model.SchemaChange) {
	ok, nk := rawKinds(t, oldDir), rawKinds(t, newDir)
	both := map[string]bool{}
	for k := range ok {
		if nk[k] {
			both[k] = true
		}
	}
	of, nf := readRawFields(t, oldDir, both), readRawFields(t, newDir, both)
	added, removed, changed = []string{}, []string{}, []model.SchemaChange{}
	for p, n := range nf {
		o, in := of[p]
		switch {
		case !in:
			added = append(added, p)
		default:
			if o.required != n.required {
				changed = append(changed, model.SchemaChange{Field: p, Change: "required", Old: o.required, New: n.required})
			}
			if o.typ != n.typ {
				changed = append(changed, model.SchemaChange{Field: p, Change: "type", Old: o.typ, New: n.typ})
			}
			if !reflect.DeepEqual(o.enum, n.enum) {
				changed = append(changed, model.SchemaChange{Field: p, Change: "enum", Old: o.enum, New: n.enum})
			}
		}
	}
	for p := range of {
		if _, in := nf[p]; !in {
			removed = append(removed, p)
		}
	}
	sort.Strings(added)
	sort.Strings(removed)
	sort.Slice(changed, func(i, j int) bool {
		return changed[i].Field < changed[j].Field || changed[i].Field == changed[j].Field && changed[i].Change < changed[j].Change
	})
	return added, removed, changed
}

// checkFieldDiff compares the fields section of diff.Compare with the one
// computed from the raw documents.
func checkFieldDiff(t *testing.T, oldDir, newDir string) *model.APIDiff {
	t.Helper()
	oldAPI, oldKinds := loadWithKinds(t, oldDir)
	newAPI, newKinds := loadWithKinds(t, newDir)
	d := diff.Compare(oldAPI, newAPI, diff.Options{OldKinds: oldKinds, NewKinds: newKinds})
	added, removed, changed := expectedFields(t, oldDir, newDir)
	if !reflect.DeepEqual(d.Fields.Added, added) {
		t.Errorf("fields added: got %d, want %d; only got: %v; only want: %v", len(d.Fields.Added), len(added), minus(d.Fields.Added, added), minus(added, d.Fields.Added))
	}
	if !reflect.DeepEqual(d.Fields.Removed, removed) {
		t.Errorf("fields removed: got %v, want %v", d.Fields.Removed, removed)
	}
	got := make([]model.SchemaChange, len(d.Fields.Changed))
	for i, c := range d.Fields.Changed {
		c.Added, c.Removed = nil, nil
		got[i] = c
	}
	if !reflect.DeepEqual(got, changed) {
		t.Errorf("fields changed:\n got %v\nwant %v", got, changed)
	}
	return d
}

func minus(a, b []string) []string {
	in := map[string]bool{}
	for _, s := range b {
		in[s] = true
	}
	out := []string{}
	for _, s := range a {
		if !in[s] {
			out = append(out, s)
		}
	}
	return out
}

// TestFieldDiffRecorded holds the fields section of v1.29.6 → v1.33.13 to
// the sets computed from the raw OpenAPI documents, and pins facts of
// those releases.
func TestFieldDiffRecorded(t *testing.T) {
	t.Parallel()
	d := checkFieldDiff(t, filepath.Join(fixturesDir, "v1.29.6"), filepath.Join(fixturesDir, "v1.33.13"))
	pinFieldFacts(t, d)
}

// TestFieldDiffReleases holds the fields section of each pair of adjacent
// bundled releases to the sets computed from the raw OpenAPI documents, and
// pins in which release a field of each pair's release notes appeared.
func TestFieldDiffReleases(t *testing.T) {
	for _, c := range []struct {
		old, new string
		added    []string
		removed  string // one of the fields removed, if any
		changed  int    // fields with a changed required, type or enum
	}{
		{"v1.29.6", "v1.30.14", []string{"v1 Pod.spec.securityContext.appArmorProfile", "v1 Service.spec.trafficDistribution", "apiextensions.k8s.io/v1 CustomResourceDefinition.spec.versions.selectableFields"}, "", 11},
		{"v1.30.14", "v1.31.14", []string{"v1 Pod.spec.volumes.image", "v1 Pod.spec.securityContext.supplementalGroupsPolicy", "v1 Pod.spec.containers.resources.claims.request"}, "v1 Pod.spec.resourceClaims.source", 0},
		{"v1.31.14", "v1.32.13", []string{"v1 Pod.spec.resources", "v1 Pod.spec.securityContext.seLinuxChangePolicy"}, "", 0},
		{"v1.32.13", "v1.33.13", []string{"v1 Pod.spec.containers.lifecycle.stopSignal"}, "", 2},
	} {
		t.Run(c.old+"-"+c.new, func(t *testing.T) {
			t.Parallel()
			d := checkFieldDiff(t, filepath.Join(fixturesDir, c.old), filepath.Join(fixturesDir, c.new))
			if !d.Fields.Compared || d.Fields.Kinds < 55 {
				t.Errorf("compared %v, %d kinds; want every built-in kind served on both sides", d.Fields.Compared, d.Fields.Kinds)
			}
			for _, f := range c.added {
				if !contains(d.Fields.Added, f) {
					t.Errorf("fields added lacks %s", f)
				}
			}
			if (c.removed == "") != (len(d.Fields.Removed) == 0) || c.removed != "" && !contains(d.Fields.Removed, c.removed) {
				t.Errorf("fields removed %v, want none or among them %q", d.Fields.Removed, c.removed)
			}
			if len(d.Fields.Changed) != c.changed {
				t.Errorf("%d fields changed, want %d", len(d.Fields.Changed), c.changed)
			}
		})
	}
}

// pinFieldFacts checks what the release notes of 1.30 to 1.33 say.
func pinFieldFacts(t *testing.T, d *model.APIDiff) {
	t.Helper()
	for _, f := range []string{"v1 Pod.spec.resources", "apps/v1 Deployment.spec.template.spec.resources", "v1 Pod.spec.containers.lifecycle.stopSignal"} {
		if !contains(d.Fields.Added, f) {
			t.Errorf("fields added lacks %s", f)
		}
	}
	if !contains(d.Fields.Removed, "v1 Pod.spec.resourceClaims.source") {
		t.Errorf("fields removed lacks v1 Pod.spec.resourceClaims.source")
	}
	for _, kind := range []string{"ValidatingAdmissionPolicy", "IPAddress", "ServiceCIDR"} {
		for _, f := range append(append([]string{}, d.Fields.Added...), d.Fields.Removed...) {
			if strings.Contains(f, " "+kind+".") {
				t.Errorf("%s is a new kind, yet the fields list %s", kind, f)
				break
			}
		}
	}
	for _, r := range []string{"admissionregistration.k8s.io/v1/validatingadmissionpolicies", "networking.k8s.io/v1/ipaddresses", "networking.k8s.io/v1/servicecidrs"} {
		if !contains(d.Resources.Added, r) {
			t.Errorf("resources added lacks %s", r)
		}
	}
	want := model.SchemaChange{Field: "v1 Pod.spec.hostAliases.ip", Change: "required", Old: false, New: true}
	if !containsChange(d.Fields.Changed, want) {
		t.Errorf("fields changed lacks %+v", want)
	}
	if !d.Fields.Breaking() || !d.HasChanges() {
		t.Error("a removed field and a newly required one are changes for --fail-on changed")
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func containsChange(list []model.SchemaChange, c model.SchemaChange) bool {
	for _, x := range list {
		if reflect.DeepEqual(x, c) {
			return true
		}
	}
	return false
}

// TestFieldDiffCRDs compares two recordings that both have OpenAPI
// documents today: the built-in kinds are the same server's, and the CRDs'
// kinds are new resources, not fields.
func TestFieldDiffCRDs(t *testing.T) {
	t.Parallel()
	d := checkFieldDiff(t, filepath.Join(fixturesDir, "v1.33.13"), filepath.Join(fixturesDir, "v1.33.13-crds"))
	if !d.Fields.Compared || d.Fields.Kinds < 50 {
		t.Errorf("compared %v, %d kinds; want every built-in kind compared", d.Fields.Compared, d.Fields.Kinds)
	}
	if n := len(d.Fields.Added) + len(d.Fields.Removed) + len(d.Fields.Changed); n != 0 {
		t.Errorf("the same server's built-in kinds differ in %d fields", n)
	}
}

// TestFieldDiffMissing: a side without OpenAPI documents is named, and the
// section stays empty (JSON lists, not null). Every bundled recording has
// them, so the old side is a copy of v1.32.13 without its openapi__* files.
func TestFieldDiffMissing(t *testing.T) {
	t.Parallel()
	bare := t.TempDir()
	files, err := filepath.Glob(filepath.Join(fixturesDir, "v1.32.13", "*"))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		if strings.HasPrefix(filepath.Base(f), "openapi__") {
			continue
		}
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(bare, filepath.Base(f)), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	oldAPI, oldKinds := loadWithKinds(t, bare)
	newAPI, newKinds := loadWithKinds(t, filepath.Join(fixturesDir, "v1.33.13"))
	if oldKinds != nil || len(newKinds) == 0 {
		t.Fatalf("%d old kinds, %d new kinds; want none and some", len(oldKinds), len(newKinds))
	}
	d := diff.Compare(oldAPI, newAPI, diff.Options{OldKinds: oldKinds, NewKinds: newKinds})
	body, err := json.Marshal(d.Fields)
	if err != nil {
		t.Fatal(err)
	}
	want := `{"compared":false,"missing":["old"],"kinds":0,"added":[],"removed":[],"changed":[]}`
	if string(body) != want {
		t.Errorf("fields = %s, want %s", body, want)
	}
}

// TestDeprecationsRecorded: v1.33.13 serves ComponentStatus and Endpoints,
// both deprecated; the rows of removals.yaml say since when.
func TestDeprecationsRecorded(t *testing.T) {
	t.Parallel()
	api, kinds := loadWithKinds(t, filepath.Join(fixturesDir, "v1.33.13"))
	d := diff.Compare(api, api, diff.Options{Deprecations: diff.BuiltinDeprecations(), OldKinds: kinds, NewKinds: kinds})
	var got []string
	for _, r := range d.Deprecated.Resources {
		got = append(got, r.Resource+" "+r.DeprecatedIn+" "+r.Replacement)
	}
	want := []string{"v1/componentstatuses 1.19 ", "v1/endpoints 1.33 discovery.k8s.io/v1 EndpointSlice"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("deprecated resources = %q, want %q", got, want)
	}
	if len(d.Deprecated.Fields) != 0 {
		t.Errorf("a release compared with itself has no newly deprecated fields, got %v", d.Deprecated.Fields)
	}
	// Without rows, the kinds' own descriptions still say it.
	d = diff.Compare(api, api, diff.Options{OldKinds: kinds, NewKinds: kinds})
	got = nil
	for _, r := range d.Deprecated.Resources {
		got = append(got, r.Resource+" "+r.Source)
	}
	want = []string{"v1/componentstatuses openapi:v1 ComponentStatus", "v1/endpoints openapi:v1 Endpoints"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("deprecated resources from descriptions = %q, want %q", got, want)
	}
	if !d.HasDeprecations() || d.HasChanges() {
		t.Errorf("HasDeprecations %v, HasChanges %v; want true, false", d.HasDeprecations(), d.HasChanges())
	}
}
