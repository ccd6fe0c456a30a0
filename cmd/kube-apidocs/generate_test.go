package main

import (
	"bytes"
	"slices"
	"strings"
	"testing"

	"k8s.io/cli-runtime/pkg/genericiooptions"
)

// runGenerate runs `kube-apidocs generate` in process and fails the test
// when it fails. Unless args set --fields, it passes --fields=false: the
// field pages are what the tests of fields check (they pass --fields), and
// under the race detector they make every other generate several seconds
// slower.
func runGenerate(t *testing.T, args ...string) string {
	t.Helper()
	if !slices.ContainsFunc(args, func(a string) bool { return strings.HasPrefix(a, "--fields") }) {
		args = append(args, "--fields=false")
	}
	out, errOut, err := execute(append([]string{"generate"}, args...)...)
	if err != nil {
		t.Fatalf("generate %v: %v\nstderr: %s", args, err, errOut)
	}
	return out
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
