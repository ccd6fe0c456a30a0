package source

import (
	"bytes"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"testing"

	"k8s.io/client-go/rest"
)

const testLimit = 1 << 20

// endless answers every request with a body that never ends.
func endless(t *testing.T) *httptest.Server {
	chunk := bytes.Repeat([]byte(`{"kind":"APIGroupList","groups":[`), 1000)
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		for r.Context().Err() == nil {
			if _, err := w.Write(chunk); err != nil {
				return
			}
		}
	}))
	t.Cleanup(ts.Close)
	return ts
}

// TestLiveBodyLimit: a server that streams an endless answer makes
// discovery and recording fail with a *TooLargeError at the limit.
func TestLiveBodyLimit(t *testing.T) {
	ts := endless(t)
	for _, reader := range liveReaders {
		t.Run(reader.name, func(t *testing.T) {
			err := reader.read(bounded(&rest.Config{Host: ts.URL}), testLimit)
			var tooLarge *TooLargeError
			if !errors.As(err, &tooLarge) || tooLarge.Limit != testLimit {
				t.Fatalf("error = %v (%T), want a *TooLargeError with the limit %d", err, err, testLimit)
			}
			want := "GET " + ts.URL + reader.first + ": the answer is larger than the limit of 1048576 bytes"
			if err.Error() != want {
				t.Errorf("message:\n got %s\nwant %s", err, want)
			}
		})
	}
}

// TestLiveBodyLimitContentLength: an answer that announces more than the
// limit is refused before its body is read; this server never sends the
// body it announced.
func TestLiveBodyLimitContentLength(t *testing.T) {
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Length", strconv.Itoa(2*testLimit))
		w.WriteHeader(http.StatusOK)
		_, _ = w.Write([]byte("{"))
		w.(http.Flusher).Flush()
		<-r.Context().Done()
	}))
	t.Cleanup(ts.Close)
	for _, reader := range liveReaders {
		t.Run(reader.name, func(t *testing.T) {
			err := reader.read(bounded(&rest.Config{Host: ts.URL}), testLimit)
			var tooLarge *TooLargeError
			if !errors.As(err, &tooLarge) || tooLarge.URL != ts.URL+reader.first {
				t.Fatalf("error = %v (%T), want a *TooLargeError for %s", err, err, reader.first)
			}
		})
	}
}

// countingReader is an endless reader that counts the bytes it gave.
type countingReader struct{ n int64 }

func (c *countingReader) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = 'x'
	}
	c.n += int64(len(p))
	return len(p), nil
}

// TestLimitedBodyReadsOneBytePastTheLimit pins the memory bound: reading an
// endless body whole takes limit+1 bytes from it, and a body of exactly
// the limit is accepted.
func TestLimitedBodyReadsOneBytePastTheLimit(t *testing.T) {
	src := &countingReader{}
	tooLarge := &TooLargeError{URL: "http://x/apis", Limit: testLimit}
	got, err := io.ReadAll(&limitedBody{body: io.NopCloser(src), limit: testLimit, tooLarge: tooLarge})
	if err != tooLarge {
		t.Errorf("error = %v, want the *TooLargeError", err)
	}
	if src.n != testLimit+1 || int64(len(got)) != testLimit+1 {
		t.Errorf("read %d bytes from the body and returned %d; want %d", src.n, len(got), testLimit+1)
	}
	exact := bytes.Repeat([]byte("x"), testLimit)
	got, err = io.ReadAll(&limitedBody{body: io.NopCloser(bytes.NewReader(exact)), limit: testLimit, tooLarge: tooLarge})
	if err != nil || len(got) != testLimit {
		t.Errorf("a body of exactly the limit: %d bytes, error %v", len(got), err)
	}
}
