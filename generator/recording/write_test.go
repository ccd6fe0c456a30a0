package recording

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/kube-apidocs/kube-apidocs/generator/outdir"
)

// captureOf builds a capture from the documents of a recording folder, as
// record would have fetched them.
func captureOf(t *testing.T, dir string) *Capture {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	c := &Capture{Server: "https://example.invalid"}
	for _, e := range entries {
		route, status, ok := RouteFor(e.Name())
		if !ok {
			continue
		}
		body, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		c.Entries = append(c.Entries, Entry{Path: route.Path, Accept: MediaJSON, File: e.Name(), Status: status, Body: body})
	}
	return c
}

// writeFiles creates files (relative name → contents) under dir.
func writeFiles(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, data := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// tree lists every file under dir with its contents.
func tree(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		out[filepath.ToSlash(rel)] = string(b)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func sameTree(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if w, ok := b[k]; !ok || w != v {
			return false
		}
	}
	return true
}

// TestWriteRecordingRefusesForeignFolders: a folder that holds files the
// tool did not write is refused with one line naming the folder and the
// first such file, and is left exactly as it was, even when it holds an
// index.tsv (which used to be taken for an earlier recording).
func TestWriteRecordingRefusesForeignFolders(t *testing.T) {
	c := captureOf(t, baseDir)
	thesis := t.TempDir()
	writeFiles(t, thesis, map[string]string{"index.tsv": "", "thesis.tex": "\\chapter{One}", "sub/data.csv": "1,2"})
	fixture := t.TempDir()
	copyTree(t, "../../fixtures/v1.29.6", fixture)
	cases := []struct{ dir, want string }{
		{thesis, thesis + ": refusing to replace a folder that kube-apidocs did not write (it holds index.tsv and no .kube-apidocs-manifest); choose a new or empty folder"},
		{fixture, fixture + ": refusing to replace a folder that kube-apidocs did not write (it holds README.md and no .kube-apidocs-manifest); choose a new or empty folder"},
	}
	for _, tc := range cases {
		before := tree(t, tc.dir)
		err := WriteRecording(context.Background(), tc.dir, c)
		var foreign *outdir.ForeignFileError
		if !errors.As(err, &foreign) || err.Error() != tc.want {
			t.Errorf("WriteRecording(context.Background(), %s) = %v\nwant %s", tc.dir, err, tc.want)
		}
		if after := tree(t, tc.dir); !sameTree(before, after) {
			t.Errorf("%s changed: had %d files, now %d", tc.dir, len(before), len(after))
		}
	}
	if len(tree(t, fixture)) < 5 || tree(t, fixture)["kubectl_api-resources.txt"] == "" {
		t.Errorf("the fixture copy lost its kubectl_*.txt files")
	}
}

// TestWriteRecordingReplacesOwnOutput: re-recording over the tool's own
// output works and leaves only the new files; a file added there since is
// foreign, so the folder is then refused and the file kept.
func TestWriteRecordingReplacesOwnOutput(t *testing.T) {
	c := captureOf(t, baseDir)
	parent := t.TempDir()
	dir := filepath.Join(parent, "rec")
	if err := WriteRecording(context.Background(), dir, c); err != nil {
		t.Fatal(err)
	}
	first := tree(t, dir)
	if err := WriteRecording(context.Background(), dir, c); err != nil {
		t.Fatalf("replacing an earlier recording: %v", err)
	}
	if !sameTree(first, tree(t, dir)) {
		t.Errorf("re-recording the same capture changed the folder")
	}
	names := make([]string, 0, len(first))
	for name := range first {
		names = append(names, name)
	}
	slices.Sort(names)
	want := outdir.ManifestName + " README.md aggregated_api_v2.json aggregated_v2.json aggregated_v2beta1.http406.json api.json api__v1.json apis.json apis__apps.json apis__apps__v1.json index.tsv version.json"
	if got := strings.Join(names, " "); got != want {
		t.Errorf("files %s\nwant %s", got, want)
	}
	if want := "# kube-apidocs generated files; a new run replaces exactly these\nREADME.md\naggregated_api_v2.json\n"; !strings.HasPrefix(first[outdir.ManifestName], want) {
		t.Errorf("manifest %q, want it to start with %q", first[outdir.ManifestName], want)
	}
	if _, err := LoadDir(dir, LoadOptions{}); err != nil {
		t.Errorf("loading the recording: %v", err)
	}

	writeFiles(t, dir, map[string]string{"notes.txt": "mine"})
	err := WriteRecording(context.Background(), dir, c)
	if want := dir + ": refusing to replace the folder: notes.txt was not written by kube-apidocs (move it away or choose a new or empty folder)"; err == nil || err.Error() != want {
		t.Errorf("error = %v\nwant %s", err, want)
	}
	if tree(t, dir)["notes.txt"] != "mine" {
		t.Errorf("notes.txt was not kept")
	}

	broken := &Capture{Server: c.Server, Entries: slices.Clone(c.Entries)}
	broken.Entries[3].Body = []byte(`{"kind":"APIResourceList"`)
	if err := WriteRecording(context.Background(), filepath.Join(parent, "broken"), broken); err == nil || !strings.Contains(err.Error(), "truncated JSON") {
		t.Errorf("broken capture: error = %v", err)
	}
	entries, _ := os.ReadDir(parent)
	if len(entries) != 1 || entries[0].Name() != "rec" {
		t.Errorf("%s holds %v, want only rec (no temporary or broken folders)", parent, entries)
	}
}

func copyTree(t *testing.T, from, to string) {
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
