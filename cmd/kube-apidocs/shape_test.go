package main

import (
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/kube-apidocs/kube-apidocs/fixtures"
	"github.com/kube-apidocs/kube-apidocs/generator/recording"
	"github.com/kube-apidocs/kube-apidocs/generator/render/site"
	"github.com/kube-apidocs/kube-apidocs/generator/replay"
	"github.com/kube-apidocs/kube-apidocs/generator/source"
)

// TestExplain pins how cmd names its flags in the libraries' typed errors,
// which name none.
func TestExplain(t *testing.T) {
	refused := &source.ServerError{Server: "https://k8s.example", Problem: source.ProblemConnectionRefused}
	timeout := &source.ServerError{Server: "https://k8s.example", Problem: source.ProblemTimeout}
	unauthorized := &source.ServerError{Server: "https://k8s.example", Problem: source.ProblemUnauthorized}
	cases := []struct {
		name string
		err  error
		want string
	}{
		{"connection refused", refused, "https://k8s.example: connection refused: is the API server running, and do --server or the kubeconfig point at it?"},
		{"wrapped timeout", fmt.Errorf("OLD (context a): %w", timeout), "OLD (context a): https://k8s.example: timed out waiting for the server: raise --request-timeout or check the network"},
		{"advice without a flag", unauthorized, unauthorized.Error()},
		{"file over the limit", &recording.TooLargeError{File: "r/api.json", Size: 20, Limit: 10}, "r/api.json: file is 20 bytes, more than the limit of 10 (raise it with --max-file-size)"},
		{"answer over the limit", &source.TooLargeError{URL: "https://k8s.example/api", Limit: 10}, "GET https://k8s.example/api: the answer is larger than the limit of 10 bytes (raise it with --max-file-size)"},
		{"template timeout", &site.TemplateTimeoutError{Template: "index", Timeout: time.Second}, `template "index" did not finish within 1s (--template-timeout)`},
		{"format", site.SiteOptions{Formats: []string{"pdf"}}.Validate(), `--format "pdf" is not available (use html, markdown or both)`},
		{"front matter", site.SiteOptions{FrontMatter: "jekyll"}.Validate(), `--front-matter: front matter "jekyll" is not available (use none, hugo, mkdocs or docusaurus)`},
		{"base URL", site.SiteOptions{BaseURL: "docs"}.Validate(), `--base-url: base URL "docs" must be an absolute http or https URL`},
		{"template timeout option", site.SiteOptions{TemplateTimeout: -time.Second}.Validate(), "--template-timeout: template timeout -1s is negative (use 0 for no limit)"},
		{"other", errors.New("something else"), "something else"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := explain(c.err)
			if got.Error() != c.want {
				t.Errorf("explain(%v)\n  got  %q\n  want %q", c.err, got, c.want)
			}
			if !errors.Is(got, c.err) {
				t.Errorf("explain(%v) does not wrap the library's error", c.err)
			}
		})
	}
	if explain(nil) != nil {
		t.Error("explain(nil) is not nil")
	}
}

// TestCompareError: an error about the recording itself already starts
// with it; one about a file in it gets the folder after the flag.
func TestCompareError(t *testing.T) {
	cases := []struct {
		err  error
		want string
	}{
		{&recording.FileError{File: "old", Problem: "no such folder"}, "--compare: old: no such folder"},
		{&source.RecordingError{Recording: "old", Err: errors.New("bad")}, "--compare: old: bad"},
		{&recording.FileError{File: "old/api.json", Problem: "empty file"}, "--compare old: old/api.json: empty file"},
		{explain(&recording.TooLargeError{File: "old/api.json", Size: 2, Limit: 1}), "--compare old: old/api.json: file is 2 bytes, more than the limit of 1 (raise it with --max-file-size)"},
	}
	for _, c := range cases {
		if got := compareError("old", c.err).Error(); got != c.want {
			t.Errorf("compareError(%q)\n  got  %q\n  want %q", c.err, got, c.want)
		}
	}
}

// TestDiffContextTakesConnectionFlags: diff reads a --old-context side with
// kubectl's connection flags, so --server and --token reach it, and it has
// no --context of its own. (client-go sends credentials over TLS only.)
func TestDiffContextTakesConnectionFlags(t *testing.T) {
	rec, err := recording.Load(fixtures.Builtin(), "builtin", recording.LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	var auth []string
	ts := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		auth = append(auth, r.Header.Get("Authorization"))
		mu.Unlock()
		replay.NewHandler(rec).ServeHTTP(w, r)
	}))
	defer ts.Close()
	closed := closedURL(t)
	kubeconfig := filepath.Join(t.TempDir(), "kubeconfig")
	writeText(t, kubeconfig, `apiVersion: v1
kind: Config
clusters:
- name: gone
  cluster:
    server: `+closed+`
contexts:
- name: old
  context:
    cluster: gone
    user: nobody
users:
- name: nobody
  user: {}
current-context: old
`)

	_, _, err = execute("diff", "--kubeconfig", kubeconfig, "--old-context", "old", "builtin")
	want := "OLD (context old): " + closed + ": connection refused: is the API server running, and do --server or the kubeconfig point at it?"
	if err == nil || err.Error() != want {
		t.Errorf("without --server: error %v, want %q", err, want)
	}

	out, errOut, err := execute("diff", "--kubeconfig", kubeconfig, "--old-context", "old", "--server", ts.URL, "--insecure-skip-tls-verify", "--token", "secret-token", "builtin", "-o", "json")
	if err != nil {
		t.Fatalf("with --server and --token: %v\nstderr: %s", err, errOut)
	}
	if !strings.Contains(out, `"context old"`) {
		t.Errorf("the diff does not name the context side:\n%s", out)
	}
	mu.Lock()
	defer mu.Unlock()
	if len(auth) == 0 || auth[0] != "Bearer secret-token" {
		t.Errorf("the server saw Authorization %q, want the --token", auth)
	}

	if _, _, err := execute("diff", "--context", "old", "builtin", "builtin"); err == nil || err.Error() != "unknown flag: --context" {
		t.Errorf("diff --context: error %v, want unknown flag", err)
	}
}

// closedURL is the URL of a loopback port nothing listens on.
func closedURL(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	url := "http://" + ln.Addr().String()
	ln.Close()
	return url
}

// TestNoFlagNamesInLibraryErrors: the libraries' advice names no flag.
func TestNoFlagNamesInLibraryErrors(t *testing.T) {
	for p := source.ProblemOther; p <= source.ProblemTimeout; p++ {
		e := &source.ServerError{Server: "https://k8s.example", Problem: p, Err: errors.New("x")}
		if strings.Contains(e.Error(), "--") {
			t.Errorf("problem %d: %q names a flag", p, e.Error())
		}
	}
}
