package recording_test

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/kube-apidocs/kube-apidocs/generator/recording"
	"github.com/kube-apidocs/kube-apidocs/generator/source"
)

// TestLoadWarnings pins what each case of testdata/warn gives: cases that
// the loader refused before issue 12 and that real servers send. Each
// loads; a disagreement between aggregated and legacy documents is one
// warning naming both files; the model is what client-go builds.
func TestLoadWarnings(t *testing.T) {
	cases := []struct {
		name, warning string
	}{
		{"disagree-extra-version", `aggregated_v2.json: items[0].versions[1].version: apps/v2 is served here but apis.json does not list it`},
		{"disagree-kind", `aggregated_api_v2.json: items[0].versions[0].resources[2].responseKind.kind: is "Pod", but api__v1.json resources[2].kind says "Pods"`},
		{"disagree-missing-group", `apis.json: groups[0].versions[0]: lists apps/v1, but aggregated_v2.json does not serve it`},
		{"disagree-missing-resource", `aggregated_api_v2.json: items[0].versions[0].resources: has no configmaps, which api__v1.json resources[0] lists`},
		{"disagree-scope", `aggregated_v2.json: items[0].versions[0].resources[0]: deployments is cluster-scoped here, but apis__apps__v1.json resources[0].namespaced says true (and 2 more differences)`},
		// kubectl takes "deploy/ments" for a subresource of a resource
		// that does not exist and leaves it out.
		{"resource-name-slash", `aggregated_v2.json: items[0].versions[0].resources: has no deployments, which apis__apps__v1.json resources[0] lists (and 5 more differences)`},
		// A group-version document missing is a 404 answer: unavailable
		// through legacy discovery; aggregated discovery does not need it.
		{"missing-group-version-document", `aggregated_v2.json: items[0].versions[0].version: apps/v1 is served here, but the recording has no apis__apps__v1.json for it`},
	}
	dirs, err := filepath.Glob("testdata/warn/*")
	if err != nil {
		t.Fatal(err)
	}
	if len(dirs) != len(cases) {
		t.Errorf("testdata/warn has %d cases, the table %d: pin every case", len(dirs), len(cases))
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			dir := filepath.Join("testdata/warn", tc.name)
			rec, err := recording.LoadDir(dir, recording.LoadOptions{})
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, w := range rec.Warnings {
				var fe *recording.FileError
				if !errors.As(w, &fe) {
					t.Errorf("warning %v is a %T, want a *recording.FileError", w, w)
				}
				got = append(got, w.Error())
			}
			var want []string
			if tc.warning != "" {
				want = []string{dir + "/" + tc.warning}
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("warnings\n%q\nwant\n%q", got, want)
			}
			if _, err := source.FromRecording(rec, source.DiscoverOptions{}); err != nil {
				t.Errorf("aggregated discovery: %v", err)
			}
			if _, err := source.FromRecording(rec, source.DiscoverOptions{Legacy: true}); err != nil {
				t.Errorf("legacy discovery: %v", err)
			}
		})
	}
}

