package source

import (
	"context"
	"net/http"
	"strings"
	"sync"
	"time"

	"k8s.io/client-go/rest"
)

// tinyCluster serves the smallest legacy discovery there is: the core
// group with one resource and no named groups. Every Accept gets the
// legacy JSON, as from a server without aggregated discovery.
func tinyCluster() http.Handler {
	docs := map[string]string{
		"/version": `{"major":"1","minor":"33","gitVersion":"v1.33.13"}`,
		"/api":     `{"kind":"APIVersions","versions":["v1"],"serverAddressByClientCIDRs":null}`,
		"/api/v1":  `{"kind":"APIResourceList","groupVersion":"v1","resources":[{"name":"pods","singularName":"pod","namespaced":true,"kind":"Pod","verbs":["get","list"]}]}`,
		"/apis":    `{"kind":"APIGroupList","apiVersion":"v1","groups":[]}`,
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, ok := docs[strings.TrimSuffix(r.URL.Path, "/")]
		if !ok {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(body))
	})
}

// received records the requests a test server received.
type received struct {
	mu       sync.Mutex
	requests []string // "GET /api Authorization=..."
	auth     []string // the Authorization headers, "" when absent
	certs    int      // requests that came with a client certificate
}

func (s *received) record(r *http.Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.requests = append(s.requests, r.Method+" "+r.URL.Path)
	s.auth = append(s.auth, r.Header.Get("Authorization"))
	if r.TLS != nil && len(r.TLS.PeerCertificates) > 0 {
		s.certs++
	}
}

func (s *received) snapshot() (requests, auth []string, certs int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.requests...), append([]string(nil), s.auth...), s.certs
}

// liveReaders are the two ways kube-apidocs reads a live server: discovery
// (api-resources, generate) and recording (record).
var liveReaders = []struct {
	name  string
	first string // the path of the first request
	read  func(cfg *rest.Config, limit int64) error
}{
	{"Discover", "/api", func(cfg *rest.Config, limit int64) error {
		_, err := Discover(getter(cfg), DiscoverOptions{MaxBodySize: limit})
		return err
	}},
	{"Discover legacy", "/api", func(cfg *rest.Config, limit int64) error {
		_, err := Discover(getter(cfg), DiscoverOptions{Legacy: true, MaxBodySize: limit, Progress: func(int, int) {}})
		return err
	}},
	{"Fetch", "/version", func(cfg *rest.Config, limit int64) error {
		_, err := Fetch(context.Background(), getter(cfg), RecordOptions{MaxBodySize: limit})
		return err
	}},
}

// bounded gives cfg a timeout, so that a test of a fix that is missing
// fails instead of hanging.
func bounded(cfg *rest.Config) *rest.Config {
	cfg.Timeout = 5 * time.Second
	return cfg
}
