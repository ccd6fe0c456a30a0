package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestConcurrentGenerate starts two generate runs of the 1,000-CRD
// recording into different folders at the same time: both succeed and the
// two sites are identical, file for file and byte for byte.
func TestConcurrentGenerate(t *testing.T) {
	parent := t.TempDir()
	outs := []string{filepath.Join(parent, "a"), filepath.Join(parent, "b")}
	var cmds []*exec.Cmd
	var stderrs []*bytes.Buffer
	for _, out := range outs {
		cmd := exec.Command(binary, "generate", "--fixtures", "../../fixtures/v1.33.13-1000crds", "--out", out)
		var errOut bytes.Buffer
		cmd.Stderr = &errOut
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		cmds, stderrs = append(cmds, cmd), append(stderrs, &errOut)
	}
	for i, cmd := range cmds {
		if err := cmd.Wait(); err != nil {
			t.Fatalf("generate --out %s: %v: %s", outs[i], err, stderrs[i])
		}
	}
	a, b := relSnapshot(t, outs[0]), relSnapshot(t, outs[1])
	if len(a) < 1000 {
		t.Errorf("only %d files for 1,000 CRDs", len(a))
	}
	for name, content := range a {
		if other, ok := b[name]; !ok {
			t.Errorf("%s is only in the first site", name)
		} else if other != content {
			t.Errorf("%s differs between the two sites", name)
		}
	}
	for name := range b {
		if _, ok := a[name]; !ok {
			t.Errorf("%s is only in the second site", name)
		}
	}
}

// relSnapshot maps the path of every file under dir, relative to dir, to
// its content.
func relSnapshot(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	for p, content := range snapshot(t, dir) {
		out[strings.TrimPrefix(p, dir+string(os.PathSeparator))] = content
	}
	return out
}
