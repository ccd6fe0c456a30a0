package source

import (
	"net/http"
	"net/http/httptest"
)

// handlerTransport is an http.RoundTripper that answers every request from
// an in-process http.Handler, so that client-go's discovery client parses a
// recording exactly as it parses a live server, without a socket.
type handlerTransport struct {
	handler http.Handler
}

// RoundTrip implements http.RoundTripper.
func (t handlerTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	rec := httptest.NewRecorder()
	t.handler.ServeHTTP(rec, req)
	resp := rec.Result()
	resp.Request = req
	return resp, nil
}
