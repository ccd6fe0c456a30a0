package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"testing"

	"sigs.k8s.io/krew/pkg/index"
	"sigs.k8s.io/yaml"
)

var dist = flag.String("dist", "../../dist", "the snapshot build of make release-check (goreleaser release --snapshot)")

const template = "../../plugins/apidocs.yaml"

func TestFill(t *testing.T) {
	sum := strings.Repeat("ab", 32)
	sums, err := parseChecksums([]byte(sum + "  kube-apidocs_linux_amd64.tar.gz\n" + sum + "  kube-apidocs_windows_arm64.zip\n" + sum + "  sbom.json\n"))
	if err != nil {
		t.Fatal(err)
	}
	tmpl := "version: KUBE_APIDOCS_TAG\na: KUBE_APIDOCS_LINUX_AMD64_CHECKSUM\nb: KUBE_APIDOCS_WINDOWS_ARM64_CHECKSUM\n"
	got, err := fill([]byte(tmpl), "v1.2.3", sums)
	if want := "version: v1.2.3\na: " + sum + "\nb: " + sum + "\n"; err != nil || string(got) != want {
		t.Fatalf("fill = %q, %v; want %q", got, err, want)
	}
	errs := []struct {
		tmpl, sums, want string
	}{
		{"a: KUBE_APIDOCS_LINUX_AMD64_CHECKSUM\nb: KUBE_APIDOCS_DARWIN_ARM64_CHECKSUM\n", sum + "  kube-apidocs_linux_amd64.tar.gz\n",
			"no value for KUBE_APIDOCS_DARWIN_ARM64_CHECKSUM"},
		{"a: KUBE_APIDOCS_LINUX_AMD64_CHECKSUM\n", sum + "  kube-apidocs_linux_amd64.tar.gz\n" + sum + "  kube-apidocs_linux_arm64.tar.gz\n",
			"no platform uses KUBE_APIDOCS_LINUX_ARM64_CHECKSUM"},
		{"", "abc  kube-apidocs_linux_amd64.tar.gz\n", `line 1: want "<sha256>  <file>", got "abc  kube-apidocs_linux_amd64.tar.gz"`},
		{"", sum + "  checksums.sig\n", "no kube-apidocs_<os>_<arch> archive is listed"},
	}
	for _, tt := range errs {
		sums, err := parseChecksums([]byte(tt.sums))
		if err == nil {
			_, err = fill([]byte(tt.tmpl), "v1.2.3", sums)
		}
		if err == nil || err.Error() != tt.want {
			t.Errorf("fill(%q) with %q: %v, want %q", tt.tmpl, tt.sums, err, tt.want)
		}
	}
}

// metadata is what GoReleaser writes to dist/metadata.json.
type metadata struct {
	Version string `json:"version"`
	Commit  string `json:"commit"`
}

// TestReleaseManifest fills plugins/apidocs.yaml from the archives of a
// snapshot build, checks it with krew's own validator, installs every
// platform's archive with krew (which verifies the sha256 and the files),
// and runs the installed plugin, through kubectl too.
func TestReleaseManifest(t *testing.T) {
	body, err := os.ReadFile(filepath.Join(*dist, "metadata.json"))
	if err != nil {
		t.Fatalf("no snapshot build (run make release-check, which builds it into dist/ first): %v", err)
	}
	var meta metadata
	if err := json.Unmarshal(body, &meta); err != nil || meta.Version == "" || meta.Commit == "" {
		t.Fatalf("%s/metadata.json: %v (%s)", *dist, err, body)
	}
	// GoReleaser says "none" when it could not read git (hack/goreleaser.sh snapshot sees to it that it can)
	if !regexp.MustCompile(`^[0-9a-f]{40}$`).MatchString(meta.Commit) {
		t.Fatalf("the snapshot in %s stamps commit %q, not a git commit", *dist, meta.Commit)
	}
	runTool(t, nil, "git", "cat-file", "-e", meta.Commit+"^{commit}")
	tag := "v" + meta.Version
	manifest := filepath.Join(t.TempDir(), "apidocs.yaml") // krew takes the plugin's name from the file's
	filled, _ := runTool(t, nil, "go", "run", ".", "-tag", tag, "-checksums", filepath.Join(*dist, "checksums.txt"), template)
	if err := os.WriteFile(manifest, []byte(filled), 0o644); err != nil {
		t.Fatal(err)
	}
	tools := t.TempDir()
	runTool(t, nil, "go", "build", "-o", tools, "sigs.k8s.io/krew/cmd/krew", "sigs.k8s.io/krew/cmd/validate-krew-manifest")
	// -skip-install: its install step downloads the release's URIs; the installs below use the local archives
	if _, log := runTool(t, nil, filepath.Join(tools, "validate-krew-manifest"), "-manifest", manifest, "-skip-install"); !strings.Contains(log, "structural validation OK") {
		t.Fatalf("validate-krew-manifest said:\n%s", log)
	}
	var plugin index.Plugin
	if err := yaml.Unmarshal([]byte(filled), &plugin); err != nil {
		t.Fatal(err)
	}
	if len(plugin.Spec.Platforms) != 6 {
		t.Fatalf("%d platforms in the manifest, want linux, darwin, windows on amd64, arm64", len(plugin.Spec.Platforms))
	}
	for _, p := range plugin.Spec.Platforms {
		goos, goarch := p.Selector.MatchLabels["os"], p.Selector.MatchLabels["arch"]
		root := krewInstall(t, filepath.Join(tools, "krew"), manifest, filepath.Join(*dist, filepath.Base(p.URI)), goos, goarch)
		store := filepath.Join(root, "store", "apidocs", tag)
		wantFiles := []string{p.Bin, "README.md"}
		if goos != "windows" {
			wantFiles = append(wantFiles, "kubectl_complete-apidocs")
		}
		for _, f := range wantFiles {
			if fi, err := os.Stat(filepath.Join(store, f)); err != nil || !fi.Mode().IsRegular() {
				t.Errorf("%s/%s: krew did not install the file %s: %v", goos, goarch, f, err)
			}
		}
		if goos == runtime.GOOS && goarch == runtime.GOARCH {
			checkInstalled(t, root, store, tag, meta.Commit)
		}
	}
}

