package diff_test

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	"github.com/kube-apidocs/kube-apidocs/generator/diff"
	"github.com/kube-apidocs/kube-apidocs/generator/model"
)

// api builds a small API surface: core v1 and the named groups, each
// version with the given resources.
func api(version string, groups ...model.Group) *model.API {
	a := &model.API{Server: model.ServerVersion{GitVersion: version}, Groups: groups}
	a.Normalize()
	return a
}

func group(name, preferred string, versions ...model.Version) model.Group {
	return model.Group{Name: name, PreferredVersion: preferred, Versions: versions}
}

func version(name string, resources ...model.Resource) model.Version {
	return model.Version{Version: name, Resources: resources}
}

func deployments() model.Resource {
	return model.Resource{
		Name: "deployments", Kind: "Deployment", Namespaced: true,
		Verbs: []string{"create", "delete", "get", "list"}, ShortNames: []string{"deploy"}, Categories: []string{"all"},
		Subresources: []model.Subresource{
			{Name: "scale", Kind: "Scale", Group: "autoscaling", Version: "v1", Verbs: []string{"get", "patch", "update"}},
			{Name: "status", Kind: "Deployment", Verbs: []string{"get"}},
		},
	}
}

func TestCompareFieldChanges(t *testing.T) {
	changed := deployments()
	changed.Kind = "Deploy"
	changed.Namespaced = false
	changed.Verbs = []string{"list", "get", "watch", "create"} // order does not matter; delete gone, watch new
	changed.ShortNames = []string{"deploy", "dp"}
	changed.Categories = nil
	changed.Subresources = []model.Subresource{
		{Name: "rollback", Kind: "DeploymentRollback", Verbs: []string{"create"}},
		{Name: "scale", Kind: "Scale", Group: "apps", Version: "v1", Verbs: []string{"get", "update"}},
	}
	d := diff.Compare(api("v1.0.0", group("apps", "v1", version("v1", deployments()))),
		api("v1.1.0", group("apps", "v1", version("v1", changed))), diff.Options{})

	const r = "apps/v1/deployments"
	want := []model.FieldChange{
		{Resource: r, Field: "categories", Old: []string{"all"}, New: []string{}, Removed: []string{"all"}},
		{Resource: r, Field: "kind", Old: "Deployment", New: "Deploy"},
		{Resource: r, Field: "namespaced", Old: true, New: false},
		{Resource: r, Field: "shortNames", Old: []string{"deploy"}, New: []string{"deploy", "dp"}, Added: []string{"dp"}},
		{Resource: r, Field: "subresources", Old: []string{"scale", "status"}, New: []string{"rollback", "scale"}, Added: []string{"rollback"}, Removed: []string{"status"}},
		{Resource: r, Field: "verbs", Old: []string{"create", "delete", "get", "list"}, New: []string{"create", "get", "list", "watch"}, Added: []string{"watch"}, Removed: []string{"delete"}},
	}
	if !reflect.DeepEqual(d.Resources.Changed, want) {
		t.Errorf("changed =\n%+v\nwant\n%+v", d.Resources.Changed, want)
	}
	wantSub := model.SubresourceChanges{
		Added:   []string{r + "/rollback"},
		Removed: []string{r + "/status"},
		Changed: []model.SubresourceChange{
			{Subresource: r + "/scale", Field: "kind", Old: "autoscaling/v1/Scale", New: "apps/v1/Scale"},
			{Subresource: r + "/scale", Field: "verbs", Old: []string{"get", "patch", "update"}, New: []string{"get", "update"}, Removed: []string{"patch"}},
		},
	}
	if !reflect.DeepEqual(d.Subresources, wantSub) {
		t.Errorf("subresources =\n%+v\nwant\n%+v", d.Subresources, wantSub)
	}
	if len(d.Resources.Added)+len(d.Resources.Removed) != 0 || !d.HasChanges() || !d.HasRemovals() {
		t.Errorf("unexpected: %+v", d.Resources)
	}
}

