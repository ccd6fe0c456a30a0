package main

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"testing"
)

// apidocsBinary returns the kube-apidocs executable, for the tests where
// the process boundary is what is tested (exit codes and stderr as main
// makes them, signals, client-go's logs, kubectl talking to serve) and for
// the ones that compare a whole site or report with a committed one. It is
// built with go build on first use, once, as a release is built: without
// the race detector, which makes a process 5 to 10 times slower. The race
// detector covers the same commands where the tests run them in process,
// through execute. A failed build fails the test.
func apidocsBinary(t testing.TB) string {
	t.Helper()
	exe, err := builtBinary()
	if err != nil {
		t.Fatal(err)
	}
	return exe
}

// builtBinary builds the binary into testDir the first time it is called,
// and returns its path or why the build failed ever after.
var builtBinary = sync.OnceValues(func() (string, error) { return buildBinary(testDir) })

// testDir is a temporary folder for the whole run, removed after the tests:
// where what several tests share (servers' kubeconfigs, generated sites)
// lives.
var testDir string

// TestMain points KUBECONFIG at a file that does not exist, for the
// in-process runs and the processes alike (no test may reach a real
// cluster), and tunes the collector and quiets client-go's logs as main
// does, then runs the tests, and stops the servers they shared.
func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "kube-apidocs-test-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	testDir = dir
	raiseParallel()
	os.Setenv("KUBECONFIG", filepath.Join(dir, "no-kubeconfig"))
	tuneGC()
	quietLibraryLogs()
	code := m.Run()
	stopSharedServers()
	stopSharedBrowser()
	os.RemoveAll(dir)
	os.Exit(code)
}

// buildBinary builds this package into dir as .goreleaser.yaml builds the
// releases: CGO_ENABLED=0 and -ldflags="-s -w". With cgo, kustomize's
// import of package plugin (through cli-runtime) makes the linker keep every
// exported method and link externally: 57 MB instead of 44, 36 MiB of RSS
// at start instead of 29, and gcc on every link. go test puts its own go
// first on PATH, so the toolchain that builds the tests builds it, from the
// same files.
func buildBinary(dir string) (string, error) {
	exe := filepath.Join(dir, "kube-apidocs")
	cmd := exec.Command("go", "build", "-ldflags=-s -w", "-o", exe, ".")
	cmd.Env = append(os.Environ(), "CGO_ENABLED=0")
	if out, err := cmd.CombinedOutput(); err != nil {
		return "", fmt.Errorf("building kube-apidocs for the tests: %v\n%s", err, out)
	}
	return exe, nil
}

// testParallel is how many tests of this package run at once unless
// -test.parallel says otherwise: many of them wait on a process, a browser
// or a server, so more than GOMAXPROCS (the default, 2 on a small CI
// machine) keeps the cores busy. On 2 cores, under -race, the package took
// 116 s at 4 and 129 s at 8 (135 s at 2, 134 s at 6): more in-process tests
// at once make every synchronisation of the race detector dearer.
const testParallel = 4

// raiseParallel sets -test.parallel to testParallel when the command line
// did not set it.
func raiseParallel() {
	flag.Parse()
	set := false
	flag.Visit(func(f *flag.Flag) { set = set || f.Name == "test.parallel" })
	if !set && runtime.GOMAXPROCS(0) < testParallel {
		_ = flag.Set("test.parallel", strconv.Itoa(testParallel))
	}
}

// result is what one run of a command printed and how it exited.
type result struct {
	stdout, stderr string
	code           int
}

// run executes name with args and returns its output and exit code; a
// failure to start the process fails the test.
func run(t *testing.T, name string, args ...string) result {
	t.Helper()
	return runCommand(t, exec.Command(name, args...))
}

// runCommand runs cmd, capturing its output and exit code; a failure to
// start the process fails the test.
func runCommand(t *testing.T, cmd *exec.Cmd) result {
	t.Helper()
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	err := cmd.Run()
	code := 0
	if err != nil {
		exitErr, ok := err.(*exec.ExitError)
		if !ok {
			t.Fatalf("running %v: %v", cmd.Args, err)
		}
		code = exitErr.ExitCode()
	}
	return result{stdout: out.String(), stderr: errOut.String(), code: code}
}

// apidocs runs kube-apidocs in process and returns what main would have
// printed and its exit code: the command's output, then main's one
// "error: " line on stderr and exitCode(err). A panic ends the test binary.
func apidocs(t *testing.T, args ...string) result {
	t.Helper()
	out, errOut, err := execute(args...)
	if err == nil {
		return result{stdout: out, stderr: errOut}
	}
	return result{stdout: out, stderr: errOut + stderrFor(err), code: exitCode(err)}
}

// apidocsProcess runs apidocsBinary in dir.
func apidocsProcess(t *testing.T, dir string, args ...string) result {
	t.Helper()
	cmd := exec.Command(apidocsBinary(t), args...)
	cmd.Dir = dir
	return runCommand(t, cmd)
}

// apidocsStdout runs apidocsBinary and returns what it printed on stdout;
// an exit code other than 0 fails the test.
func apidocsStdout(t *testing.T, args ...string) string {
	t.Helper()
	r := run(t, apidocsBinary(t), args...)
	if r.code != 0 {
		t.Fatalf("kube-apidocs %s: exit code %d\n%s", strings.Join(args, " "), r.code, r.stderr)
	}
	return r.stdout
}

// onceByKey computes a value once per key, for every test that asks for
// it: what tests share (a server, a generated site) instead of each making
// its own.
type onceByKey[T any] struct {
	mu     sync.Mutex
	values map[string]*onceValue[T]
}

type onceValue[T any] struct {
	once  sync.Once
	value T
	err   error
}

// get returns the value of key, made by build on the first call for key;
// the callers for the same key wait for it and share its error too.
func (o *onceByKey[T]) get(key string, build func() (T, error)) (T, error) {
	o.mu.Lock()
	if o.values == nil {
		o.values = map[string]*onceValue[T]{}
	}
	v := o.values[key]
	if v == nil {
		v = &onceValue[T]{}
		o.values[key] = v
	}
	o.mu.Unlock()
	v.once.Do(func() { v.value, v.err = build() })
	return v.value, v.err
}
