package main

import (
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// onTerminal runs kube-apidocs with args under script(1), which gives it a
// pseudo-terminal for stdin, stdout and stderr, and returns what the
// terminal showed. stdout is sent to /dev/null so only stderr remains.
func onTerminal(t *testing.T, args ...string) string {
	t.Helper()
	script, err := exec.LookPath("script")
	if err != nil {
		t.Fatal("script(1) not found: apt-get install bsdutils (util-linux)")
	}
	quoted := []string{apidocsBinary(t)}
	for _, a := range args {
		quoted = append(quoted, "'"+strings.ReplaceAll(a, "'", `'\''`)+"'")
	}
	out, err := exec.Command(script, "-qefc", strings.Join(quoted, " ")+" >/dev/null", "/dev/null").CombinedOutput()
	if err != nil {
		t.Fatalf("script: %v\n%s", err, out)
	}
	return string(out)
}

// TestProgressOnTerminal: legacy discovery against a server redraws a
// progress line on a terminal, ending at every group-version and erased
// afterwards; --quiet and aggregated discovery show none.
func TestProgressOnTerminal(t *testing.T) {
	t.Parallel()
	kubeconfig := startServe(t, filepath.Join(fixturesDir, "v1.33.13-crds"))
	shown := onTerminal(t, "api-resources", "--kubeconfig", kubeconfig, "--legacy-discovery")
	if !regexp.MustCompile(`\r\x1b\[Kdiscovery: 1/2[0-9] group-versions`).MatchString(shown) {
		t.Errorf("no first progress line in %q", shown)
	}
	if !strings.HasSuffix(shown, "\r\x1b[Kdiscovery: 24/24 group-versions\r\x1b[K") {
		t.Errorf("progress does not end at 24/24 and erase the line: %q", shown)
	}
	for _, args := range [][]string{{"--legacy-discovery", "--quiet"}, nil} {
		if shown := onTerminal(t, append([]string{"api-resources", "--kubeconfig", kubeconfig}, args...)...); shown != "" {
			t.Errorf("%v showed %q, want nothing", args, shown)
		}
	}
}