func TestCompareGroupsVersionsAndMoves(t *testing.T) {
	old := api("v1.20.0",
		group("", "v1", version("v1", model.Resource{Name: "pods", Kind: "Pod", Namespaced: true, Verbs: []string{"get"}})),
		group("batch", "v1", version("v1", model.Resource{Name: "jobs", Kind: "Job"}), version("v1beta1", model.Resource{Name: "cronjobs", Kind: "CronJob"})),
		group("extensions", "v1beta1", version("v1beta1", model.Resource{Name: "ingresses", Kind: "Ingress"})),
		group("storage.k8s.io", "v1", version("v1", model.Resource{Name: "csidrivers", Kind: "CSIDriver"}), version("v1alpha1", model.Resource{Name: "things", Kind: "Thing"})),
	)
	new := api("v1.25.0",
		group("", "v1", version("v1", model.Resource{Name: "pods", Kind: "Pod", Namespaced: true, Verbs: []string{"get"}})),
		group("batch", "v1", version("v1", model.Resource{Name: "cronjobs", Kind: "CronJob"}, model.Resource{Name: "jobs", Kind: "Job"})),
		group("storage.k8s.io", "v1beta1", version("v1beta1", model.Resource{Name: "csidrivers", Kind: "CSIDriver"}, model.Resource{Name: "things", Kind: "Thing"})),
		group("x.example.com", "v1", version("v1", model.Resource{Name: "xs", Kind: "X"})),
	)
	d := diff.Compare(old, new, diff.Options{OldSource: "a", NewSource: "b", Removals: diff.BuiltinRemovals()})

	eq(t, "groups.added", d.Groups.Added, []string{"x.example.com"})
	eq(t, "groups.removed", d.Groups.Removed, []string{"extensions"})
	eq(t, "groupVersions.added", d.GroupVersions.Added, []string{"storage.k8s.io/v1beta1", "x.example.com/v1"})
	eq(t, "groupVersions.removed", d.GroupVersions.Removed, []string{"batch/v1beta1", "extensions/v1beta1", "storage.k8s.io/v1", "storage.k8s.io/v1alpha1"})
	wantPref := []model.PreferredChange{{Group: "storage.k8s.io", Old: "v1", New: "v1beta1"}}
	if !reflect.DeepEqual(d.GroupVersions.PreferredChanged, wantPref) {
		t.Errorf("preferredChanged = %+v", d.GroupVersions.PreferredChanged)
	}
	eq(t, "resources.added", d.Resources.Added, []string{"batch/v1/cronjobs", "storage.k8s.io/v1beta1/csidrivers", "storage.k8s.io/v1beta1/things", "x.example.com/v1/xs"})
	eq(t, "resources.removed", d.Resources.Removed, []string{"batch/v1beta1/cronjobs", "extensions/v1beta1/ingresses", "storage.k8s.io/v1/csidrivers", "storage.k8s.io/v1alpha1/things"})
	wantMoves := []model.Move{
		{Resource: "batch/v1beta1/cronjobs", To: []string{"batch/v1/cronjobs"}, Change: "graduated"},
		{Resource: "storage.k8s.io/v1/csidrivers", To: []string{"storage.k8s.io/v1beta1/csidrivers"}, Change: "moved"},
		{Resource: "storage.k8s.io/v1alpha1/things", To: []string{"storage.k8s.io/v1beta1/things"}, Change: "graduated"},
	}
	if !reflect.DeepEqual(d.Resources.Moved, wantMoves) {
		t.Errorf("moved = %+v\nwant %+v", d.Resources.Moved, wantMoves)
	}
	// batch/v1beta1 has one guide row (CronJob, 1.25); extensions/v1beta1 has
	// rows removed in 1.16 and 1.22, so only its resources get notes.
	wantNotes := []model.RemovalNote{
		{Subject: "batch/v1beta1", RemovedIn: "1.25", Replacement: "batch/v1", Source: "https://kubernetes.io/docs/reference/using-api/deprecation-guide/#cronjob-v125"},
		{Subject: "batch/v1beta1/cronjobs", RemovedIn: "1.25", Replacement: "batch/v1", Source: "https://kubernetes.io/docs/reference/using-api/deprecation-guide/#cronjob-v125"},
		{Subject: "extensions/v1beta1/ingresses", RemovedIn: "1.22", Replacement: "networking.k8s.io/v1", Source: "https://kubernetes.io/docs/reference/using-api/deprecation-guide/#ingress-v122"},
	}
	if !reflect.DeepEqual(d.RemovalNotes, wantNotes) {
		t.Errorf("notes = %+v\nwant %+v", d.RemovalNotes, wantNotes)
	}
	if d.Old.Source != "a" || d.New.Source != "b" || d.Old.Version != "v1.20.0" {
		t.Errorf("sides = %+v %+v", d.Old, d.New)
	}
}

