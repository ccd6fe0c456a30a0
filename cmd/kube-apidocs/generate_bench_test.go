package main

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"

	"github.com/kube-apidocs/kube-apidocs/generator/model"
	"github.com/kube-apidocs/kube-apidocs/generator/openapi/openapitest"
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
		api := benchModel(b, filepath.Join("..", "..", "fixtures", fx))
		b.Run(fx, func(b *testing.B) {
			dir := b.TempDir()
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				writeSite(b, api, site.SiteOptions{}, filepath.Join(dir, fmt.Sprint("site", i%2)))
			}
		})
	}
}

// BenchmarkGenerateSiteFields measures full-site generation with field
// pages for the recordings whose OpenAPI documents are biggest: from the
// loaded model and the read documents on, each iteration parses the
// documents, builds every kind's tree and skeleton, renders both formats
// and writes them to disk, as `generate --fields` does.
func BenchmarkGenerateSiteFields(b *testing.B) {
	for _, fx := range []string{"v1.33.13-thirdparty", "v1.33.13-1000crds"} {
		dir := filepath.Join("..", "..", "fixtures", fx)
		api := benchModel(b, dir)
		docs, _, err := openapitest.Load(dir)
		if err != nil {
			b.Fatal(err)
		}
		b.Run(fx, func(b *testing.B) {
			out := b.TempDir()
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				kinds, err := kindSchemas(api, readersOf(docs)) // it empties the map it is given
				if err != nil {
					b.Fatal(err)
				}
				if len(kinds) == 0 {
					b.Fatal("no field trees")
				}
				fields, err := siteFields(kinds)
				if err != nil {
					b.Fatal(err)
				}
				writeSite(b, api, site.SiteOptions{Fields: fields}, filepath.Join(out, fmt.Sprint("site", i%2)))
			}
		})
	}
}

// writeSite renders the site into dir as generate does: each file into the
// folder being built as it is rendered, then renamed into place.
func writeSite(b *testing.B, api *model.API, opts site.SiteOptions, dir string) {
	b.Helper()
	stage := outdir.NewStage(context.Background(), dir)
	defer stage.Discard()
	if err := stage.Open(); err != nil {
		b.Fatal(err)
	}
	if err := site.Render(api, opts, stage); err != nil {
		b.Fatal(err)
	}
	if err := stage.Commit(); err != nil {
		b.Fatal(err)
	}
}

// benchModel loads the recording in dir into the model, outside the timing.
func benchModel(b *testing.B, dir string) *model.API {
	b.Helper()
	rec, err := recording.LoadDir(dir, recording.LoadOptions{})
	if err != nil {
		b.Fatal(err)
	}
	api, err := source.FromRecording(rec, source.DiscoverOptions{})
	if err != nil {
		b.Fatal(err)
	}
	return api
}
