package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// bashCompletion is the script that completes like bash at a prompt: it
// loads the bash-completion package (cobra's scripts need it, as they say),
// then the completion script PROG prints, sets COMP_WORDS, COMP_CWORD,
// COMP_LINE, COMP_POINT and COMP_TYPE for the words after PROG (the last is the one
// being completed), calls the completion function, and prints COMPREPLY.
const bashCompletion = `prog=$1; shift
source /usr/share/bash-completion/bash_completion
source <("$prog" completion bash)
COMP_WORDS=("$prog" "$@")
COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 ))
COMP_LINE="${COMP_WORDS[*]}"
COMP_POINT=${#COMP_LINE}
COMP_TYPE=9 # a TAB
"__start_$prog" 2>/dev/null # compopt complains outside a real completion
printf '%s\n' "${COMPREPLY[@]}"
`

// completionPath is a PATH that holds kube-apidocs and the kubectl plugin
// kubectl-apidocs (both apidocsBinary) with the shipped
// kubectl_complete-apidocs beside them, in front of the PATH that has the
// real kubectl.
func completionPath(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	for _, name := range []string{"kube-apidocs", "kubectl-apidocs"} {
		if err := os.Symlink(apidocsBinary(t), filepath.Join(dir, name)); err != nil {
			t.Fatal(err)
		}
	}
	script, err := os.ReadFile(filepath.Join("..", "..", "plugins", "kubectl_complete-apidocs"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "kubectl_complete-apidocs"), script, 0o755); err != nil {
		t.Fatal(err)
	}
	return dir + string(os.PathListSeparator) + os.Getenv("PATH")
}

// TestBashCompletion completes in bash, through the scripts users source:
// `kube-apidocs completion bash`, and `kubectl completion bash` of the real
// kubectl, which hands `kubectl apidocs …` to kubectl_complete-apidocs.
func TestBashCompletion(t *testing.T) {
	t.Parallel()
	if _, err := os.Stat("/usr/share/bash-completion/bash_completion"); err != nil {
		t.Fatalf("bash completion needs the bash-completion package (apt-get install bash-completion; .ci/run installs it): %v", err)
	}
	if _, err := exec.LookPath("kubectl"); err != nil {
		t.Fatal("kubectl is not on PATH: run the tests through make test, which puts the kubectls it builds there")
	}
	kubeconfig := contextsKubeconfig(t, "prod", "stage") // KUBECONFIG
	other := contextsKubeconfig(t, "qa")                 // --kubeconfig
	path := completionPath(t)
	tests := []struct {
		words []string
		want  []string
	}{
		{[]string{"kube-apidocs", "api-resources", "-o", ""}, []string{"json", "name", "wide", "yaml"}},
		{[]string{"kube-apidocs", "diff", "-o", "j"}, []string{"json"}},
		{[]string{"kube-apidocs", "generate", "--format", ""}, []string{"html", "markdown"}},
		{[]string{"kube-apidocs", "api-resources", "--context", ""}, []string{"prod", "stage"}},
		{[]string{"kubectl", "apid"}, []string{"apidocs"}},
		{[]string{"kubectl", "apidocs", "api-resources", "-o", ""}, []string{"json", "name", "wide", "yaml"}},
		{[]string{"kubectl", "apidocs", "version", "-o", ""}, []string{"json", "yaml"}},
		{[]string{"kubectl", "apidocs", "generate", "--format", "m"}, []string{"markdown"}},
		{[]string{"kubectl", "apidocs", "generate", "--lang", ""}, []string{"en", "ko"}},
		{[]string{"kubectl", "apidocs", "api-resources", "--context", "st"}, []string{"stage"}},
		{[]string{"kubectl", "apidocs", "generate", "--kubeconfig", other, "--context", ""}, []string{"qa"}},
	}
	for _, tt := range tests {
		cmd := exec.Command("bash", append([]string{"-c", bashCompletion, "bash"}, tt.words...)...)
		cmd.Env = append(os.Environ(), "PATH="+path, "KUBECONFIG="+kubeconfig)
		got := runCommand(t, cmd)
		if got.code != 0 {
			t.Fatalf("bash completion of %q: exit %d\n%s", tt.words, got.code, got.stderr)
		}
		reply := strings.Fields(got.stdout)
		slices.Sort(reply)
		if !slices.Equal(reply, tt.want) {
			t.Errorf("bash completion of %q: COMPREPLY %q, want %q (stderr %q)", tt.words, reply, tt.want, got.stderr)
		}
	}
}

// contextsKubeconfig writes a kubeconfig with the named contexts and returns
// its path.
func contextsKubeconfig(t *testing.T, contexts ...string) string {
	t.Helper()
	cfg := "apiVersion: v1\nkind: Config\nclusters:\n- {name: c, cluster: {server: \"https://127.0.0.1:1\"}}\n" +
		"users:\n- {name: u, user: {}}\ncontexts:\n"
	for _, c := range contexts {
		cfg += "- {name: " + c + ", context: {cluster: c, user: u}}\n"
	}
	path := filepath.Join(t.TempDir(), "config")
	if err := os.WriteFile(path, []byte(cfg), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}
