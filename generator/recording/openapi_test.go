package recording

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kube-apidocs/kube-apidocs/generator/openapi/openapitest"
)

func TestOpenAPIRoutesRoundTrip(t *testing.T) {
	cases := []struct {
		route Route
		file  string
	}{
		{Route{Path: "/openapi/v3"}, "openapi__v3.json"},
		{Route{Path: "/openapi/v3/apis/apps/v1"}, "openapi__v3__apis__apps__v1.json"},
		{Route{Path: "/openapi/v3/api/v1"}, "openapi__v3__api__v1.json"},
		{Route{Path: "/openapi/v3/.well-known/openid-configuration"}, "openapi__v3__.well-known__openid-configuration.json"},
		{Route{Path: "/openapi/v2"}, "openapi__v2.json"},
		{Route{Path: "/openapi/v2", Protobuf: true}, "openapi__v2.pb"},
	}
	for _, c := range cases {
		if got := FileFor(c.route); got != c.file {
			t.Errorf("FileFor(%+v) = %q, want %q", c.route, got, c.file)
		}
		back, status, ok := RouteFor(c.file)
		if !ok || status != 200 || back != c.route {
			t.Errorf("RouteFor(%q) = %+v %d %v, want %+v", c.file, back, status, ok, c.route)
		}
		if !c.route.IsOpenAPI() {
			t.Errorf("%+v: IsOpenAPI false", c.route)
		}
	}
	if r, s, ok := RouteFor("openapi__v2.http503.pb"); !ok || s != 503 || !r.Protobuf {
		t.Errorf("RouteFor(openapi__v2.http503.pb) = %+v %d %v", r, s, ok)
	}
	for _, bad := range []string{"openapi__v3__apis__..__v1.json", "openapi__v3____x.json", "openapi__v3__a b.json", "openapi__v3__apis__x.pb", "api.pb", "openapi__v3__x___y.json"} {
		if r, _, ok := RouteFor(bad); ok {
			t.Errorf("RouteFor(%q) = %+v, want no route", bad, r)
		}
	}
	for key, want := range map[string]bool{"apis/apps/v1": true, "version": true, "apis/a__b/v1": false, "apis/x.http503": false, "../x": false, "": false} {
		if _, ok := OpenAPIV3Route(key); ok != want {
			t.Errorf("OpenAPIV3Route(%q) ok = %v, want %v", key, ok, want)
		}
	}
	if (Route{Path: "/apis/apps/v1"}).IsOpenAPI() {
		t.Error("/apis/apps/v1 is not an OpenAPI document")
	}
}

func TestLoadOpenAPIDocuments(t *testing.T) {
	rec, err := LoadDir("../../fixtures/v1.33.13-crds", LoadOptions{OpenAPI: true})
	if err != nil {
		t.Fatal(err)
	}
	if !rec.HasOpenAPIV3() {
		t.Fatal("v1.33.13-crds: no OpenAPI v3 index")
	}
	doc, ok := rec.OpenAPI[Route{Path: "/openapi/v3/apis/stable.example.com/v1"}]
	if !ok || !strings.Contains(string(doc.Body), `"kind":"Widget"`) {
		t.Errorf("stable.example.com/v1 document: %v %.80q", ok, doc.Body)
	}
	if _, ok := rec.Responses[Route{Path: "/openapi/v3"}]; ok {
		t.Error("the OpenAPI index is among the discovery responses")
	}
}

