package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestDiffLinksIntoSites generates the sites of both sides, writes the
// HTML diff beside them with --old-site and --new-site, and follows every
// link into them: each names a page that exists, removed resources in the
// old site, added ones in the new. --old-site with -o text is a usage error.
func TestDiffLinksIntoSites(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	runGenerate(t, "--fixtures", "../../fixtures/v1.29.6", "--out", filepath.Join(dir, "old"), "--format", "html")
	runGenerate(t, "--fixtures", "../../fixtures/v1.33.13", "--out", filepath.Join(dir, "new"), "--format", "html")
	out, errOut, err := execute("diff", "../../fixtures/v1.29.6", "../../fixtures/v1.33.13", "-o", "html", "--old-site", "old", "--new-site", "new/")
	if err != nil {
		t.Fatalf("diff: %v\n%s", err, errOut)
	}
	if err := os.WriteFile(filepath.Join(dir, "diff.html"), []byte(out), 0o644); err != nil {
		t.Fatal(err)
	}
	sides := map[string]int{}
	for _, m := range regexp.MustCompile(`href="((old|new)/[^"]+)"`).FindAllStringSubmatch(out, -1) {
		sides[m[2]]++
		if _, err := os.Stat(filepath.Join(dir, filepath.FromSlash(m[1]))); err != nil {
			t.Errorf("the diff links %s, which the site does not have", m[1])
		}
	}
	for _, want := range []string{
		`<a href="old/resources/flowcontrol.apiserver.k8s.io/v1beta3/flowschemas.html">`,
		`<a href="new/resources/networking.k8s.io/v1/ipaddresses.html">`,
		`<a href="new/resources/core/v1/pods.html">`,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("the diff page lacks %s", want)
		}
	}
	if sides["old"] == 0 || sides["new"] == 0 {
		t.Errorf("links into the old site: %d, into the new: %d; want some of each", sides["old"], sides["new"])
	}
	_, errOut, err = execute("diff", "../../fixtures/v1.29.6", "../../fixtures/v1.33.13", "--old-site", "old")
	if err == nil || !strings.Contains(err.Error(), "--old-site and --new-site apply only to -o html, got -o text") {
		t.Errorf("--old-site with -o text: %v %s", err, errOut)
	}
}
