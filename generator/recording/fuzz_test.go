package recording_test

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/kube-apidocs/kube-apidocs/generator/model"
	"github.com/kube-apidocs/kube-apidocs/generator/recording"
	"github.com/kube-apidocs/kube-apidocs/generator/recording/recordingtest"
	"github.com/kube-apidocs/kube-apidocs/generator/render/table"
	"github.com/kube-apidocs/kube-apidocs/generator/source"
)

// The fuzz targets feed arbitrary bytes to the loader where a recording's
// documents go, seeded from the bundled recordings and the broken corpus.
// Whatever the bytes, loading must end in a model or a *FileError on one
// line, never a panic; `make fuzz` runs each target for a while, `go test`
// runs the seeds and every crasher kept under testdata/fuzz.

// seedFiles returns the contents of every file with the given name in the
// bundled recordings and the broken corpus.
func seedFiles(f *testing.F, name string) [][]byte {
	f.Helper()
	paths, err := filepath.Glob("../../fixtures/*/" + name)
	if err != nil {
		f.Fatal(err)
	}
	var out [][]byte
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		out = append(out, b)
	}
	for _, files := range brokenFiles(f) {
		if b, ok := files[name]; ok {
			out = append(out, b)
		}
	}
	if len(out) == 0 {
		f.Fatalf("no seed files named %s", name)
	}
	return out
}

// brokenFiles returns the files of the base and of every case of the
// broken corpus.
func brokenFiles(f *testing.F) []map[string][]byte {
	f.Helper()
	all := []map[string][]byte{recordingtest.Base()}
	for _, c := range recordingtest.Broken {
		files, err := c.Files()
		if err != nil {
			f.Fatal(err)
		}
		all = append(all, files)
	}
	return all
}

// baseFiles is the valid recording of the broken corpus, as a file system
// the fuzzers overwrite one file of.
func baseFiles(f *testing.F, without ...string) fstest.MapFS {
	f.Helper()
	fsys := fstest.MapFS{}
	for name, b := range recordingtest.Base() {
		fsys[name] = &fstest.MapFile{Data: b}
	}
	for _, name := range without {
		delete(fsys, name)
	}
	return fsys
}

// loadWith loads fsys with the named files replaced and checks the outcome:
// a recording, or a one-line *FileError.
func loadWith(t *testing.T, fsys fstest.MapFS, files map[string][]byte) *recording.Recording {
	t.Helper()
	m := fstest.MapFS{}
	for k, v := range fsys {
		m[k] = v
	}
	for name, body := range files {
		m[name] = &fstest.MapFile{Data: body}
	}
	rec, err := recording.Load(m, "fuzz", recording.LoadOptions{})
	if err != nil {
		if strings.ContainsAny(err.Error(), "\n\r") {
			t.Fatalf("error spans several lines: %q", err)
		}
		if !strings.HasPrefix(err.Error(), "fuzz") {
			t.Fatalf("error does not name the recording: %q", err)
		}
		return nil
	}
	return rec
}

// FuzzLoadAggregated fuzzes aggregated discovery for /apis, alone (no legacy
// documents to compare with).
func FuzzLoadAggregated(f *testing.F) {
	for _, b := range append(seedFiles(f, "aggregated_v2.json"), seedFiles(f, "aggregated_v2beta1.json")...) {
		f.Add(b)
	}
	fsys := baseFiles(f, "apis.json", "apis__apps.json", "apis__apps__v1.json")
	f.Fuzz(func(t *testing.T, doc []byte) {
		rec := loadWith(t, fsys, map[string][]byte{"aggregated_v2.json": doc})
		if rec == nil {
			return
		}
		if _, err := source.FromRecording(rec, source.DiscoverOptions{}); err != nil {
			t.Fatalf("a recording that passed the checks failed discovery: %v", err)
		}
	})
}

// FuzzLoadLegacy fuzzes the legacy group list and one group-version
// document, without aggregated documents.
func FuzzLoadLegacy(f *testing.F) {
	lists := seedFiles(f, "apis.json")
	for i, b := range seedFiles(f, "apis__apps__v1.json") {
		f.Add(lists[i%len(lists)], b)
	}
	fsys := baseFiles(f, "aggregated_v2.json", "aggregated_api_v2.json")
	f.Fuzz(func(t *testing.T, apis, appsV1 []byte) {
		rec := loadWith(t, fsys, map[string][]byte{"apis.json": apis, "apis__apps__v1.json": appsV1})
		if rec == nil {
			return
		}
		if _, err := source.FromRecording(rec, source.DiscoverOptions{}); err != nil {
			t.Fatalf("a recording that passed the checks failed discovery: %v", err)
		}
	})
}

