package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
)

// fixturesDir is the repository's folder of recordings.
const fixturesDir = "../../fixtures"

// parityArgs are the kubectl invocations every recording is checked with.
var parityArgs = [][]string{
	{"api-resources"},
	{"api-resources", "-o", "wide"},
	{"api-resources", "-o", "name"},
	{"api-resources", "--sort-by=kind"},
	{"api-resources", "-o", "wide", "--sort-by=name"},
	{"api-resources", "--namespaced=false"},
	{"api-resources", "--namespaced=true", "-o", "wide"},
	{"api-resources", "--api-group=apps", "--no-headers"},
	{"api-resources", "--api-group=", "-o", "wide"},
	{"api-resources", "--verbs=list,watch"},
	{"api-resources", "--categories=all", "-o", "wide"},
	{"api-resources", "--no-headers", "-o", "wide", "--sort-by=kind"},
	{"api-versions"},
}

// recordedOutputs maps files the recordings carry to the command that made them.
var recordedOutputs = map[string][]string{
	"kubectl_api-resources.txt":                           {"api-resources"},
	"kubectl_api-resources_wide.txt":                      {"api-resources", "-o", "wide"},
	"kubectl_api-versions.txt":                            {"api-versions"},
	"kubectl_api-resources_wide_sort-by-kind.txt":         {"api-resources", "-o", "wide", "--sort-by=kind"},
	"kubectl_api-resources_o-name.txt":                    {"api-resources", "-o", "name"},
	"kubectl_api-resources_namespaced-false.txt":          {"api-resources", "--namespaced=false"},
	"kubectl_api-resources_api-group-apps_no-headers.txt": {"api-resources", "--api-group=apps", "--no-headers"},
}

// TestParityWithKubectl serves every recording with `kube-apidocs serve`,
// runs the real kubectl of the recording's minor version against it, and
// requires our output — offline from the folder, in process, and live
// through the same server, from the binary as kubectl runs — to be
// byte-identical to kubectl's.
func TestParityWithKubectl(t *testing.T) {
	t.Parallel()
	for _, dir := range recordings(t) {
		t.Run(filepath.Base(dir), func(t *testing.T) {
			t.Parallel()
			kubectl := kubectlFor(t, dir)
			kubeconfig := startServe(t, dir)
			for _, args := range parityArgs {
				t.Run(strings.Join(args, " "), func(t *testing.T) {
					t.Parallel()
					want := run(t, kubectl, append([]string{"--kubeconfig", kubeconfig, "--cache-dir", t.TempDir()}, args...)...)
					if want.code != 0 {
						t.Fatalf("%s %v: exit %d: %s", kubectl, args, want.code, want.stderr)
					}
					offline := offlineRun(t, dir, args...)
					assertSame(t, "offline "+strings.Join(args, " "), offline, want.stdout)
					live := run(t, apidocsBinary(t), append(args, "--kubeconfig", kubeconfig)...)
					assertSame(t, "live "+strings.Join(args, " "), live, want.stdout)
				})
			}
		})
	}
}

// TestRecordedKubectlOutputs compares with the kubectl outputs captured
// when each recording was made, a second check independent of the kubectl
// binaries on this machine.
func TestRecordedKubectlOutputs(t *testing.T) {
	t.Parallel()
	for _, dir := range recordings(t) {
		t.Run(filepath.Base(dir), func(t *testing.T) {
			t.Parallel()
			checkRecordedOutputs(t, dir)
		})
	}
}

// checkRecordedOutputs compares our output on the recording dir with every
// kubectl output it carries.
func checkRecordedOutputs(t *testing.T, dir string) {
	t.Helper()
	checked := 0
	for file, args := range recordedOutputs {
		want, err := os.ReadFile(filepath.Join(dir, file))
		if os.IsNotExist(err) {
			continue
		}
		if err != nil {
			t.Fatal(err)
		}
		got := offlineRun(t, dir, args...)
		assertSame(t, filepath.Base(dir)+" "+file, got, string(want))
		checked++
	}
	if checked < 3 {
		t.Errorf("%s: only %d recorded kubectl outputs; every recording carries at least kubectl_api-resources{,_wide}.txt and kubectl_api-versions.txt", dir, checked)
	}
}

// offlineRun is apidocs(t, args... --fixtures dir), run once for every
// test that compares the same command on the same recording with its
// oracle (real kubectl, the outputs kubectl printed when it was recorded).
func offlineRun(t *testing.T, dir string, args ...string) result {
	t.Helper()
	args = append(slices.Clip(args), "--fixtures", dir)
	res, _ := offlineRuns.get(strings.Join(args, "\x00"), func() (result, error) { return apidocs(t, args...), nil })
	return res
}

// offlineRuns are the results of offlineRun so far.
var offlineRuns onceByKey[result]

