package replay

import (
	"net/http"
	"net/http/httptest"

	"github.com/kube-apidocs/kube-apidocs/generator/recording"
)

// Transport is an http.RoundTripper that answers every request from an
// in-process http.Handler, so that client-go's discovery client parses a
// recording exactly as it parses a live server, without a socket.
type Transport struct {
	// Handler answers the requests.
	Handler http.Handler
}

// NewTransport returns a Transport that replays rec through NewHandler,
// the handler `serve` listens with.
func NewTransport(rec *recording.Recording) *Transport {
	return &Transport{Handler: NewHandler(rec)}
}

// RoundTrip implements http.RoundTripper.
func (t *Transport) RoundTrip(req *http.Request) (*http.Response, error) {
	rec := httptest.NewRecorder()
	t.Handler.ServeHTTP(rec, req)
	resp := rec.Result()
	resp.Request = req
	return resp, nil
}