func eq(t *testing.T, what string, got, want []string) {
	t.Helper()
	if !reflect.DeepEqual(got, want) {
		t.Errorf("%s = %q, want %q", what, got, want)
	}
}

func TestCompareSkipsUnavailable(t *testing.T) {
	old := api("v1", group("metrics.k8s.io", "v1beta1", version("v1beta1", model.Resource{Name: "pods", Kind: "PodMetrics"})))
	new := api("v1", group("metrics.k8s.io", "v1beta1"))
	new.Unavailable = []model.Unavailable{{Group: "metrics.k8s.io", Version: "v1beta1", Reason: "503"}}
	d := diff.Compare(old, new, diff.Options{})
	eq(t, "unavailable", d.Unavailable, []string{"metrics.k8s.io/v1beta1"})
	eq(t, "groupVersions.removed", d.GroupVersions.Removed, []string{})
	eq(t, "resources.removed", d.Resources.Removed, []string{})
}

func TestCompareAdditionsOnly(t *testing.T) {
	old := api("v1", group("apps", "v1", version("v1", deployments())))
	new := api("v1", group("apps", "v1", version("v1", deployments(), model.Resource{Name: "statefulsets", Kind: "StatefulSet"})))
	d := diff.Compare(old, new, diff.Options{})
	if d.HasChanges() || d.HasRemovals() || !d.HasAdditions() || d.Empty() {
		t.Errorf("additions only: changes=%v removals=%v additions=%v", d.HasChanges(), d.HasRemovals(), d.HasAdditions())
	}
}

func TestBuiltinRemovals(t *testing.T) {
	rows := diff.BuiltinRemovals()
	if len(rows) != 50 {
		t.Errorf("removals.yaml has %d rows, want the guide's 50 (1.16 to 1.32)", len(rows))
	}
	releases := map[string]int{}
	for _, r := range rows {
		releases[r.RemovedIn]++
		if !strings.HasPrefix(r.Source, "https://kubernetes.io/docs/reference/using-api/deprecation-guide/#") {
			t.Errorf("%s %s: source %q is not the deprecation guide", r.APIVersion(), r.Kind, r.Source)
		}
		if !strings.HasSuffix(r.Source, "-v"+strings.ReplaceAll(r.RemovedIn, ".", "")) {
			t.Errorf("%s %s: source %q is not the section for %s", r.APIVersion(), r.Kind, r.Source, r.RemovedIn)
		}
		if r.Resource != strings.ToLower(r.Resource) || !strings.HasSuffix(r.Resource, "s") {
			t.Errorf("%s %s: resource %q is not a plural resource name", r.APIVersion(), r.Kind, r.Resource)
		}
	}
	want := map[string]int{"1.16": 12, "1.22": 23, "1.25": 7, "1.26": 3, "1.27": 1, "1.29": 2, "1.32": 2}
	if !reflect.DeepEqual(releases, want) {
		t.Errorf("rows per release = %v, want %v", releases, want)
	}
}

func TestParseRemovalsErrors(t *testing.T) {
	cases := []struct{ name, yaml, want string }{
		{"empty", "", "f.yaml: EOF"},
		{"no rows", "removals: []\n", "f.yaml: removals: no rows"},
		{"unknown field", "removals:\n- {group: g, version: v1, kind: K, resource: ks, removedIn: '1.2', replacement: x, source: 'https://x', colour: red}\n", "f.yaml: yaml: unmarshal errors: line 2: field colour not found in type diff.removalRow"},
		{"missing source", "removals:\n- {group: g, version: v1, kind: K, resource: ks, removedIn: '1.2', replacement: x}\n", "f.yaml: removals[0]: source is empty"},
		{"http source", "removals:\n- {group: g, version: v1, kind: K, resource: ks, removedIn: '1.2', replacement: x, source: 'http://x'}\n", "f.yaml: removals[0]: source must be an https URL"},
		{"missing kind", "removals:\n- {group: g, version: v1, resource: ks, removedIn: '1.2', replacement: x, source: 'https://x'}\n", "f.yaml: removals[0]: kind is empty"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := diff.ParseRemovals([]byte(c.yaml), "f.yaml")
			if err == nil || err.Error() != c.want {
				t.Errorf("error = %v, want %q", err, c.want)
			}
		})
	}
}