func assertSame(t *testing.T, what string, got result, want string) {
	t.Helper()
	if got.code != 0 {
		t.Errorf("%s: exit %d, stderr: %s", what, got.code, got.stderr)
		return
	}
	if got.stdout != want {
		t.Errorf("%s: output differs from kubectl\n%s", what, firstDifference(got.stdout, want))
	}
}

// firstDifference shows the first line where got and want differ, with
// trailing spaces made visible.
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

// recordings lists the recording folders under fixtures/.
func recordings(t *testing.T) []string {
	t.Helper()
	matches, err := filepath.Glob(filepath.Join(fixturesDir, "*", "version.json"))
	if err != nil {
		t.Fatal(err)
	}
	if len(matches) < 3 {
		t.Fatalf("found %d recordings under %s, want at least the 3 bundled ones", len(matches), fixturesDir)
	}
	var dirs []string
	for _, m := range matches {
		dirs = append(dirs, filepath.Dir(m))
	}
	return dirs
}

// kubectlFor returns the kubectl whose minor version matches the recording
// (kubectl.1.NN next to the kubectl on PATH, as the Google Cloud SDK ships
// them), else the newest one there, else kubectl itself. A missing kubectl
// fails the test with the way to install it.
func kubectlFor(t *testing.T, dir string) string {
	t.Helper()
	onPath, err := exec.LookPath("kubectl")
	if err != nil {
		t.Fatalf("kubectl is not on PATH; the parity tests compare with the real kubectl. Install it: " +
			"run the tests through make test, which builds kubectl from k8s.io/kubernetes (make kubectl), or put kubectl with kubectl.1.NN beside it on PATH")
	}
	var v struct{ Minor string }
	body, err := os.ReadFile(filepath.Join(dir, "version.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(body, &v); err != nil {
		t.Fatalf("%s/version.json: %v", dir, err)
	}
	resolved, err := filepath.EvalSymlinks(onPath)
	if err != nil {
		return onPath
	}
	binDir := filepath.Dir(resolved)
	minor := strings.TrimRight(v.Minor, "+")
	if candidate := filepath.Join(binDir, "kubectl.1."+minor); isExecutable(candidate) {
		return candidate
	}
	for m := 40; m >= 27; m-- { // a newer server than any kubectl here: the newest kubectl
		if candidate := filepath.Join(binDir, fmt.Sprintf("kubectl.1.%d", m)); isExecutable(candidate) {
			return candidate
		}
	}
	return onPath
}

func isExecutable(path string) bool {
	info, err := os.Stat(path)
	return err == nil && !info.IsDir() && info.Mode()&0o111 != 0
}

// startServe returns the path of a kubeconfig for `kube-apidocs serve` of
// dir. The server is shared: a replay answers every client alike, so the
// tests that ask the same recording ask one process, started by the first
// of them and stopped by TestMain after the tests.
func startServe(t *testing.T, dir string) string {
	t.Helper()
	kubeconfig, err := sharedServers.get(filepath.Clean(dir), func() (string, error) { return startSharedServer(dir) })
	if err != nil {
		t.Fatal(err)
	}
	return kubeconfig
}

// sharedServers are the kubeconfigs of the servers started so far, by
// recording folder.
var sharedServers onceByKey[string]

// startSharedServer starts serve for dir with its kubeconfig in a folder of
// its own under testDir, and waits for the line with its URL. A server
// that started is stopped by stopSharedServers, whatever it printed.
func startSharedServer(dir string) (string, error) {
	exe, err := builtBinary()
	if err != nil {
		return "", err
	}
	folder, err := os.MkdirTemp(testDir, "serve-")
	if err != nil {
		return "", err
	}
	kubeconfig := filepath.Join(folder, "kubeconfig")
	cmd := exec.Command(exe, "serve", "--fixtures", dir, "--kubeconfig-out", kubeconfig)
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return "", err
	}
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		return "", err
	}
	stopAtEnd(cmd)
	line := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(stdout)
		if sc.Scan() {
			line <- sc.Text()
		}
		_, _ = io.Copy(io.Discard, stdout)
	}()
	select {
	case l := <-line:
		if !strings.Contains(l, "http://127.0.0.1:") {
			return "", fmt.Errorf("serve %s printed %q, want its URL", dir, l)
		}
	case <-time.After(2 * time.Minute): // under -race on a loaded machine the 1,000-CRD recording takes more than 30 s to load
		return "", fmt.Errorf("serve %s did not print its URL within 2m", dir)
	}
	return kubeconfig, nil
}

// started are the shared servers' processes, for stopSharedServers.
var started struct {
	sync.Mutex
	cmds []*exec.Cmd
}

func stopAtEnd(cmd *exec.Cmd) {
	started.Lock()
	defer started.Unlock()
	started.cmds = append(started.cmds, cmd)
}

// stopSharedServers interrupts every shared server and waits for it.
func stopSharedServers() {
	started.Lock()
	defer started.Unlock()
	for _, cmd := range started.cmds {
		_ = cmd.Process.Signal(os.Interrupt)
		_ = cmd.Wait()
	}
}
