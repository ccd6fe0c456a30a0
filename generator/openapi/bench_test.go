package openapi_test

import (
	"testing"

	"github.com/kube-apidocs/kube-apidocs/generator/model"
	"github.com/kube-apidocs/kube-apidocs/generator/openapi"
	"github.com/kube-apidocs/kube-apidocs/generator/openapi/openapitest"
)

// BenchmarkPodTree measures one recursive Pod tree from raw bytes: decoding
// api/v1 and walking Pod (kubectl's template: about 90 ms).
func BenchmarkPodTree(b *testing.B) {
	docs, _, err := openapitest.Load(openapitest.Dir("v1.33.13-crds"))
	if err != nil {
		b.Fatal(err)
	}
	one := map[string][]byte{"api/v1": docs["api/v1"]}
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		s, err := openapi.Parse(one)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := s.Kind(openapi.GVK{Version: "v1", Kind: "Pod"}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkAllKinds measures every kind tree of a recording, documents
// decoded once.
func BenchmarkAllKinds(b *testing.B) {
	docs, _, err := openapitest.Load(openapitest.Dir("v1.33.13-crds"))
	if err != nil {
		b.Fatal(err)
	}
	s, _ := openapi.Parse(docs)
	kinds, err := s.Kinds()
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	fields := 0
	for i := 0; i < b.N; i++ {
		fields = 0
		for _, g := range kinds {
			k, err := s.Kind(g)
			if err != nil {
				b.Fatal(err)
			}
			k.Walk(func(model.Field) bool { fields++; return true })
		}
	}
	b.ReportMetric(float64(fields), "fields")
}

// BenchmarkPodWalk measures the walk alone: the recursive Pod tree from an
// already decoded api/v1 document.
func BenchmarkPodWalk(b *testing.B) {
	docs, _, err := openapitest.Load(openapitest.Dir("v1.33.13-crds"))
	if err != nil {
		b.Fatal(err)
	}
	s, _ := openapi.Parse(map[string][]byte{"api/v1": docs["api/v1"]})
	d, err := s.Document("api/v1")
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := d.Kind("Pod"); err != nil {
			b.Fatal(err)
		}
	}
}
