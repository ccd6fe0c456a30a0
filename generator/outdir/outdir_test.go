package outdir

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestWriteRejectsEscapingPaths checks that a file path leaving the
// site fails the whole write and leaves the previous site untouched.
func TestWriteRejectsEscapingPaths(t *testing.T) {
	parent := t.TempDir()
	out := filepath.Join(parent, "site")
	if err := Write(out, []File{{Path: "index.html", Data: []byte("old")}}); err != nil {
		t.Fatal(err)
	}
	for _, bad := range []string{"../escape.html", "/abs.html", "a/../../b.html", "a\\b.html", ManifestName, ""} {
		err := Write(out, []File{{Path: "index.html", Data: []byte("new")}, {Path: bad, Data: []byte("x")}})
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
