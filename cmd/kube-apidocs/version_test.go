package main

import (
	"encoding/json"
	"runtime"
	"strings"
	"testing"
)

func TestVersion(t *testing.T) {
	t.Parallel()
	out, _, err := execute("version", "-o", "json")
	if err != nil {
		t.Fatal(err)
	}
	var info VersionInfo
	if err := json.Unmarshal([]byte(out), &info); err != nil {
		t.Fatalf("version -o json printed %q: %v", out, err)
	}
	if info.Version == "" || info.GoVersion != runtime.Version() || info.Platform != runtime.GOOS+"/"+runtime.GOARCH {
		t.Fatalf("version -o json = %+v", info)
	}
	line, _, err := execute("version")
	if err != nil {
		t.Fatal(err)
	}
	flag, _, err := execute("--version")
	if err != nil {
		t.Fatal(err)
	}
	if want := versionLine(info) + "\n"; line != want || flag != want {
		t.Fatalf("version printed %q and --version %q, want %q", line, flag, want)
	}
	if !strings.HasPrefix(line, "kube-apidocs "+info.Version) {
		t.Fatalf("version line %q", line)
	}
	if _, _, err := execute("version", "-o", "wide"); err == nil || err.Error() != "--output wide is not available (use one of: json, yaml)" {
		t.Fatalf("version -o wide: %v", err)
	}
}

func TestStampedVersion(t *testing.T) {
	oldVersion, oldCommit := version, commit
	version, commit = "v9.9.9", "0123456789abcdef0123456789abcdef01234567"
	defer func() { version, commit = oldVersion, oldCommit }()
	if got := buildVersion(); got.Version != "v9.9.9" || got.Commit != commit {
		t.Fatalf("stamped version %q, commit %q", got.Version, got.Commit)
	}
}

func TestNoNamespaceFlag(t *testing.T) {
	t.Parallel()
	_, _, err := execute("api-resources", "--fixtures", "builtin", "-n", "kube-system")
	if err == nil || !strings.Contains(err.Error(), "unknown shorthand flag: 'n'") {
		t.Fatalf("api-resources -n: %v; want -n refused (discovery is not namespaced)", err)
	}
}

func TestNoKubeconfigNamesTheBuiltinRecording(t *testing.T) {
	t.Setenv("HOME", t.TempDir())
	t.Setenv("KUBECONFIG", "")
	_, _, err := execute("api-resources", "--request-timeout", "5s")
	if err == nil || !strings.HasSuffix(err.Error(), "(no kubeconfig was found: set KUBECONFIG, pass --kubeconfig or --server, or read the bundled recording with --fixtures builtin)") {
		t.Fatalf("api-resources without a kubeconfig: %v", err)
	}
}
