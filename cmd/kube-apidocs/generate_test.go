package main

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"k8s.io/cli-runtime/pkg/genericiooptions"
)

// runGenerate runs `kube-apidocs generate` in process and fails the test
// when it fails, with generateDefaults.
func runGenerate(t *testing.T, args ...string) string {
	t.Helper()
	args = generateDefaults(args)
	out, errOut, err := execute(append([]string{"generate"}, args...)...)
	if err != nil {
		t.Fatalf("generate %v: %v\nstderr: %s", args, err, errOut)
	}
	return out
}

// runGenerateProcess runs the binary's generate with generateDefaults, for
// the tests of the pages themselves (in a browser, against axe): the race
// detector would only make the site slower to build.
func runGenerateProcess(t *testing.T, args ...string) {
	t.Helper()
	apidocsStdout(t, append([]string{"generate"}, generateDefaults(args)...)...)
}

// generateDefaults adds to generate's args what the tests of other things
// than these flags pass. Unless args set --fields, --fields=false: the
// field pages are what the tests of fields check (they pass --fields), and
// under the race detector they make every other generate several seconds
// slower. Unless args set --template-timeout, 10m: the template budget is
// what TestGenerateTemplateTimeout checks, and under -race on a loaded
// machine the field pages of the bundled recording can take longer than
// the default minute.
func generateDefaults(args []string) []string {
	args = slices.Clip(args)
	for _, d := range []struct{ flag, arg string }{{"--fields", "--fields=false"}, {"--template-timeout", "--template-timeout=10m"}} {
		if !slices.ContainsFunc(args, func(a string) bool { return strings.HasPrefix(a, d.flag) }) {
			args = append(args, d.arg)
		}
	}
	return args
}

// sharedSite returns the folder of the site `generate args... --out DIR`
// writes, with generateDefaults, generated once for
// every test that asks for the same args. The tests only read it: a test
// that changes a site generates its own. The site is the only entry of its
// parent folder, under testDir.
func sharedSite(t *testing.T, args ...string) string {
	t.Helper()
	dir, err := sharedSites.get(strings.Join(args, "\x00"), func() (string, error) { return generateShared(args) })
	if err != nil {
		t.Fatal(err)
	}
	return dir
}

// sharedSites are the sites generated so far, by their generate arguments.
var sharedSites onceByKey[string]

// generateShared runs the binary's generate with args into a new folder
// under testDir. The tests of one site share it, so the site is what they
// check, not the race detector; the in-process runs of generate cover that.
func generateShared(args []string) (string, error) {
	exe, err := builtBinary()
	if err != nil {
		return "", err
	}
	parent, err := os.MkdirTemp(testDir, "site-")
	if err != nil {
		return "", err
	}
	out := filepath.Join(parent, "site")
	args = generateDefaults(append([]string{"generate"}, append(slices.Clip(args), "--out", out)...))
	if errOut, err := exec.Command(exe, args...).CombinedOutput(); err != nil {
		return "", fmt.Errorf("kube-apidocs %v: %w\n%s", args, err, errOut)
	}
	return out, nil
}

// execute runs the root command with args and returns stdout, stderr and
// the error main would print.
func execute(args ...string) (string, string, error) {
	var out, errOut bytes.Buffer
	cmd := newRootCommand(genericiooptions.IOStreams{In: &bytes.Buffer{}, Out: &out, ErrOut: &errOut})
	cmd.SetArgs(args)
	err := cmd.Execute()
	return out.String(), errOut.String(), err
}
