package main

import (
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
)

// realWorldDir holds recordings shaped like what real servers send and
// kubectl reads (hack/mkrealworld.py makes them).
const realWorldDir = "../../generator/recording/testdata/realworld"

// realWorldCases pins what kube-apidocs says on stderr for each recording
// (api-resources from the folder) and whether real kubectl fails on it.
var realWorldCases = []struct {
	name string
	// stderr is our exact stderr, with the recording's folder as "DIR".
	stderr string
	// kubectlFails is true where kubectl api-resources exits 1.
	kubectlFails bool
}{
	{"curl-paste", "warning: apps/v1 is unavailable: the server could not find the requested resource\n" +
		"warning: batch/v1 is unavailable: the server could not find the requested resource\n" +
		"warning: v1 is unavailable: received empty response for: v1\n", true},
	{"empty-external-metrics", "warning: external.metrics.k8s.io/v1beta1 is unavailable: received empty response for: external.metrics.k8s.io/v1beta1\n", true},
	// kubectl reads aggregated discovery without its cache's empty check
	// and says nothing; kube-apidocs names the empty group-version on both
	// paths, so that they give the same model.
	{"empty-external-metrics-aggregated", "warning: external.metrics.k8s.io/v1beta1 is unavailable: received empty response for: external.metrics.k8s.io/v1beta1\n", false},
	{"metrics-adapter", "", false},
	{"openshift-apiserver", "warning: DIR/aggregated_v2.json: items[0].versions[0].version: apps.openshift.io/v1 is served here but apis.json does not list it (and 1 more difference)\n", false},
}

// realWorldArgs are the kubectl invocations compared on every recording.
var realWorldArgs = [][]string{
	{"api-resources"},
	{"api-resources", "-o", "wide"},
	{"api-resources", "-o", "name"},
	{"api-versions"},
}

// TestRealWorldRecordings runs the real kubectl against `kube-apidocs
// serve` of every real-world recording and requires, for each command, our
// stdout (offline from the folder and live through the same server) to be
// byte-identical to kubectl's, every group-version kubectl names on stderr
// to be named by our warnings, kubectl's failure to be ours under --strict,
// and our stderr to be exactly the pinned lines.
func TestRealWorldRecordings(t *testing.T) {
	t.Parallel()
	dirs, err := filepath.Glob(filepath.Join(realWorldDir, "*"))
	if err != nil {
		t.Fatal(err)
	}
	if len(dirs) != len(realWorldCases) {
		t.Errorf("%s has %d recordings, the table %d cases: pin every one", realWorldDir, len(dirs), len(realWorldCases))
	}
	for _, tc := range realWorldCases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			dir := filepath.Join(realWorldDir, tc.name)
			kubectl := kubectlFor(t, dir)
			kubeconfig := startServe(t, dir)
			for _, args := range realWorldArgs {
				want := run(t, kubectl, append([]string{"--kubeconfig", kubeconfig, "--cache-dir", t.TempDir()}, args...)...)
				offline := apidocs(t, append(args, "--fixtures", dir)...)
				live := apidocs(t, append(args, "--kubeconfig", kubeconfig)...)
				for what, got := range map[string]result{"offline": offline, "live": live} {
					label := what + " " + strings.Join(args, " ")
					if got.code != 0 {
						t.Errorf("%s: exit %d: %s", label, got.code, got.stderr)
					}
					if got.stdout != want.stdout {
						t.Errorf("%s: output differs from kubectl\n%s", label, firstDifference(got.stdout, want.stdout))
					}
					for _, gv := range kubectlFailedGroupVersions(want.stderr) {
						if !strings.Contains(got.stderr, "warning: "+gv+" is unavailable: ") {
							t.Errorf("%s: kubectl names %s on stderr, we do not:\nkubectl: %s\nours: %s", label, gv, want.stderr, got.stderr)
						}
					}
				}
				if args[0] != "api-resources" {
					continue
				}
				if fails := want.code != 0; fails != tc.kubectlFails {
					t.Errorf("kubectl %v: exit %d, the table says fails=%v: %s", args, want.code, tc.kubectlFails, want.stderr)
				}
				strict := apidocs(t, append(args, "--fixtures", dir, "--strict")...)
				if (strict.code != 0) != strings.Contains(tc.stderr, " is unavailable: ") || (tc.kubectlFails && strict.code != 1) {
					t.Errorf("%v --strict: exit %d; kubectl exit %d: %s", args, strict.code, want.code, strict.stderr)
				}
			}
			want := strings.ReplaceAll(tc.stderr, "DIR", dir)
			if got := apidocs(t, "api-resources", "--fixtures", dir); got.stderr != want {
				t.Errorf("stderr\n%s\nwant\n%s", got.stderr, want)
			}
			out := filepath.Join(t.TempDir(), "site")
			gen := apidocs(t, "generate", "--fixtures", dir, "--out", out)
			if gen.code != 0 || gen.stderr != want {
				t.Errorf("generate: exit %d, stderr\n%s\nwant\n%s", gen.code, gen.stderr, want)
			}
			for p := range snapshot(t, out) {
				if rel, _ := filepath.Rel(out, p); rel != ".kube-apidocs-manifest" && !slugPath.MatchString(rel) {
					t.Errorf("generate wrote %q, not a slug path", rel)
				}
			}
		})
	}
}

// slugPath is what every file the site writes is named like, whatever
// names the server sent.
var slugPath = regexp.MustCompile(`^[a-z0-9][a-z0-9._-]*(/[a-z0-9._-]+)*$`)

// kubectlGroupVersion finds the group-versions kubectl names on stderr:
// in "unable to retrieve the complete list of server APIs: <gv>: <reason>,
// <gv>: <reason>" and in its cache's "couldn't get resource list for <gv>:".
var (
	kubectlIncomplete = regexp.MustCompile(`unable to retrieve the complete list of server APIs: (.*)`)
	kubectlListFailed = regexp.MustCompile(`couldn't get resource list for ([^:]+):`)
	kubectlGVPrefix   = regexp.MustCompile(`(?:^|, )([a-z0-9.-]*/?v[a-z0-9]+): `)
)

func kubectlFailedGroupVersions(stderr string) []string {
	seen := map[string]bool{}
	for _, m := range kubectlListFailed.FindAllStringSubmatch(stderr, -1) {
		seen[m[1]] = true
	}
	for _, line := range kubectlIncomplete.FindAllStringSubmatch(stderr, -1) {
		for _, m := range kubectlGVPrefix.FindAllStringSubmatch(line[1], -1) {
			seen[m[1]] = true
		}
	}
	out := make([]string, 0, len(seen))
	for gv := range seen {
		out = append(out, gv)
	}
	sort.Strings(out)
	return out
}

// TestKubectlFailedGroupVersions pins the parser on kubectl 1.33's real
// stderr for the curl-paste recording.
func TestKubectlFailedGroupVersions(t *testing.T) {
	stderr := `E1202 00:04:38.452009   29090 memcache.go:287] "Unhandled Error" err="couldn't get resource list for apps/v1: the server could not find the requested resource"
error: unable to retrieve the complete list of server APIs: apps/v1: the server could not find the requested resource, batch/v1: the server could not find the requested resource, v1: received empty response for: v1
`
	got := strings.Join(kubectlFailedGroupVersions(stderr), " ")
	if want := "apps/v1 batch/v1 v1"; got != want {
		t.Errorf("kubectlFailedGroupVersions = %q, want %q", got, want)
	}
}
