package main

import (
	"bytes"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestRecordFromServe records a recording served by `kube-apidocs serve`,
// then reads the new recording: same bytes, same table.
func TestRecordFromServe(t *testing.T) {
	t.Parallel()
	src := filepath.Join(fixturesDir, "v1.33.13-crds")
	kubeconfig := startServe(t, src)
	out := filepath.Join(t.TempDir(), "rec")
	got := apidocs(t, "record", "--kubeconfig", kubeconfig, "--out", out)
	// 52 discovery documents, the OpenAPI v3 index and its 48 documents, and
	// /openapi/v2 twice: that recording holds no v2, so serve answers 404
	wantStderr := "warning: GET /openapi/v2 answered 404; kept as openapi__v2.http404.json\n" +
		"warning: GET /openapi/v2 answered 404; kept as openapi__v2.http404.pb\n"
	if got.code != 0 || got.stderr != wantStderr || !strings.HasPrefix(got.stdout, "Recorded 103 documents from http://127.0.0.1:") {
		t.Fatalf("record: exit %d, stdout %q, stderr %q", got.code, got.stdout, got.stderr)
	}
	entries, err := os.ReadDir(out)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if !strings.HasSuffix(e.Name(), ".json") || strings.HasPrefix(e.Name(), "openapi__v2.") {
			continue // the fixture has no /openapi/v2
		}
		a, _ := os.ReadFile(filepath.Join(out, e.Name()))
		b, err := os.ReadFile(filepath.Join(src, e.Name()))
		if err != nil || !bytes.Equal(a, b) {
			t.Errorf("%s: recorded bytes differ from the served fixture (err %v)", e.Name(), err)
		}
	}
	for _, args := range [][]string{{"api-resources", "-o", "wide"}, {"api-versions"}} {
		want := apidocs(t, append(args, "--fixtures", src)...)
		again := apidocs(t, append(args, "--fixtures", out)...)
		if again.code != 0 || again.stdout != want.stdout {
			t.Errorf("%v from the new recording differs from the original's (exit %d, %s)", args, again.code, again.stderr)
		}
	}
}

// TestClusterUsageErrors pins the one-line errors of the cluster flags.
func TestClusterUsageErrors(t *testing.T) {
	t.Parallel()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	closed := "http://" + l.Addr().String()
	l.Close()
	cases := []struct {
		args []string
		want string
	}{
		{[]string{"record"}, "error: --out is required: the folder to write the recording to"},
		{[]string{"record", "--out", t.TempDir(), "--max-file-size", "-1"}, "error: --max-file-size must be a positive number of bytes, got -1"},
		{[]string{"api-resources", "--server", closed, "--qps", "0"}, "error: --qps must be more than 0, got 0"},
		{[]string{"api-versions", "--server", closed, "--burst", "0"}, "error: --burst must be at least 1, got 0"},
		{[]string{"api-resources", "--server", closed}, "error: " + closed + ": connection refused: is the API server running, and do --server or the kubeconfig point at it?"},
		{[]string{"record", "--server", closed, "--out", filepath.Join(t.TempDir(), "x")}, "error: " + closed + ": connection refused: is the API server running, and do --server or the kubeconfig point at it?"},
	}
	for _, c := range cases {
		t.Run(strings.Join(c.args, " "), func(t *testing.T) {
			t.Parallel()
			assertOneLineError(t, apidocs(t, c.args...), c.want)
		})
	}
}

// TestProgressLine: nothing on a writer that is not a terminal or with
// --quiet; on a terminal, one redrawn line that is erased at the end.
func TestProgressLine(t *testing.T) {
	t.Parallel()
	var buf bytes.Buffer
	o := newClusterOptions()
	p := o.progress(&buf)
	p.report(1, 2)
	p.finish()
	if buf.Len() != 0 {
		t.Errorf("progress on a buffer printed %q", buf.String())
	}
	o.Quiet = true
	if p := o.progress(os.Stderr); p.w != nil {
		t.Error("--quiet still shows progress")
	}
	drawn := &progressLine{w: &buf}
	drawn.report(1, 2)
	drawn.report(2, 2)
	drawn.finish()
	drawn.finish()
	if want := "\r\x1b[Kdiscovery: 1/2 group-versions\r\x1b[Kdiscovery: 2/2 group-versions\r\x1b[K"; buf.String() != want {
		t.Errorf("terminal output %q, want %q", buf.String(), want)
	}
}

// TestRecordOutRules: record replaces its own earlier output, refuses a
// folder holding anything else (a bundled fixture's copy: kubectl_*.txt
// and an index.tsv but no manifest) without touching it, and names
// --max-file-size when an answer is over the limit.
func TestRecordOutRules(t *testing.T) {
	t.Parallel()
	kubeconfig := startServe(t, filepath.Join(fixturesDir, "v1.29.6"))
	out := filepath.Join(t.TempDir(), "rec")
	for i := 0; i < 2; i++ {
		if got := apidocs(t, "record", "--kubeconfig", kubeconfig, "--out", out); got.code != 0 {
			t.Fatalf("record #%d: exit %d, stderr %q", i+1, got.code, got.stderr)
		}
	}
	fixture := t.TempDir()
	copyFiles(t, filepath.Join(fixturesDir, "v1.29.6"), fixture)
	before, err := os.ReadFile(filepath.Join(fixture, "kubectl_api-resources.txt"))
	if err != nil {
		t.Fatal(err)
	}
	assertOneLineError(t, apidocs(t, "record", "--kubeconfig", kubeconfig, "--out", fixture),
		"error: --out "+fixture+": refusing to replace a folder that kube-apidocs did not write (it holds README.md and no .kube-apidocs-manifest); choose a new or empty folder")
	if after, err := os.ReadFile(filepath.Join(fixture, "kubectl_api-resources.txt")); err != nil || !bytes.Equal(after, before) {
		t.Errorf("the refused folder changed (err %v)", err)
	}
	got := apidocs(t, "record", "--kubeconfig", kubeconfig, "--out", filepath.Join(t.TempDir(), "small"), "--max-file-size", "100")
	if got.code != 1 || !strings.HasPrefix(got.stderr, "error: GET http://127.0.0.1:") ||
		!strings.HasSuffix(got.stderr, "/version: the answer is larger than the limit of 100 bytes (raise it with --max-file-size)\n") {
		t.Errorf("record --max-file-size 100: exit %d, stderr %q", got.code, got.stderr)
	}
}
