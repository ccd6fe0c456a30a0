package main

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"

	"github.com/kube-apidocs/kube-apidocs/generator/outdir"
	"github.com/kube-apidocs/kube-apidocs/generator/recording"
	"github.com/kube-apidocs/kube-apidocs/generator/render/site"
	"github.com/kube-apidocs/kube-apidocs/generator/source"
)

// BenchmarkGenerateSite measures full-site generation (both formats,
// rendered and written to disk) for each bundled recording, from the loaded
// model on; loading is measured by the source benchmarks.
func BenchmarkGenerateSite(b *testing.B) {
	for _, fx := range []string{"v1.29.6", "v1.33.13", "v1.33.13-crds", "v1.33.13-1000crds"} {
		rec, err := recording.LoadDir(filepath.Join("..", "..", "fixtures", fx), recording.LoadOptions{})
		if err != nil {
			b.Fatal(err)
		}
		api, err := source.FromRecording(rec, source.DiscoverOptions{})
		if err != nil {
			b.Fatal(err)
		}
		b.Run(fx, func(b *testing.B) {
			dir := b.TempDir()
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				files, err := site.Site(api, site.SiteOptions{})
				if err != nil {
					b.Fatal(err)
				}
				if err := outdir.Write(context.Background(), filepath.Join(dir, fmt.Sprint("site", i%2)), files); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
