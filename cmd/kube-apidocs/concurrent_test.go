package main

import (
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
)

// TestConcurrentGenerateOneOut starts two generate runs into the same
// --out at the same time, from two recordings of the same size that give
// different sites, into a new folder and into one an earlier run wrote.
// Each run succeeds or fails with one line naming --out and prints
// nothing; at least one succeeds; --out then holds exactly the site of one
// run that succeeded, never a mix or the earlier site; and nothing is left
// beside it: no temporary folder, no old tree.
func TestConcurrentGenerateOneOut(t *testing.T) {
	t.Parallel()
	recordings := []string{writeBase(t), writeBase(t)}
	version := filepath.Join(recordings[1], "version.json")
	writeText(t, version, strings.Replace(readText(t, version), `"gitVersion":"v1.33.13"`, `"gitVersion":"v1.33.99"`, 1))
	var sites []map[string]string
	for _, rec := range recordings {
		out := filepath.Join(t.TempDir(), "site")
		runGenerate(t, "--fixtures", rec, "--out", out)
		sites = append(sites, relSnapshot(t, out))
	}
	if maps.Equal(sites[0], sites[1]) {
		t.Fatal("the two recordings give the same site; the test could not see a mix")
	}
	for round := range 6 {
		parent := t.TempDir()
		out := filepath.Join(parent, "site")
		if round%2 == 1 { // every other round replaces an existing site
			runGenerate(t, "--fixtures", recordings[0], "--out", out)
		}
		var wg sync.WaitGroup
		results := make([]result, len(recordings))
		for i, rec := range recordings {
			wg.Add(1)
			go func() {
				defer wg.Done()
				results[i] = apidocs(t, "generate", "--fixtures", rec, "--out", out)
			}()
		}
		wg.Wait()
		checkOneSite(t, round, out, results, sites)
		entries, err := os.ReadDir(parent)
		if err != nil {
			t.Fatal(err)
		}
		if len(entries) != 1 || entries[0].Name() != "site" {
			var names []string
			for _, e := range entries {
				names = append(names, e.Name())
			}
			t.Errorf("round %d: beside --out: %v, want only site", round, names)
		}
	}
}

// checkOneSite checks the outcome of two concurrent generate runs into
// out: results[i] ran the recording whose site is sites[i].
func checkOneSite(t *testing.T, round int, out string, results []result, sites []map[string]string) {
	t.Helper()
	var succeeded []int
	for i, res := range results {
		if res.code == 0 {
			succeeded = append(succeeded, i)
			continue
		}
		if res.code != 1 || res.stdout != "" || strings.Count(res.stderr, "\n") != 1 || !strings.HasPrefix(res.stderr, "error: --out "+out+": ") {
			t.Errorf("round %d, run %d: exit %d, stdout %q, stderr %q; want success or one line naming --out", round, i, res.code, res.stdout, res.stderr)
		}
	}
	if len(succeeded) == 0 {
		t.Fatalf("round %d: both runs failed: %q, %q", round, results[0].stderr, results[1].stderr)
	}
	got := relSnapshot(t, out)
	matches := slices.ContainsFunc(succeeded, func(i int) bool { return maps.Equal(got, sites[i]) })
	if !matches {
		t.Errorf("round %d: --out is not the site of a run that succeeded (runs %v succeeded; %d files)", round, succeeded, len(got))
	}
}

// relSnapshot maps the path of every file under dir, relative to dir, to
// its content.
func relSnapshot(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	for p, content := range snapshot(t, dir) {
		out[strings.TrimPrefix(p, dir+string(os.PathSeparator))] = content
	}
	return out
}
