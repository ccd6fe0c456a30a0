package main

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestLongKindIsCut: a recording whose Deployment kind is 4 MiB long gives
// a table and a site of ordinary size, with the kind cut and a warning,
// instead of a site that repeats the kind on every page: no file of the
// site holds a longer run of it than the cut. (4 MiB is far over the
// 253-byte cut; more only costs time under the race detector.)
func TestLongKindIsCut(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	long := strings.Repeat("D", 4<<20)
	entries, err := os.ReadDir("../../fixtures/v1.33.13")
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		b, err := os.ReadFile(filepath.Join("../../fixtures/v1.33.13", e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		b = bytes.ReplaceAll(b, []byte(`"kind":"Deployment"`), []byte(`"kind":"`+long+`"`))
		if err := os.WriteFile(filepath.Join(dir, e.Name()), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	out, errOut, err := execute("api-resources", "--fixtures", dir, "--api-group", "apps")
	if err != nil {
		t.Fatalf("api-resources: %v\n%s", err, errOut)
	}
	cut := strings.Repeat("D", 250) + "…"
	if !strings.Contains(out, " "+cut+"\n") || len(out) > 4096 {
		t.Fatalf("api-resources printed %d bytes; want the kind cut to 253 bytes:\n%.600s", len(out), out)
	}
	want := "warning: apps/v1 deployments: kind cut from 4194304 bytes to 253\n" +
		"warning: apps/v1 deployments: subresources[status].kind cut from 4194304 bytes to 253\n"
	if errOut != want {
		t.Fatalf("stderr:\n%s\nwant:\n%s", errOut, want)
	}
	site := filepath.Join(t.TempDir(), "site")
	if _, _, err := execute("generate", "--fixtures", dir, "--out", site, "--format", "html", "--fields=false"); err != nil {
		t.Fatalf("generate: %v", err)
	}
	total, uncut := 0, strings.Repeat("D", 251)
	for name, content := range snapshot(t, site) {
		total += len(content)
		if strings.Contains(content, uncut) {
			t.Errorf("%s holds more of the kind than the cut %d bytes", name, len(cut))
		}
	}
	if total > 32<<20 {
		t.Fatalf("the site is %d bytes; the cut kind should keep it near the normal size", total)
	}
}

func TestErrorLineEscapesControlCharacters(t *testing.T) {
	t.Parallel()
	dir := filepath.Join(t.TempDir(), "rec\n\x1b[31mforged")
	got := errorLine(errors.New("open " + dir + ": no such file"))
	if strings.ContainsAny(got, "\n\x1b") || !strings.Contains(got, `rec\u{000A}\u{001B}[31mforged`) {
		t.Fatalf("errorLine = %q", got)
	}
}
