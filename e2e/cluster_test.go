//go:build e2e

package e2e

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"k8s.io/client-go/tools/clientcmd"
)

// KubeVersion is the kube-apiserver the live tests run against; override
// with KUBE_APIDOCS_E2E_VERSION.
const defaultKubeVersion = "1.33.13"

// cluster is the control plane TestMain started.
type cluster struct {
	state      string // hack/kube-apiserver.sh's state folder (keys, token, kubeconfig, logs)
	kubeconfig string
	server     string
	token      string
	caFile     string
}

var (
	live    cluster
	apidocs string // the kube-apidocs binary
	kubectl string // kubectl matching the server's minor
	repo    string // the repository root
)

func TestMain(m *testing.M) {
	code, err := runMain(m)
	if err != nil {
		fmt.Fprintln(os.Stderr, "e2e:", err)
		os.Exit(1)
	}
	os.Exit(code)
}

func runMain(m *testing.M) (int, error) {
	var err error
	if repo, err = filepath.Abs(".."); err != nil {
		return 0, err
	}
	tmp, err := os.MkdirTemp("", "kube-apidocs-e2e-")
	if err != nil {
		return 0, err
	}
	defer os.RemoveAll(tmp)
	version := envOr("KUBE_APIDOCS_E2E_VERSION", defaultKubeVersion)
	if kubectl, err = findKubectl(version); err != nil {
		return 0, err
	}
	apidocs = filepath.Join(tmp, "kube-apidocs")
	build := exec.Command("go", "build", "-o", apidocs, filepath.Join(repo, "cmd", "kube-apidocs"))
	build.Env = append(os.Environ(), "CGO_ENABLED=0") // as the releases
	if out, err := build.CombinedOutput(); err != nil {
		return 0, fmt.Errorf("building kube-apidocs: %v\n%s", err, out)
	}
	live.state = filepath.Join(tmp, "cluster")
	if err := startCluster(version); err != nil {
		return 0, err
	}
	defer stopCluster()
	return m.Run(), nil
}

func envOr(name, def string) string {
	if v := os.Getenv(name); v != "" {
		return v
	}
	return def
}

func harness(args ...string) *exec.Cmd {
	cmd := exec.Command(filepath.Join(repo, "hack", "kube-apiserver.sh"), args...)
	cmd.Env = append(os.Environ(), fmt.Sprintf("WATCH_PID=%d", os.Getpid()))
	cmd.Stderr = os.Stderr
	return cmd
}

// startCluster builds (or reuses) kube-apiserver and starts it with etcd.
func startCluster(version string) error {
	start := time.Now()
	out, err := harness("up", live.state, version).Output()
	if err != nil {
		stopCluster()
		return fmt.Errorf("hack/kube-apiserver.sh up: %w", err)
	}
	fmt.Fprintf(os.Stderr, "e2e: kube-apiserver v%s up in %.1fs\n", version, time.Since(start).Seconds())
	live.kubeconfig = strings.TrimSpace(string(out))
	cfg, err := clientcmd.LoadFromFile(live.kubeconfig)
	if err != nil {
		stopCluster()
		return err
	}
	ctx := cfg.Contexts[cfg.CurrentContext]
	live.server = cfg.Clusters[ctx.Cluster].Server
	live.token = cfg.AuthInfos[ctx.AuthInfo].Token
	live.caFile = filepath.Join(live.state, "pki", "ca.crt")
	if live.token == "" || live.server == "" {
		stopCluster()
		return errors.New("the harness's kubeconfig has no server or token")
	}
	return nil
}

func stopCluster() {
	if err := harness("down", live.state).Run(); err != nil {
		fmt.Fprintln(os.Stderr, "e2e: hack/kube-apiserver.sh down:", err)
	}
}

// findKubectl returns kubectl.1.<minor> from the folder of the kubectl on
// PATH (the Google Cloud SDK package ships one per minor).
func findKubectl(version string) (string, error) {
	onPath, err := exec.LookPath("kubectl")
	if err != nil {
		return "", errors.New("kubectl not found on PATH (make e2e builds it from k8s.io/kubernetes: make kubectl)")
	}
	real, err := filepath.EvalSymlinks(onPath)
	if err != nil {
		return "", err
	}
	minor := strings.Join(strings.Split(version, ".")[:2], ".")
	want := filepath.Join(filepath.Dir(real), "kubectl."+minor)
	if _, err := os.Stat(want); err != nil {
		return "", fmt.Errorf("%s not found: the live parity tests need the kubectl of the server's minor (make kubectl builds it)", want)
	}
	return want, nil
}

// result is what one run of a command printed and how it exited.
type result struct {
	stdout, stderr string
	code           int
}

func (r result) String() string {
	return fmt.Sprintf("exit %d, stderr %q", r.code, r.stderr)
}

func run(t *testing.T, env []string, name string, args ...string) result {
	t.Helper()
	cmd := exec.Command(name, args...)
	cmd.Env = append(os.Environ(), env...)
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	err := cmd.Run()
	var exitErr *exec.ExitError
	switch {
	case err == nil:
		return result{stdout: out.String(), stderr: errOut.String()}
	case errors.As(err, &exitErr):
		return result{stdout: out.String(), stderr: errOut.String(), code: exitErr.ExitCode()}
	}
	t.Fatalf("running %s %v: %v", name, args, err)
	return result{}
}

// kd runs kube-apidocs against the live cluster (the harness's kubeconfig).
func kd(t *testing.T, args ...string) result {
	t.Helper()
	return run(t, nil, apidocs, append(args, "--kubeconfig", live.kubeconfig)...)
}

// kc runs kubectl against the live cluster with a fresh discovery cache.
func kc(t *testing.T, args ...string) result {
	t.Helper()
	return run(t, nil, kubectl, append(args, "--kubeconfig", live.kubeconfig, "--cache-dir", t.TempDir())...)
}
