package main

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestInterruptedGenerateLeavesNoTemporaryFolder interrupts generate on the
// 1,000-CRD recording at different moments: each run ends with exit code 0
// (it had finished) or 130 (or dies of the signal before main ran), never leaves its hidden temporary folder
// beside --out, and leaves --out either absent or a complete site.
func TestInterruptedGenerateLeavesNoTemporaryFolder(t *testing.T) {
	t.Parallel()
	parent := t.TempDir()
	out := filepath.Join(parent, "site")
	interrupted := 0
	for i := range 6 {
		cmd := exec.Command(binary, "generate", "--fixtures", filepath.Join(fixturesDir, "v1.33.13-1000crds"), "--out", out)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(time.Duration(i*150) * time.Millisecond)
		_ = cmd.Process.Signal(syscall.SIGINT)
		err := cmd.Wait()
		var exit *exec.ExitError
		switch {
		case err == nil:
		case errors.As(err, &exit) && exit.ExitCode() == 130:
			interrupted++
		case errors.As(err, &exit) && exit.ExitCode() == -1:
			// killed before the runtime had installed the handler: nothing
			// had been written yet
		default:
			t.Fatalf("run %d: %v, want exit code 0 or 130", i, err)
		}
		entries, err := os.ReadDir(parent)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range entries {
			if strings.HasPrefix(e.Name(), ".") {
				t.Fatalf("run %d left %s beside --out", i, e.Name())
			}
		}
		if _, err := os.Stat(out); err == nil {
			if _, err := os.Stat(filepath.Join(out, "index.html")); err != nil {
				t.Fatalf("run %d: --out exists without index.html: %v", i, err)
			}
		}
	}
	if interrupted == 0 {
		t.Fatal("no run was interrupted; the test did not test anything")
	}
	t.Logf("%d of 6 runs were interrupted", interrupted)
}
