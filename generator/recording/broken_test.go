package recording_test

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/kube-apidocs/kube-apidocs/generator/recording"
	"github.com/kube-apidocs/kube-apidocs/generator/source"
)

// The exact error line of every case is pinned by the command's test
// (cmd/kube-apidocs/broken_test.go); this test checks the loader's side:
// a *recording.FileError naming a file of the case, on one line, never a panic.
func TestLoadBrokenCorpus(t *testing.T) {
	dirs, err := filepath.Glob("testdata/broken/*")
	if err != nil {
		t.Fatal(err)
	}
	if len(dirs) < 21 {
		t.Fatalf("the broken corpus has %d folders, want at least 20 cases and base", len(dirs))
	}
	for _, dir := range dirs {
		if filepath.Base(dir) == "base" {
			continue
		}
		t.Run(filepath.Base(dir), func(t *testing.T) {
			_, err := recording.LoadDir(dir, recording.LoadOptions{})
			var fe *recording.FileError
			if !errors.As(err, &fe) {
				t.Fatalf("LoadDir(%s) = %v, want a *recording.FileError", dir, err)
			}
			if !strings.HasPrefix(fe.File, dir) {
				t.Errorf("error names %q, want a file of %s", fe.File, dir)
			}
			if strings.ContainsAny(err.Error(), "\n\r") {
				t.Errorf("error spans several lines: %q", err)
			}
		})
	}
}

// TestLoadBrokenBase shows the corpus's base is a valid recording whose
// aggregated and legacy documents give the same model, so every case fails
// for the one thing it changes.
func TestLoadBrokenBase(t *testing.T) {
	rec, err := recording.LoadDir("testdata/broken/base", recording.LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	agg, err := source.FromRecording(rec, source.DiscoverOptions{})
	if err != nil {
		t.Fatal(err)
	}
	legacy, err := source.FromRecording(rec, source.DiscoverOptions{Legacy: true})
	if err != nil {
		t.Fatal(err)
	}
	if agg.Discovery != "aggregated/v2" || legacy.Discovery != "legacy" {
		t.Fatalf("discovery = %q and %q, want aggregated/v2 and legacy", agg.Discovery, legacy.Discovery)
	}
	agg.Discovery, legacy.Discovery = "", ""
	if !reflect.DeepEqual(agg, legacy) {
		t.Errorf("aggregated and legacy models differ:\n%+v\n%+v", agg, legacy)
	}
	if got := len(agg.AllResources()); got != 4 {
		t.Errorf("base has %d resources, want 4 (configmaps, namespaces, pods, deployments)", got)
	}
}

func TestLoadSizeLimit(t *testing.T) {
	dir := t.TempDir()
	copyDir(t, "testdata/broken/base", dir)
	big := filepath.Join(dir, "apis__apps__v1.json")
	f, err := os.OpenFile(big, os.O_WRONLY|os.O_TRUNC, 0o644)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(100 << 20); err != nil { // 100 MB, sparse
		t.Fatal(err)
	}
	f.Close()
	_, err = recording.LoadDir(dir, recording.LoadOptions{})
	want := &recording.TooLargeError{File: big, Size: 100 << 20, Limit: recording.DefaultMaxFileSize}
	var got *recording.TooLargeError
	if !errors.As(err, &got) || *got != *want {
		t.Errorf("LoadDir = %v, want %+v", err, want)
	}
	if want := big + ": file is 104857600 bytes, more than the limit of 67108864"; err == nil || err.Error() != want {
		t.Errorf("LoadDir = %v\nwant %s", err, want)
	}
	_, err = recording.LoadDir("testdata/broken/base", recording.LoadOptions{MaxFileSize: 1000})
	if want := "testdata/broken/base/aggregated_api_v2.json: file is 1040 bytes, more than the limit of 1000"; err == nil || err.Error() != want {
		t.Errorf("LoadDir with a 1000-byte limit = %v\nwant %s", err, want)
	}
}

func copyDir(t *testing.T, from, to string) {
	t.Helper()
	entries, err := os.ReadDir(from)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		b, err := os.ReadFile(filepath.Join(from, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(to, e.Name()), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
