package main

import (
	"bytes"
	"encoding/json"
	"encoding/pem"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

const hostileToken = "t0ken-for-the-cluster-only"

// smallCluster serves the legacy discovery of a core group with one
// resource and no named groups.
func smallCluster() http.Handler {
	docs := map[string]string{
		"/version": `{"major":"1","minor":"33","gitVersion":"v1.33.13"}`,
		"/api":     `{"kind":"APIVersions","versions":["v1"]}`,
		"/api/v1":  `{"kind":"APIResourceList","groupVersion":"v1","resources":[{"name":"pods","singularName":"pod","namespaced":true,"kind":"Pod","verbs":["get","list"]}]}`,
		"/apis":    `{"kind":"APIGroupList","apiVersion":"v1","groups":[]}`,
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, ok := docs[r.URL.Path]
		if !ok {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprint(w, body)
	})
}

// status answers every request with a Kubernetes Status.
func status(code int, message string) http.Handler {
	body, _ := json.Marshal(map[string]any{"kind": "Status", "apiVersion": "v1", "status": "Failure", "message": message, "code": code})
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(code)
		_, _ = w.Write(body)
	})
}

// endlessBody answers every request with a body that never ends.
func endlessBody() http.Handler {
	chunk := bytes.Repeat([]byte("[[[[[[[["), 4096)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		for r.Context().Err() == nil {
			if _, err := w.Write(chunk); err != nil {
				return
			}
		}
	})
}

// requestLog counts the requests a server received and keeps their
// Authorization headers.
type requestLog struct {
	mu   sync.Mutex
	auth []string
}

func (l *requestLog) wrap(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		l.mu.Lock()
		l.auth = append(l.auth, r.Header.Get("Authorization"))
		l.mu.Unlock()
		h.ServeHTTP(w, r)
	})
}

func (l *requestLog) seen() []string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return append([]string(nil), l.auth...)
}

// redirectingServer is an https API server with a token whose /api
// answers 302 to a plain-http server on another host name and port. It
// returns the API server, the redirect target's URL, the target's log and
// the flags that connect to the API server.
func redirectingServer(t *testing.T) (origin, elsewhere string, target *requestLog, flags []string) {
	target = &requestLog{}
	plain := httptest.NewServer(target.wrap(smallCluster()))
	t.Cleanup(plain.Close)
	elsewhere = "http://localhost:" + plain.URL[strings.LastIndex(plain.URL, ":")+1:] + "/api"
	cluster := smallCluster()
	tls := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/api" {
			http.Redirect(w, r, elsewhere, http.StatusFound)
			return
		}
		cluster.ServeHTTP(w, r)
	}))
	t.Cleanup(tls.Close)
	ca := filepath.Join(t.TempDir(), "ca.crt")
	if err := os.WriteFile(ca, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: tls.Certificate().Raw}), 0o600); err != nil {
		t.Fatal(err)
	}
	return tls.URL, elsewhere, target, []string{"--server", tls.URL, "--certificate-authority", ca, "--token", hostileToken}
}

// TestRedirectErrorKeepsTheToken: api-resources, generate and record
// refuse a redirect to another origin; the token never reaches it and
// stderr is the one line that names both URLs.
func TestRedirectErrorKeepsTheToken(t *testing.T) {
	t.Parallel()
	for _, args := range [][]string{
		{"api-resources"},
		{"generate", "--out", filepath.Join(t.TempDir(), "site")},
		{"record", "--out", filepath.Join(t.TempDir(), "rec")},
	} {
		origin, elsewhere, target, flags := redirectingServer(t)
		got := apidocsProcess(t, ".", append(args, flags...)...)
		want := "error: refusing to follow the redirect from " + origin + "/api to " + elsewhere +
			": it leads to another scheme, host or port, which would be sent the credentials\n"
		if got.code != 1 || got.stderr != want || got.stdout != "" {
			t.Errorf("%v: exit %d, stdout %q, stderr %q; want exit 1 and %q", args[0], got.code, got.stdout, got.stderr, want)
		}
		if seen := target.seen(); len(seen) > 0 {
			t.Errorf("%v: the redirect target received %d requests, Authorization %q", args[0], len(seen), seen)
		}
	}
}

