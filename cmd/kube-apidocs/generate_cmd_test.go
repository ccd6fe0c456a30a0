package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestGenerateErrors pins the one-line errors of bad flags and files.
func TestGenerateErrors(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	badConfig := filepath.Join(dir, "bad.yaml")
	writeText(t, badConfig, "title: x\nsource:\n  fixturez: builtin\n")
	badTemplates := filepath.Join(dir, "tmpl")
	writeText(t, filepath.Join(badTemplates, "broken.html.tmpl"), `{{define "footer"}}{{.Nope}`)
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"--fixtures", "builtin"}, "--out is required"},
		{[]string{"--fixtures", "builtin", "--out", "."}, "--out .: choose a folder of its own"},
		{[]string{"--fixtures", "builtin", "--out", dir + "/s", "--format", "pdf"}, `--format "pdf" is not available (use html, markdown or both)`},
		{[]string{"--fixtures", "builtin", "--out", dir + "/s", "--front-matter", "jekyll"}, `--front-matter: front matter "jekyll" is not available (use none, hugo, mkdocs or docusaurus)`},
		{[]string{"--fixtures", "builtin", "--out", dir + "/s", "--base-url", "example.com"}, `--base-url: base URL "example.com" must be an absolute http or https URL`},
		{[]string{"--fixtures", "builtin", "--out", dir + "/s", "--lang", "fr"}, `--lang: language "fr" has no message catalog (use en or ko, or add i18n/fr.yaml to the templates folder)`},
		{[]string{"--fixtures", "builtin", "--out", dir + "/s", "--lang", "../ko"}, `--lang: language "../ko" is not a language tag (use en or ko)`},
		{[]string{"--config", badConfig}, `--config ` + badConfig + `: line 3: unknown key "source.fixturez" (allowed under source: context, fixtures, kubeconfig, legacyDiscovery)`},
		{[]string{"--config", filepath.Join(dir, "missing.yaml")}, "--config " + filepath.Join(dir, "missing.yaml") + ": open"},
		{[]string{"--fixtures", "builtin", "--out", dir + "/s", "--templates", badTemplates}, "--templates " + badTemplates + ": templates: template: broken.html.tmpl:1: bad character"},
		{[]string{"--fixtures", "builtin", "--out", dir + "/s", "--templates", filepath.Join(dir, "none")}, "--templates " + filepath.Join(dir, "none") + ": stat"},
	}
	for _, tc := range tests {
		_, _, err := execute(append([]string{"generate"}, tc.args...)...)
		if err == nil || !strings.HasPrefix(err.Error(), tc.want) {
			t.Errorf("generate %v: error %v, want prefix %q", tc.args, err, tc.want)
		}
		if err != nil && strings.Contains(err.Error(), "\n") {
			t.Errorf("generate %v: error spans lines: %q", tc.args, err)
		}
	}
}

// TestGenerateRefusesForeignFolder checks that --out is never replaced
// when it holds files the tool did not write, before or after a first run.
func TestGenerateRefusesForeignFolder(t *testing.T) {
	t.Parallel()
	out := filepath.Join(t.TempDir(), "docs")
	writeText(t, filepath.Join(out, "notes.txt"), "mine")
	_, _, err := execute("generate", "--fixtures", "builtin", "--out", out, "--fields=false")
	if err == nil || !strings.Contains(err.Error(), "refusing to replace a folder that kube-apidocs did not write (it holds notes.txt") {
		t.Fatalf("error = %v, want a refusal naming notes.txt", err)
	}
	if data, _ := os.ReadFile(filepath.Join(out, "notes.txt")); string(data) != "mine" {
		t.Fatal("notes.txt was touched")
	}

	site := filepath.Join(t.TempDir(), "site")
	runGenerate(t, "--fixtures", "builtin", "--out", site)
	writeText(t, filepath.Join(site, "groups", "extra.html"), "added by hand")
	_, _, err = execute("generate", "--fixtures", "builtin", "--out", site, "--fields=false")
	if err == nil || !strings.Contains(err.Error(), "groups/extra.html was not written by kube-apidocs") {
		t.Fatalf("error = %v, want a refusal naming groups/extra.html", err)
	}
}

