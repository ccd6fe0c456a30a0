package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestKubectlCacheAsSource fills kubectl's discovery cache by running the
// real kubectl against serve, then reads that cache, as --fixtures DIR and
// with --cached, and compares with `kubectl api-resources --cached` on the
// same cache: byte for byte. The --cached runs point at a server that is
// not there, so neither tool makes a request.
func TestKubectlCacheAsSource(t *testing.T) {
	t.Parallel()
	fixture := filepath.Join(fixturesDir, "v1.33.13-crds")
	kubectl := kubectlFor(t, fixture)
	kubeconfig := startServe(t, fixture)
	cache := t.TempDir()
	if got := run(t, kubectl, "--kubeconfig", kubeconfig, "--cache-dir", cache, "api-resources"); got.code != 0 {
		t.Fatalf("kubectl api-resources: exit %d: %s", got.code, got.stderr)
	}
	hosts, err := os.ReadDir(filepath.Join(cache, "discovery"))
	if err != nil || len(hosts) != 1 {
		t.Fatalf("kubectl's discovery cache: %v, %v", hosts, err)
	}
	// the same cache under the name kubectl gives a server at 127.0.0.1:1,
	// where nothing listens
	gone := filepath.Join(cache, "discovery", "127.0.0.1_1")
	if err := os.CopyFS(gone, os.DirFS(filepath.Join(cache, "discovery", hosts[0].Name()))); err != nil {
		t.Fatal(err)
	}
	goneConfig := filepath.Join(t.TempDir(), "kubeconfig")
	writeText(t, goneConfig, "apiVersion: v1\nkind: Config\nclusters:\n- {name: c, cluster: {server: \"http://127.0.0.1:1\"}}\ncontexts:\n- {name: c, context: {cluster: c, user: u}}\nusers:\n- {name: u, user: {}}\ncurrent-context: c\n")
	for _, args := range [][]string{
		{"api-resources"},
		{"api-resources", "-o", "wide"},
		{"api-resources", "--api-group=apps", "--no-headers"},
		{"api-resources", "--namespaced=false", "--sort-by=kind"},
	} {
		want := run(t, kubectl, append(append([]string{"--kubeconfig", goneConfig, "--cache-dir", cache}, args...), "--cached")...)
		if want.code != 0 || want.stdout == "" {
			t.Fatalf("kubectl %v --cached: exit %d: %s", args, want.code, want.stderr)
		}
		cached := apidocs(t, append(args, "--cached", "--kubeconfig", goneConfig, "--cache-dir", cache)...)
		folder := apidocs(t, append(args, "--fixtures", gone)...)
		for name, got := range map[string]result{"--cached": cached, "--fixtures CACHE": folder} {
			if got.code != 0 || got.stdout != want.stdout {
				t.Errorf("%v %s: exit %d, stderr %q\n%s\nwant (kubectl --cached)\n%s", args, name, got.code, got.stderr, got.stdout, want.stdout)
			}
		}
	}
	// without a cache, --cached asks the cluster: here, one that is not there
	empty := t.TempDir()
	if got := apidocs(t, "api-resources", "--cached", "--kubeconfig", goneConfig, "--cache-dir", empty); got.code != 1 || !strings.Contains(got.stderr, "connection refused") {
		t.Errorf("--cached without a cache: exit %d, %q; want the live error", got.code, got.stderr)
	}
}
