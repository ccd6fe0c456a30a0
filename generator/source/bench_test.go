package source_test

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"syscall"
	"testing"

	apidiscoveryv2 "k8s.io/api/apidiscovery/v2"

	"github.com/kube-apidocs/kube-apidocs/generator/model"
	"github.com/kube-apidocs/kube-apidocs/generator/recording"
	"github.com/kube-apidocs/kube-apidocs/generator/render/table"
	"github.com/kube-apidocs/kube-apidocs/generator/source"
	"github.com/kube-apidocs/kube-apidocs/hack/crdgen"
)

// apiResourcesWide is what `kube-apidocs api-resources -o wide --fixtures
// DIR` does after flag parsing: load and check the recording, build the
// model through client-go's discovery client, print the table.
func apiResourcesWide(b *testing.B, dir string) *model.API {
	rec, err := recording.LoadDir(dir, recording.LoadOptions{})
	if err != nil {
		b.Fatal(err)
	}
	api, err := source.FromRecording(rec, source.DiscoverOptions{})
	if err != nil {
		b.Fatal(err)
	}
	if err := table.Resources(io.Discard, api, table.Options{Output: "wide"}); err != nil {
		b.Fatal(err)
	}
	return api
}

// BenchmarkAPIResourcesWide runs load -> model -> table for every bundled
// recording.
func BenchmarkAPIResourcesWide(b *testing.B) {
	dirs, err := filepath.Glob("../../fixtures/v*")
	if err != nil {
		b.Fatal(err)
	}
	for _, dir := range dirs {
		b.Run(filepath.Base(dir), func(b *testing.B) {
			b.ReportAllocs()
			cpuTimer(b)
			var api *model.API
			for i := 0; i < b.N; i++ {
				api = apiResourcesWide(b, dir)
			}
			reportPerResource(b, api)
		})
	}
}

// BenchmarkGrowth runs load -> model -> table on synthetic recordings of
// 100, 1,000 and 3,000 CRDs over the v1.33.13 recording (hack/crdgen).
// ns/resource must stay flat as the cluster grows.
func BenchmarkGrowth(b *testing.B) {
	for _, n := range []int{100, 1000, 3000} {
		dir := syntheticRecording(b, n)
		b.Run(fmt.Sprintf("crds=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			cpuTimer(b)
			var api *model.API
			for i := 0; i < b.N; i++ {
				api = apiResourcesWide(b, dir)
			}
			reportPerResource(b, api)
		})
	}
}

// BenchmarkPhases splits the 1,000-CRD case into its phases, to show where
// the time goes.
func BenchmarkPhases(b *testing.B) {
	dir := syntheticRecording(b, 1000)
	rec, err := recording.LoadDir(dir, recording.LoadOptions{})
	if err != nil {
		b.Fatal(err)
	}
	api, err := source.FromRecording(rec, source.DiscoverOptions{})
	if err != nil {
		b.Fatal(err)
	}
	b.Run("load+check", func(b *testing.B) {
		b.ReportAllocs()
		cpuTimer(b)
		for i := 0; i < b.N; i++ {
			if _, err := recording.LoadDir(dir, recording.LoadOptions{}); err != nil {
				b.Fatal(err)
			}
		}
	})
	for _, legacy := range []bool{false, true} {
		for _, path := range []struct {
			name  string
			model func(*recording.Recording, source.DiscoverOptions) (*model.API, error)
		}{{"decoded", source.FromRecording}, {"replay", source.ReplayRecording}} {
			b.Run(fmt.Sprintf("model/%s/legacy=%v", path.name, legacy), func(b *testing.B) {
				b.ReportAllocs()
				cpuTimer(b)
				for i := 0; i < b.N; i++ {
					if _, err := path.model(rec, source.DiscoverOptions{Legacy: legacy}); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
	b.Run("table", func(b *testing.B) {
		b.ReportAllocs()
		cpuTimer(b)
		for i := 0; i < b.N; i++ {
			if err := table.Resources(io.Discard, api, table.Options{Output: "wide"}); err != nil {
				b.Fatal(err)
			}
		}
	})
}

func reportPerResource(b *testing.B, api *model.API) {
	if n := len(api.AllResources()); n > 0 {
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(n), "ns/resource")
		b.ReportMetric(float64(n), "resources")
	}
}

// syntheticRecording writes a recording of n CRDs over the bundled v1.33.13
// recording into a temporary folder.
func syntheticRecording(b *testing.B, n int) string {
	b.Helper()
	dir := filepath.Join(b.TempDir(), fmt.Sprintf("crds-%d", n))
	if err := os.Mkdir(dir, 0o755); err != nil {
		b.Fatal(err)
	}
	if err := crdgen.WriteRecording(dir, os.DirFS("../../fixtures/v1.33.13"), crdgen.Plan(n)); err != nil {
		b.Fatal(err)
	}
	return dir
}

// BenchmarkExplainRecording is what `kube-apidocs explain deployments.spec
// --fixtures builtin` does after flag parsing: load the builtin recording
// (the OpenAPI documents lazily), resolve the resource through client-go's
// RESTMapper and print kubectl's text, reading only the apps/v1 document.
func BenchmarkExplainRecording(b *testing.B) {
	for _, c := range []struct {
		name, resource string
		opts           source.ExplainOptions
	}{
		{"deployments.spec", "deployments.spec", source.ExplainOptions{}},
		{"pods-recursive", "pods", source.ExplainOptions{Recursive: true}},
		{"pods.spec-openapiv2", "pods.spec", source.ExplainOptions{Output: source.ExplainPlaintextOpenAPIV2}},
	} {
		b.Run(c.name, func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				rec, err := recording.LoadDir("../../fixtures/v1.33.13", recording.LoadOptions{OpenAPI: true, LazyOpenAPI: true})
				if err != nil {
					b.Fatal(err)
				}
				if err := source.ExplainRecording(rec, io.Discard, c.resource, c.opts); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// cpuTimer reports, besides wall time, the CPU time (user and system, all
// threads, the collector's included) per operation: on a machine shared
// with other jobs the wall time of a benchmark varies several-fold, its CPU
// time much less. Call it first in a benchmark; it reports when b ends.
func cpuTimer(b *testing.B) {
	start := cpuNanos()
	b.Cleanup(func() {
		if b.N > 0 {
			b.ReportMetric(float64(cpuNanos()-start)/float64(b.N), "cpu-ns/op")
		}
	})
}

func cpuNanos() int64 {
	var ru syscall.Rusage
	_ = syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return ru.Utime.Nano() + ru.Stime.Nano()
}

// BenchmarkFloor is the least a reader of a recording must do: read the
// aggregated documents (/api and /apis) and decode them into client-go's
// types with client-go's decoder, nothing else. BenchmarkAPIResourcesWide
// against it is the issue-17 ratio (target ≤ 1.5); the difference is the
// checks, which also read and decode every legacy document.
func BenchmarkFloor(b *testing.B) {
	for _, name := range []string{"v1.33.13", "v1.33.13-1000crds"} {
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			cpuTimer(b)
			for i := 0; i < b.N; i++ {
				for _, file := range []string{"aggregated_api_v2.json", "aggregated_v2.json"} {
					body, err := os.ReadFile(filepath.Join("../../fixtures", name, file))
					if err != nil {
						b.Fatal(err)
					}
					var doc apidiscoveryv2.APIGroupDiscoveryList
					if err := json.Unmarshal(body, &doc); err != nil {
						b.Fatal(err)
					}
				}
			}
		})
	}
}
