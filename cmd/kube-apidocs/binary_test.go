package main

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// testBinary is the kube-apidocs binary built once for the tests that run
// the real process (exit codes, stderr, panics, concurrent runs).
var testBinary string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "kube-apidocs-test-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	testBinary = filepath.Join(dir, "kube-apidocs")
	build := exec.Command("go", "build", "-o", testBinary, ".")
	build.Stderr = os.Stderr
	if err := build.Run(); err != nil {
		fmt.Fprintln(os.Stderr, "building kube-apidocs for the tests:", err)
		os.RemoveAll(dir)
		os.Exit(2)
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// runResult is what one run of the binary produced.
type runResult struct {
	stdout, stderr string
	code           int
}

// runBinary runs the test binary in dir with args and returns its outputs
// and exit code; it fails the test if the process could not be started.
func runBinary(t *testing.T, dir string, args ...string) runResult {
	t.Helper()
	cmd := exec.Command(testBinary, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "KUBECONFIG="+filepath.Join(t.TempDir(), "no-kubeconfig"))
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	err := cmd.Run()
	res := runResult{stdout: out.String(), stderr: errOut.String()}
	if err != nil {
		ee, ok := err.(*exec.ExitError)
		if !ok {
			t.Fatalf("running %v: %v", args, err)
		}
		res.code = ee.ExitCode()
	}
	return res
}