// TestCompareFieldsSynthetic pins each kind of field change on a small tree.
func TestCompareFieldsSynthetic(t *testing.T) {
	api := &model.API{Groups: []model.Group{{Name: "", Versions: []model.Version{{Version: "v1", Resources: []model.Resource{{Name: "things", Kind: "Thing"}}}}}}}
	tree := func(fields ...model.Field) []*model.KindSchema {
		return []*model.KindSchema{{Version: "v1", Kind: "Thing", Fields: []model.Field{{Name: "spec", Path: "spec", Type: "Object", Fields: fields}}}}
	}
	old := tree(
		model.Field{Name: "a", Path: "spec.a", Type: "string", Enum: []string{"x", "y"}},
		model.Field{Name: "b", Path: "spec.b", Type: "integer"},
		model.Field{Name: "gone", Path: "spec.gone", Type: "string"},
	)
	new := tree(
		model.Field{Name: "a", Path: "spec.a", Type: "string", Enum: []string{"y", "z"}, Required: true},
		model.Field{Name: "b", Path: "spec.b", Type: "string", Deprecated: true},
		model.Field{Name: "c", Path: "spec.c", Type: "boolean"},
	)
	d := diff.Compare(api, api, diff.Options{OldKinds: old, NewKinds: new})
	body, err := json.Marshal(d.Fields)
	if err != nil {
		t.Fatal(err)
	}
	want := `{"compared":true,"missing":[],"kinds":1,"added":["v1 Thing.spec.c"],"removed":["v1 Thing.spec.gone"],"changed":[` +
		`{"field":"v1 Thing.spec.a","change":"enum","old":["x","y"],"new":["y","z"],"added":["z"],"removed":["x"]},` +
		`{"field":"v1 Thing.spec.a","change":"required","old":false,"new":true},` +
		`{"field":"v1 Thing.spec.b","change":"type","old":"integer","new":"string"}]}`
	if string(body) != want {
		t.Errorf("fields =\n%s\nwant\n%s", body, want)
	}
	if !reflect.DeepEqual(d.Deprecated.Fields, []string{"v1 Thing.spec.b"}) {
		t.Errorf("deprecated fields = %v", d.Deprecated.Fields)
	}
	if !d.HasChanges() {
		t.Error("a removed field is a change")
	}
}

func TestParseDeprecationsErrors(t *testing.T) {
	row := "{version: v1, kind: K, resource: ks, deprecatedIn: '1.2', source: "
	cases := []struct{ name, yaml, want string }{
		{"missing deprecatedIn", "deprecations:\n- {version: v1, kind: K, resource: ks, source: 'https://x'}\n", "f.yaml: deprecations[0]: deprecatedIn is empty"},
		{"http source", "deprecations:\n- " + row + "'http://x'}\n", "f.yaml: deprecations[0]: source must be an https URL, an openapi: description or a k8s.io/api@ package"},
		{"unknown field", "deprecations:\n- {version: v1, kind: K, resource: ks, deprecatedIn: '1.2', source: 'openapi:x', since: '1.1'}\n", "f.yaml: yaml: unmarshal errors: line 2: field since not found in type diff.deprecationRow"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := diff.ParseDeprecations([]byte(c.yaml), "f.yaml")
			if err == nil || err.Error() != c.want {
				t.Errorf("error = %v, want %q", err, c.want)
			}
		})
	}
	rows, err := diff.ParseDeprecations([]byte("deprecations:\n- "+row+"'k8s.io/api@v0.29.6 flowcontrol/v1beta3'}\n"), "f.yaml")
	if err != nil || len(rows) != 1 || rows[0].DeprecatedIn != "1.2" {
		t.Errorf("rows = %+v, err = %v", rows, err)
	}
	// every built-in row names its source and holds from its release on
	for _, r := range diff.BuiltinDeprecations() {
		if !r.AppliesTo("v"+r.DeprecatedIn+".0") || r.AppliesTo("v1.0.0") {
			t.Errorf("%s %s: AppliesTo disagrees with deprecatedIn %s", r.APIVersion(), r.Kind, r.DeprecatedIn)
		}
	}
}
