package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestFlagValueCompletion(t *testing.T) {
	t.Parallel()
	kubeconfig := filepath.Join(t.TempDir(), "config")
	const cfg = `apiVersion: v1
kind: Config
clusters:
- {name: prod-eu, cluster: {server: "https://127.0.0.1:1"}}
- {name: staging, cluster: {server: "https://127.0.0.1:2"}}
contexts:
- {name: prod, context: {cluster: prod-eu, user: u}}
- {name: stage, context: {cluster: staging, user: u}}
users:
- {name: u, user: {}}
`
	if err := os.WriteFile(kubeconfig, []byte(cfg), 0o600); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"api-resources", "-o", ""}, "wide\nname\njson\nyaml\n"},
		{[]string{"api-resources", "--sort-by", ""}, "name\nkind\n"},
		{[]string{"api-resources", "--fixtures", "builtin", "--api-group", "auth"}, "authentication.k8s.io\nauthorization.k8s.io\n"},
		{[]string{"generate", "--front-matter", ""}, "none\nhugo\nmkdocs\ndocusaurus\n"},
		{[]string{"generate", "--format", ""}, "html\nmarkdown\n"},
		{[]string{"generate", "--lang", ""}, "en\nko\n"},
		{[]string{"diff", "--fail-on", ""}, "removed\nchanged\ndeprecated\nany\n"},
		{[]string{"matrix", "-o", ""}, "text\nmarkdown\njson\nyaml\n"},
		{[]string{"version", "-o", ""}, "json\nyaml\n"},
		{[]string{"api-resources", "--kubeconfig", kubeconfig, "--context", "pr"}, "prod\n"},
		{[]string{"diff", "--kubeconfig", kubeconfig, "--old-context", ""}, "prod\nstage\n"},
		{[]string{"generate", "--kubeconfig", kubeconfig, "--cluster", ""}, "prod-eu\nstaging\n"},
	}
	for _, tt := range tests {
		out, _, err := execute(append([]string{"__complete"}, tt.args...)...)
		if err != nil {
			t.Fatalf("__complete %v: %v", tt.args, err)
		}
		got, _, _ := strings.Cut(out, ":4\n") // the directive: no file completion
		if got != tt.want {
			t.Errorf("__complete %q:\n%s\nwant\n%s", tt.args, out, tt.want)
		}
	}
}

func TestKubectlPluginName(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	plugin := filepath.Join(dir, "kubectl-apidocs")
	if err := os.Symlink(apidocsBinary(t), plugin); err != nil {
		t.Fatal(err)
	}
	got := run(t, plugin, "--help")
	if got.code != 0 || !strings.Contains(got.stdout, "\n  kubectl apidocs [command]\n") || strings.Contains(got.stdout, "kube-apidocs [command]") {
		t.Fatalf("kubectl-apidocs --help (exit %d):\n%s", got.code, got.stdout)
	}
	got = run(t, plugin, "nosuch")
	if got.code != 1 || !strings.Contains(got.stderr, `for "kubectl apidocs"`) {
		t.Fatalf("kubectl-apidocs nosuch (exit %d): %q", got.code, got.stderr)
	}
	if name, ok := pluginName("/usr/local/bin/kube-apidocs"); ok {
		t.Fatalf("kube-apidocs taken for a plugin: %q", name)
	}
}
