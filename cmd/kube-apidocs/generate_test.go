package main

import (
	"bytes"
	"testing"

	"k8s.io/cli-runtime/pkg/genericiooptions"
)

// runGenerate runs `kube-apidocs generate` in process and fails the test
// when it fails.
func runGenerate(t *testing.T, args ...string) string {
	t.Helper()
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
