package main

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// TestGenerateStrictWritesNothing checks that generate --strict with an
// unavailable group-version fails before writing: an existing site stays
// byte for byte and a new --out is not created.
func TestGenerateStrictWritesNothing(t *testing.T) {
	t.Parallel()
	dir := copyRecording(t, "v1.33.13-crds")
	markStale(t, dir, "multi.example.com", "v1")
	site := filepath.Join(t.TempDir(), "site")
	runGenerate(t, "--fixtures", "builtin", "--out", site, "--format", "markdown")
	before := readTree(t, site)

	out, _, err := execute("generate", "--fixtures", dir, "--out", site, "--strict")
	if err == nil || err.Error() != "--strict: discovery could not deliver multi.example.com/v1" {
		t.Fatalf("error = %v, want the --strict error", err)
	}
	if out != "" {
		t.Errorf("stdout = %q, want nothing written", out)
	}
	if after := readTree(t, site); !reflect.DeepEqual(after, before) {
		t.Error("generate --strict replaced the site it then failed on")
	}
	fresh := filepath.Join(t.TempDir(), "fresh")
	if _, _, err := execute("generate", "--fixtures", dir, "--out", fresh, "--strict"); err == nil {
		t.Fatal("generate --strict succeeded")
	}
	if _, err := os.Stat(fresh); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("generate --strict created --out: %v", err)
	}
	// Without --strict the same recording builds, naming the gap.
	if _, errOut, err := execute("generate", "--fixtures", dir, "--out", fresh, "--fields=false"); err != nil || !strings.Contains(errOut, "warning: multi.example.com/v1 is unavailable") {
		t.Errorf("without --strict: %v, stderr %q", err, errOut)
	}
}

// TestGenerateTemplatesStayInFolder checks that --templates reads nothing
// outside its folder: an asset or a template that is a symbolic link out
// of it is refused with one line naming the file, and nothing is written.
func TestGenerateTemplatesStayInFolder(t *testing.T) {
	t.Parallel()
	secret := filepath.Join(t.TempDir(), "shadow")
	writeText(t, secret, "SECRET {{define \"footer\"}}SECRET{{end}}")
	for _, link := range []string{"assets/site.css", "evil.html.tmpl"} {
		t.Run(link, func(t *testing.T) {
			t.Parallel()
			tmpl := t.TempDir()
			writeText(t, filepath.Join(tmpl, "ok.md.tmpl"), `{{define "footer.md"}}{{end}}`)
			if err := os.MkdirAll(filepath.Join(tmpl, "assets"), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.Symlink(secret, filepath.Join(tmpl, filepath.FromSlash(link))); err != nil {
				t.Fatal(err)
			}
			out := filepath.Join(t.TempDir(), "site")
			_, _, err := execute("generate", "--fixtures", "builtin", "--out", out, "--templates", tmpl, "--fields=false")
			if err == nil || !strings.HasPrefix(err.Error(), "--templates "+tmpl+": templates: ") ||
				!strings.Contains(err.Error(), filepath.Base(link)) || strings.Contains(err.Error(), "\n") {
				t.Fatalf("error = %v, want one line naming %s", err, link)
			}
			if _, err := os.Stat(out); !errors.Is(err, os.ErrNotExist) {
				t.Errorf("--out was written: %v", err)
			}
		})
	}
}

// TestGenerateTemplateTimeout checks that a --templates block that loops
// forever ends generate with an error naming the page, the block and the
// flag, leaving --out unwritten and nothing beside it: neither the folder
// the pages were being written into nor the folder above --out that
// generate made for it.
//
// Not parallel: the budget covers the phrases and pages before index.html
// too, which other tests' load on the cores could push past it; 2s, not
// less, for the load of other jobs on the machine (at 300ms, under -race at
// load 20 on 2 cores, a phrase template ran out of it first).
func TestGenerateTemplateTimeout(t *testing.T) {
	tmpl := t.TempDir()
	writeText(t, filepath.Join(tmpl, "loop.html.tmpl"), `{{define "index"}}{{range 100000000000}}x{{end}}{{end}}`)
	parent := t.TempDir()
	out := filepath.Join(parent, "docs", "site")
	// no field pages: the view is built well within the budget, so the loop
	// in the page template is what runs out of it
	_, _, err := execute("generate", "--fixtures", fixturesDir+"/v1.29.6", "--fields=false", "--out", out, "--templates", tmpl, "--template-timeout", "2s")
	want := "--templates " + tmpl + `: page index.html: template "index" did not finish within 2s (--template-timeout)`
	if err == nil || err.Error() != want {
		t.Fatalf("error = %v, want %s", err, want)
	}
	if entries, err := os.ReadDir(parent); err != nil || len(entries) != 0 {
		t.Errorf("%s holds %v after the timeout (%v), want nothing", parent, entries, err)
	}
	if _, _, err := execute("generate", "--fixtures", "builtin", "--out", out, "--template-timeout", "-1s"); err == nil ||
		err.Error() != "--template-timeout: template timeout -1s is negative (use 0 for no limit)" {
		t.Errorf("negative --template-timeout: %v", err)
	}
}
