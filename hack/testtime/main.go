// Command testtime summarises a `go test -json` run: each package's wall time (and, given the file
// hack/testtime/cpu.sh wrote as go test's -exec wrapper, its CPU time and peak memory), then the
// slowest tests by Elapsed.
//
//	TESTTIME_CPU=/tmp/t.cpu go test -race -count=1 -json -exec "$PWD/hack/testtime/cpu.sh" ./... > t.json
//	go run ./hack/testtime -cpu /tmp/t.cpu -top 30 t.json
//
// Lines that are not JSON (make's echo, go vet) are skipped, so the output of
// `GOFLAGS="-json -exec=…" make test` can be read as it is.
package main

import (
	"bufio"
	"cmp"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
)

// event is the part of a test2json event testtime reads.
type event struct {
	Action  string
	Package string
	Test    string
	Elapsed float64
}

// usage is one package's resources as cpu.sh recorded them.
type usage struct {
	wall, user, sys float64
	peakKB          int
}

// timing is a package or a test and how long it took.
type timing struct {
	name    string
	elapsed float64
	outcome string
}

func main() {
	cpuFile := flag.String("cpu", "", "the file hack/testtime/cpu.sh appended to (TESTTIME_CPU)")
	top := flag.Int("top", 30, "how many of the slowest tests to list")
	subtests := flag.Bool("subtests", false, "list subtests among the slowest tests too")
	flag.Parse()
	if flag.NArg() != 1 {
		fmt.Fprintln(os.Stderr, "usage: testtime [-cpu FILE] [-top N] [-subtests] TEST.json")
		os.Exit(2)
	}
	if err := report(os.Stdout, flag.Arg(0), *cpuFile, *top, *subtests); err != nil {
		fmt.Fprintln(os.Stderr, "testtime:", err)
		os.Exit(1)
	}
}

func report(w io.Writer, jsonFile, cpuFile string, top int, subtests bool) error {
	packages, tests, err := readEvents(jsonFile, subtests)
	if err != nil {
		return err
	}
	cpu := map[string]usage{}
	if cpuFile != "" {
		if cpu, err = readUsage(cpuFile); err != nil {
			return err
		}
	}
	var total usage
	fmt.Fprintf(w, "%-60s %8s %8s %8s %8s\n", "package", "wall s", "user s", "sys s", "peak MB")
	for _, p := range packages {
		u := usageOf(cpu, p.name)
		total.user, total.sys = total.user+u.user, total.sys+u.sys
		fmt.Fprintf(w, "%-60s %8.1f %8.1f %8.1f %8d  %s\n", p.name, p.elapsed, u.user, u.sys, u.peakKB/1024, p.outcome)
	}
	fmt.Fprintf(w, "%-60s %8s %8.1f %8.1f   (test binaries and their children; compiling and linking not included)\n", "total", "", total.user, total.sys)
	fmt.Fprintf(w, "\nslowest %d tests (Elapsed s):\n", top)
	for i, t := range tests {
		if i == top {
			break
		}
		fmt.Fprintf(w, "%8.1f  %s  %s\n", t.elapsed, t.name, t.outcome)
	}
	return nil
}

// readEvents returns the packages by name and the tests slowest first.
func readEvents(file string, subtests bool) (packages, tests []timing, err error) {
	f, err := os.Open(file)
	if err != nil {
		return nil, nil, err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 0, 1<<20), 64<<20)
	for sc.Scan() {
		var e event
		if !strings.HasPrefix(sc.Text(), "{") || json.Unmarshal(sc.Bytes(), &e) != nil {
			continue
		}
		if e.Action != "pass" && e.Action != "fail" && e.Action != "skip" {
			continue
		}
		switch {
		case e.Test == "":
			packages = append(packages, timing{e.Package, e.Elapsed, e.Action})
		case subtests || !strings.Contains(e.Test, "/"):
			tests = append(tests, timing{shortPackage(e.Package) + " " + e.Test, e.Elapsed, e.Action})
		}
	}
	if err := sc.Err(); err != nil {
		return nil, nil, fmt.Errorf("%s: %w", file, err)
	}
	slices.SortFunc(packages, func(a, b timing) int { return cmp.Compare(a.name, b.name) })
	slices.SortStableFunc(tests, func(a, b timing) int { return cmp.Compare(b.elapsed, a.elapsed) })
	return packages, tests, nil
}

// readUsage reads cpu.sh's lines: package folder, wall, user, sys seconds, peak KB.
func readUsage(file string) (map[string]usage, error) {
	b, err := os.ReadFile(file)
	if err != nil {
		return nil, err
	}
	out := map[string]usage{}
	for i, line := range strings.Split(strings.TrimSpace(string(b)), "\n") {
		f := strings.Fields(line)
		if len(f) != 5 {
			continue // "Command exited with non-zero status N" comes before the figures
		}
		var u usage
		var errs [4]error
		u.wall, errs[0] = strconv.ParseFloat(f[1], 64)
		u.user, errs[1] = strconv.ParseFloat(f[2], 64)
		u.sys, errs[2] = strconv.ParseFloat(f[3], 64)
		u.peakKB, errs[3] = strconv.Atoi(f[4])
		for _, err := range errs {
			if err != nil {
				return nil, fmt.Errorf("%s:%d: %w", file, i+1, err)
			}
		}
		out[f[0]] = u
	}
	return out, nil
}

// usageOf finds the usage of pkg by its folder: cpu.sh knows folders, go test -json import paths.
func usageOf(cpu map[string]usage, pkg string) usage {
	for dir, u := range cpu {
		if strings.HasSuffix(filepath.ToSlash(dir), "/"+shortPackage(pkg)) {
			return u
		}
	}
	return usage{}
}

// shortPackage drops the module path from an import path.
func shortPackage(pkg string) string {
	const module = "github.com/kube-apidocs/kube-apidocs/"
	return strings.TrimPrefix(pkg, module)
}
