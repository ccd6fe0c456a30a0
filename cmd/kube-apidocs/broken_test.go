package main

import (
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/kube-apidocs/kube-apidocs/generator/recording/recordingtest"
)

// TestBrokenRecordings runs every case of the broken corpus
// (recordingtest.Broken) through api-resources, api-versions and generate:
// exit 1, exactly the pinned line on stderr, nothing on stdout, no panic,
// and a site that `generate --out` had written before left byte-identical.
func TestBrokenRecordings(t *testing.T) {
	t.Parallel()
	site := generatedSite(t)
	for _, tc := range recordingtest.Broken {
		t.Run(tc.Name, func(t *testing.T) {
			t.Parallel()
			dir := filepath.Join(t.TempDir(), tc.Name)
			if err := tc.Write(dir); err != nil {
				t.Fatal(err)
			}
			want := "error: " + tc.ErrorFor(dir)
			for _, args := range [][]string{
				{"api-resources", "-o", "wide", "--fixtures", dir},
				{"api-versions", "--legacy-discovery", "--fixtures", dir},
			} {
				checkFailure(t, args, apidocs(t, args...), want)
			}
			out := copySite(t, site)
			before := snapshot(t, out)
			args := []string{"generate", "--fixtures", dir, "--out", out}
			checkFailure(t, args, apidocs(t, args...), want)
			if after := snapshot(t, out); !maps.Equal(before, after) {
				t.Errorf("generate changed the existing --out folder: %d files before, %d after", len(before), len(after))
			}
		})
	}
}

// TestBrokenRecordingProcess runs one broken case through the binary: main
// prints the same line and exits 1.
func TestBrokenRecordingProcess(t *testing.T) {
	t.Parallel()
	tc := brokenCase(t, "truncated-legacy")
	dir := t.TempDir()
	if err := tc.Write(filepath.Join(dir, tc.Name)); err != nil {
		t.Fatal(err)
	}
	args := []string{"api-resources", "--fixtures", tc.Name}
	checkFailure(t, args, apidocsProcess(t, dir, args...), "error: "+tc.ErrorFor(tc.Name))
}

// brokenCase is the case of the broken corpus named name.
func brokenCase(t *testing.T, name string) recordingtest.Case {
	t.Helper()
	i := slices.IndexFunc(recordingtest.Broken, func(c recordingtest.Case) bool { return c.Name == name })
	if i < 0 {
		t.Fatalf("the broken corpus has no case %s", name)
	}
	return recordingtest.Broken[i]
}

// writeBase writes the corpus's valid base recording into a temporary
// folder and returns it.
func writeBase(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "base")
	if err := recordingtest.WriteBase(dir); err != nil {
		t.Fatal(err)
	}
	return dir
}

// generatedSite generates the site of the corpus's valid base once; every
// case gets a copy of it as the existing --out folder.
func generatedSite(t *testing.T) string {
	t.Helper()
	site := filepath.Join(t.TempDir(), "site")
	if res := apidocs(t, "generate", "--fixtures", writeBase(t), "--out", site); res.code != 0 {
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
	t.Parallel()
	base := writeBase(t)
	truncated := filepath.Join(t.TempDir(), "truncated-legacy")
	if err := brokenCase(t, "truncated-legacy").Write(truncated); err != nil {
		t.Fatal(err)
	}
	big := filepath.Join(t.TempDir(), "big")
	if err := os.Mkdir(big, 0o755); err != nil {
		t.Fatal(err)
	}
	copyFiles(t, base, big)
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
	missing := filepath.Join(t.TempDir(), "no-such-folder")
	cases := []struct {
		args []string
		want string
	}{
		{[]string{"api-resources", "--fixtures", missing}, "error: " + missing + ": no such folder"},
		{[]string{"api-resources", "--fixtures", base + "/api.json"}, "error: " + base + "/api.json: not a folder"},
		{[]string{"api-resources", "--fixtures", big}, "error: " + big + "/apis__apps__v1.json: file is 104857600 bytes, more than the limit of 67108864 (raise it with --max-file-size)"},
		{[]string{"api-resources", "--fixtures", base, "--max-file-size", "1000"}, "error: " + base + "/aggregated_api_v2.json: file is 1040 bytes, more than the limit of 1000 (raise it with --max-file-size)"},
		{[]string{"api-resources", "--fixtures", base, "--max-file-size", "0"}, "error: --max-file-size must be a positive number of bytes, got 0"},
		{[]string{"serve", "--fixtures", truncated, "--addr", "127.0.0.1:0"}, "error: " + truncated + "/apis__apps__v1.json: resources[0]: truncated JSON: unexpected end at byte 300"},
	}
	for _, tc := range cases {
		checkFailure(t, tc.args, apidocs(t, tc.args...), tc.want)
	}
	// Raising the limit lets the big file through to the next check. The
	// binary (built without the race detector) reads the 100 MB ten times
	// faster than the test does.
	args := []string{"api-resources", "--fixtures", big, "--max-file-size", "200000000"}
	checkFailure(t, args, apidocsProcess(t, ".", args...), "error: "+big+"/apis__apps__v1.json: empty file")
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
