//go:build e2e

package e2e

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// generateSite runs `kube-apidocs generate` with args and returns the
// folder it wrote.
func generateSite(t *testing.T, live bool, args ...string) string {
	t.Helper()
	out := filepath.Join(t.TempDir(), "site")
	args = append([]string{"generate", "--out", out}, args...)
	var got result
	if live {
		got = kd(t, args...)
	} else {
		got = run(t, nil, apidocs, args...)
	}
	if got.code != 0 || !strings.HasPrefix(got.stdout, "Wrote ") {
		t.Fatalf("generate %v: %v, stdout %q", args, got, got.stdout)
	}
	return out
}

// readTree returns every file under dir by its slash-separated path.
func readTree(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, path)
		body, err := os.ReadFile(path)
		files[filepath.ToSlash(rel)] = body
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// TestGenerateSite generates the site from the live server, checks its
// main pages, and requires the site generated from a recording of the same
// server to be byte-identical; no page holds the token.
func TestGenerateSite(t *testing.T) {
	assertSiteMatchesRecording(t, "resources/apps/v1/deployments.html", "resources/core/v1/pods.md")
}

// assertSiteMatchesRecording generates the live site, requires the given
// pages (and the index and api-resources pages), and compares it with the
// site of a recording.
func assertSiteMatchesRecording(t *testing.T, pages ...string) {
	t.Helper()
	liveSite := readTree(t, generateSite(t, true))
	for _, p := range append([]string{"index.html", "index.md", "api-resources.html", "api-resources.md", "concepts.html"}, pages...) {
		if len(liveSite[p]) == 0 {
			t.Errorf("the live site has no %s", p)
		}
	}
	wide := kc(t, "api-resources", "-o", "wide").stdout
	if !bytes.Contains(liveSite["api-resources.md"], []byte(strings.SplitN(wide, "\n", 2)[0])) {
		t.Errorf("api-resources.md does not hold kubectl's table header")
	}
	recorded := readTree(t, generateSite(t, false, "--fixtures", recordLive(t)))
	if len(recorded) != len(liveSite) {
		t.Errorf("the recording's site has %d files, the live site %d", len(recorded), len(liveSite))
	}
	for p, body := range liveSite {
		if !bytes.Equal(recorded[p], body) {
			t.Errorf("%s differs between the live site and the recording's", p)
		}
		if bytes.Contains(body, []byte(live.token)) {
			t.Errorf("%s contains the token", p)
		}
	}
}
