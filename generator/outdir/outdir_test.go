package outdir

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
)

// TestWriteRejectsEscapingPaths checks that a file path leaving the
// site fails the whole write and leaves the previous site untouched.
func TestWriteRejectsEscapingPaths(t *testing.T) {
	parent := t.TempDir()
	out := filepath.Join(parent, "site")
	if err := Write(context.Background(), out, []File{{Path: "index.html", Data: []byte("old")}}); err != nil {
		t.Fatal(err)
	}
	for _, bad := range []string{"../escape.html", "/abs.html", "a/../../b.html", "a\\b.html", ManifestName, ""} {
		err := Write(context.Background(), out, []File{{Path: "index.html", Data: []byte("new")}, {Path: bad, Data: []byte("x")}})
		if err == nil || !strings.Contains(err.Error(), "not a plain path inside the site") {
			t.Errorf("path %q: error %v", bad, err)
		}
	}
	if data, _ := os.ReadFile(filepath.Join(out, "index.html")); string(data) != "old" {
		t.Errorf("index.html = %q after failed writes, want old", data)
	}
	entries, _ := os.ReadDir(parent)
	if len(entries) != 1 {
		t.Errorf("the parent holds %d entries, want only site", len(entries))
	}
	if _, err := os.Stat(filepath.Join(parent, "escape.html")); err == nil {
		t.Error("escape.html was written outside the site")
	}
}

// TestWriteKeepsFileAddedDuringBuild checks that a file put into the
// folder while the new tree is being built is not deleted by the swap:
// Write refuses, names the file, leaves the folder as it was and removes
// its temporary folder.
func TestWriteKeepsFileAddedDuringBuild(t *testing.T) {
	parent := t.TempDir()
	out := filepath.Join(parent, "site")
	if err := Write(context.Background(), out, []File{{Path: "index.html", Data: []byte("old")}}); err != nil {
		t.Fatal(err)
	}
	beforeSwap = func(dir string) {
		if err := os.WriteFile(filepath.Join(dir, "notes.txt"), []byte("mine"), 0o644); err != nil {
			t.Error(err)
		}
	}
	defer func() { beforeSwap = nil }()
	err := Write(context.Background(), out, []File{{Path: "index.html", Data: []byte("new")}})
	var foreign *ForeignFileError
	var oe *Error
	if !errors.As(err, &foreign) || foreign.File != "notes.txt" || !errors.As(err, &oe) || oe.Dir != out {
		t.Fatalf("error = %v, want a refusal naming notes.txt in %s", err, out)
	}
	want := out + ": refusing to replace the folder: notes.txt was not written by kube-apidocs (move it away or choose a new or empty folder)"
	if err.Error() != want {
		t.Errorf("error text\n%s\nwant\n%s", err, want)
	}
	for name, data := range map[string]string{"notes.txt": "mine", "index.html": "old"} {
		if got, _ := os.ReadFile(filepath.Join(out, name)); string(got) != data {
			t.Errorf("%s = %q, want %q", name, got, data)
		}
	}
	if entries, _ := os.ReadDir(parent); len(entries) != 1 {
		t.Errorf("leftovers beside the folder: %d entries", len(entries))
	}
}

// TestWriteRefusesDuplicatePaths checks that two files at one path fail
// the write, so the manifest never lists a path twice.
func TestWriteRefusesDuplicatePaths(t *testing.T) {
	out := filepath.Join(t.TempDir(), "site")
	err := Write(context.Background(), out, []File{{Path: "a.html", Data: []byte("1")}, {Path: "b.html"}, {Path: "a.html", Data: []byte("2")}})
	var pe *PathError
	if !errors.As(err, &pe) || err.Error() != out+`: refusing to write "a.html": listed twice` {
		t.Fatalf("error = %v", err)
	}
	if _, err := os.Stat(out); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("the folder was created: %v", err)
	}
}

