package diff_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/kube-apidocs/kube-apidocs/generator/diff"
	"github.com/kube-apidocs/kube-apidocs/generator/model"
	"github.com/kube-apidocs/kube-apidocs/generator/recording"
	"github.com/kube-apidocs/kube-apidocs/generator/source"
)

const fixturesDir = "../../fixtures"

// loadFixture builds the model of a recording the way the commands do.
func loadFixture(t testing.TB, name string) *model.API {
	t.Helper()
	rec, err := recording.LoadDir(filepath.Join(fixturesDir, name), recording.LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	api, err := source.FromRecording(rec, source.DiscoverOptions{})
	if err != nil {
		t.Fatal(err)
	}
	return api
}

// rawSurface is what the legacy discovery documents of a recording list,
// read with encoding/json only: group-versions, resource paths
// ("apps/v1/deployments") and subresource paths ("v1/pods/status").
type rawSurface struct {
	gvs, resources, subresources map[string]bool
}

func readJSON(t *testing.T, path string, v any) {
	t.Helper()
	body, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(body, v); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
}

// readRaw reads api.json, apis.json and every group-version document.
func readRaw(t *testing.T, name string) rawSurface {
	t.Helper()
	dir := filepath.Join(fixturesDir, name)
	s := rawSurface{gvs: map[string]bool{}, resources: map[string]bool{}, subresources: map[string]bool{}}
	var core struct{ Versions []string }
	readJSON(t, filepath.Join(dir, "api.json"), &core)
	files := map[string]string{}
	for _, v := range core.Versions {
		files[v] = filepath.Join(dir, "api__"+v+".json")
	}
	var apis struct {
		Groups []struct {
			Name     string
			Versions []struct{ GroupVersion, Version string }
		}
	}
	readJSON(t, filepath.Join(dir, "apis.json"), &apis)
	for _, g := range apis.Groups {
		for _, v := range g.Versions {
			files[v.GroupVersion] = filepath.Join(dir, "apis__"+g.Name+"__"+v.Version+".json")
		}
	}
	for gv, file := range files {
		s.gvs[gv] = true
		var list struct{ Resources []struct{ Name string } }
		readJSON(t, file, &list)
		for _, r := range list.Resources {
			if strings.Contains(r.Name, "/") {
				s.subresources[gv+"/"+r.Name] = true
			} else {
				s.resources[gv+"/"+r.Name] = true
			}
		}
	}
	return s
}

// only returns the keys of a that b lacks, sorted, never nil.
func only(a, b map[string]bool) []string {
	out := []string{}
	for k := range a {
		if !b[k] {
			out = append(out, k)
		}
	}
	sort.Strings(out)
	return out
}

// parentServedOnBoth keeps the subresource paths whose resource both sides serve.
func parentServedOnBoth(subs []string, a, b rawSurface) []string {
	out := []string{}
	for _, s := range subs {
		parent := s[:strings.LastIndex(s, "/")]
		if a.resources[parent] && b.resources[parent] {
			out = append(out, s)
		}
	}
	return out
}

func TestCompareRecordedReleases(t *testing.T) {
	oldRaw, newRaw := readRaw(t, "v1.29.6"), readRaw(t, "v1.33.13")
	d := diff.Compare(loadFixture(t, "v1.29.6"), loadFixture(t, "v1.33.13"), diff.Options{Removals: diff.BuiltinRemovals()})

	checks := []struct {
		name      string
		got, want []string
	}{
		{"groupVersions.added", d.GroupVersions.Added, only(newRaw.gvs, oldRaw.gvs)},
		{"groupVersions.removed", d.GroupVersions.Removed, only(oldRaw.gvs, newRaw.gvs)},
		{"resources.added", d.Resources.Added, only(newRaw.resources, oldRaw.resources)},
		{"resources.removed", d.Resources.Removed, only(oldRaw.resources, newRaw.resources)},
		{"subresources.added", d.Subresources.Added, parentServedOnBoth(only(newRaw.subresources, oldRaw.subresources), oldRaw, newRaw)},
		{"subresources.removed", d.Subresources.Removed, parentServedOnBoth(only(oldRaw.subresources, newRaw.subresources), oldRaw, newRaw)},
	}
	for _, c := range checks {
		if !reflect.DeepEqual(c.got, c.want) {
			t.Errorf("%s = %q, the raw documents say %q", c.name, c.got, c.want)
		}
	}
	if d.Old.Version != "v1.29.6" || d.New.Version != "v1.33.13" {
		t.Errorf("versions = %q → %q", d.Old.Version, d.New.Version)
	}
}

func TestCompareRecordedReleasesKnownFacts(t *testing.T) {
	d := diff.Compare(loadFixture(t, "v1.29.6"), loadFixture(t, "v1.33.13"), diff.Options{Removals: diff.BuiltinRemovals()})
	mustContain(t, "groupVersions.removed", d.GroupVersions.Removed, "flowcontrol.apiserver.k8s.io/v1beta3")
	mustContain(t, "resources.added", d.Resources.Added,
		"admissionregistration.k8s.io/v1/validatingadmissionpolicies",
		"admissionregistration.k8s.io/v1/validatingadmissionpolicybindings",
		"networking.k8s.io/v1/ipaddresses",
		"networking.k8s.io/v1/servicecidrs")
	mustContain(t, "subresources.added", d.Subresources.Added, "v1/pods/resize")

	wantMoves := []model.Move{
		{Resource: "flowcontrol.apiserver.k8s.io/v1beta3/flowschemas", To: []string{"flowcontrol.apiserver.k8s.io/v1/flowschemas"}, Change: model.MoveGraduated},
		{Resource: "flowcontrol.apiserver.k8s.io/v1beta3/prioritylevelconfigurations", To: []string{"flowcontrol.apiserver.k8s.io/v1/prioritylevelconfigurations"}, Change: model.MoveGraduated},
	}
	if !reflect.DeepEqual(d.Resources.Moved, wantMoves) {
		t.Errorf("moved = %+v, want %+v", d.Resources.Moved, wantMoves)
	}
	note, ok := d.Note("flowcontrol.apiserver.k8s.io/v1beta3")
	if !ok || note.RemovedIn != "1.32" || note.Replacement != "flowcontrol.apiserver.k8s.io/v1" ||
		note.Source != "https://kubernetes.io/docs/reference/using-api/deprecation-guide/#flowcontrol-resources-v132" {
		t.Errorf("note for flowcontrol v1beta3 = %+v, %v", note, ok)
	}
	if _, ok := d.Note("flowcontrol.apiserver.k8s.io/v1beta3/flowschemas"); !ok {
		t.Error("no removal note for flowcontrol.apiserver.k8s.io/v1beta3/flowschemas")
	}
	if !d.HasRemovals() || !d.HasChanges() || !d.HasAdditions() || d.Empty() {
		t.Errorf("classification: removals=%v changes=%v additions=%v empty=%v", d.HasRemovals(), d.HasChanges(), d.HasAdditions(), d.Empty())
	}
}

func mustContain(t *testing.T, what string, list []string, want ...string) {
	t.Helper()
	have := map[string]bool{}
	for _, s := range list {
		have[s] = true
	}
	for _, w := range want {
		if !have[w] {
			t.Errorf("%s lacks %q (has %q)", what, w, list)
		}
	}
}

func TestCompareWithItselfIsEmpty(t *testing.T) {
	entries, err := filepath.Glob(filepath.Join(fixturesDir, "*", "version.json"))
	if err != nil || len(entries) < 3 {
		t.Fatalf("recordings: %v, %v", entries, err)
	}
	for _, e := range entries {
		name := filepath.Base(filepath.Dir(e))
		t.Run(name, func(t *testing.T) {
			api := loadFixture(t, name)
			d := diff.Compare(api, loadFixture(t, name), diff.Options{Removals: diff.BuiltinRemovals()})
			if !d.Empty() || d.HasChanges() || d.HasRemovals() || len(d.RemovalNotes) != 0 || len(d.Resources.Moved) != 0 {
				t.Errorf("diff of %s with itself is not empty: %+v", name, d)
			}
		})
	}
}

// TestRemovalLandsInItsRelease checks the guide's row against real servers:
// flowcontrol.apiserver.k8s.io/v1beta3 is served by 1.31 and gone in 1.32.
func TestRemovalLandsInItsRelease(t *testing.T) {
	d := diff.Compare(loadFixture(t, "v1.31.14"), loadFixture(t, "v1.32.13"), diff.Options{Removals: diff.BuiltinRemovals()})
	if !reflect.DeepEqual(d.GroupVersions.Removed, []string{"flowcontrol.apiserver.k8s.io/v1beta3"}) {
		t.Errorf("1.31 → 1.32 removed %q", d.GroupVersions.Removed)
	}
	if n, ok := d.Note("flowcontrol.apiserver.k8s.io/v1beta3"); !ok || n.RemovedIn != "1.32" {
		t.Errorf("note = %+v, %v", n, ok)
	}
	if len(d.Resources.Moved) != 2 || len(d.Resources.Added) != 0 {
		t.Errorf("moved %+v, added %q", d.Resources.Moved, d.Resources.Added)
	}
}

// TestServedSinceAcrossReleases uses the five vanilla recordings.
func TestServedSinceAcrossReleases(t *testing.T) {
	var inputs []diff.MatrixInput
	for _, v := range []string{"v1.33.13", "v1.32.13", "v1.31.14", "v1.30.14", "v1.29.6"} {
		inputs = append(inputs, diff.MatrixInput{Source: v, API: loadFixture(t, v)})
	}
	m := diff.NewMatrix(inputs)
	cases := []struct{ group, resource, since string }{
		{"", "pods", "v1.29.6"},
		{"admissionregistration.k8s.io", "validatingadmissionpolicies", "v1.30.14"},
		{"networking.k8s.io", "servicecidrs", "v1.33.13"},
		{"flowcontrol.apiserver.k8s.io", "flowschemas", "v1.29.6"},
	}
	for _, c := range cases {
		if col, ok := m.ServedSince(c.group, c.resource); !ok || col.Version != c.since {
			t.Errorf("ServedSince(%q, %q) = %q, %v; want %s", c.group, c.resource, col.Version, ok, c.since)
		}
	}
	row, _ := m.Row("flowcontrol.apiserver.k8s.io", "flowschemas")
	var cells []string
	for _, c := range row.Cells {
		cells = append(cells, strings.Join(c.Versions, ","))
	}
	if want := []string{"v1,v1beta3", "v1,v1beta3", "v1,v1beta3", "v1", "v1"}; !reflect.DeepEqual(cells, want) {
		t.Errorf("flowschemas by release = %q, want %q", cells, want)
	}
}
