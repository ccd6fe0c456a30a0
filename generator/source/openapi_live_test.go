package source

import (
	"maps"
	"net/http/httptest"
	"path/filepath"
	"testing"

	"k8s.io/client-go/rest"

	"github.com/kube-apidocs/kube-apidocs/generator/openapi/openapitest"
	"github.com/kube-apidocs/kube-apidocs/generator/recording"
	"github.com/kube-apidocs/kube-apidocs/generator/replay"
)

// TestOpenAPIV3DocumentsLiveEqualsRecorded: the documents fetched from a
// server are the ones its recording holds, byte for byte; a server
// without /openapi/v3 gives none.
func TestOpenAPIV3DocumentsLiveEqualsRecorded(t *testing.T) {
	rec, err := recording.LoadDir(filepath.Join("../../fixtures", "v1.33.13"), recording.LoadOptions{OpenAPI: true})
	if err != nil {
		t.Fatal(err)
	}
	want, err := openapitest.ReadAll(rec.OpenAPIV3DocumentReaders())
	if err != nil {
		t.Fatal(err)
	}
	if len(want) < 20 {
		t.Fatalf("%d recorded documents", len(want))
	}
	ts := httptest.NewServer(replay.NewHandler(rec))
	defer ts.Close()
	readers, err := OpenAPIV3Documents(getter(&rest.Config{Host: ts.URL}), 0)
	if err != nil {
		t.Fatal(err)
	}
	got, err := openapitest.ReadAll(readers)
	if err != nil {
		t.Fatal(err)
	}
	if !maps.EqualFunc(got, want, func(a, b []byte) bool { return string(a) == string(b) }) {
		t.Fatalf("live documents (%d) differ from the recorded ones (%d)", len(got), len(want))
	}
	if _, ok := got["apis/apps/v1"]; !ok {
		t.Fatal("no apis/apps/v1 document")
	}

	bare := httptest.NewServer(replay.NewHandler(loadFixture(t, "v1.29.6")))
	defer bare.Close()
	if docs, err := OpenAPIV3Documents(getter(&rest.Config{Host: bare.URL}), 0); err != nil || docs != nil {
		t.Fatalf("server without OpenAPI: %d documents, %v; want none and no error", len(docs), err)
	}
}
