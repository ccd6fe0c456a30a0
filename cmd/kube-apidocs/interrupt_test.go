package main

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestInterruptedGenerateKeepsTheOldSite interrupts generate on the
// 1,000-CRD recording at different moments, over a site an earlier
// generate wrote: each run ends with exit code 130 (or dies of the signal
// before main ran, or 0 had it finished), never leaves its hidden temporary
// folder beside --out, and leaves --out the old site unless it finished.
// That the write itself stops and cleans up on an ended context is
// generator/outdir's TestWriteStopsWhenCancelled.
func TestInterruptedGenerateKeepsTheOldSite(t *testing.T) {
	t.Parallel()
	parent := t.TempDir()
	out := filepath.Join(parent, "site")
	if got := apidocs(t, "generate", "--fixtures", "builtin", "--fields=false", "--out", out); got.code != 0 {
		t.Fatalf("generate builtin: exit %d, stderr %q", got.code, got.stderr)
	}
	index := filepath.Join(out, "index.html")
	old, err := os.ReadFile(index)
	if err != nil {
		t.Fatal(err)
	}
	interrupted := 0
	for i := range 6 {
		cmd := exec.Command(apidocsBinary(t), "generate", "--fixtures", filepath.Join(fixturesDir, "v1.33.13-1000crds"), "--out", out)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(time.Duration(i*150) * time.Millisecond)
		_ = cmd.Process.Signal(syscall.SIGINT)
		err := cmd.Wait()
		var exit *exec.ExitError
		switch {
		case err == nil:
			if old, err = os.ReadFile(index); err != nil {
				t.Fatalf("run %d finished without index.html: %v", i, err)
			}
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
		if now, err := os.ReadFile(index); err != nil || !bytes.Equal(now, old) {
			t.Fatalf("run %d: --out/index.html is no longer the old site's (%v)", i, err)
		}
	}
	if interrupted == 0 {
		t.Fatal("no run was interrupted; the test did not test anything")
	}
	t.Logf("%d of 6 runs were interrupted", interrupted)
}