// FuzzRender fuzzes the whole path: load -> model -> the api-resources table
// (every output format and sort order, with and without a group filter
// that keeps nothing) and the structured rows. The table has one line per
// row, after the header line that it prints, as kubectl does, whenever
// headers are on and the output is not -o name, even above no rows.
func FuzzRender(f *testing.F) {
	for i, b := range seedFiles(f, "aggregated_v2.json") {
		f.Add(b, uint8(i))
		f.Add(b, uint8(i)|32) // the group filter that keeps nothing
	}
	fsys := baseFiles(f, "apis.json", "apis__apps.json", "apis__apps__v1.json")
	outputs := []string{"", "wide", "name"}
	f.Fuzz(func(t *testing.T, doc []byte, opt uint8) {
		rec := loadWith(t, fsys, map[string][]byte{"aggregated_v2.json": doc})
		if rec == nil {
			return
		}
		api, err := source.FromRecording(rec, source.DiscoverOptions{})
		if err != nil {
			t.Fatalf("a recording that passed the checks failed discovery: %v", err)
		}
		opts := table.Options{Output: outputs[int(opt)%3], NoHeaders: opt&4 != 0}
		if opt&16 != 0 {
			opts.SortBy = "kind"
		}
		if opt&32 != 0 {
			none := "none.example.com" // no recording here serves it
			opts.APIGroup = &none
		}
		var printed bytes.Buffer
		if err := table.Resources(&printed, api, opts); err != nil {
			t.Fatal(err)
		}
		lines := strings.Count(printed.String(), "\n")
		want := len(table.Rows(api, opts))
		header := opts.Output != "name" && !opts.NoHeaders
		if header {
			want++
		}
		if lines != want {
			t.Fatalf("table has %d lines, want %d:\n%s", lines, want, printed.String())
		}
		if starts := strings.HasPrefix(printed.String(), "NAME "); starts != header {
			t.Fatalf("table starts with the header: %v, want %v:\n%s", starts, header, printed.String())
		}
		if err := table.JSON(io.Discard, table.NewResourceList(api, opts)); err != nil {
			t.Fatal(err)
		}
		if err := table.YAML(io.Discard, table.NewResourceList(api, opts)); err != nil {
			t.Fatal(err)
		}
	})
}

// FuzzAggregatedLegacyAgree is the property the checks promise: for any
// recording that loads without a warning, aggregated and legacy discovery
// give the same model (the same group-versions unavailable, whatever
// reason each path gives). It fuzzes the core group's aggregated and
// legacy documents of the broken corpus's base, seeded from every
// recording's.
func FuzzAggregatedLegacyAgree(f *testing.F) {
	aggregated := seedFiles(f, "aggregated_api_v2.json")
	for i, b := range seedFiles(f, "api__v1.json") {
		f.Add(aggregated[i%len(aggregated)], b)
	}
	f.Add(aggregated[0], []byte(`{"kind":"APIResourceList","groupVersion":"v1","resources":[{"name":"pods","Kind":"Pod","namespaced":true,"verbs":["get"]}]}`))
	fsys := baseFiles(f)
	f.Fuzz(func(t *testing.T, agg, v1 []byte) {
		rec := loadWith(t, fsys, map[string][]byte{"aggregated_api_v2.json": agg, "api__v1.json": v1})
		if rec == nil || len(rec.Warnings) > 0 {
			return
		}
		a, err := source.FromRecording(rec, source.DiscoverOptions{})
		if err != nil {
			t.Fatalf("aggregated discovery of a recording that passed the checks: %v", err)
		}
		l, err := source.FromRecording(rec, source.DiscoverOptions{Legacy: true})
		if err != nil {
			t.Fatalf("legacy discovery of a recording that passed the checks: %v", err)
		}
		if ga, gl := comparable(a), comparable(l); !reflect.DeepEqual(ga, gl) {
			t.Fatalf("no warning, but the models differ:\naggregated %+v\nlegacy     %+v", ga, gl)
		}
	})
}

// comparable is the model without what names the path it came by: the
// discovery format, and the reasons of unavailable group-versions.
func comparable(api *model.API) *model.API {
	out := *api
	out.Discovery = ""
	out.Unavailable = nil
	for _, u := range api.Unavailable {
		out.Unavailable = append(out.Unavailable, model.Unavailable{Group: u.Group, Version: u.Version})
	}
	return &out
}
