package source

import (
	"encoding/json"
	"encoding/pem"
	"errors"
	"io"
	"log"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"k8s.io/client-go/rest"
)

// statusHandler answers every request with a Kubernetes Status, as
// kube-apiserver does for authentication and authorization failures.
func statusHandler(code int, reason, message string) http.Handler {
	body, _ := json.Marshal(map[string]any{
		"kind": "Status", "apiVersion": "v1", "metadata": map[string]any{}, "status": "Failure",
		"message": message, "reason": reason, "details": map[string]any{}, "code": code,
	})
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(code)
		_, _ = w.Write(body)
	})
}

// closedAddress returns a loopback address nothing listens on.
func closedAddress(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	return addr
}

// quietTLSServer is a TLS test server that does not log the handshake
// failures the tests provoke.
func quietTLSServer(t *testing.T) *httptest.Server {
	s := httptest.NewUnstartedServer(http.NotFoundHandler())
	s.Config.ErrorLog = log.New(io.Discard, "", 0)
	s.StartTLS()
	t.Cleanup(s.Close)
	return s
}

func certPEM(s *httptest.Server) []byte {
	return pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: s.Certificate().Raw})
}

func TestDiscoverErrors(t *testing.T) {
	release := make(chan struct{})
	t.Cleanup(func() { close(release) })
	tests := []struct {
		name    string
		setup   func(t *testing.T) *rest.Config
		problem Problem
		want    string // the message, with SERVER for the server's URL
	}{{
		name: "connection refused",
		setup: func(t *testing.T) *rest.Config {
			return &rest.Config{Host: "http://" + closedAddress(t)}
		},
		problem: ProblemConnectionRefused,
		want:    "SERVER: connection refused: is the API server running, and does the kubeconfig point at it?",
	}, {
		name: "certificate signed by an unknown authority",
		setup: func(t *testing.T) *rest.Config {
			s := quietTLSServer(t)
			return &rest.Config{Host: s.URL}
		},
		problem: ProblemCertificateNotTrusted,
		want:    "SERVER: TLS certificate not trusted (x509: certificate signed by unknown authority): trust the server's certificate authority or fix certificate-authority-data in the kubeconfig",
	}, {
		name: "certificate for another host",
		setup: func(t *testing.T) *rest.Config {
			s := quietTLSServer(t)
			return &rest.Config{Host: s.URL, TLSClientConfig: rest.TLSClientConfig{CAData: certPEM(s), ServerName: "kubernetes.invalid"}}
		},
		problem: ProblemCertificateNotTrusted,
		want:    "SERVER: TLS certificate not trusted (x509: certificate is valid for example.com, *.example.com, not kubernetes.invalid): trust the server's certificate authority or fix certificate-authority-data in the kubeconfig",
	}, {
		name: "401: token rejected",
		setup: func(t *testing.T) *rest.Config {
			s := httptest.NewServer(statusHandler(401, "Unauthorized", "Unauthorized"))
			t.Cleanup(s.Close)
			return &rest.Config{Host: s.URL, BearerToken: "wrong"}
		},
		problem: ProblemUnauthorized,
		want:    "SERVER: authentication failed (401 Unauthorized): the credentials are missing or were rejected; check the token or client certificate of the kubeconfig user",
	}, {
		name: "403: anonymous user forbidden by RBAC",
		setup: func(t *testing.T) *rest.Config {
			s := httptest.NewServer(statusHandler(403, "Forbidden", `forbidden: User "system:anonymous" cannot get path "/api"`))
			t.Cleanup(s.Close)
			return &rest.Config{Host: s.URL}
		},
		problem: ProblemForbidden,
		want:    `SERVER: forbidden (403): user "system:anonymous" may not get path "/api"; the credentials were accepted (or the request was anonymous) but RBAC does not allow reading discovery`,
	}, {
		name: "403 without the RBAC wording",
		setup: func(t *testing.T) *rest.Config {
			s := httptest.NewServer(statusHandler(403, "Forbidden", "blocked by policy"))
			t.Cleanup(s.Close)
			return &rest.Config{Host: s.URL}
		},
		problem: ProblemForbidden,
		want:    `SERVER: forbidden (403): blocked by policy; the credentials were accepted (or the request was anonymous) but RBAC does not allow reading discovery`,
	}, {
		name: "timeout",
		setup: func(t *testing.T) *rest.Config {
			s := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				select {
				case <-r.Context().Done():
				case <-release:
				}
			}))
			t.Cleanup(s.Close)
			return &rest.Config{Host: s.URL, Timeout: 50 * time.Millisecond}
		},
		problem: ProblemTimeout,
		want:    "SERVER: timed out waiting for the server: raise the request timeout or check the network",
	}, {
		name: "server error",
		setup: func(t *testing.T) *rest.Config {
			s := httptest.NewServer(statusHandler(500, "InternalError", "etcd is down"))
			t.Cleanup(s.Close)
			return &rest.Config{Host: s.URL}
		},
		problem: ProblemOther,
		want:    "SERVER: etcd is down",
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg := tt.setup(t)
			_, err := Discover(getter(cfg), DiscoverOptions{})
			var se *ServerError
			if !errors.As(err, &se) {
				t.Fatalf("Discover error = %v (%T), want a *ServerError", err, err)
			}
			if se.Problem != tt.problem {
				t.Errorf("Problem = %d, want %d (error: %v)", se.Problem, tt.problem, err)
			}
			want := strings.ReplaceAll(tt.want, "SERVER", ServerURL(cfg))
			if got := err.Error(); got != want {
				t.Errorf("message:\n got %s\nwant %s", got, want)
			}
			if strings.Contains(err.Error(), "\n") {
				t.Errorf("message spans several lines: %q", err.Error())
			}
		})
	}
}

func TestServerErrorHidesURLCredentials(t *testing.T) {
	err := ClassifyError("https://admin:secret@example.invalid:6443/prefix?token=x", errors.New("boom"))
	if got, want := err.Error(), "https://example.invalid:6443: boom"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestClassifyErrorKeepsServerError(t *testing.T) {
	inner := &ServerError{Server: "https://a", Problem: ProblemTimeout, Err: errors.New("x")}
	if got := ClassifyError("https://b", inner); got != error(inner) {
		t.Errorf("ClassifyError rewrapped a *ServerError: %v", got)
	}
	if ClassifyError("https://b", nil) != nil {
		t.Error("ClassifyError(nil) is not nil")
	}
}
