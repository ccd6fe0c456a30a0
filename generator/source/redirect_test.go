package source

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"errors"
	"math/big"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"k8s.io/client-go/rest"
)

// recordingServer starts a test server that records every request and
// then lets h answer it; tlsConfig, when set, makes it an https server.
func recordingServer(t *testing.T, tlsConfig *tls.Config, h http.Handler) (*httptest.Server, *received) {
	t.Helper()
	s := &received{}
	ts := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.record(r)
		h.ServeHTTP(w, r)
	}))
	if tlsConfig != nil {
		ts.TLS = tlsConfig
		ts.StartTLS()
	} else {
		ts.Start()
	}
	t.Cleanup(ts.Close)
	return ts, s
}

// redirectAPI answers /api with a 302 to target and everything else from
// tinyCluster.
func redirectAPI(target string) http.Handler {
	cluster := tinyCluster()
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/api" {
			http.Redirect(w, r, target, http.StatusFound)
			return
		}
		cluster.ServeHTTP(w, r)
	})
}

// TestRedirectToAnotherOriginIsRefused: an https API server with a token
// redirects /api to a plain-http server on another host name and port.
// Neither discovery nor recording may send the request there, so the
// token never reaches it, and the error names both URLs.
func TestRedirectToAnotherOriginIsRefused(t *testing.T) {
	for _, reader := range liveReaders {
		t.Run(reader.name, func(t *testing.T) {
			target, got := recordingServer(t, nil, tinyCluster())
			elsewhere := "http://localhost:" + target.URL[strings.LastIndex(target.URL, ":")+1:] + "/api"
			origin, _ := recordingServer(t, &tls.Config{}, redirectAPI(elsewhere))
			cfg := &rest.Config{Host: origin.URL, BearerToken: testToken, TLSClientConfig: rest.TLSClientConfig{CAData: certPEM(origin)}}

			err := reader.read(bounded(cfg), 0)

			requests, auth, _ := got.snapshot()
			for i, a := range auth {
				if a != "" {
					t.Errorf("the redirect target received %s with Authorization %q", requests[i], a)
				}
			}
			if len(requests) > 0 {
				t.Errorf("the redirect target received %v, want no request", requests)
			}
			var re *RedirectError
			if !errors.As(err, &re) {
				t.Fatalf("error = %v (%T), want a *RedirectError", err, err)
			}
			want := "refusing to follow the redirect from " + origin.URL + "/api to " + elsewhere +
				": it leads to another scheme, host or port, which would be sent the credentials"
			if err.Error() != want {
				t.Errorf("message:\n got %s\nwant %s", err, want)
			}
		})
	}
}

// TestRedirectDoesNotPresentClientCertificate: a client certificate is
// presented to any TLS server that asks for one, so a redirect to another
// port of the same host must not be followed either.
func TestRedirectDoesNotPresentClientCertificate(t *testing.T) {
	certPEMData, keyPEM := clientCertificate(t)
	for _, reader := range liveReaders {
		t.Run(reader.name, func(t *testing.T) {
			askForCert := func() *tls.Config { return &tls.Config{ClientAuth: tls.RequestClientCert} }
			target, got := recordingServer(t, askForCert(), tinyCluster())
			origin, atOrigin := recordingServer(t, askForCert(), redirectAPI(target.URL+"/api"))
			cfg := &rest.Config{Host: origin.URL, TLSClientConfig: rest.TLSClientConfig{
				CAData: certPEM(origin), CertData: certPEMData, KeyData: keyPEM,
			}}

			err := reader.read(bounded(cfg), 0)

			if _, _, certs := atOrigin.snapshot(); certs == 0 {
				t.Fatal("the client presented no certificate to the API server; the test proves nothing")
			}
			if requests, _, certs := got.snapshot(); certs > 0 || len(requests) > 0 {
				t.Errorf("the redirect target received %v, %d of them with the client certificate; want no request", requests, certs)
			}
			var re *RedirectError
			if !errors.As(err, &re) || re.From != origin.URL+"/api" || re.To != target.URL+"/api" {
				t.Errorf("error = %v, want a *RedirectError from %s/api to %s/api", err, origin.URL, target.URL)
			}
		})
	}
}

// TestSameOriginRedirectIsFollowed: kube-apiserver redirects within its
// own origin, and those redirects work as before, with the credentials.
func TestSameOriginRedirectIsFollowed(t *testing.T) {
	for _, reader := range liveReaders {
		t.Run(reader.name, func(t *testing.T) {
			cluster := tinyCluster()
			origin, got := recordingServer(t, &tls.Config{}, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				switch r.URL.Path {
				case "/api":
					http.Redirect(w, r, "/moved/api", http.StatusMovedPermanently)
				case "/moved/api":
					r.URL.Path = "/api"
					cluster.ServeHTTP(w, r)
				default:
					cluster.ServeHTTP(w, r)
				}
			}))
			cfg := &rest.Config{Host: origin.URL, BearerToken: testToken, TLSClientConfig: rest.TLSClientConfig{CAData: certPEM(origin)}}

			if err := reader.read(bounded(cfg), 0); err != nil {
				t.Fatal(err)
			}
			requests, auth, _ := got.snapshot()
			for i, r := range requests {
				if r == "GET /moved/api" && auth[i] == "Bearer "+testToken {
					return
				}
			}
			t.Errorf("the same-origin redirect was not followed with the token: requests %v", requests)
		})
	}
}

func TestSameOrigin(t *testing.T) {
	tests := []struct {
		a, b string
		want bool
	}{
		{"https://api.example:443/api", "https://API.example/apis", true},
		{"http://127.0.0.1/api", "http://127.0.0.1:80/x", true},
		{"https://127.0.0.1:6443/api", "http://127.0.0.1:6443/api", false},
		{"https://127.0.0.1:6443/api", "https://127.0.0.1:6444/api", false},
		{"https://127.0.0.1:6443/api", "https://localhost:6443/api", false},
		{"https://[::1]:6443/api", "https://[::1]:6443/openapi/v3", true},
	}
	for _, tt := range tests {
		a, _ := url.Parse(tt.a)
		b, _ := url.Parse(tt.b)
		if got := sameOrigin(a, b); got != tt.want {
			t.Errorf("sameOrigin(%s, %s) = %v, want %v", tt.a, tt.b, got, tt.want)
		}
	}
}

// clientCertificate returns a self-signed client certificate and its key,
// PEM-encoded.
func clientCertificate(t *testing.T) (certPEM, keyPEM []byte) {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "kube-apidocs-test"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour),
		ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageClientAuth}, KeyUsage: x509.KeyUsageDigitalSignature,
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	keyDER, err := x509.MarshalECPrivateKey(key)
	if err != nil {
		t.Fatal(err)
	}
	return pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}), pem.EncodeToMemory(&pem.Block{Type: "EC PRIVATE KEY", Bytes: keyDER})
}
