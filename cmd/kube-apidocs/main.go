// Command kube-apidocs turns a Kubernetes cluster's API discovery into
// documentation: the kubectl api-resources table, a Markdown and HTML site,
// and diffs between versions. See README.md for the commands.
package main

import (
	"errors"
	"fmt"
	"os"
)

func main() {
	tuneGC()
	quietLibraryLogs()
	ctx, interrupted := interruptible()
	cmd := newRootCommand(streams{In: os.Stdin, Out: os.Stdout, ErrOut: os.Stderr})
	err := cmd.ExecuteContext(ctx)
	if sig := interrupted(); sig != nil {
		// the command wound down after SIGINT/SIGTERM: say so, not what it
		// said about its cancelled context
		fmt.Fprintf(os.Stderr, "error: interrupted (%v)\n", sig)
		os.Exit(signalExitCode(sig))
	}
	if err != nil {
		var printed *printedError
		if !errors.As(err, &printed) { // explain prints its errors as kubectl does
			fmt.Fprintf(os.Stderr, "error: %v\n", err)
		}
		os.Exit(exitCode(err))
	}
}

// exitError carries a specific exit code for errors that are not plain
// failures (documented in README.md, "Exit codes").
type exitError struct {
	code int
	err  error
}

func (e *exitError) Error() string { return e.err.Error() }
func (e *exitError) Unwrap() error { return e.err }

func exitCode(err error) int {
	var ee *exitError
	if errors.As(err, &ee) {
		return ee.code
	}
	var printed *printedError
	if errors.As(err, &printed) {
		return printed.code
	}
	return 1
}
