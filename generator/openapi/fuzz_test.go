package openapi_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/kube-apidocs/kube-apidocs/generator/model"
	"github.com/kube-apidocs/kube-apidocs/generator/openapi"
	"github.com/kube-apidocs/kube-apidocs/generator/openapi/openapitest"
)

// FuzzKinds feeds one document to Parse and builds every kind it has: any
// input gives trees or an *Error, never a panic. The seeds are real
// documents (the smaller ones, so that mutation stays fast) and the broken
// shapes of TestBrokenDocuments.
func FuzzKinds(f *testing.F) {
	docs, _, err := openapitest.Load(openapitest.Dir("v1.33.13-crds"))
	if err != nil {
		f.Fatal(err)
	}
	for _, path := range []string{"apis/stable.example.com/v1"} {
		f.Add(docs[path])
	}
	f.Add(doc(map[string]string{"Widget": `{"type": "object", ` + gvkWidget + `, "properties": {"a": {"items": {"$ref": "#/components/schemas/Widget"}}}}`}))
	f.Add(doc(map[string]string{"Widget": `{"x-kubernetes-group-version-kind": [{"group": "example.com", "version": "v1", "kind": 7}]}`}))
	f.Fuzz(func(t *testing.T, raw []byte) {
		for _, path := range []string{"apis/example.com/v1", "apis/stable.example.com/v1"} {
			s, err := openapi.Parse(map[string][]byte{path: raw})
			if err != nil {
				t.Fatal(err)
			}
			kinds, err := s.Kinds()
			if err != nil {
				var docErr *openapi.Error
				if !errors.As(err, &docErr) {
					t.Fatalf("error of type %T: %v", err, err)
				}
				continue
			}
			for _, g := range kinds {
				k, err := s.Kind(g)
				if err != nil {
					continue
				}
				k.Walk(func(f model.Field) bool {
					if !strings.HasSuffix(f.Path, f.Name) || f.Type == "" {
						t.Fatalf("%v: field %+v", g, f)
					}
					return true
				})
			}
		}
	})
}