// TestWriteManifest checks the manifest of a write: sorted, one path a
// line, and a second write replacing exactly the listed files.
func TestWriteManifest(t *testing.T) {
	out := filepath.Join(t.TempDir(), "site")
	files := []File{{Path: "z.md", Data: []byte("z")}, {Path: "groups/a.md", Data: []byte("a")}}
	if err := Write(context.Background(), out, files); err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(filepath.Join(out, ManifestName))
	if err != nil {
		t.Fatal(err)
	}
	if want := manifestHeader + "\ngroups/a.md\nz.md\n"; string(got) != want {
		t.Errorf("manifest = %q, want %q", got, want)
	}
	if err := Write(context.Background(), out, files[:1]); err != nil {
		t.Fatalf("rewriting a folder holding only listed files: %v", err)
	}
	if _, err := os.Stat(filepath.Join(out, "groups", "a.md")); !errors.Is(err, os.ErrNotExist) {
		t.Error("a file left out of the second write survived it")
	}
	file := filepath.Join(t.TempDir(), "file")
	if err := os.WriteFile(file, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := Write(context.Background(), file, files); !errors.Is(err, ErrNotFolder) {
		t.Errorf("writing over a file: %v, want ErrNotFolder", err)
	}
}

func TestCompare(t *testing.T) {
	out := filepath.Join(t.TempDir(), "site")
	files := []File{{Path: "index.html", Data: []byte("1")}, {Path: "a/b.html", Data: []byte("2")}}
	missing, err := Compare(out, files)
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{ManifestName, "a/b.html", "index.html"}; !slices.Equal(missing.Added, want) || len(missing.Changed)+len(missing.Removed) != 0 {
		t.Fatalf("Compare with no folder = %+v, want every file added", missing)
	}
	if err := Write(context.Background(), out, files); err != nil {
		t.Fatal(err)
	}
	if c, err := Compare(out, files); err != nil || !c.Empty() {
		t.Fatalf("Compare after Write = %+v, %v; want no change", c, err)
	}
	if err := os.WriteFile(filepath.Join(out, "extra.txt"), []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	next := []File{{Path: "index.html", Data: []byte("changed")}, {Path: "new.html", Data: []byte("3")}}
	c, err := Compare(out, next)
	if err != nil {
		t.Fatal(err)
	}
	want := Changes{Added: []string{"new.html"}, Removed: []string{"a/b.html", "extra.txt"}, Changed: []string{ManifestName, "index.html"}}
	if !reflect.DeepEqual(c, want) {
		t.Fatalf("Compare = %+v\nwant %+v", c, want)
	}
	if got, _ := os.ReadFile(filepath.Join(out, "index.html")); string(got) != "1" {
		t.Fatalf("Compare wrote into the folder: index.html is %q", got)
	}
}

// TestWriteStopsWhenCancelled: a context that has ended before Write starts
// (caught while the new tree is written), or that ends once the tree is
// complete (caught before the swap), leaves the old folder as it was and no
// temporary folder beside it.
func TestWriteStopsWhenCancelled(t *testing.T) {
	parent := t.TempDir()
	out := filepath.Join(parent, "site")
	if err := Write(context.Background(), out, []File{{Path: "index.html", Data: []byte("old")}}); err != nil {
		t.Fatal(err)
	}
	ended, cancel := context.WithCancel(context.Background())
	cancel()
	ending, cancelBeforeSwap := context.WithCancel(context.Background())
	defer cancelBeforeSwap()
	for _, c := range []struct {
		name       string
		ctx        context.Context
		beforeSwap func(string)
	}{
		{"ended before Write", ended, nil},
		{"ended before the swap", ending, func(string) { cancelBeforeSwap() }},
	} {
		beforeSwap = c.beforeSwap
		err := Write(c.ctx, out, []File{{Path: "index.html", Data: []byte("new")}, {Path: "a/b.html", Data: []byte("new")}})
		beforeSwap = nil
		var oe *Error
		if !errors.Is(err, context.Canceled) || !errors.As(err, &oe) || oe.Dir != out {
			t.Errorf("%s: error = %v, want context.Canceled naming %s", c.name, err, out)
		}
		if data, _ := os.ReadFile(filepath.Join(out, "index.html")); string(data) != "old" {
			t.Errorf("%s: index.html = %q, want old", c.name, data)
		}
		if entries, _ := os.ReadDir(parent); len(entries) != 1 {
			t.Errorf("%s: the parent holds %d entries, want only site", c.name, len(entries))
		}
	}
}
