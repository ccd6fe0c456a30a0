package main

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// copyRecording copies a bundled recording into a temporary folder that a
// test may break.
func copyRecording(t *testing.T, name string) string {
	t.Helper()
	src := filepath.Join(fixturesDir, name)
	dst := filepath.Join(t.TempDir(), name)
	if err := os.MkdirAll(dst, 0o755); err != nil {
		t.Fatal(err)
	}
	copyFiles(t, src, dst)
	return dst
}

// TestBadRecordings breaks a copy of a recording in one way each and pins
// the one line the user sees.
func TestBadRecordings(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name    string
		breakIt func(t *testing.T, dir string)
		want    string // the error line, with DIR for the recording folder
	}{
		{"empty file", func(t *testing.T, dir string) {
			writeText(t, filepath.Join(dir, "apis__apps__v1.json"), "")
		}, "error: DIR/apis__apps__v1.json: empty file"},
		{"truncated JSON", func(t *testing.T, dir string) {
			body, _ := os.ReadFile(filepath.Join(dir, "api__v1.json"))
			writeText(t, filepath.Join(dir, "api__v1.json"), string(body[:3000]))
		}, "error: DIR/api__v1.json: resources[16].verbs[3]: truncated JSON: unexpected end at byte 3000"},
		{"wrong kind", func(t *testing.T, dir string) {
			body, _ := os.ReadFile(filepath.Join(dir, "apis.json"))
			writeText(t, filepath.Join(dir, "api__v1.json"), string(body))
		}, `error: DIR/api__v1.json: kind: is "APIGroupList", want "APIResourceList"`},
		{"wrong JSON type", func(t *testing.T, dir string) {
			writeText(t, filepath.Join(dir, "apis__apps__v1.json"), `{"kind":"APIResourceList","groupVersion":"apps/v1","resources":[{"name":"deployments","verbs":"get"}]}`)
		}, "error: DIR/apis__apps__v1.json: resources[0].verbs: is a JSON string, want an array"},
		{"group-version of another file", func(t *testing.T, dir string) {
			body, _ := os.ReadFile(filepath.Join(dir, "apis__batch__v1.json"))
			writeText(t, filepath.Join(dir, "apis__apps__v1.json"), string(body))
		}, `error: DIR/apis__apps__v1.json: groupVersion: is "batch/v1", but the file name says "apps/v1"`},
		{"aggregated of the wrong version", func(t *testing.T, dir string) {
			body, _ := os.ReadFile(filepath.Join(dir, "aggregated_v2.json"))
			writeText(t, filepath.Join(dir, "aggregated_v2beta1.json"), string(body))
			os.Remove(filepath.Join(dir, "aggregated_v2beta1.http406.json"))
		}, `error: DIR/aggregated_v2beta1.json: apiVersion: is "apidiscovery.k8s.io/v2", want "apidiscovery.k8s.io/v2beta1"`},
		{"not JSON", func(t *testing.T, dir string) {
			writeText(t, filepath.Join(dir, "version.json"), "<html>proxy error</html>")
		}, "error: DIR/version.json: invalid JSON at byte 1: invalid character '<' looking for beginning of value"},
		{"no documents", func(t *testing.T, dir string) {
			entries, _ := os.ReadDir(dir)
			for _, e := range entries {
				os.Remove(filepath.Join(dir, e.Name()))
			}
		}, "error: DIR: no discovery documents (expected api.json and apis.json, or aggregated_v2.json; see fixtures/README.md)"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			dir := copyRecording(t, "v1.33.13")
			c.breakIt(t, dir)
			got := apidocs(t, "api-resources", "--fixtures", dir)
			assertOneLineError(t, got, strings.ReplaceAll(c.want, "DIR", dir))
		})
	}
}

func assertOneLineError(t *testing.T, got result, want string) {
	t.Helper()
	if got.code != 1 {
		t.Errorf("exit code %d, want 1 (stderr %q)", got.code, got.stderr)
	}
	if got.stdout != "" {
		t.Errorf("stdout %q, want nothing", got.stdout)
	}
	if got.stderr != want+"\n" {
		t.Errorf("stderr:\n  got  %q\n  want %q", got.stderr, want+"\n")
	}
}

// TestUsageErrors pins the text of flag and argument errors.
func TestUsageErrors(t *testing.T) {
	t.Parallel()
	cases := []struct {
		args []string
		want string
	}{
		{[]string{"api-resources", "--fixtures", "/nonexistent/recording"}, "error: /nonexistent/recording: no such folder"},
		{[]string{"api-resources", "--fixtures", "builtin", "-o", "table"}, "error: --output table is not available (use one of: wide, name, json, yaml)"},
		{[]string{"api-resources", "--fixtures", "builtin", "--sort-by", "group"}, "error: --sort-by accepts only name or kind"},
		{[]string{"api-resources", "--fixtures", "builtin", "extra"}, `error: unknown command "extra" for "kube-apidocs api-resources"`},
		{[]string{"api-resources", "--fixtures", "builtin", "--max-file-size", "0"}, "error: --max-file-size must be a positive number of bytes, got 0"},
		{[]string{"api-resources", "--fixtures", "main_test.go"}, "error: main_test.go: not a folder"},
		{[]string{"serve"}, `error: --fixtures is required: a recording folder or "builtin"`},
		{[]string{"api-resources", "--no-such-flag"}, "error: unknown flag: --no-such-flag"},
	}
	for _, c := range cases {
		t.Run(strings.Join(c.args, " "), func(t *testing.T) {
			t.Parallel()
			assertOneLineError(t, apidocs(t, c.args...), c.want)
		})
	}
}

// TestFileSizeLimit refuses a document over --max-file-size with the file
// and the flag named, and accepts it when the limit is raised.
func TestFileSizeLimit(t *testing.T) {
	t.Parallel()
	dir := copyRecording(t, "v1.33.13")
	file := filepath.Join(dir, "aggregated_v2.json")
	info, err := os.Stat(file)
	if err != nil {
		t.Fatal(err)
	}
	got := apidocs(t, "api-resources", "--fixtures", dir, "--max-file-size", "10000")
	want := "error: " + file + ": file is " + strconv.FormatInt(info.Size(), 10) + " bytes, more than the limit of 10000 (raise it with --max-file-size)"
	assertOneLineError(t, got, want)
	if ok := apidocs(t, "api-resources", "--fixtures", dir, "--max-file-size", "1000000"); ok.code != 0 {
		t.Errorf("raised limit: exit %d: %s", ok.code, ok.stderr)
	}
}