// krewInstall installs the plugin of manifest from archive for goos/goarch
// into a new KREW_ROOT and returns it.
func krewInstall(t *testing.T, krew, manifest, archive, goos, goarch string) string {
	t.Helper()
	root := t.TempDir()
	env := []string{"KREW_ROOT=" + root, "KREW_OS=" + goos, "KREW_ARCH=" + goarch, "KREW_NO_UPGRADE_CHECK=1"}
	runTool(t, env, krew, "install", "--manifest="+manifest, "--archive="+archive)
	return root
}

// checkInstalled runs the plugin krew installed for this machine, alone and
// through kubectl, and completes through kubectl once
// kubectl_complete-apidocs is linked as the manifest's caveats say.
func checkInstalled(t *testing.T, root, store, tag, commit string) {
	t.Helper()
	bin := filepath.Join(root, "bin")
	if err := os.Symlink(filepath.Join(store, "kubectl_complete-apidocs"), filepath.Join(bin, "kubectl_complete-apidocs")); err != nil {
		t.Fatal(err)
	}
	env := []string{"PATH=" + bin + string(os.PathListSeparator) + os.Getenv("PATH")}
	kubectl := realKubectl(t)
	for _, argv := range [][]string{{filepath.Join(bin, "kubectl-apidocs")}, {kubectl, "apidocs"}} {
		var v struct{ Version, Commit string }
		out, _ := runTool(t, env, argv[0], append(argv[1:], "version", "-o", "json")...)
		if err := json.Unmarshal([]byte(out), &v); err != nil || v.Version != tag || v.Commit != commit {
			t.Errorf("%v version -o json = %s, want version %s and commit %s", argv, out, tag, commit)
		}
	}
	if out, _ := runTool(t, env, kubectl, "__complete", "apidocs", "api-resources", "-o", ""); out != "wide\nname\njson\nyaml\n:4\n" {
		t.Errorf("kubectl __complete apidocs api-resources -o '' printed %q", out)
	}
}

// realKubectl is the kubectl on PATH, or the kubectl.1.33 beside it where
// that kubectl is the Google Cloud SDK's dispatcher (which answers
// __complete itself, without plugin completion).
func realKubectl(t *testing.T) string {
	t.Helper()
	onPath, err := exec.LookPath("kubectl")
	if err != nil {
		t.Fatalf("no kubectl on PATH (make release-check puts the one make kubectl builds there): %v", err)
	}
	if resolved, err := filepath.EvalSymlinks(onPath); err == nil {
		if minor := filepath.Join(filepath.Dir(resolved), "kubectl.1.33"); isExecutable(minor) {
			return minor
		}
	}
	return onPath
}

func isExecutable(path string) bool {
	fi, err := os.Stat(path)
	return err == nil && fi.Mode().IsRegular() && fi.Mode()&0o111 != 0
}

// runTool runs name with args (and env added to the environment) and
// returns its stdout and stderr; a failure fails the test with its stderr.
func runTool(t *testing.T, env []string, name string, args ...string) (string, string) {
	t.Helper()
	cmd := exec.Command(name, args...)
	cmd.Env = append(os.Environ(), env...)
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	if err := cmd.Run(); err != nil {
		t.Fatalf("%s %s: %v\n%s", name, strings.Join(args, " "), err, errOut.String())
	}
	return out.String(), errOut.String()
}
