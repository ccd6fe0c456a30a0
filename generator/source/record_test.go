package source

import (
	"bytes"
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync/atomic"
	"testing"

	"k8s.io/client-go/rest"

	"github.com/kube-apidocs/kube-apidocs/generator/recording"
	"github.com/kube-apidocs/kube-apidocs/generator/replay"
)

const testToken = "s3cr3t-token-that-must-not-be-recorded"

// tokenServer serves rec to requests that carry testToken and answers 401
// to any other. It records the User-Agent and Accept headers it saw.
type tokenServer struct {
	*httptest.Server
	userAgents atomic.Value // string: the last User-Agent
}

func newTokenServer(t *testing.T, h http.Handler) *tokenServer {
	t.Helper()
	ts := &tokenServer{}
	ts.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ts.userAgents.Store(r.UserAgent())
		if r.Header.Get("Authorization") != "Bearer "+testToken {
			statusHandler(401, "Unauthorized", "Unauthorized").ServeHTTP(w, r)
			return
		}
		h.ServeHTTP(w, r)
	}))
	t.Cleanup(ts.Close)
	return ts
}

func fetchFrom(t *testing.T, url string, opts RecordOptions) *recording.Capture {
	t.Helper()
	c, err := Fetch(context.Background(), getter(&rest.Config{Host: url, BearerToken: testToken}), opts)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// TestRecordRoundTrip records a replayed fixture and checks that the bytes,
// the model and the recorded files match the original, and that the token
// is nowhere in the recording.
func TestRecordRoundTrip(t *testing.T) {
	for _, name := range bundled {
		t.Run(name, func(t *testing.T) {
			orig := loadFixture(t, name)
			ts := newTokenServer(t, replay.NewHandler(orig))
			var calls, last, total atomic.Int64
			c := fetchFrom(t, ts.URL, RecordOptions{Progress: func(done, n int) { calls.Add(1); last.Store(int64(done)); total.Store(int64(n)) }})
			if ua := ts.userAgents.Load().(string); strings.HasPrefix(strings.ToLower(ua), "curl") || ua == "" {
				t.Errorf("User-Agent %q: kube-apiserver pretty-prints for curl", ua)
			}
			if calls.Load() == 0 || last.Load() != total.Load() {
				t.Errorf("progress: %d calls, last %d of %d", calls.Load(), last.Load(), total.Load())
			}
			dir := filepath.Join(t.TempDir(), "rec")
			if err := recording.WriteRecording(context.Background(), dir, c); err != nil {
				t.Fatal(err)
			}
			for _, f := range orig.Files() {
				want := orig.Responses[routeOf(t, f)].Body
				got, err := os.ReadFile(filepath.Join(dir, f))
				if err != nil || !bytes.Equal(got, want) {
					t.Errorf("%s: recorded bytes differ from the fixture's (err %v)", f, err)
				}
			}
			loaded, err := recording.LoadDir(dir, recording.LoadOptions{})
			if err != nil {
				t.Fatal(err)
			}
			for _, legacy := range []bool{false, true} {
				want := discover(t, orig, DiscoverOptions{Legacy: legacy})
				got := discover(t, loaded, DiscoverOptions{Legacy: legacy})
				if !reflect.DeepEqual(got, want) {
					t.Errorf("legacy=%v: model of the recording differs from the original's", legacy)
				}
			}
			assertNoToken(t, dir)
		})
	}
}

// TestRecordOpenAPIRoundTrip records the builtin fixture with its OpenAPI
// documents: every document the index lists, at its hashed URL, and
// /openapi/v2 in both forms, byte for byte; the recording loads and
// passes the index's hash checks.
func TestRecordOpenAPIRoundTrip(t *testing.T) {
	var hashed atomic.Int64
	orig, loaded := recordOpenAPI(t, RecordOptions{}, func(r *http.Request) {
		if strings.HasPrefix(r.URL.Path, "/openapi/v3/") && r.URL.Query().Get("hash") != "" {
			hashed.Add(1)
		}
	})
	if len(loaded.OpenAPI) != len(orig.OpenAPI) || len(orig.OpenAPI) < 40 {
		t.Fatalf("recorded %d OpenAPI documents, the fixture has %d", len(loaded.OpenAPI), len(orig.OpenAPI))
	}
	for route, want := range orig.OpenAPI {
		got, ok := loaded.OpenAPI[route]
		if !ok || !bytes.Equal(got.Body, want.Body) || got.File != strings.TrimSuffix(want.File, ".gz") {
			t.Errorf("%s: recorded as %q, bytes equal %v", want.File, got.File, bytes.Equal(got.Body, want.Body))
		}
	}
	if int(hashed.Load()) != len(orig.OpenAPI)-3 {
		t.Errorf("%d documents fetched at their hashed URL, want %d", hashed.Load(), len(orig.OpenAPI)-3)
	}
}

// TestRecordWithoutOpenAPIV2 checks RecordOptions.SkipOpenAPIV2: /openapi/v2
// is never asked for, every v3 document is recorded, and the recording
// loads with its OpenAPI documents.
func TestRecordWithoutOpenAPIV2(t *testing.T) {
	var askedV2 atomic.Int64
	orig, loaded := recordOpenAPI(t, RecordOptions{SkipOpenAPIV2: true}, func(r *http.Request) {
		if r.URL.Path == "/openapi/v2" {
			askedV2.Add(1)
		}
	})
	if n := askedV2.Load(); n != 0 {
		t.Errorf("/openapi/v2 was asked for %d times", n)
	}
	for route := range loaded.OpenAPI {
		if route.Path == "/openapi/v2" {
			t.Errorf("recorded %+v", route)
		}
	}
	if len(loaded.OpenAPI) != len(orig.OpenAPI)-2 || len(orig.OpenAPI) < 40 {
		t.Errorf("recorded %d OpenAPI documents, want the fixture's %d less its two v2 ones", len(loaded.OpenAPI), len(orig.OpenAPI))
	}
}

// recordOpenAPI records the builtin fixture with its OpenAPI documents,
// served by the replay handler (seen is shown each request first), and
// returns the fixture and the recording loaded back from disk.
func recordOpenAPI(t *testing.T, opts RecordOptions, seen func(*http.Request)) (orig, loaded *recording.Recording) {
	t.Helper()
	orig, err := recording.LoadDir("../../fixtures/v1.33.13", recording.LoadOptions{OpenAPI: true})
	if err != nil {
		t.Fatal(err)
	}
	h := replay.NewHandler(orig)
	ts := newTokenServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		seen(r)
		h.ServeHTTP(w, r)
	}))
	c := fetchFrom(t, ts.URL, opts)
	dir := filepath.Join(t.TempDir(), "rec")
	if err := recording.WriteRecording(context.Background(), dir, c); err != nil {
		t.Fatal(err)
	}
	loaded, err = recording.LoadDir(dir, recording.LoadOptions{OpenAPI: true})
	if err != nil {
		t.Fatal(err)
	}
	return orig, loaded
}

