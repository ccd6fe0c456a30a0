package main

import (
	"io/fs"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// brokenDir holds the broken-recording corpus (hack/mkbroken.sh makes it).
const brokenDir = "../../generator/recording/testdata/broken"

// brokenCases pins the one line each broken recording must produce. The
// recordings are named relative to brokenDir, so the file names in the
// messages are short.
var brokenCases = []struct {
	name, stderr string
}{
	{"bad-freshness", `error: bad-freshness/aggregated_v2.json: items[0].versions[0].freshness: is "Fresh", want "Current" or "Stale"`},
	{"bad-scope", `error: bad-scope/aggregated_api_v2.json: items[0].versions[0].resources[1].scope: is "Global", want "Namespaced" or "Cluster"`},
	{"byte-order-mark", `error: byte-order-mark/api.json: starts with a UTF-8 byte order mark, which is not JSON; remove the first 3 bytes`},
	{"core-group-named", `error: core-group-named/aggregated_api_v2.json: items[0].metadata.name: is "core", but aggregated discovery for /api holds only the core group (no name)`},
	{"duplicate-group-aggregated", `error: duplicate-group-aggregated/aggregated_v2.json: items[1].metadata.name: "apps" is listed twice (first at index 0)`},
	{"duplicate-group", `error: duplicate-group/apis.json: groups[1].name: "apps" is listed twice (first at index 0)`},
	{"duplicate-resource", `error: duplicate-resource/api__v1.json: resources[4].name: "configmaps" is listed twice (first at index 0)`},
	{"empty-file", `error: empty-file/apis__apps__v1.json: empty file`},
	{"group-name-not-dns", `error: group-name-not-dns/apis.json: groups[0].name: "Apps_Group" is not a valid API group name (a DNS subdomain: lowercase letters, digits, '-' and '.', at most 253 characters)`},
	{"http406-instead-of-document", `error: http406-instead-of-document/apis__apps__v1.http406.json: HTTP 406 recorded where the document apis__apps__v1.json is needed (only 404 and 5xx, an unavailable group-version, are kept as recorded)`},
	{"invalid-utf8", `error: invalid-utf8/apis__apps__v1.json: resources[1].kind: not valid UTF-8 at byte 450`},
	{"kind-control-char", `error: kind-control-char/aggregated_api_v2.json: items[0].versions[0].resources[2].responseKind.kind: "Pod\x1b[31m" contains the control character U+001B`},
	{"no-apis", `error: no-apis/apis.json: missing: a recording needs apis.json or aggregated_v2.json for /apis`},
	{"no-documents", `error: no-documents: no discovery documents (expected api.json and apis.json, or aggregated_v2.json; see fixtures/README.md)`},
	{"preferred-version-unknown", `error: preferred-version-unknown/apis.json: groups[0].preferredVersion.version: "v2" is not one of the group's versions`},
	{"resource-name-control-char", `error: resource-name-control-char/api__v1.json: resources[0].name: "config\x00maps" is not a usable resource name (any text without control characters; no part between "/" may be empty, "." or "..")`},
	{"resource-name-dotdot", `error: resource-name-dotdot/apis__apps__v1.json: resources[0].name: ".." is not a usable resource name (any text without control characters; no part between "/" may be empty, "." or "..")`},
	{"trailing-garbage", `error: trailing-garbage/apis.json: invalid JSON at byte 186: invalid character '}' after top-level value`},
	{"truncated-aggregated", `error: truncated-aggregated/aggregated_v2.json: items[0].versions[0].resources[0].subresources[0]: truncated JSON: unexpected end at byte 500`},
	{"truncated-legacy", `error: truncated-legacy/apis__apps__v1.json: resources[0]: truncated JSON: unexpected end at byte 300`},
	{"version-name-not-dns", `error: version-name-not-dns/aggregated_v2.json: items[0].versions[0].version: "V1" is not a valid API version (a DNS label: lowercase letters, digits and '-', starting with a letter, at most 63 characters)`},
	{"whitespace-only-file", `error: whitespace-only-file/api__v1.json: empty file`},
	{"wrong-apiversion", `error: wrong-apiversion/aggregated_v2.json: apiVersion: is "apidiscovery.k8s.io/v2beta1", want "apidiscovery.k8s.io/v2"`},
	{"wrong-groupversion", `error: wrong-groupversion/apis__apps__v1.json: groupVersion: is "apps/v2", but the file name says "apps/v1"`},
	{"wrong-kind", `error: wrong-kind/api__v1.json: kind: is "APIGroup", want "APIResourceList"`},
	{"wrong-type-document", `error: wrong-type-document/apis.json: (document): is a JSON array, want an object`},
	{"wrong-type-namespaced", `error: wrong-type-namespaced/apis__apps__v1.json: resources[0].namespaced: is a JSON string, want a boolean`},
	{"wrong-type-resources", `error: wrong-type-resources/api__v1.json: resources: is a JSON object, want an array`},
	{"wrong-type-verb", `error: wrong-type-verb/aggregated_v2.json: items[0].versions[0].resources[0].verbs[2]: is a JSON number, want a string`},
}

// TestBrokenRecordings runs the real binary on every broken recording:
// exit 1, exactly the pinned line on stderr, nothing on stdout, no panic,
// and a site that `generate --out` had written before left byte-identical.
func TestBrokenRecordings(t *testing.T) {
	if len(brokenCases) < 20 {
		t.Fatalf("%d broken cases, want at least 20", len(brokenCases))
	}
	dirs, err := filepath.Glob(filepath.Join(brokenDir, "*"))
	if err != nil {
		t.Fatal(err)
	}
	if len(dirs) != len(brokenCases)+1 { // + base
		t.Errorf("%s has %d folders, the table %d cases (+ base): pin every case", brokenDir, len(dirs), len(brokenCases))
	}
	site := generatedSite(t)
	for _, tc := range brokenCases {
		t.Run(tc.name, func(t *testing.T) {
			for _, args := range [][]string{
				{"api-resources", "-o", "wide", "--fixtures", tc.name},
				{"api-versions", "--legacy-discovery", "--fixtures", tc.name},
			} {
				res := runBinary(t, brokenDir, args...)
				checkFailure(t, args, res, tc.stderr)
			}
			out := copySite(t, site)
			before := snapshot(t, out)
			args := []string{"generate", "--fixtures", tc.name, "--out", out}
			checkFailure(t, args, runBinary(t, brokenDir, args...), tc.stderr)
			if after := snapshot(t, out); !maps.Equal(before, after) {
				t.Errorf("generate changed the existing --out folder: %d files before, %d after", len(before), len(after))
			}
		})
	}
}

// generatedSite generates the site of the corpus's valid base once; every
// case gets a copy of it as the existing --out folder.
func generatedSite(t *testing.T) string {
	t.Helper()
	site := filepath.Join(t.TempDir(), "site")
	if res := runBinary(t, brokenDir, "generate", "--fixtures", "base", "--out", site); res.code != 0 {
		t.Fatalf("generate from the corpus's base: exit %d: %s", res.code, res.stderr)
	}
	return site
}

func copySite(t *testing.T, site string) string {
	t.Helper()
	out := filepath.Join(t.TempDir(), "site")
	if err := os.CopyFS(out, os.DirFS(site)); err != nil {
		t.Fatal(err)
	}
	return out
}

// snapshot maps every file under dir to its content.
func snapshot(t *testing.T, dir string) map[string]string {
	t.Helper()
	files := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		files[p] = string(b)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 {
		t.Fatalf("%s is empty", dir)
	}
	return files
}

// checkFailure asserts exit code 1, an empty stdout and exactly one line,
// want, on stderr.
func checkFailure(t *testing.T, args []string, res result, want string) {
	t.Helper()
	if res.code != 1 {
		t.Errorf("%v: exit code %d, want 1", args, res.code)
	}
	if strings.Contains(res.stderr, "panic") || strings.Contains(res.stderr, "goroutine ") {
		t.Fatalf("%v panicked:\n%s", args, res.stderr)
	}
	if res.stderr != want+"\n" {
		t.Errorf("%v: stderr\n%q\nwant\n%q", args, res.stderr, want+"\n")
	}
	if res.stdout != "" {
		t.Errorf("%v: printed to stdout:\n%s", args, res.stdout)
	}
}

// TestBrokenSources covers what the corpus cannot hold: a folder that is
// missing or a file, a 100 MB document, and the --max-file-size flag.
func TestBrokenSources(t *testing.T) {
	tmp := t.TempDir()
	big := filepath.Join(tmp, "big")
	if err := os.Mkdir(big, 0o755); err != nil {
		t.Fatal(err)
	}
	copyFiles(t, filepath.Join(brokenDir, "base"), big)
	f, err := os.OpenFile(filepath.Join(big, "apis__apps__v1.json"), os.O_WRONLY|os.O_TRUNC, 0o644)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.Write([]byte(strings.Repeat(" ", 100<<20))); err != nil { // 100 MB, really written
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		args []string
		want string
	}{
		{[]string{"api-resources", "--fixtures", "no-such-folder"}, "error: no-such-folder: no such folder"},
		{[]string{"api-resources", "--fixtures", "base/api.json"}, "error: base/api.json: not a folder"},
		{[]string{"api-resources", "--fixtures", big}, "error: " + big + "/apis__apps__v1.json: file is 104857600 bytes, more than the limit of 67108864 (raise it with --max-file-size)"},
		{[]string{"api-resources", "--fixtures", "base", "--max-file-size", "1000"}, "error: base/aggregated_api_v2.json: file is 1040 bytes, more than the limit of 1000 (raise it with --max-file-size)"},
		{[]string{"api-resources", "--fixtures", "base", "--max-file-size", "0"}, "error: --max-file-size must be a positive number of bytes, got 0"},
		{[]string{"serve", "--fixtures", "truncated-legacy", "--addr", "127.0.0.1:0"}, "error: truncated-legacy/apis__apps__v1.json: resources[0]: truncated JSON: unexpected end at byte 300"},
	}
	for _, tc := range cases {
		res := runBinary(t, brokenDir, tc.args...)
		checkFailure(t, tc.args, res, tc.want)
	}
	// Raising the limit lets the big file through to the next check.
	args := []string{"api-resources", "--fixtures", big, "--max-file-size", "200000000"}
	checkFailure(t, args, runBinary(t, brokenDir, args...), "error: "+big+"/apis__apps__v1.json: empty file")
}

func copyFiles(t *testing.T, from, to string) {
	t.Helper()
	entries, err := os.ReadDir(from)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		b, err := os.ReadFile(filepath.Join(from, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(to, e.Name()), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// runBinary runs the kube-apidocs binary in dir with args, with a
// KUBECONFIG that does not exist (no test may reach a real cluster).
func runBinary(t *testing.T, dir string, args ...string) result {
	t.Helper()
	cmd := exec.Command(binary, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "KUBECONFIG="+filepath.Join(t.TempDir(), "no-kubeconfig"))
	return runCommand(t, cmd)
}
