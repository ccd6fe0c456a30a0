package replay

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"

	openapi_v2 "github.com/google/gnostic-models/openapiv2"
	"google.golang.org/protobuf/proto"

	"github.com/kube-apidocs/kube-apidocs/generator/recording"
)

func loadWithOpenAPI(t *testing.T, name string) *recording.Recording {
	t.Helper()
	rec, err := recording.LoadDir("../../fixtures/"+name, recording.LoadOptions{OpenAPI: true})
	if err != nil {
		t.Fatal(err)
	}
	return rec
}

type answer struct {
	status int
	header http.Header
	body   string
}

func get(t *testing.T, h http.Handler, target string, header map[string]string) answer {
	t.Helper()
	req := httptest.NewRequest(http.MethodGet, target, nil)
	for k, v := range header {
		req.Header.Set(k, v)
	}
	rr := httptest.NewRecorder()
	h.ServeHTTP(rr, req)
	body, _ := io.ReadAll(rr.Result().Body)
	return answer{rr.Code, rr.Result().Header, string(body)}
}

// TestOpenAPIV3LikeKubeAPIServer pins the answers kube-apiserver v1.33.13
// gave to the same requests (recorded with curl against
// hack/kube-apiserver.sh): headers, redirects, 304 and the empty 404/406.
func TestOpenAPIV3LikeKubeAPIServer(t *testing.T) {
	rec := loadWithOpenAPI(t, "v1.33.13")
	h := NewHandler(rec)
	doc := rec.OpenAPI[recording.Route{Path: "/openapi/v3/apis/apps/v1"}]
	hash := recording.OpenAPIV3Hash(doc.Body)
	etag := strconv.Quote(hash)

	index := get(t, h, "/openapi/v3", nil)
	if index.status != 200 || !strings.Contains(index.body, `"apis/apps/v1":{"serverRelativeURL":"/openapi/v3/apis/apps/v1?hash=`+hash+`"}`) || index.header.Get("Etag") != "" {
		t.Errorf("index: %d Etag %q %.100q", index.status, index.header.Get("Etag"), index.body)
	}

	plain := get(t, h, "/openapi/v3/apis/apps/v1", map[string]string{"Accept": "application/json"})
	if plain.status != 200 || plain.body != string(doc.Body) || plain.header.Get("Etag") != etag ||
		plain.header.Get("Cache-Control") != "no-cache, private" || plain.header.Get("Content-Type") != "application/json" || plain.header.Get("Vary") != "Accept" {
		t.Errorf("without hash: %d %v", plain.status, plain.header)
	}

	hashed := get(t, h, "/openapi/v3/apis/apps/v1?hash="+hash, map[string]string{"Accept": "application/json"})
	if hashed.status != 200 || hashed.header.Get("Cache-Control") != "public, immutable" || hashed.header.Get("Expires") == "" || hashed.body != string(doc.Body) {
		t.Errorf("with the current hash: %d %v", hashed.status, hashed.header)
	}

	stale := get(t, h, "/openapi/v3/apis/apps/v1?hash=ABC", map[string]string{"Accept": "application/json"})
	if stale.status != 301 || stale.header.Get("Location") != "/openapi/v3/apis/apps/v1?hash="+hash || stale.body != "" {
		t.Errorf("with a stale hash: %d %v %q", stale.status, stale.header, stale.body)
	}

	notModified := get(t, h, "/openapi/v3/apis/apps/v1?hash="+hash, map[string]string{"If-None-Match": etag})
	if notModified.status != 304 || notModified.body != "" {
		t.Errorf("If-None-Match: %d %q", notModified.status, notModified.body)
	}

	unknown := get(t, h, "/openapi/v3/apis/nothing.example.com/v1", nil)
	if unknown.status != 404 || unknown.body != "" {
		t.Errorf("unknown document: %d %q", unknown.status, unknown.body)
	}

	yaml := get(t, h, "/openapi/v3/apis/apps/v1", map[string]string{"Accept": "application/yaml"})
	if yaml.status != 406 || yaml.body != "" {
		t.Errorf("Accept yaml: %d %q", yaml.status, yaml.body)
	}

	pb := get(t, h, "/openapi/v3/apis/apps/v1", map[string]string{"Accept": "application/com.github.proto-openapi.spec.v3@v1.0+protobuf"})
	if pb.status != 200 || pb.header.Get("Content-Type") != "application/com.github.proto-openapi.spec.v3.v1.0+protobuf" || len(pb.body) == 0 || pb.body == string(doc.Body) {
		t.Errorf("protobuf: %d %v", pb.status, pb.header)
	}
}

func TestOpenAPIV2ByAccept(t *testing.T) {
	rec := loadWithOpenAPI(t, "v1.33.13")
	h := NewHandler(rec)
	jsonDoc := rec.OpenAPI[recording.Route{Path: "/openapi/v2"}]
	etag := strconv.Quote(recording.OpenAPIV3Hash(jsonDoc.Body))

	j := get(t, h, "/openapi/v2", nil)
	if j.status != 200 || j.header.Get("Content-Type") != "application/json" || !strings.HasPrefix(j.body, `{"swagger":"2.0"`) || j.header.Get("Etag") != etag {
		t.Errorf("JSON: %d %v %.40q", j.status, j.header, j.body)
	}
	pb := get(t, h, "/openapi/v2", map[string]string{"Accept": "application/com.github.proto-openapi.spec.v2@v1.0+protobuf"})
	var doc openapi_v2.Document
	if pb.status != 200 || pb.header.Get("Content-Type") != "application/com.github.proto-openapi.spec.v2.v1.0+protobuf" || proto.Unmarshal([]byte(pb.body), &doc) != nil || doc.Swagger != "2.0" || pb.header.Get("Etag") != etag {
		t.Errorf("protobuf: %d %v swagger %q", pb.status, pb.header, doc.Swagger)
	}
	if nm := get(t, h, "/openapi/v2", map[string]string{"If-None-Match": etag}); nm.status != 304 {
		t.Errorf("If-None-Match: %d", nm.status)
	}
}

// TestWithoutOpenAPI shows a recording without OpenAPI documents answers
// them as before: the Status 404 of any path it does not have.
func TestWithoutOpenAPI(t *testing.T) {
	h := NewHandler(loadFixture(t, "v1.29.6"))
	for _, p := range []string{"/openapi/v3", "/openapi/v2", "/openapi/v3/apis/apps/v1"} {
		if a := get(t, h, p, nil); a.status != 404 || !strings.Contains(a.body, `"reason":"NotFound"`) {
			t.Errorf("%s: %d %q", p, a.status, a.body)
		}
	}
}