// TestRecordRefusesOpenAPIPaths refuses an index path that cannot be a file
// name before anything is written.
func TestRecordRefusesOpenAPIPaths(t *testing.T) {
	h := replay.NewHandler(loadFixture(t, "v1.33.13"))
	ts := newTokenServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/openapi/v3" {
			_, _ = w.Write([]byte(`{"paths":{"apis/../../etc":{"serverRelativeURL":"/openapi/v3/apis/../../etc?hash=A"}}}`))
			return
		}
		h.ServeHTTP(w, r)
	}))
	_, err := Fetch(context.Background(), getter(&rest.Config{Host: ts.URL, BearerToken: testToken}), RecordOptions{})
	want := `GET /openapi/v3: paths["apis/../../etc"]: "apis/../../etc" is not a document path a recording can hold`
	if err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("Fetch: %v; want an error containing %q", err, want)
	}
}

func routeOf(t *testing.T, file string) recording.Route {
	t.Helper()
	r, _, ok := recording.RouteFor(file)
	if !ok {
		t.Fatalf("%s is not a route", file)
	}
	return r
}

func assertNoToken(t *testing.T, dir string) {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		b, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		if bytes.Contains(b, []byte(testToken)) {
			t.Errorf("%s contains the token", e.Name())
		}
	}
}

// TestRecordIndex pins the index.tsv lines and the README table of a
// recording, including a non-200 answer.
func TestRecordIndex(t *testing.T) {
	c := fetchFrom(t, newTokenServer(t, replay.NewHandler(loadFixture(t, "v1.33.13"))).URL, RecordOptions{})
	var index, readme bytes.Buffer
	if err := c.WriteIndex(&index); err != nil {
		t.Fatal(err)
	}
	if err := c.WriteReadme(&readme); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(index.String(), "\n"), "\n")
	want := map[int]string{
		0:              "/version\tapplication/json\tversion.json\t200\tapplication/json\t347\t-",
		2:              "/api/v1\tapplication/json, */*\tapi__v1.json\t200\tapplication/json\t6488\t-",
		len(lines) - 7: "/apis\t" + recording.MediaAggregatedV2 + "\taggregated_v2.json\t200\t" + recording.MediaAggregatedV2 + "\t16578\t-",
		len(lines) - 4: "/api\t" + recording.MediaAggregatedV2Beta1 + "\taggregated_api_v2beta1.http406.json\t406\tapplication/json\t262\t-",
		// served without its OpenAPI documents: the answers a server without them gives
		len(lines) - 3: "/openapi/v3\tapplication/json\topenapi__v3.http404.json\t404\tapplication/json\t174\t-",
		len(lines) - 2: "/openapi/v2\tapplication/json\topenapi__v2.http404.json\t404\tapplication/json\t174\t-",
		len(lines) - 1: "/openapi/v2\t" + AcceptOpenAPIV2Protobuf + "\topenapi__v2.http404.pb\t404\tapplication/json\t174\t-",
	}
	for i, w := range want {
		if lines[i] != w {
			t.Errorf("index.tsv line %d:\n got %q\nwant %q", i+1, lines[i], w)
		}
	}
	if len(lines) != len(c.Entries) {
		t.Errorf("index.tsv has %d lines for %d entries", len(lines), len(c.Entries))
	}
	for _, w := range []string{"# Discovery documents recorded from kube-apiserver v1.33.13\n", "| `/api/v1` | `application/json, */*` | api__v1.json | 200 | `application/json` | 6488 | - |\n"} {
		if !strings.Contains(readme.String(), w) {
			t.Errorf("README.md lacks %q", w)
		}
	}
}

