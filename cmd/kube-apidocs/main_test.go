package main

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// binary is the kube-apidocs executable built once for the tests that run
// the command as a user would: a real process, real exit codes, real stderr.
var binary string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "kube-apidocs-test-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	binary = filepath.Join(dir, "kube-apidocs")
	build := exec.Command("go", "build", "-o", binary, ".")
	build.Stderr = os.Stderr
	if err := build.Run(); err != nil {
		fmt.Fprintln(os.Stderr, "building kube-apidocs:", err)
		os.Exit(1)
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// result is what one run of a command printed and how it exited.
type result struct {
	stdout, stderr string
	code           int
}

// run executes name with args and returns its output and exit code; a
// failure to start the process fails the test.
func run(t *testing.T, name string, args ...string) result {
	t.Helper()
	return runCommand(t, exec.Command(name, args...))
}

// runCommand runs cmd, capturing its output and exit code; a failure to
// start the process fails the test.
func runCommand(t *testing.T, cmd *exec.Cmd) result {
	t.Helper()
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	err := cmd.Run()
	code := 0
	if err != nil {
		exitErr, ok := err.(*exec.ExitError)
		if !ok {
			t.Fatalf("running %v: %v", cmd.Args, err)
		}
		code = exitErr.ExitCode()
	}
	return result{stdout: out.String(), stderr: errOut.String(), code: code}
}

// apidocs runs the kube-apidocs binary built by TestMain.
func apidocs(t *testing.T, args ...string) result {
	t.Helper()
	return run(t, binary, args...)
}
