package source

import (
	"fmt"
	"io"
	"net/http"

	"github.com/kube-apidocs/kube-apidocs/generator/recording"
	"github.com/kube-apidocs/kube-apidocs/generator/textsafe"
)

// TooLargeError is an answer from a live server that is larger than the
// limit on one document (DiscoverOptions.MaxBodySize,
// RecordOptions.MaxBodySize): the same limit a recording's files have.
type TooLargeError struct {
	// URL is the request's URL, without user information or query.
	URL string
	// Limit is the largest answer accepted, in bytes.
	Limit int64
}

// Error names the request and the limit.
func (e *TooLargeError) Error() string {
	return fmt.Sprintf("GET %s: the answer is larger than the limit of %d bytes", textsafe.Clean(e.URL), e.Limit)
}

// limitBodies returns a transport wrapper under which no answer is read
// past limit bytes: an answer that announces a larger Content-Length is
// refused before its body is read, and reading more than limit bytes of
// any other fails with a *TooLargeError. A limit of 0 or less means
// recording.DefaultMaxFileSize.
func limitBodies(limit int64) func(http.RoundTripper) http.RoundTripper {
	if limit <= 0 {
		limit = recording.DefaultMaxFileSize
	}
	return func(rt http.RoundTripper) http.RoundTripper {
		return wrapTransport(rt, func(rt http.RoundTripper, req *http.Request) (*http.Response, error) {
			resp, err := rt.RoundTrip(req)
			if err != nil || resp.Body == nil {
				return resp, err
			}
			tooLarge := &TooLargeError{URL: plainURL(req.URL), Limit: limit}
			if resp.ContentLength > limit {
				resp.Body.Close()
				return nil, tooLarge
			}
			resp.Body = &limitedBody{body: resp.Body, limit: limit, tooLarge: tooLarge}
			return resp, nil
		})
	}
}

// limitedBody fails with tooLarge once more than limit bytes were read.
type limitedBody struct {
	body     io.ReadCloser
	limit    int64
	read     int64
	tooLarge *TooLargeError
}

// Read reads at most one byte past the limit, to learn that there is more.
func (b *limitedBody) Read(p []byte) (int, error) {
	if b.read > b.limit {
		return 0, b.tooLarge
	}
	if room := b.limit + 1 - b.read; int64(len(p)) > room {
		p = p[:room]
	}
	n, err := b.body.Read(p)
	b.read += int64(n)
	if b.read > b.limit {
		return n, b.tooLarge
	}
	return n, err
}

// Close closes the underlying body.
func (b *limitedBody) Close() error { return b.body.Close() }
