package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// runAction runs hack/action.sh, the steps of action.yml, with the inputs
// env (INPUT_*), apidocsBinary as kube-apidocs and tmp as its TMPDIR.
func runAction(t *testing.T, tmp string, env ...string) result {
	t.Helper()
	cmd := exec.Command("../../hack/action.sh")
	cmd.Env = append(os.Environ(), append(env, "KUBE_APIDOCS_BIN="+apidocsBinary(t), "TMPDIR="+tmp)...)
	return runCommand(t, cmd)
}

func TestActionScript(t *testing.T) {
	t.Parallel()
	tmp := t.TempDir()
	if got := runAction(t, tmp, "INPUT_FIXTURES=builtin", "INPUT_OUT=../../site", "INPUT_COMPARE="+strings.Join(siteCompare(t), "\n"), "INPUT_CHECK=true"); got.code != 0 {
		t.Fatalf("check of the committed site: exit %d\n%s%s", got.code, got.stdout, got.stderr)
	}

	out := filepath.Join(t.TempDir(), "docs")
	kubeconfig, err := os.ReadFile(startServe(t, filepath.Join(fixturesDir, "v1.29.6")))
	if err != nil {
		t.Fatal(err)
	}
	got := runAction(t, tmp, "INPUT_KUBECONFIG="+string(kubeconfig), "INPUT_OUT="+out, "INPUT_FORMAT=markdown", "INPUT_FRONT_MATTER=hugo")
	if got.code != 0 || !strings.HasPrefix(got.stdout, "Wrote ") {
		t.Fatalf("generate from a kubeconfig secret: exit %d\n%s%s", got.code, got.stdout, got.stderr)
	}
	if _, err := os.Stat(filepath.Join(out, "_index.md")); err != nil { // Hugo's front page
		t.Fatalf("no Markdown site: %v", err)
	}
	if left, _ := os.ReadDir(tmp); len(left) != 0 {
		t.Fatalf("the action left %v in its temporary folder (the kubeconfig must be removed)", left)
	}

	if err := os.WriteFile(filepath.Join(out, "_index.md"), []byte("edited"), 0o644); err != nil {
		t.Fatal(err)
	}
	got = runAction(t, tmp, "INPUT_KUBECONFIG="+string(kubeconfig), "INPUT_OUT="+out, "INPUT_FORMAT=markdown", "INPUT_FRONT_MATTER=hugo", "INPUT_CHECK=true")
	if got.code != exitStale || got.stdout != "changed  _index.md\n" {
		t.Fatalf("check of an edited site: exit %d, stdout %q, stderr %q", got.code, got.stdout, got.stderr)
	}

	for _, tc := range []struct {
		env  []string
		want string
	}{
		{[]string{"INPUT_FIXTURES=builtin"}, "kube-apidocs action: the out input is required: the folder of the site\n"},
		{[]string{"INPUT_OUT=x"}, "kube-apidocs action: give the fixtures input (a recording or builtin) or the kubeconfig input (a secret)\n"},
		{[]string{"INPUT_OUT=x", "INPUT_FIXTURES=builtin", "INPUT_CHECK=yes"}, "kube-apidocs action: the check input is true or false, got \"yes\"\n"},
	} {
		if got := runAction(t, tmp, tc.env...); got.code != 1 || got.stderr != tc.want {
			t.Errorf("action with %v: exit %d, stderr %q, want %q", tc.env, got.code, got.stderr, tc.want)
		}
	}
}
