package config

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

func TestParse(t *testing.T) {
	cfg, err := Parse([]byte(`title: Staging
baseURL: https://docs.example.com/api/
formats: [html]
frontMatter: docusaurus
source:
  fixtures: fixtures/v1.33.13
  legacyDiscovery: true
  context: staging
compare: [fixtures/v1.29.6, builtin]
language: ko
`))
	if err != nil {
		t.Fatal(err)
	}
	want := &Config{Title: "Staging", BaseURL: "https://docs.example.com/api/", Formats: []string{"html"}, FrontMatter: "docusaurus",
		Source: Source{Fixtures: "fixtures/v1.33.13", LegacyDiscovery: true, Context: "staging"}, Compare: []string{"fixtures/v1.29.6", "builtin"}, Language: "ko"}
	if !reflect.DeepEqual(cfg, want) {
		t.Errorf("Parse = %+v, want %+v", cfg, want)
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct{ doc, want string }{
		{"titel: x\n", `line 1: unknown key "titel" (allowed: baseURL, compare, formats, frontMatter, language, out, source, templates, title)`},
		{"source:\n  fixtures: builtin\n  kubeconfg: x\n", `line 3: unknown key "source.kubeconfg" (allowed under source: context, fixtures, kubeconfig, legacyDiscovery)`},
		{"source: builtin\n", `line 1: source must be a mapping`},
		{"- a\n- b\n", `line 1: the document must be a mapping`},
		{"formats: 3\n", "line 1: cannot unmarshal !!int `3` into []string"},
		{"compare: fixtures/v1.29.6\n", "line 1: cannot unmarshal !!str `fixture...` into []string"},
		{"title: a\n---\ntitle: b\n", "holds more than one YAML document"},
		{"title: [\n", "yaml: line 1: did not find expected node content"},
	}
	for _, tc := range tests {
		_, err := Parse([]byte(tc.doc))
		if err == nil || err.Error() != tc.want {
			t.Errorf("Parse(%q) error = %v, want %q", tc.doc, err, tc.want)
		}
	}
}

func TestParseEmpty(t *testing.T) {
	cfg, err := Parse(nil)
	if err != nil || !reflect.DeepEqual(cfg, &Config{}) {
		t.Errorf("Parse(nil) = %+v, %v; want an empty config", cfg, err)
	}
}

// TestLoadResolvesPaths checks that relative paths are taken relative to
// the config file, and that builtin and absolute paths are kept.
func TestLoadResolvesPaths(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "kube-apidocs.yaml")
	if err := os.WriteFile(p, []byte("out: site\ntemplates: /abs/tmpl\nsource:\n  fixtures: builtin\n  kubeconfig: kc\ncompare: [old, builtin, /abs/rec]\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	cfg, err := Load(p)
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Out != filepath.Join(dir, "site") || cfg.Templates != "/abs/tmpl" || cfg.Source.Fixtures != "builtin" || cfg.Source.Kubeconfig != filepath.Join(dir, "kc") ||
		!reflect.DeepEqual(cfg.Compare, []string{filepath.Join(dir, "old"), "builtin", "/abs/rec"}) {
		t.Errorf("Load = %+v", cfg)
	}
}
