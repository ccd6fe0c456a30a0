//go:build e2e

package e2e

import (
	"flag"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

var update = flag.Bool("update", false, "rewrite e2e/testdata/explain from real kubectl against the real kube-apiserver")

// explainGoldens are the kubectl explain invocations recorded as golden
// files, with the bundled recording of the same server that the offline
// test (cmd/kube-apidocs TestExplainGoldens) explains them from: the
// builtin v1.33.13 (OpenAPI v2 too) or v1.33.13-crds (these CRDs).
var explainGoldens = []struct {
	recording string
	args      []string
}{
	{"v1.33.13", []string{"pods"}},
	{"v1.33.13", []string{"pods.spec"}},
	{"v1.33.13", []string{"deploy.spec.template.spec.containers"}},
	{"v1.33.13", []string{"deployments", "--recursive"}},
	{"v1.33.13", []string{"svc.spec.type"}},
	{"v1.33.13", []string{"--api-version", "autoscaling/v1", "hpa"}},
	{"v1.33.13", []string{"--output", "plaintext-openapiv2", "pods.spec"}},
	{"v1.33.13", []string{"--output", "plaintext-openapiv2", "deployments", "--recursive"}},
	{"v1.33.13", []string{"pods.spec.nothing"}},
	{"v1.33.13", []string{"nothings"}},
	{"v1.33.13", []string{"--api-version", "apps/v9", "deployments"}},
	{"v1.33.13-crds", []string{"ev"}},
	{"v1.33.13-crds", []string{"widgets"}},
	{"v1.33.13-crds", []string{"widgets", "--recursive"}},
	{"v1.33.13-crds", []string{"wd.spec"}},
	{"v1.33.13-crds", []string{"--api-version", "multi.example.com/v1beta1", "gd"}},
	{"v1.33.13-crds", []string{"clusterpolicies"}},
	{"v1.33.13-crds", []string{"widgets.spec.nothing"}},
}

// TestExplainGoldens runs kubectl explain against the real kube-apiserver
// (with the CRDs of testdata/crds.yaml) and requires the golden files to
// hold exactly what it printed (-update rewrites them), and kube-apidocs
// explain — live, and offline from a recording of the same server — to
// print the same stdout and stderr and exit with the same code.
func TestExplainGoldens(t *testing.T) {
	crds := filepath.Join(repo, "e2e", "testdata", "crds.yaml")
	if got := kc(t, "apply", "-f", crds); got.code != 0 {
		t.Fatalf("kubectl apply: %v", got)
	}
	t.Cleanup(func() { remove(t, crds, "multi.example.com/", "stable.example.com/") })
	waitFor(t, "the CRDs' OpenAPI documents", 60*time.Second, func() bool {
		return kc(t, "explain", "widgets").code == 0 && kc(t, "explain", "gadgets").code == 0 &&
			kc(t, "explain", "--api-version", "multi.example.com/v1beta1", "gd").code == 0
	})
	dir := recordLive(t)
	goldens, same, total := 0, 0, 0
	for _, c := range explainGoldens {
		want := kc(t, append([]string{"explain"}, c.args...)...)
		file := filepath.Join(repo, "e2e", "testdata", "explain", goldenName(c.args))
		text := goldenText(c.recording, c.args, want)
		if *update {
			if err := os.WriteFile(file, []byte(text), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		if b, err := os.ReadFile(file); err != nil || string(b) != text {
			t.Errorf("%s: kubectl's output against the real server differs from the golden file (err %v); rerun with -update", file, err)
		} else {
			goldens++
		}
		for _, got := range []result{
			kd(t, append([]string{"explain"}, c.args...)...),
			run(t, nil, apidocs, append(append([]string{"explain"}, c.args...), "--fixtures", dir)...),
		} {
			total++
			if got.code == want.code && got.stdout == want.stdout && got.stderr == want.stderr {
				same++
				continue
			}
			t.Errorf("kube-apidocs explain %v: %v, stdout %.200q; kubectl: %v, stdout %.200q", c.args, got, got.stdout, want, want.stdout)
		}
	}
	t.Logf("golden files: %d of %d; kube-apidocs (live and recorded) same as kubectl: %d of %d", goldens, len(explainGoldens), same, total)
}

// goldenName names the golden file of args: "deployments_recursive.txt",
// "api-version_autoscaling-v1_hpa.txt".
func goldenName(args []string) string {
	parts := make([]string, len(args))
	for i, a := range args {
		parts[i] = strings.ReplaceAll(strings.TrimLeft(a, "-"), "/", "-")
	}
	return strings.Join(parts, "_") + ".txt"
}

// goldenText is the golden file: the recording that has the same
// documents, the arguments, the exit code, then stdout and stderr.
func goldenText(recording string, args []string, r result) string {
	return "# recording: " + recording + "\n# args: " + strings.Join(args, " ") + "\n# exit: " + strconv.Itoa(r.code) +
		"\n-- stdout --\n" + r.stdout + "-- stderr --\n" + r.stderr
}
