package main

import (
	"encoding/json"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// The golden files of diff and matrix live in testdata/diff; `go test
// ./cmd/kube-apidocs -run 'Diff|Matrix' -update` rewrites them. The flag is
// registered here only if no other test file of the package did.
func init() {
	if flag.Lookup("update") == nil {
		flag.Bool("update", false, "rewrite the golden files under testdata/")
	}
}

func updating() bool {
	f := flag.Lookup("update")
	return f != nil && f.Value.String() == "true"
}

// repoRoot is where the diff tests run the binary, so that the sources
// printed in outputs read "fixtures/v1.29.6".
const repoRoot = "../.."

// apidocsAt runs the binary from the repository root.
func apidocsAt(t *testing.T, args ...string) result {
	t.Helper()
	cmd := exec.Command(apidocsBinary(t), args...)
	cmd.Dir = repoRoot
	return runCommand(t, cmd)
}

func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", "diff", name)
	if updating() {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if got != string(want) {
		t.Errorf("output differs from %s (go test -update rewrites it); got:\n%s", path, got)
	}
}

func TestDiffGolden(t *testing.T) {
	t.Parallel()
	cases := []struct {
		file string
		args []string
	}{
		{"v1.29.6_v1.33.13.txt", []string{"diff", "fixtures/v1.29.6", "fixtures/v1.33.13"}},
		{"v1.29.6_v1.33.13.md", []string{"diff", "fixtures/v1.29.6", "fixtures/v1.33.13", "-o", "markdown"}},
		{"v1.29.6_v1.33.13.json", []string{"diff", "fixtures/v1.29.6", "fixtures/v1.33.13", "-o", "json"}},
		{"v1.29.6_v1.33.13.html", []string{"diff", "fixtures/v1.29.6", "fixtures/v1.33.13", "-o", "html"}},
		{"v1.33.13_v1.29.6.txt", []string{"diff", "fixtures/v1.33.13", "fixtures/v1.29.6"}},
		{"v1.33.13_crds.txt", []string{"diff", "builtin", "fixtures/v1.33.13-crds"}},
		{"v1.33.13_crds.md", []string{"diff", "builtin", "fixtures/v1.33.13-crds", "-o", "markdown"}},
	}
	for _, c := range cases {
		t.Run(c.file, func(t *testing.T) {
			t.Parallel()
			got := apidocsAt(t, c.args...)
			if got.code != 0 || got.stderr != "" {
				t.Fatalf("exit %d, stderr %q", got.code, got.stderr)
			}
			golden(t, c.file, got.stdout)
		})
	}
}

// TestDiffJSONShape pins the documented field names of -o json.
func TestDiffJSONShape(t *testing.T) {
	t.Parallel()
	got := apidocsAt(t, "diff", "fixtures/v1.29.6", "fixtures/v1.33.13", "-o", "json")
	var top map[string]json.RawMessage
	if err := json.Unmarshal([]byte(got.stdout), &top); err != nil {
		t.Fatalf("-o json is not a JSON object: %v", err)
	}
	doc := map[string]map[string]any{}
	for _, key := range []string{"old", "new", "groups", "groupVersions", "resources", "subresources", "fields", "deprecated"} {
		var obj map[string]any
		if err := json.Unmarshal(top[key], &obj); err != nil {
			t.Fatalf("-o json: %s is not an object: %v", key, err)
		}
		doc[key] = obj
	}
	want := map[string][]string{
		"old":           {"version"},
		"new":           {"version"},
		"groups":        {"added", "removed"},
		"groupVersions": {"added", "removed", "preferredChanged"},
		"resources":     {"added", "removed", "changed"},
		"subresources":  {"added", "removed"},
		"fields":        {"compared", "missing", "kinds", "added", "removed", "changed"},
		"deprecated":    {"resources", "fields"},
	}
	for key, fields := range want {
		for _, f := range fields {
			if _, ok := doc[key][f]; !ok {
				t.Errorf("-o json lacks %s.%s", key, f)
			}
		}
	}
	if doc["old"]["version"] != "v1.29.6" || doc["new"]["version"] != "v1.33.13" {
		t.Errorf("versions: %v → %v", doc["old"]["version"], doc["new"]["version"])
	}
	var changed struct {
		Resources struct {
			Changed []struct {
				Resource, Field string
				Old, New        []string
			}
		}
	}
	if err := json.Unmarshal([]byte(got.stdout), &changed); err != nil {
		t.Fatal(err)
	}
	c := changed.Resources.Changed
	if len(c) != 1 || c[0].Resource != "v1/pods" || c[0].Field != "subresources" || !contains(c[0].New, "resize") || contains(c[0].Old, "resize") {
		t.Errorf("resources.changed = %+v, want v1/pods subresources gaining resize", c)
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// TestDiffWithItselfUnderEveryFailOn: a recording diffed with itself has
// no differences, so the binary exits 0 under every --fail-on and prints
// "No differences.", and -o json lists nothing added or removed.
func TestDiffWithItselfUnderEveryFailOn(t *testing.T) {
	t.Parallel()
	for _, src := range []string{"builtin", fixturesDir + "/v1.29.6", fixturesDir + "/v1.33.13-crds"} {
		t.Run(filepath.Base(src), func(t *testing.T) {
			t.Parallel()
			for _, failOn := range []string{"removed", "changed", "any"} {
				got := run(t, apidocsBinary(t), "diff", src, src, "--fail-on", failOn)
				if got.code != 0 || got.stderr != "" || !strings.Contains(got.stdout, "\nNo differences.\n") {
					t.Errorf("diff %s %s --fail-on %s: exit %d, stderr %q, stdout:\n%s", src, src, failOn, got.code, got.stderr, got.stdout)
				}
			}
			js := run(t, apidocsBinary(t), "diff", src, src, "-o", "json")
			var d struct {
				Resources struct{ Added, Removed []string }
			}
			if err := json.Unmarshal([]byte(js.stdout), &d); err != nil || d.Resources.Added == nil || len(d.Resources.Added)+len(d.Resources.Removed) != 0 {
				t.Errorf("diff %s %s -o json: %v, %+v", src, src, err, d)
			}
		})
	}
}

func TestDiffFailOnExitCodes(t *testing.T) {
	t.Parallel()
	cases := []struct {
		old, new, failOn string
		code             int
		stderr           string
	}{
		{"fixtures/v1.29.6", "fixtures/v1.33.13", "", 0, ""},
		{"fixtures/v1.29.6", "fixtures/v1.33.13", "removed", 3, "error: --fail-on removed: differences found (1 group-versions removed, 2 resources removed, 0 subresources removed, 1 resource changes, 5 additions, 27 fields removed, 13 field changes, 428 fields added, 2 deprecated resources served, 179 fields newly deprecated)\n"},
		{"fixtures/v1.29.6", "fixtures/v1.33.13", "changed", 3, "error: --fail-on changed: differences found (1 group-versions removed, 2 resources removed, 0 subresources removed, 1 resource changes, 5 additions, 27 fields removed, 13 field changes, 428 fields added, 2 deprecated resources served, 179 fields newly deprecated)\n"},
		{"fixtures/v1.29.6", "fixtures/v1.33.13", "any", 3, "error: --fail-on any: differences found (1 group-versions removed, 2 resources removed, 0 subresources removed, 1 resource changes, 5 additions, 27 fields removed, 13 field changes, 428 fields added, 2 deprecated resources served, 179 fields newly deprecated)\n"},
		{"fixtures/v1.29.6", "fixtures/v1.33.13", "deprecated", 3, "error: --fail-on deprecated: differences found (1 group-versions removed, 2 resources removed, 0 subresources removed, 1 resource changes, 5 additions, 27 fields removed, 13 field changes, 428 fields added, 2 deprecated resources served, 179 fields newly deprecated)\n"},
		// adding CRDs removes and changes nothing
		{"builtin", "fixtures/v1.33.13-crds", "removed", 0, ""},
		{"builtin", "fixtures/v1.33.13-crds", "changed", 0, ""},
		{"builtin", "fixtures/v1.33.13-crds", "any", 3, "error: --fail-on any: differences found (0 group-versions removed, 0 resources removed, 0 subresources removed, 0 resource changes, 9 additions, 2 deprecated resources served)\n"},
		// v1.33 serves v1 ComponentStatus and v1 Endpoints, both deprecated;
		// v1.32 had not deprecated Endpoints yet
		{"builtin", "builtin", "deprecated", 3, "error: --fail-on deprecated: differences found (0 group-versions removed, 0 resources removed, 0 subresources removed, 0 resource changes, 0 additions, 2 deprecated resources served)\n"},
		{"fixtures/v1.32.13", "fixtures/v1.32.13", "deprecated", 3, "error: --fail-on deprecated: differences found (0 group-versions removed, 0 resources removed, 0 subresources removed, 0 resource changes, 0 additions, 1 deprecated resources served)\n"},
	}
	for _, c := range cases {
		t.Run(c.old+" "+c.new+" "+c.failOn, func(t *testing.T) {
			t.Parallel()
			got := apidocsAt(t, "diff", c.old, c.new, "--fail-on", c.failOn)
			if got.code != c.code || got.stderr != c.stderr {
				t.Errorf("diff %s %s --fail-on %q: exit %d, stderr %q; want exit %d, stderr %q", c.old, c.new, c.failOn, got.code, got.stderr, c.code, c.stderr)
			}
			if got.stdout == "" {
				t.Errorf("diff %s %s --fail-on %q printed nothing; the report comes before the exit code", c.old, c.new, c.failOn)
			}
		})
	}
}

func TestDiffAndMatrixUsageErrors(t *testing.T) {
	t.Parallel()
	cases := []struct {
		args []string
		want string
	}{
		{[]string{"diff"}, `error: diff needs 2 positional argument(s) besides --old-context/--new-context, got 0: usage: diff OLD NEW (each a recording folder or "builtin")`},
		{[]string{"diff", "builtin"}, `error: diff needs 2 positional argument(s) besides --old-context/--new-context, got 1: usage: diff OLD NEW (each a recording folder or "builtin")`},
		{[]string{"diff", "builtin", "builtin", "builtin"}, `error: diff needs 2 positional argument(s) besides --old-context/--new-context, got 3: usage: diff OLD NEW (each a recording folder or "builtin")`},
		{[]string{"diff", "--old-context", "a", "builtin", "builtin"}, `error: diff needs 1 positional argument(s) besides --old-context/--new-context, got 2: usage: diff OLD NEW (each a recording folder or "builtin")`},
		{[]string{"diff", "--old-context", "a", "--new-context", "b", "builtin"}, `error: diff needs 0 positional argument(s) besides --old-context/--new-context, got 1: usage: diff OLD NEW (each a recording folder or "builtin")`},
		{[]string{"diff", "builtin", ""}, `error: diff: argument 2 is empty: name a recording folder or "builtin"`},
		{[]string{"diff", "builtin", "builtin", "-o", "xml"}, "error: --output xml is not available (use one of: text, markdown, html, json, yaml)"},
		{[]string{"diff", "builtin", "builtin", "--fail-on", "added"}, `error: --fail-on accepts only removed, changed, deprecated or any, got "added"`},
		{[]string{"diff", "builtin", "/nonexistent/new"}, "error: NEW (/nonexistent/new): /nonexistent/new: no such folder"},
		{[]string{"diff", "go.mod", "builtin"}, "error: OLD (go.mod): go.mod: not a folder"},
		{[]string{"diff", "builtin", "builtin", "--max-file-size", "0"}, "error: OLD (builtin): --max-file-size must be a positive number of bytes, got 0"},
		{[]string{"diff", "--old-context", "nosuch", "--kubeconfig", "/nonexistent/kubeconfig", "builtin"}, "error: OLD (context nosuch): "},
		{[]string{"diff", "builtin", "builtin", "--removals", "/nonexistent/removals.yaml"}, "error: --removals: open /nonexistent/removals.yaml: no such file or directory"},
		{[]string{"diff", "builtin", "builtin", "--removals", "go.mod"}, "error: go.mod: yaml: "},
		{[]string{"matrix"}, "error: requires at least 1 arg(s), only received 0"},
		{[]string{"matrix", "builtin", "-o", "html"}, "error: --output html is not available (use one of: text, markdown, json, yaml)"},
		{[]string{"matrix", "builtin", " "}, `error: matrix: argument 2 is empty: name a recording folder or "builtin"`},
		{[]string{"matrix", "builtin", "/nonexistent/dir"}, "error: /nonexistent/dir: no such folder"},
	}
	for _, c := range cases {
		t.Run(strings.Join(c.args, " "), func(t *testing.T) {
			t.Parallel()
			got := apidocsAt(t, c.args...)
			line := strings.TrimSuffix(got.stderr, "\n")
			if got.code != 1 || !strings.HasPrefix(line, c.want) || strings.Contains(line, "\n") || got.stdout != "" {
				t.Errorf("exit %d, stdout %q, stderr %q; want exit 1 and one line starting %q", got.code, got.stdout, got.stderr, c.want)
			}
			if strings.HasSuffix(c.want, ": ") && got.stderr == c.want+"\n" {
				t.Errorf("stderr %q names no cause", got.stderr)
			}
		})
	}
}

func TestMatrixGolden(t *testing.T) {
	t.Parallel()
	// Every recording but the 1,000-CRD one and the third-party one, which
	// would add 1,000 and 100 rows of CRDs to the golden files.
	var args []string
	for _, d := range recordings(t) {
		if name := filepath.Base(d); name != "v1.33.13-1000crds" && name != "v1.33.13-thirdparty" {
			args = append(args, filepath.Join("fixtures", name))
		}
	}
	for _, f := range []struct{ file, format string }{{"matrix.txt", "text"}, {"matrix.md", "markdown"}, {"matrix.json", "json"}} {
		t.Run(f.file, func(t *testing.T) {
			t.Parallel()
			got := apidocsAt(t, append([]string{"matrix", "-o", f.format}, args...)...)
			if got.code != 0 || got.stderr != "" {
				t.Fatalf("exit %d, stderr %q", got.code, got.stderr)
			}
			golden(t, f.file, got.stdout)
		})
	}
}

// TestMatrixColumnsFollowReleases checks the JSON columns come oldest first
// whatever order the folders are given in.
func TestMatrixColumnsFollowReleases(t *testing.T) {
	t.Parallel()
	got := apidocsAt(t, "matrix", "-o", "json", "builtin", "fixtures/v1.29.6")
	var m struct {
		Columns []struct{ Label, Version, Source string }
	}
	if err := json.Unmarshal([]byte(got.stdout), &m); err != nil {
		t.Fatal(err)
	}
	var labels []string
	for _, c := range m.Columns {
		labels = append(labels, c.Label)
	}
	if !reflect.DeepEqual(labels, []string{"v1.29.6", "v1.33.13"}) {
		t.Errorf("columns = %q", labels)
	}
}

// TestDiffContexts reads both sides through kubeconfig contexts: `serve`
// replays a recording, and the live path (client-go discovery) must find it
// identical to the same recording read offline.
func TestDiffContexts(t *testing.T) {
	t.Parallel()
	kubeconfig := startServe(t, filepath.Join(fixturesDir, "v1.29.6"))
	same := apidocsAt(t, "diff", "--kubeconfig", kubeconfig, "--old-context", "kube-apidocs-replay", "fixtures/v1.29.6", "--fail-on", "any")
	if same.code != 0 || !strings.Contains(same.stdout, "old: v1.29.6 (context kube-apidocs-replay)\n") || !strings.Contains(same.stdout, "\nNo differences.\n") {
		t.Errorf("live v1.29.6 vs recorded v1.29.6: exit %d, stderr %q, stdout:\n%s", same.code, same.stderr, same.stdout)
	}
	both := apidocsAt(t, "diff", "--kubeconfig", kubeconfig, "--old-context", "kube-apidocs-replay", "--new-context", "kube-apidocs-replay", "-o", "json")
	if both.code != 0 || !strings.Contains(both.stdout, `"source": "context kube-apidocs-replay"`) {
		t.Errorf("both sides from one context: exit %d, stderr %q", both.code, both.stderr)
	}
	newer := apidocsAt(t, "diff", "--kubeconfig", kubeconfig, "--old-context", "kube-apidocs-replay", "fixtures/v1.33.13", "--fail-on", "removed")
	if newer.code != 3 || !strings.Contains(newer.stdout, "- flowcontrol.apiserver.k8s.io/v1beta3\n") {
		t.Errorf("live v1.29.6 vs recorded v1.33.13 --fail-on removed: exit %d, stderr %q, stdout:\n%s", newer.code, newer.stderr, newer.stdout)
	}
}
