//go:build e2e

package e2e

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestCustomResources creates three CRDs (namespaced and cluster-scoped,
// two served versions, short names, categories, scale subresource) and
// requires them in the output, identical to kubectl's, live and recorded.
func TestCustomResources(t *testing.T) {
	crds := filepath.Join(repo, "e2e", "testdata", "crds.yaml")
	if got := kc(t, "apply", "-f", crds); got.code != 0 {
		t.Fatalf("kubectl apply: %v", got)
	}
	t.Cleanup(func() { remove(t, crds, "multi.example.com/", "stable.example.com/") })
	want := []string{"clusterpolicies.stable.example.com", "gadgets.multi.example.com", "widgets.stable.example.com"}
	waitFor(t, "the CRDs in aggregated and legacy discovery", 60*time.Second, func() bool {
		return hasAll(kd(t, "api-resources", "-o", "name").stdout, want...) &&
			hasAll(kd(t, "api-resources", "-o", "name", "--legacy-discovery").stdout, want...) &&
			hasAll(kd(t, "api-versions").stdout, "multi.example.com/v1beta1") &&
			hasAll(kd(t, "api-versions", "--legacy-discovery").stdout, "multi.example.com/v1beta1")
	})
	assertParity(t)
	const verbs = "delete,deletecollection,get,list,patch,create,update,watch"
	wide := kd(t, "api-resources", "-o", "wide", "--api-group=stable.example.com", "--no-headers").stdout
	for _, row := range [][]string{
		{"widgets", "wd,wdgt", "stable.example.com/v1", "true", "Widget", verbs, "all,example"},
		{"clusterpolicies", "stable.example.com/v1", "false", "ClusterPolicy", verbs},
	} {
		if !hasRow(wide, row) {
			t.Errorf("no row %v in:\n%s", row, wide)
		}
	}
	if got := kd(t, "api-resources", "--categories=example", "-o", "name").stdout; got != "widgets.stable.example.com\n" {
		t.Errorf("--categories=example: %q", got)
	}
	if got := kd(t, "api-resources", "--api-group=multi.example.com", "--no-headers").stdout; !hasRow(got, []string{"gadgets", "gd", "multi.example.com/v1", "true", "Gadget"}) {
		t.Errorf("gadgets is not listed at its preferred version v1:\n%s", got)
	}
	if got := kd(t, "api-versions").stdout; !hasAll(got, "multi.example.com/v1\n", "multi.example.com/v1beta1\n", "stable.example.com/v1\n") {
		t.Errorf("api-versions lacks the CRD group-versions:\n%s", got)
	}
	assertSiteMatchesRecording(t, "resources/stable.example.com/v1/widgets.html", "resources/stable.example.com/v1/clusterpolicies.md",
		"resources/multi.example.com/v1/gadgets.html", "resources/multi.example.com/v1beta1/gadgets.html", "groups/multi.example.com.html")
	dir := recordLive(t)
	for _, args := range parityArgs {
		live := kd(t, args...)
		got := run(t, nil, apidocs, append(args, "--fixtures", dir)...)
		if got.stdout != live.stdout {
			t.Errorf("%v from the recording differs from the live server", args)
		}
	}
}

// TestUnavailableAPIService registers metrics.k8s.io/v1beta1 backed by a
// Service with no endpoints: kube-apidocs prints what arrived (the same as
// kubectl's partial output), names the group-version on stderr, exits 0,
// and exits 1 with --strict; a recording keeps the failure.
func TestUnavailableAPIService(t *testing.T) {
	manifest := filepath.Join(repo, "e2e", "testdata", "apiservice.yaml")
	if got := kc(t, "apply", "-f", manifest); got.code != 0 {
		t.Fatalf("kubectl apply: %v", got)
	}
	t.Cleanup(func() { remove(t, manifest, "metrics.k8s.io/") })
	const warning = "warning: metrics.k8s.io/v1beta1 is unavailable: "
	waitFor(t, "metrics.k8s.io/v1beta1 reported unavailable by both discoveries", 90*time.Second, func() bool {
		return strings.HasPrefix(kd(t, "api-resources").stderr, warning) &&
			strings.HasPrefix(kd(t, "api-resources", "--legacy-discovery").stderr, warning)
	})
	for _, legacy := range [][]string{nil, {"--legacy-discovery"}} {
		for _, args := range parityArgs {
			args = append(append([]string(nil), args...), legacy...)
			got := kd(t, args...)
			if got.code != 0 || !strings.HasPrefix(got.stderr, warning) || strings.Count(got.stderr, "\n") != 1 {
				t.Errorf("%v: %v, want exit 0 and one warning line", args, got)
			}
			if !strings.Contains(got.stdout, "deployments") && args[0] == "api-resources" && !strings.Contains(strings.Join(args, " "), "namespaced") {
				t.Errorf("%v: the resources that did arrive are missing:\n%s", args, got.stdout)
			}
			strict := kd(t, append(args, "--strict")...)
			if strict.code != 1 || strict.stdout != got.stdout ||
				!strings.HasSuffix(strict.stderr, "error: --strict: discovery could not deliver metrics.k8s.io/v1beta1\n") {
				t.Errorf("%v --strict: %v, want exit 1, the same partial output and the --strict error", args, strict)
			}
		}
	}
	for _, args := range parityArgs {
		want := kc(t, args...)
		if got := kd(t, args...); got.stdout != want.stdout {
			t.Errorf("partial %v differs from kubectl's:\n%s", args, firstDifference(got.stdout, want.stdout))
		}
	}
	site := filepath.Join(t.TempDir(), "site")
	if got := kd(t, "generate", "--out", site); got.code != 0 || !strings.HasPrefix(got.stderr, warning) {
		t.Errorf("generate with an unavailable group-version: %v", got)
	}
	if index, _ := os.ReadFile(filepath.Join(site, "index.html")); !strings.Contains(string(index), "metrics.k8s.io/v1beta1") {
		t.Error("the site's index does not name the unavailable metrics.k8s.io/v1beta1")
	}
	if got := kd(t, "generate", "--out", filepath.Join(t.TempDir(), "strict"), "--strict"); got.code != 1 {
		t.Errorf("generate --strict: %v, want exit 1", got)
	}
	dir := recordLive(t)
	if _, err := os.Stat(filepath.Join(dir, "apis__metrics.k8s.io__v1beta1.http503.json")); err != nil {
		t.Errorf("the recording does not keep the 503: %v", err)
	}
	replay := run(t, nil, apidocs, "api-resources", "--fixtures", dir, "--strict")
	if replay.code != 1 || replay.stdout != kd(t, "api-resources").stdout || !strings.HasPrefix(replay.stderr, warning) {
		t.Errorf("replaying the recording with --strict: %v", replay)
	}
}

// remove deletes what manifest created and waits until no group-version
// with one of the prefixes is left in either discovery, so that later tests
// compare kubectl and kube-apidocs on a server that is not changing.
func remove(t *testing.T, manifest string, prefixes ...string) {
	if got := kc(t, "delete", "-f", manifest); got.code != 0 {
		t.Errorf("kubectl delete: %v", got)
	}
	waitFor(t, "removal from discovery", 60*time.Second, func() bool {
		for _, extra := range [][]string{nil, {"--legacy-discovery"}} {
			got := kd(t, append([]string{"api-versions"}, extra...)...)
			if got.stderr != "" {
				return false
			}
			for _, p := range prefixes {
				if strings.Contains(got.stdout, p) {
					return false
				}
			}
		}
		return true
	})
}

func hasAll(s string, subs ...string) bool {
	for _, sub := range subs {
		if !strings.Contains(s, sub) {
			return false
		}
	}
	return true
}

// hasRow reports whether a line of table has exactly the given
// whitespace-separated fields.
func hasRow(table string, fields []string) bool {
	for _, line := range strings.Split(table, "\n") {
		if strings.Join(strings.Fields(line), " ") == strings.Join(fields, " ") {
			return true
		}
	}
	return false
}
