package recording

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"testing/fstest"
	"time"
)

// baseDir is the broken corpus's valid base recording.
const baseDir = "recordingtest/testdata/base"

// baseCopy copies the broken corpus's valid recording to a new folder.
func baseCopy(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "rec")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	copyTree(t, baseDir, dir)
	return dir
}

// loadWithin loads dir and fails the test if that takes longer than a few
// seconds (opening a FIFO blocks until a writer comes).
func loadWithin(t *testing.T, dir string) error {
	t.Helper()
	done := make(chan error, 1)
	go func() {
		_, err := LoadDir(dir, LoadOptions{})
		done <- err
	}()
	select {
	case err := <-done:
		return err
	case <-time.After(10 * time.Second):
		t.Fatalf("LoadDir(%s) did not return within 10s", dir)
		return nil
	}
}

// TestLoadReadsOnlyRegularFiles: a document name held by a FIFO, a folder
// or a symbolic link leading out of the recording is one *FileError naming
// the file; a symbolic link to a regular file inside is read.
func TestLoadReadsOnlyRegularFiles(t *testing.T) {
	cases := []struct {
		name    string
		file    string
		make    func(path string) error
		problem string
	}{
		{"fifo", "apis__apps__v1.json", func(p string) error { return syscall.Mkfifo(p, 0o644) }, "not a regular file (a named pipe)"},
		{"directory", "aggregated_v2.json", func(p string) error { return os.Mkdir(p, 0o755) }, "is a directory, not a discovery document"},
		{"symlink outside", "apis__apps__v1.json", func(p string) error { return os.Symlink("/etc/passwd", p) },
			"is a symbolic link that leads outside the recording folder; only regular files inside it are read"},
		{"relative symlink outside", "api__v1.json", func(p string) error { return os.Symlink("../../../../../../../../etc/passwd", p) },
			"is a symbolic link that leads outside the recording folder; only regular files inside it are read"},
		{"dangling symlink", "api__v1.json", func(p string) error { return os.Symlink("nothing-here.json", p) },
			"is a symbolic link to a file that does not exist"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := baseCopy(t)
			p := filepath.Join(dir, c.file)
			if err := os.Remove(p); err != nil && !errors.Is(err, os.ErrNotExist) {
				t.Fatal(err)
			}
			if err := c.make(p); err != nil {
				t.Fatal(err)
			}
			err := loadWithin(t, dir)
			var fe *FileError
			if !errors.As(err, &fe) || fe.File != p || fe.Problem != c.problem {
				t.Fatalf("LoadDir = %v\nwant %s: %s", err, p, c.problem)
			}
		})
	}
}

func TestLoadFollowsSymlinksInside(t *testing.T) {
	dir := baseCopy(t)
	if err := os.Mkdir(filepath.Join(dir, "store"), 0o755); err != nil {
		t.Fatal(err)
	}
	doc := filepath.Join(dir, "apis__apps__v1.json")
	if err := os.Rename(doc, filepath.Join(dir, "store", "apps-v1.json")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("store/apps-v1.json", doc); err != nil {
		t.Fatal(err)
	}
	if err := loadWithin(t, dir); err != nil {
		t.Fatalf("LoadDir with a symbolic link inside the folder: %v", err)
	}
}

// TestLoadCapsStatusBodies: a recorded non-200 answer is read only up to
// maxStatusBody, and replayed cut to it.
func TestLoadCapsStatusBodies(t *testing.T) {
	fsys := fstest.MapFS{}
	entries, err := os.ReadDir(baseDir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		b, err := os.ReadFile(filepath.Join(baseDir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		fsys[e.Name()] = &fstest.MapFile{Data: b}
	}
	big := bytes.Repeat([]byte("x"), 5<<20)
	fsys["aggregated_v2beta1.http406.json"] = &fstest.MapFile{Data: big}
	rec, err := Load(fsys, "mem", LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	got := rec.Responses[Route{Path: "/apis", Aggregated: "v2beta1"}]
	if got.Status != 406 || len(got.Body) != maxStatusBody || !bytes.Equal(got.Body, big[:maxStatusBody]) {
		t.Errorf("406 answer: status %d, %d bytes; want 406 and the first %d bytes", got.Status, len(got.Body), maxStatusBody)
	}
	// a non-200 answer over the file limit is still refused unread
	_, err = Load(fsys, "mem", LoadOptions{MaxFileSize: 1 << 20})
	var tooLarge *TooLargeError
	if !errors.As(err, &tooLarge) || tooLarge.File != "mem/aggregated_v2beta1.http406.json" || !strings.Contains(err.Error(), "5242880 bytes") {
		t.Errorf("Load with a 1 MiB limit = %v, want a *TooLargeError for the 406 file", err)
	}
}

// TestLoadRefusesStatusLikeGroupNames: a group named like a recorded
// status would have its document read as another group's failed answer,
// so the loader refuses it as record does.
func TestLoadRefusesStatusLikeGroupNames(t *testing.T) {
	fsys := fstest.MapFS{
		"apis.json": &fstest.MapFile{Data: []byte(`{"kind":"APIGroupList","apiVersion":"v1","groups":[{"name":"a.http503","versions":[{"groupVersion":"a.http503/v1","version":"v1"}]}]}`)},
	}
	_, err := Load(fsys, "mem", LoadOptions{})
	want := `mem/apis.json: groups[0].name: "a.http503" is not a valid API group name here: it ends like a recorded HTTP status (.http<code>), so its file name would read as another group's failed answer`
	if err == nil || err.Error() != want {
		t.Errorf("Load = %v\nwant %s", err, want)
	}
}