// TestHostileServerErrorLines pins the one line a misbehaving server
// leaves on stderr: no klog or net/http log lines before it, the limit
// and its flag named, server text escaped, never an empty reason.
func TestHostileServerErrorLines(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		handler http.Handler
		args    []string
		want    string // stderr, with SERVER for the server's URL
	}{{
		name:    "endless body",
		handler: endlessBody(),
		args:    []string{"api-resources", "--max-file-size", "1048576"},
		want:    "error: GET SERVER/api: the answer is larger than the limit of 1048576 bytes (raise it with --max-file-size)\n",
	}, {
		name:    "endless body, legacy discovery",
		handler: endlessBody(),
		args:    []string{"api-resources", "--legacy-discovery", "--max-file-size", "1048576"},
		want:    "error: GET SERVER/api: the answer is larger than the limit of 1048576 bytes (raise it with --max-file-size)\n",
	}, {
		name:    "endless body, record",
		handler: endlessBody(),
		args:    []string{"record", "--out", "OUT", "--max-file-size", "1048576"},
		want:    "error: GET SERVER/version: the answer is larger than the limit of 1048576 bytes (raise it with --max-file-size)\n",
	}, {
		name:    "406 without a message",
		handler: status(406, ""),
		args:    []string{"api-resources"},
		want:    "error: SERVER: GET /api: HTTP 406 Not Acceptable, with no message\n",
	}, {
		name:    "403 with terminal escapes and a line break",
		handler: status(403, "forbidden: User \"\x1b[32madmin\x1b[0m\" cannot get path \"/api\"\r\nerror: \x1b[2Kfine"),
		args:    []string{"api-resources"},
		want: `error: SERVER: forbidden (403): forbidden: User "\u{001B}[32madmin\u{001B}[0m" cannot get path "/api"\u{000D}\u{000A}error: \u{001B}[2Kfine` +
			"; the credentials were accepted (or the request was anonymous) but RBAC does not allow reading discovery\n",
	}, {
		name:    "401 with terminal escapes, record",
		handler: status(401, "\x1b[2JUnauthorized"),
		args:    []string{"record", "--out", "OUT"},
		want:    "error: SERVER: authentication failed (401 Unauthorized): the credentials are missing or were rejected; check the token or client certificate of the kubeconfig user\n",
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			ts := httptest.NewServer(tt.handler)
			t.Cleanup(ts.Close)
			out := filepath.Join(t.TempDir(), "rec")
			args := append([]string{"--server", ts.URL, "--request-timeout", "10s"}, tt.args...)
			for i := range args {
				args[i] = strings.ReplaceAll(args[i], "OUT", out)
			}
			got := apidocsProcess(t, ".", args...)
			want := strings.ReplaceAll(tt.want, "SERVER", ts.URL)
			if got.code != 1 || got.stderr != want {
				t.Errorf("exit %d, stderr:\n%q\nwant exit 1 and\n%q", got.code, got.stderr, want)
			}
		})
	}
}

// TestThrottlingLeavesNoErrorLines: client-go's "Waited before sending
// request" line for client-side throttling of more than a second does not
// reach stderr.
func TestThrottlingLeavesNoErrorLines(t *testing.T) {
	t.Parallel()
	ts := httptest.NewServer(smallCluster())
	t.Cleanup(ts.Close)
	got := apidocsProcess(t, ".", "api-versions", "--server", ts.URL, "--qps", "0.6", "--burst", "1")
	if got.code != 0 || got.stderr != "" || got.stdout != "v1\n" {
		t.Errorf("exit %d, stdout %q, stderr %q; want exit 0, v1 and nothing on stderr", got.code, got.stdout, got.stderr)
	}
}