// TestMissingDocumentIsNotFound: a group-version apis.json lists without a
// document is what a live server answering 404 gives, through legacy
// discovery; aggregated discovery carries it and needs no document.
func TestMissingDocumentIsNotFound(t *testing.T) {
	rec, err := recording.LoadDir("testdata/warn/missing-group-version-document", recording.LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	legacy, err := source.FromRecording(rec, source.DiscoverOptions{Legacy: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(legacy.Unavailable) != 1 || legacy.Unavailable[0].GroupVersion() != "apps/v1" || legacy.Unavailable[0].Reason != "the server could not find the requested resource" {
		t.Errorf("legacy unavailable = %+v, want apps/v1 not found", legacy.Unavailable)
	}
	agg, err := source.FromRecording(rec, source.DiscoverOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(agg.Unavailable) != 0 || len(agg.AllResources()) != 4 {
		t.Errorf("aggregated: %d resources, unavailable %+v; want the 4 of base, none unavailable", len(agg.AllResources()), agg.Unavailable)
	}
}

// baseFS is the broken corpus's valid recording as a file system, with
// the named files replaced (nil removes one).
func baseFS(t *testing.T, files map[string][]byte) fstest.MapFS {
	t.Helper()
	fsys := fstest.MapFS{}
	entries, err := os.ReadDir("recordingtest/testdata/base")
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		b, err := os.ReadFile(filepath.Join("recordingtest/testdata/base", e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		fsys[e.Name()] = &fstest.MapFile{Data: b}
	}
	for name, body := range files {
		if body == nil {
			delete(fsys, name)
			continue
		}
		fsys[name] = &fstest.MapFile{Data: body}
	}
	return fsys
}

func readBase(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("recordingtest/testdata/base", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestChecksDecodeLikeClientGo: group-version documents are decoded
// case-sensitively, as client-go's REST client decodes them, so a key
// client-go ignores is ignored by the checks too. "Kind" for "kind" leaves
// the kind empty, which the aggregated document then disagrees with;
// "Name" for "name" leaves the name empty, which is refused.
func TestChecksDecodeLikeClientGo(t *testing.T) {
	v1 := readBase(t, "api__v1.json")
	cases := []struct {
		name, from, to string
		err, warning   string
	}{
		{"Kind", `"kind":"Pod"`, `"Kind":"Pod"`, "",
			`rec/aggregated_api_v2.json: items[0].versions[0].resources[2].responseKind.kind: is "Pod", but api__v1.json resources[2].kind says ""`},
		{"Name", `"name":"pods"`, `"Name":"pods"`, `rec/api__v1.json: resources[2].name: Required value`, ""},
		{"Namespaced of the wrong type, in a key client-go ignores", `"namespaced":true,"kind":"Pod"`, `"namespaced":true,"Namespaced":"yes","kind":"Pod"`, "", ""},
		{"kind of the document", `{"kind":"APIResourceList"`, `{"Kind":"APIResourceList"`, `rec/api__v1.json: kind: is "", want "APIResourceList"`, ""},
		{"namespaced of the wrong type", `"namespaced":true,"kind":"Pod"`, `"namespaced":"yes","kind":"Pod"`, `rec/api__v1.json: resources[2].namespaced: is a JSON string, want a boolean`, ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if !bytes.Contains(v1, []byte(tc.from)) {
				t.Fatalf("api__v1.json of base has no %s", tc.from)
			}
			body := bytes.Replace(v1, []byte(tc.from), []byte(tc.to), 1)
			rec, err := recording.Load(baseFS(t, map[string][]byte{"api__v1.json": body}), "rec", recording.LoadOptions{})
			if tc.err != "" {
				if err == nil || err.Error() != tc.err {
					t.Fatalf("Load = %v, want %s", err, tc.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			var got string
			if len(rec.Warnings) > 0 {
				got = rec.Warnings[0].Error()
			}
			if len(rec.Warnings) > 1 || got != tc.warning {
				t.Errorf("warnings %q, want %q", rec.Warnings, tc.warning)
			}
		})
	}
}

// TestAggregatedServerWithoutAPI: an aggregated API server (OpenShift's)
// serves no /api, and its recording may say so with no file or with the
// recorded 404; either loads and reads as client-go reads it.
func TestAggregatedServerWithoutAPI(t *testing.T) {
	notFound := []byte(`{"kind":"Status","apiVersion":"v1","status":"Failure","reason":"NotFound","code":404}`)
	for name, files := range map[string]map[string][]byte{
		"no file":         {"api.json": nil, "api__v1.json": nil, "aggregated_api_v2.json": nil},
		"recorded 404":    {"api.json": nil, "api.http404.json": notFound, "api__v1.json": nil, "aggregated_api_v2.json": nil},
		"legacy 404 only": {"api.json": nil, "api.http404.json": notFound, "api__v1.json": nil, "aggregated_api_v2.json": nil, "aggregated_v2.json": nil, "aggregated_v2beta1.http406.json": nil},
	} {
		t.Run(name, func(t *testing.T) {
			rec, err := recording.Load(baseFS(t, files), "rec", recording.LoadOptions{})
			if err != nil {
				t.Fatal(err)
			}
			api, err := source.FromRecording(rec, source.DiscoverOptions{})
			if err != nil {
				t.Fatal(err)
			}
			if got := strings.Join(api.GroupVersions(), " "); got != "apps/v1" || len(api.Unavailable) != 0 {
				t.Errorf("group-versions %q, unavailable %+v; want apps/v1 only", got, api.Unavailable)
			}
		})
	}
}