// TestRecordUnavailableGroupVersion keeps a 503 for one group-version as a
// .http503.json file, and the recording then reports it as unavailable.
func TestRecordUnavailableGroupVersion(t *testing.T) {
	h := replay.NewHandler(loadFixture(t, "v1.33.13"))
	ts := newTokenServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/apis/batch/v1" {
			statusHandler(503, "ServiceUnavailable", "the server is currently unable to handle the request").ServeHTTP(w, r)
			return
		}
		h.ServeHTTP(w, r)
	}))
	dir := filepath.Join(t.TempDir(), "rec")
	if err := recording.WriteRecording(context.Background(), dir, fetchFrom(t, ts.URL, RecordOptions{})); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dir, "apis__batch__v1.http503.json")); err != nil {
		t.Fatal(err)
	}
	rec, err := recording.LoadDir(dir, recording.LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	api := discover(t, rec, DiscoverOptions{Legacy: true})
	if len(api.Unavailable) != 1 || api.Unavailable[0].GroupVersion() != "batch/v1" {
		t.Errorf("Unavailable = %+v, want batch/v1", api.Unavailable)
	}
}

// TestRecordRefusesBadNames refuses group and version names from the server
// that are not valid names, before any file is written.
func TestRecordRefusesBadNames(t *testing.T) {
	tests := []struct{ apis, want string }{
		{`{"kind":"APIGroupList","apiVersion":"v1","groups":[{"name":"../../etc","versions":[{"groupVersion":"x/v1","version":"v1"}]}]}`,
			`GET /apis: group name "../../etc" is not a valid API group name`},
		{`{"kind":"APIGroupList","apiVersion":"v1","groups":[{"name":"ok.example.com","versions":[{"groupVersion":"ok.example.com/v1/../..","version":"v1/../.."}]}]}`,
			`GET /apis group ok.example.com: version name "v1/../.." is not a valid API version`},
		{`{"kind":"APIGroupList","apiVersion":"v1","groups":[{"name":"a.http503","versions":[]}]}`,
			`GET /apis: group name "a.http503" is not a valid API group name here: it ends like a recorded HTTP status (.http<code>), so its file name would read as another group's failed answer; refusing to use it in a file name`},
	}
	for _, tt := range tests {
		ts := newTokenServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "application/json")
			switch r.URL.Path {
			case "/apis":
				_, _ = w.Write([]byte(tt.apis))
			case "/api":
				_, _ = w.Write([]byte(`{"kind":"APIVersions","versions":[]}`))
			default:
				_, _ = w.Write([]byte(`{"major":"1","minor":"33","gitVersion":"v1.33.13"}`))
			}
		}))
		_, err := Fetch(context.Background(), getter(&rest.Config{Host: ts.URL, BearerToken: testToken}), RecordOptions{})
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("error = %v, want it to contain %q", err, tt.want)
		}
	}
}

// TestRecordAccessErrors: a wrong token gives the 401 message and no files.
func TestRecordAccessErrors(t *testing.T) {
	ts := newTokenServer(t, replay.NewHandler(loadFixture(t, "v1.33.13")))
	_, err := Fetch(context.Background(), getter(&rest.Config{Host: ts.URL, BearerToken: "wrong"}), RecordOptions{})
	var se *ServerError
	if !errors.As(err, &se) || se.Problem != ProblemUnauthorized {
		t.Fatalf("error = %v, want a 401 ServerError", err)
	}
	forbidden := httptest.NewServer(statusHandler(403, "Forbidden", `forbidden: User "system:anonymous" cannot get path "/version"`))
	defer forbidden.Close()
	_, err = Fetch(context.Background(), getter(&rest.Config{Host: forbidden.URL}), RecordOptions{})
	if !errors.As(err, &se) || se.Problem != ProblemForbidden || se.User != "system:anonymous" || se.Action != `get path "/version"` {
		t.Fatalf("error = %v, want a 403 ServerError naming system:anonymous", err)
	}
}

func TestRecordMaxFileSize(t *testing.T) {
	ts := newTokenServer(t, replay.NewHandler(loadFixture(t, "v1.33.13")))
	_, err := Fetch(context.Background(), getter(&rest.Config{Host: ts.URL, BearerToken: testToken}), RecordOptions{MaxBodySize: 1000})
	var tooLarge *TooLargeError
	if !errors.As(err, &tooLarge) || err.Error() != "GET "+ts.URL+"/apis: the answer is larger than the limit of 1000 bytes" {
		t.Errorf("error = %v, want a *TooLargeError for /apis", err)
	}
}
