package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestGenerateCheck(t *testing.T) {
	t.Parallel()
	out := filepath.Join(t.TempDir(), "site")
	stdout, _, err := execute("generate", "--fixtures", "builtin", "--out", out, "--check", "--fields=false")
	if exitCode(err) != exitStale || !strings.HasPrefix(stdout, "added    .kube-apidocs-manifest\nadded    api-resources.html\n") {
		t.Fatalf("--check with no site: exit %d (%v), stdout %.200q", exitCode(err), err, stdout)
	}
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Fatalf("--check created %s", out)
	}
	runGenerate(t, "--fixtures", "builtin", "--out", out)
	stdout, _, err = execute("generate", "--fixtures", "builtin", "--out", out, "--check", "--fields=false")
	if err != nil || stdout != out+" is up to date (177 files)\n" {
		t.Fatalf("--check after generate: %v, %q", err, stdout)
	}
	index := filepath.Join(out, "index.html")
	if err := os.WriteFile(index, []byte("edited"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Remove(filepath.Join(out, "concepts.md")); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(out, "notes.txt"), []byte("mine"), 0o644); err != nil {
		t.Fatal(err)
	}
	stdout, _, err = execute("generate", "--fixtures", "builtin", "--out", out, "--check", "--fields=false")
	want := "added    concepts.md\nremoved  notes.txt\nchanged  index.html\n"
	if stdout != want || exitCode(err) != exitStale ||
		err.Error() != "--check: "+out+" is out of date: 1 added, 1 removed, 1 changed" {
		t.Fatalf("--check of an edited site: exit %d, %v\nstdout %q\nwant   %q", exitCode(err), err, stdout, want)
	}
	if got, _ := os.ReadFile(index); string(got) != "edited" {
		t.Fatal("--check wrote into --out")
	}
}