// TestGenerateFailedRunKeepsOldSite checks that a run that fails after
// loading (a broken template) leaves the previous site byte for byte, and
// that a successful rerun replaces it with no leftovers beside it.
func TestGenerateFailedRunKeepsOldSite(t *testing.T) {
	t.Parallel()
	parent := t.TempDir()
	site := filepath.Join(parent, "site")
	runGenerate(t, "--fixtures", "../../fixtures/v1.29.6", "--out", site, "--format", "markdown")
	before := readTree(t, site)

	broken := filepath.Join(t.TempDir(), "tmpl")
	writeText(t, filepath.Join(broken, "x.md.tmpl"), `{{define "resource.md"}}{{.NoSuchField}}{{end}}`)
	if _, _, err := execute("generate", "--fixtures", "builtin", "--out", site, "--templates", broken, "--fields=false"); err == nil {
		t.Fatal("a template that reads a missing field succeeded")
	}
	after := readTree(t, site)
	if len(after) != len(before) {
		t.Fatalf("failed run changed the site: %d files, then %d", len(before), len(after))
	}
	for name, data := range before {
		if string(after[name]) != string(data) {
			t.Errorf("failed run changed %s", name)
		}
	}
	runGenerate(t, "--fixtures", "builtin", "--out", site, "--format", "markdown")
	if entries, _ := os.ReadDir(parent); len(entries) != 1 {
		t.Errorf("leftovers beside --out: %v", names(entries))
	}
}

// TestGenerateConfigAndFlags checks that the config file supplies settings,
// relative to its own folder, and that flags override it.
func TestGenerateConfigAndFlags(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	writeText(t, filepath.Join(dir, "tmpl", "footer.html.tmpl"), `{{define "footer"}}<footer>custom footer</footer>{{end}}`)
	writeText(t, filepath.Join(dir, "kube-apidocs.yaml"), `title: From the file
out: out
formats: [markdown, html]
frontMatter: hugo
templates: tmpl
source:
  fixtures: builtin
`)
	runGenerate(t, "--config", filepath.Join(dir, "kube-apidocs.yaml"), "--title", "From the flag")
	index := readText(t, filepath.Join(dir, "out", "index.md"))
	if !strings.HasPrefix(index, "---\ntitle: From the flag\n---\n\n# From the flag\n") {
		t.Errorf("index.md starts %q, want hugo front matter with the flag's title", index[:min(80, len(index))])
	}
	html := readText(t, filepath.Join(dir, "out", "index.html"))
	if !strings.Contains(html, "<footer>custom footer</footer>") || strings.Contains(html, "Generated by kube-apidocs") {
		t.Error("the footer block from the config's templates folder did not replace the built-in one")
	}
}

// TestGenerateLanguage: language: in the config file makes a Korean site,
// --lang overrides it, and a templates folder can add a language.
func TestGenerateLanguage(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	writeText(t, filepath.Join(dir, "kube-apidocs.yaml"), "out: out\nformats: [html]\nlanguage: ko\nsource:\n  fixtures: builtin\n")
	runGenerate(t, "--config", filepath.Join(dir, "kube-apidocs.yaml"))
	if html := readText(t, filepath.Join(dir, "out", "index.html")); !strings.Contains(html, `<html lang="ko">`) || !strings.Contains(html, ">코어 그룹</a>") {
		t.Error("language: ko in the config file did not make a Korean site")
	}
	runGenerate(t, "--config", filepath.Join(dir, "kube-apidocs.yaml"), "--lang", "en")
	if html := readText(t, filepath.Join(dir, "out", "index.html")); !strings.Contains(html, `<html lang="en">`) {
		t.Error("--lang en did not override language: ko")
	}
	en := readText(t, "../../templates/i18n/en.yaml")
	writeText(t, filepath.Join(dir, "tmpl", "i18n", "en-GB.yaml"), strings.Replace(en, "layout.dark: Dark mode", "layout.dark: Dark colour scheme", 1))
	runGenerate(t, "--fixtures", "builtin", "--format", "html", "--templates", filepath.Join(dir, "tmpl"), "--lang", "en-GB", "--out", filepath.Join(dir, "gb"))
	if html := readText(t, filepath.Join(dir, "gb", "index.html")); !strings.Contains(html, `<html lang="en-GB">`) || !strings.Contains(html, "Dark colour scheme") {
		t.Error("a catalog in the --templates folder did not add its language")
	}
}

func writeText(t *testing.T, p, s string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
		t.Fatal(err)
	}
}

func readText(t *testing.T, p string) string {
	t.Helper()
	data, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// TestGenerateLiveEqualsRecording generates the site of a recording once
// from the folder and once from a live server replaying it (kubeconfig,
// client-go over HTTP), and expects the same bytes.
func TestGenerateLiveEqualsRecording(t *testing.T) {
	t.Parallel()
	fx := "../../fixtures/v1.33.13-crds"
	kubeconfig := startServe(t, fx)
	offline := sharedSite(t, "--fixtures", fx)
	live := filepath.Join(t.TempDir(), "site")
	runGenerate(t, "--kubeconfig", kubeconfig, "--out", live)
	a, b := readTree(t, offline), readTree(t, live)
	if len(a) != len(b) {
		t.Fatalf("%d files from the folder, %d from the live server", len(a), len(b))
	}
	for name, data := range a {
		if string(b[name]) != string(data) {
			t.Errorf("%s differs between the folder and the live server", name)
		}
	}
}
