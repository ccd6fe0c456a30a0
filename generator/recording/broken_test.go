package recording_test

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/kube-apidocs/kube-apidocs/generator/recording"
	"github.com/kube-apidocs/kube-apidocs/generator/recording/recordingtest"
	"github.com/kube-apidocs/kube-apidocs/generator/source"
)

// TestLoadBrokenCorpus loads every case of the broken corpus
// (recordingtest.Broken): a *recording.FileError naming a file of the
// case's folder, exactly the case's error line, never a panic. The
// command's test (cmd/kube-apidocs/broken_test.go) checks the same lines
// reach stderr with exit code 1.
func TestLoadBrokenCorpus(t *testing.T) {
	t.Parallel()
	for _, c := range recordingtest.Broken {
		t.Run(c.Name, func(t *testing.T) {
			t.Parallel()
			dir := filepath.Join(t.TempDir(), c.Name)
			if err := c.Write(dir); err != nil {
				t.Fatal(err)
			}
			_, err := recording.LoadDir(dir, recording.LoadOptions{})
			var fe *recording.FileError
			if !errors.As(err, &fe) {
				t.Fatalf("LoadDir(%s) = %v, want a *recording.FileError", dir, err)
			}
			if !strings.HasPrefix(fe.File, dir) {
				t.Errorf("error names %q, want a file of %s", fe.File, dir)
			}
			if want := c.ErrorFor(dir); err.Error() != want {
				t.Errorf("LoadDir(%s) =\n%q\nwant\n%q", dir, err, want)
			}
		})
	}
}

// TestLoadBrokenBase shows the corpus's base (recordingtest.BaseDir) is a
// valid recording whose
// aggregated and legacy documents give the same model, so every case fails
// for the one thing it changes.
func TestLoadBrokenBase(t *testing.T) {
	t.Parallel()
	rec, err := recording.LoadDir(baseDir, recording.LoadOptions{})
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
	t.Parallel()
	dir := t.TempDir()
	copyDir(t, baseDir, dir)
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
	_, err = recording.LoadDir(baseDir, recording.LoadOptions{MaxFileSize: 1000})
	if want := baseDir + "/aggregated_api_v2.json: file is 1040 bytes, more than the limit of 1000"; err == nil || err.Error() != want {
		t.Errorf("LoadDir with a 1000-byte limit = %v\nwant %s", err, want)
	}
}

// baseDir is the broken corpus's valid base recording.
const baseDir = "recordingtest/" + recordingtest.BaseDir

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
