package main

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// TestCheck builds a small site with one good link of each kind and one
// broken link of each kind, and checks that exactly the broken ones are
// reported, with their reasons.
func TestCheck(t *testing.T) {
	root := t.TempDir()
	write := func(p, body string) {
		full := filepath.Join(root, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(full, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("index.html", `<h1 id="top">x</h1>
<a href="#top">self</a> <a href="api/">folder</a> <a href="/api/concepts/#verbs">rooted</a>
<img src="tree.svg"> <a href="https://example.com/x">external</a> <a href="mailto:a@b">mail</a>
<a href="#nowhere">bad fragment</a> <a href="api/missing/">bad folder</a> <a href="api/concepts.md">bad md</a>
<a href="../outside.html">outside</a> <a href="javascript:alert(1)">js</a> <a href="/api/concepts/#nope">bad rooted</a>`)
	write("tree.svg", "<svg/>")
	write("api/index.html", `<a href="../">up</a> <a href="concepts/">concepts</a>`)
	write("api/concepts/index.html", `<h2 id="verbs">Verbs</h2><a name="old"></a><a href="#old">named</a>`)

	r, err := Check(root)
	if err != nil {
		t.Fatal(err)
	}
	if r.Pages != 3 {
		t.Errorf("Pages = %d, want 3", r.Pages)
	}
	var broken, fragments []string
	for _, p := range r.Broken {
		broken = append(broken, p.Page+" "+p.Link+": "+p.Reason)
	}
	for _, p := range r.BrokenFragments {
		fragments = append(fragments, p.Page+" "+p.Link)
	}
	wantBroken := []string{
		"index.html api/missing/: no such file",
		"index.html api/concepts.md: no such file",
		"index.html ../outside.html: leaves the site",
		"index.html javascript:alert(1): a javascript: URL",
	}
	wantFragments := []string{"index.html #nowhere", "index.html /api/concepts/#nope"}
	if !slices.Equal(broken, wantBroken) {
		t.Errorf("broken = %q, want %q", broken, wantBroken)
	}
	if !slices.Equal(fragments, wantFragments) {
		t.Errorf("broken fragments = %q, want %q", fragments, wantFragments)
	}
	// every relative link of the site, the external and mailto ones not counted
	if r.Links != 13 {
		t.Errorf("Links = %d, want 13", r.Links)
	}
}
