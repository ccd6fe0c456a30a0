package replay

import (
	"bytes"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/kube-apidocs/kube-apidocs/generator/recording"
)

func loadFixture(t *testing.T, name string) *recording.Recording {
	t.Helper()
	rec, err := recording.LoadDir("../../fixtures/"+name, recording.LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	return rec
}

func TestHandlerNegotiation(t *testing.T) {
	srv := httptest.NewServer(NewHandler(loadFixture(t, "v1.29.6")))
	defer srv.Close()
	cases := []struct {
		path, accept string
		status       int
		contentType  string
		bodyHas      string
	}{
		{"/apis", recording.MediaAggregatedV2, 406, recording.MediaJSON, `"reason": "NotAcceptable"`},
		{"/apis", recording.MediaAggregatedV2Beta1, 200, recording.MediaAggregatedV2Beta1, `"kind":"APIGroupDiscoveryList"`},
		{"/apis", recording.MediaAggregatedV2 + "," + recording.MediaAggregatedV2Beta1 + ",application/json", 200, recording.MediaAggregatedV2Beta1, `apidiscovery.k8s.io/v2beta1`},
		{"/apis", "", 200, recording.MediaJSON, `"kind":"APIGroupList"`},
		{"/apis", "application/json", 200, recording.MediaJSON, `"kind":"APIGroupList"`},
		{"/api", recording.MediaAggregatedV2Beta1, 200, recording.MediaAggregatedV2Beta1, `"kind":"APIGroupDiscoveryList"`},
		{"/api/v1", "", 200, recording.MediaJSON, `"groupVersion":"v1"`},
		{"/apis/apps/v1", "application/json", 200, recording.MediaJSON, `"groupVersion":"apps/v1"`},
		{"/version", "", 200, recording.MediaJSON, `"gitVersion": "v1.29.6"`},
		{"/apis/nothing.example.com/v1", "", 404, recording.MediaJSON, `"reason":"NotFound"`},
		{"/healthz", "", 404, recording.MediaJSON, `"code":404`},
		{"/apis", "application/yaml", 406, recording.MediaJSON, `"reason":"NotAcceptable"`},
	}
	for _, c := range cases {
		req, _ := http.NewRequest(http.MethodGet, srv.URL+c.path, nil)
		if c.accept != "" {
			req.Header.Set("Accept", c.accept)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		var body bytes.Buffer
		_, _ = body.ReadFrom(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != c.status || resp.Header.Get("Content-Type") != c.contentType || !strings.Contains(body.String(), c.bodyHas) {
			t.Errorf("GET %s Accept %q: %d %s %.80q; want %d %s containing %s", c.path, c.accept, resp.StatusCode, resp.Header.Get("Content-Type"), body.String(), c.status, c.contentType, c.bodyHas)
		}
	}
}

// TestTransportAnswersLikeHandler shows the in-process transport gives the
// answers the handler gives over a socket.
func TestTransportAnswersLikeHandler(t *testing.T) {
	rec := loadFixture(t, "v1.29.6")
	srv := httptest.NewServer(NewHandler(rec))
	defer srv.Close()
	inProcess := &http.Client{Transport: NewTransport(rec)}
	for _, p := range []string{"/apis", "/api/v1", "/apis/apps/v1", "/healthz"} {
		var bodies [2]string
		var codes [2]int
		for i, c := range []struct {
			client *http.Client
			base   string
		}{{http.DefaultClient, srv.URL}, {inProcess, "http://recording.invalid"}} {
			resp, err := c.client.Get(c.base + p)
			if err != nil {
				t.Fatal(err)
			}
			var b bytes.Buffer
			_, _ = b.ReadFrom(resp.Body)
			resp.Body.Close()
			bodies[i], codes[i] = b.String(), resp.StatusCode
		}
		if codes[0] != codes[1] || bodies[0] != bodies[1] {
			t.Errorf("GET %s: socket %d %.60q, transport %d %.60q", p, codes[0], bodies[0], codes[1], bodies[1])
		}
	}
}
