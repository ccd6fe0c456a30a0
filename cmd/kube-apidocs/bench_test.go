package main

import (
	"bytes"
	"io"
	"testing"

	"k8s.io/cli-runtime/pkg/genericiooptions"
)

// BenchmarkAPIResourcesCommand runs `api-resources -o wide --fixtures DIR`
// in process (flag parsing, cobra, load, model, table), to separate the
// command's own cost from process start-up in hack/bench.sh's figures.
func BenchmarkAPIResourcesCommand(b *testing.B) {
	for _, fixtures := range []string{"builtin", "../../fixtures/v1.33.13", "../../fixtures/v1.33.13-crds", "../../fixtures/v1.33.13-1000crds"} {
		b.Run(fixtures, func(b *testing.B) {
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				var out bytes.Buffer
				root := newRootCommand(genericiooptions.IOStreams{In: bytes.NewReader(nil), Out: &out, ErrOut: io.Discard})
				root.SetArgs([]string{"api-resources", "-o", "wide", "--fixtures", fixtures})
				if err := root.Execute(); err != nil {
					b.Fatal(err)
				}
				if out.Len() == 0 {
					b.Fatal("no output")
				}
			}
		})
	}
}

// BenchmarkStartup runs `--help` and `version` in process: building the
// command tree and printing, what every command pays after package
// initialisation. Process start and init are not in it; hack/bench.sh times
// the whole process and BENCHMARKS.md the init (GODEBUG=inittrace=1).
func BenchmarkStartup(b *testing.B) {
	for _, args := range [][]string{{"--help"}, {"version"}} {
		b.Run(args[0], func(b *testing.B) {
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				var out bytes.Buffer
				root := newRootCommand(genericiooptions.IOStreams{In: bytes.NewReader(nil), Out: &out, ErrOut: io.Discard})
				root.SetArgs(args)
				if err := root.Execute(); err != nil {
					b.Fatal(err)
				}
				if out.Len() == 0 {
					b.Fatal("no output")
				}
			}
		})
	}
}
