// Command kube-apidocs turns a Kubernetes cluster's API discovery into
// documentation: the kubectl api-resources table, a Markdown and HTML site,
// and diffs between versions. See README.md for the commands.
//
// Each command has kubectl's shape (pkg/cmd/apiresources): an Options
// struct with a field per flag and the IO streams, NewCmdX(streams), and
// Complete, Validate and Run (options.go). Flags shared by several
// commands are declared once (sourceflags.go, clusterflags.go); this is
// the only package that knows flags, and errors.go the one place that
// names them in the libraries' typed errors.
package main

import (
	"errors"
	"fmt"
	"os"

	"github.com/spf13/cobra"
	"k8s.io/cli-runtime/pkg/genericiooptions"

	"github.com/kube-apidocs/kube-apidocs/generator/textsafe"
)

func main() {
	tuneGC()
	quietLibraryLogs()
	ctx, interrupted := interruptible()
	cmd := newRootCommand(genericiooptions.IOStreams{In: os.Stdin, Out: os.Stdout, ErrOut: os.Stderr})
	if name, ok := pluginName(os.Args[0]); ok {
		cmd.Annotations = map[string]string{cobra.CommandDisplayNameAnnotation: name}
	}
	err := cmd.ExecuteContext(ctx)
	if sig := interrupted(); sig != nil {
		// the command wound down after SIGINT/SIGTERM: say so, not what it
		// said about its cancelled context
		fmt.Fprintf(os.Stderr, "error: interrupted (%v)\n", sig)
		os.Exit(signalExitCode(sig))
	}
	if err != nil {
		fmt.Fprint(os.Stderr, stderrFor(err))
		os.Exit(exitCode(err))
	}
}

// stderrFor is what main prints for the error a command returned: its
// errorLine, or nothing for an error the command printed itself (explain
// prints its errors the way kubectl does).
func stderrFor(err error) string {
	var printed *printedError
	if errors.As(err, &printed) {
		return ""
	}
	return errorLine(err) + "\n"
}

// errorLine is the one line main prints for err: whatever a file name, a
// recording or a server put into the message, its control and invisible
// formatting characters are shown as \u{…} escapes, so it stays one line
// and cannot drive the terminal.
func errorLine(err error) string {
	return "error: " + textsafe.Clean(err.Error())
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