// copyRecording copies a fixture into a temporary folder for a test to break.
func copyRecording(t *testing.T, name string) string {
	t.Helper()
	dir := t.TempDir()
	entries, err := os.ReadDir("../../fixtures/" + name)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		b, err := os.ReadFile(filepath.Join("../../fixtures", name, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, e.Name()), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func TestLoadRefusesOpenAPIMismatches(t *testing.T) {
	cases := []struct {
		name  string
		edit  func(dir string) error
		error string
	}{
		{"changed document", func(dir string) error {
			return os.WriteFile(filepath.Join(dir, "openapi__v3__apis__stable.example.com__v1.json"), []byte(`{"openapi":"3.0.0"}`), 0o644)
		}, "openapi__v3__apis__stable.example.com__v1.json: its SHA-512 is 25FEDDF832BE5CEA…, but openapi__v3.json lists hash=E394C916465F8755… for /openapi/v3/apis/stable.example.com/v1: the file is not the document the index describes"},
		{"missing document", func(dir string) error {
			return os.Remove(filepath.Join(dir, "openapi__v3__apis__apps__v1.json"))
		}, `openapi__v3.json: paths["apis/apps/v1"]: lists /openapi/v3/apis/apps/v1, but the recording has no openapi__v3__apis__apps__v1.json`},
		{"unlisted document", func(dir string) error {
			return os.WriteFile(filepath.Join(dir, "openapi__v3__apis__extra.example.com__v1.json"), []byte(`{}`), 0o644)
		}, "openapi__v3__apis__extra.example.com__v1.json: an OpenAPI v3 document that openapi__v3.json does not list"},
		{"index not JSON", func(dir string) error {
			return os.WriteFile(filepath.Join(dir, "openapi__v3.json"), []byte(`{"paths":`), 0o644)
		}, "openapi__v3.json: not an OpenAPI v3 index: unexpected end of JSON input"},
		{"index path outside", func(dir string) error {
			return os.WriteFile(filepath.Join(dir, "openapi__v3.json"), []byte(`{"paths":{"../../etc":{"serverRelativeURL":"/x"}}}`), 0o644)
		}, `openapi__v3.json: paths["../../etc"]: "../../etc" is not a document path a recording can hold`},
		{"v2 not swagger", func(dir string) error {
			return os.WriteFile(filepath.Join(dir, "openapi__v2.json"), []byte(`{"openapi":"3.0.0"}`), 0o644)
		}, `openapi__v2.json: swagger: is "", want "2.0"`},
		{"v2 protobuf garbage", func(dir string) error {
			return os.WriteFile(filepath.Join(dir, "openapi__v2.pb"), []byte("\xff\xff\xff"), 0o644)
		}, "openapi__v2.pb: not an OpenAPI v2 document in protobuf"},
		{"document without index", func(dir string) error {
			return os.Remove(filepath.Join(dir, "openapi__v3.json"))
		}, "an OpenAPI v3 document that openapi__v3.json does not list"},
		{"gzip that is not", func(dir string) error {
			return os.WriteFile(filepath.Join(dir, "openapi__v2.json.gz"), []byte("plain"), 0o644)
		}, "openapi__v2.json.gz: not gzip-compressed"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			dir := copyRecording(t, "v1.33.13-crds")
			if err := c.edit(dir); err != nil {
				t.Fatal(err)
			}
			_, err := LoadDir(dir, LoadOptions{OpenAPI: true})
			if err == nil || !strings.Contains(err.Error(), c.error) {
				t.Errorf("LoadDir: %v\nwant an error containing %q", err, c.error)
			}
			if err != nil && strings.Contains(err.Error(), "\n") {
				t.Errorf("error has more than one line: %q", err)
			}
		})
	}
}

// TestLoadWithoutOpenAPIOption shows the OpenAPI documents are left unread
// unless asked for: a broken one does not fail a discovery-only load.
func TestLoadWithoutOpenAPIOption(t *testing.T) {
	dir := copyRecording(t, "v1.33.13-crds")
	if err := os.WriteFile(filepath.Join(dir, "openapi__v3.json"), []byte("not json"), 0o644); err != nil {
		t.Fatal(err)
	}
	rec, err := LoadDir(dir, LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(rec.OpenAPI) != 0 {
		t.Errorf("%d OpenAPI documents read without LoadOptions.OpenAPI", len(rec.OpenAPI))
	}
	if _, err := LoadDir(dir, LoadOptions{OpenAPI: true}); err == nil || !strings.Contains(err.Error(), "openapi__v3.json: not an OpenAPI v3 index") {
		t.Errorf("with LoadOptions.OpenAPI: %v", err)
	}
}

// TestLazyOpenAPI reads a document only when asked for, checks it then,
// and keeps reporting its problem.
func TestLazyOpenAPI(t *testing.T) {
	dir := copyRecording(t, "v1.33.13-crds")
	bad := filepath.Join(dir, "openapi__v3__apis__stable.example.com__v1.json")
	if err := os.WriteFile(bad, []byte(`{"openapi":"3.0.0"}`), 0o644); err != nil {
		t.Fatal(err)
	}
	rec, err := LoadDir(dir, LoadOptions{OpenAPI: true, LazyOpenAPI: true})
	if err != nil {
		t.Fatalf("a lazy load checks documents when they are read: %v", err)
	}
	if body := rec.OpenAPI[Route{Path: "/openapi/v3/apis/apps/v1"}].Body; body != nil {
		t.Errorf("apps/v1 read at load: %d bytes", len(body))
	}
	apps, ok, err := rec.OpenAPIDocument(Route{Path: "/openapi/v3/apis/apps/v1"})
	if !ok || err != nil || !strings.HasPrefix(string(apps.Body), `{"openapi":"3.0.0"`) {
		t.Errorf("apps/v1: ok %v err %v %.30q", ok, err, apps.Body)
	}
	if rec.OpenAPIErr() != nil {
		t.Errorf("OpenAPIErr before a failed read: %v", rec.OpenAPIErr())
	}
	for i := 0; i < 2; i++ {
		_, _, err = rec.OpenAPIDocument(Route{Path: "/openapi/v3/apis/stable.example.com/v1"})
		if err == nil || !strings.HasPrefix(err.Error(), bad+": its SHA-512 is 25FEDDF832BE5CEA…") {
			t.Errorf("read %d of the changed document: %v", i+1, err)
		}
	}
	if err := rec.OpenAPIErr(); err == nil || !strings.HasPrefix(err.Error(), bad) {
		t.Errorf("OpenAPIErr: %v", err)
	}
	if _, ok, err := rec.OpenAPIDocument(Route{Path: "/openapi/v3/apis/nothing/v1"}); ok || err != nil {
		t.Errorf("unknown document: ok %v, err %v", ok, err)
	}
}

// TestLazyOpenAPIV3Documents checks that the readers of a lazy load read
// every group-version document and only those: a broken /openapi/v2 stays
// unread, as generate --fields never asks for it.
func TestLazyOpenAPIV3Documents(t *testing.T) {
	dir := copyRecording(t, "v1.33.13-crds")
	for _, f := range []string{"openapi__v2.json", "openapi__v2.pb"} {
		if err := os.WriteFile(filepath.Join(dir, f), []byte("broken"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	rec, err := LoadDir(dir, LoadOptions{OpenAPI: true, LazyOpenAPI: true})
	if err != nil {
		t.Fatal(err)
	}
	docs := readAll(t, rec.OpenAPIV3DocumentReaders())
	if _, ok := docs["apis/apps/v1"]; !ok || len(docs) < 20 {
		t.Errorf("%d documents, apps/v1 among them: %v", len(docs), ok)
	}
	if _, ok := docs["apis/stable.example.com/v1"]; !ok {
		t.Error("the CRD's group-version document is missing")
	}
}

// readAll is openapitest.ReadAll; an error fails the test.
func readAll(t *testing.T, readers map[string]func() ([]byte, error)) map[string][]byte {
	t.Helper()
	docs, err := openapitest.ReadAll(readers)
	if err != nil {
		t.Fatal(err)
	}
	return docs
}

// TestOpenAPIV3DocumentReaders checks that the readers of a lazy load
// return the documents an eager load read and checked; that a lazy reader
// keeps nothing (the document is still unread afterwards, and a file
// changed since is read anew); and that a broken document fails its own
// reader, every time, and no other.
func TestOpenAPIV3DocumentReaders(t *testing.T) {
	dir := copyRecording(t, "v1.33.13-crds")
	eager, err := LoadDir(dir, LoadOptions{OpenAPI: true})
	if err != nil {
		t.Fatal(err)
	}
	want := readAll(t, eager.OpenAPIV3DocumentReaders())
	if len(want) < 20 {
		t.Fatalf("%d documents", len(want))
	}
	for p, raw := range want {
		if resp, ok, _ := eager.OpenAPIDocument(Route{Path: openAPIV3 + "/" + p}); !ok || !bytes.Equal(raw, resp.Body) {
			t.Errorf("eager: %s: the reader's %d bytes are not the loaded document", p, len(raw))
		}
	}
	lazy, err := LoadDir(dir, LoadOptions{OpenAPI: true, LazyOpenAPI: true})
	if err != nil {
		t.Fatal(err)
	}
	readers := lazy.OpenAPIV3DocumentReaders()
	if len(readers) != len(want) {
		t.Errorf("lazy: %d readers, want %d", len(readers), len(want))
	}
	for p, read := range readers {
		got, err := read()
		if err != nil || !bytes.Equal(got, want[p]) {
			t.Errorf("lazy: %s: %d bytes, %v; want the %d bytes the eager load read", p, len(got), err, len(want[p]))
		}
	}
	if d := lazy.lazy.docs[Route{Path: openAPIV3 + "/apis/apps/v1"}]; d == nil || d.done.Load() || d.body != nil {
		t.Error("a reader kept the document it read")
	}

	broken := filepath.Join(dir, "openapi__v3__apis__apps__v1.json")
	if err := os.WriteFile(broken, []byte(`{"openapi":"3.0.0"}`), 0o644); err != nil {
		t.Fatal(err)
	}
	readers = lazy.OpenAPIV3DocumentReaders()
	for range 2 {
		if _, err := readers["apis/apps/v1"](); err == nil || !strings.HasPrefix(err.Error(), broken+": its SHA-512") {
			t.Errorf("broken document: error %v, want one naming %s", err, broken)
		}
	}
	if _, err := readers["apis/stable.example.com/v1"](); err != nil {
		t.Errorf("another document's reader failed: %v", err)
	}
}
