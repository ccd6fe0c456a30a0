//go:build e2e

package e2e

import (
	"encoding/base64"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// parityArgs are the kubectl invocations whose output kube-apidocs must
// reproduce byte for byte against the same server.
var parityArgs = [][]string{
	{"api-resources"},
	{"api-resources", "-o", "wide"},
	{"api-resources", "-o", "name"},
	{"api-resources", "--sort-by=kind"},
	{"api-resources", "--namespaced=false"},
	{"api-resources", "--api-group=apps", "--no-headers"},
	{"api-resources", "--verbs=list,watch"},
	{"api-versions"},
}

// assertParity runs every parity invocation with kubectl and with
// kube-apidocs (aggregated and legacy discovery) and requires the same
// stdout. kubectl's exit code is not compared: with an unavailable
// group-version it exits 1 where kube-apidocs warns and exits 0.
func assertParity(t *testing.T) {
	t.Helper()
	for _, args := range parityArgs {
		want := kc(t, args...)
		if want.stdout == "" {
			t.Fatalf("kubectl %v printed nothing (%v)", args, want)
		}
		for _, extra := range [][]string{nil, {"--legacy-discovery"}} {
			got := kd(t, append(append([]string(nil), args...), extra...)...)
			if got.stdout != want.stdout {
				t.Errorf("kube-apidocs %v %v differs from kubectl:\n%s", args, extra, firstDifference(got.stdout, want.stdout))
			}
		}
	}
}

func firstDifference(got, want string) string {
	g, w := strings.Split(got, "\n"), strings.Split(want, "\n")
	for i := 0; i < len(g) || i < len(w); i++ {
		var gl, wl string
		if i < len(g) {
			gl = g[i]
		}
		if i < len(w) {
			wl = w[i]
		}
		if gl != wl {
			return fmt.Sprintf("line %d:\n  got  %q\n  want %q", i+1, gl, wl)
		}
	}
	return "(same lines, different bytes)"
}

func TestParityWithKubectl(t *testing.T) {
	assertParity(t)
}

// TestRecordThenReplay records the live server, then requires the
// recording to give the live output, and the token to be in no file.
func TestRecordThenReplay(t *testing.T) {
	dir := recordLive(t)
	for _, args := range parityArgs {
		want := kd(t, args...)
		got := run(t, nil, apidocs, append(args, "--fixtures", dir)...)
		if got.code != 0 || got.stdout != want.stdout {
			t.Errorf("%v from the recording differs from the live server (%v):\n%s", args, got, firstDifference(got.stdout, want.stdout))
		}
	}
}

// recordLive runs `kube-apidocs record` against the live server and checks
// that the recording holds the raw documents and no credential.
func recordLive(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "recording")
	got := kd(t, "record", "--out", dir)
	if got.code != 0 || !strings.HasPrefix(got.stdout, "Recorded ") {
		t.Fatalf("record: %v, stdout %q", got, got.stdout)
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	caLine := ""
	if ca, err := os.ReadFile(live.caFile); err == nil && len(strings.Split(string(ca), "\n")) > 1 {
		caLine = strings.Split(string(ca), "\n")[1] // the first line of the certificate's base64
	}
	names := map[string]bool{}
	for _, e := range entries {
		names[e.Name()] = true
		body, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		if strings.Contains(string(body), live.token) {
			t.Errorf("%s contains the token", e.Name())
		}
		// OpenAPI descriptions quote "-----BEGIN CERTIFICATE-----" as an
		// example: look for the cluster's own certificate and for keys
		if strings.Contains(string(body), "PRIVATE KEY") || (caLine != "" && strings.Contains(string(body), caLine)) {
			t.Errorf("%s contains PEM data", e.Name())
		}
	}
	for _, want := range []string{"README.md", "index.tsv", "version.json", "api.json", "api__v1.json", "apis.json",
		"apis__apps.json", "apis__apps__v1.json", "aggregated_v2.json", "aggregated_api_v2.json",
		"aggregated_v2beta1.http406.json", "aggregated_api_v2beta1.http406.json"} {
		if !names[want] {
			t.Errorf("the recording has no %s", want)
		}
	}
	// kube-apiserver indents JSON for curl-like User-Agents (and always for /version)
	apis, _ := os.ReadFile(filepath.Join(dir, "apis.json"))
	if !strings.HasPrefix(string(apis), `{"kind":"APIGroupList","apiVersion":"v1","groups":[`) {
		t.Errorf("apis.json is not the compact JSON client-go receives: %.80q", apis)
	}
	return dir
}

// TestConnectionFlags checks kubectl's connection flags and KUBECONFIG.
func TestConnectionFlags(t *testing.T) {
	want := kc(t, "api-versions").stdout
	other := writeKubeconfig(t, "https://127.0.0.1:1", live.token, true)
	cases := []struct {
		name string
		env  []string
		args []string
	}{
		{"KUBECONFIG", []string{"KUBECONFIG=" + live.kubeconfig}, nil},
		{"--server --token --certificate-authority", []string{"KUBECONFIG=" + other},
			[]string{"--server", live.server, "--token", live.token, "--certificate-authority", live.caFile}},
		{"--insecure-skip-tls-verify", []string{"KUBECONFIG=" + other},
			[]string{"--server", live.server, "--token", live.token, "--insecure-skip-tls-verify"}},
		{"--context", nil, []string{"--kubeconfig", twoContexts(t), "--context", "good"}},
		{"--request-timeout --qps --burst", nil, []string{"--kubeconfig", live.kubeconfig, "--request-timeout", "20s", "--qps", "5", "--burst", "10"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := run(t, c.env, apidocs, append([]string{"api-versions"}, c.args...)...)
			if got.code != 0 || got.stdout != want {
				t.Errorf("%v, stdout:\n%s", got, firstDifference(got.stdout, want))
			}
		})
	}
}

// twoContexts writes a kubeconfig whose current context points at a closed
// port and whose "good" context points at the live server.
func twoContexts(t *testing.T) string {
	t.Helper()
	ca, err := os.ReadFile(live.caFile)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "kubeconfig")
	body := `apiVersion: v1
kind: Config
clusters:
- name: live
  cluster: {server: "` + live.server + `", certificate-authority-data: "` + b64(ca) + `"}
- name: closed
  cluster: {server: "https://127.0.0.1:1"}
users:
- name: admin
  user: {token: "` + live.token + `"}
contexts:
- name: good
  context: {cluster: live, user: admin}
- name: bad
  context: {cluster: closed, user: admin}
current-context: bad
`
	if err := os.WriteFile(path, []byte(body), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// writeKubeconfig writes a kubeconfig for server with token (none if
// empty), trusting the harness's CA if trustCA.
func writeKubeconfig(t *testing.T, server, token string, trustCA bool) string {
	t.Helper()
	cluster := `{server: "` + server + `"}`
	if trustCA {
		ca, err := os.ReadFile(live.caFile)
		if err != nil {
			t.Fatal(err)
		}
		cluster = `{server: "` + server + `", certificate-authority-data: "` + b64(ca) + `"}`
	}
	user := "{}"
	if token != "" {
		user = `{token: "` + token + `"}`
	}
	body := "apiVersion: v1\nkind: Config\nclusters:\n- name: c\n  cluster: " + cluster +
		"\nusers:\n- name: u\n  user: " + user +
		"\ncontexts:\n- name: x\n  context: {cluster: c, user: u}\ncurrent-context: x\n"
	path := filepath.Join(t.TempDir(), "kubeconfig")
	if err := os.WriteFile(path, []byte(body), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestAccessErrors pins the one-line errors for a wrong token (401), an
// anonymous request (403 under RBAC) and an untrusted certificate, for the
// commands that read a cluster.
func TestAccessErrors(t *testing.T) {
	s := live.server
	cases := []struct {
		name, kubeconfig, want string
	}{
		{"wrong token", writeKubeconfig(t, s, "not-the-token", true),
			"error: " + s + ": authentication failed (401 Unauthorized): the credentials are missing or were rejected; check the token or client certificate of the kubeconfig user"},
		{"anonymous", writeKubeconfig(t, s, "", true),
			"error: " + s + `: forbidden (403): user "system:anonymous" may not get path "/api"; the credentials were accepted (or the request was anonymous) but RBAC does not allow reading discovery`},
		{"untrusted certificate", writeKubeconfig(t, s, live.token, false),
			"error: " + s + ": TLS certificate not trusted (x509: certificate signed by unknown authority): pass --certificate-authority or fix certificate-authority-data in the kubeconfig"},
	}
	for _, c := range cases {
		for _, name := range []string{"api-resources", "api-versions", "record"} {
			t.Run(c.name+"/"+name, func(t *testing.T) {
				out := filepath.Join(t.TempDir(), "rec")
				args := []string{name}
				if name == "record" {
					args = append(args, "--out", out)
				}
				got := run(t, []string{"KUBECONFIG=" + c.kubeconfig}, apidocs, args...)
				if got.code != 1 || got.stdout != "" || got.stderr != c.want+"\n" {
					t.Errorf("got exit %d, stdout %q, stderr:\n  %q\nwant exit 1, stderr:\n  %q", got.code, got.stdout, got.stderr, c.want+"\n")
				}
				if strings.Contains(got.stderr, live.token) {
					t.Error("the token is in the error message")
				}
				if entries, _ := os.ReadDir(filepath.Dir(out)); len(entries) != 0 {
					t.Errorf("a failed record left %d entries behind", len(entries))
				}
			})
		}
	}
}

func b64(b []byte) string { return base64.StdEncoding.EncodeToString(b) }

// TestTimeout: a server that does not answer within --request-timeout
// gets the timeout message.
func TestTimeout(t *testing.T) {
	got := kd(t, "api-resources", "--request-timeout", "1ns")
	want := "error: " + live.server + ": timed out waiting for the server: raise --request-timeout or check the network\n"
	if got.code != 1 || got.stderr != want {
		t.Errorf("%v, want exit 1 and %q", got, want)
	}
}

// waitFor polls cond every 200ms until it holds or timeout passes.
func waitFor(t *testing.T, what string, timeout time.Duration, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(timeout)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("%s: not within %s", what, timeout)
		}
		time.Sleep(200 * time.Millisecond)
	}
}
