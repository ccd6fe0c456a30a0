package source

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync"

	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

// maxStatusBody bounds how much of an error answer is read to find its
// Status message.
const maxStatusBody = 64 << 10

// statusCapture keeps the Kubernetes Status of the last failed answer.
// client-go's discovery client reads /api and /apis with Raw(), which drops
// the Status message ("User \"x\" cannot get path \"/apis\"") and keeps only
// the HTTP code; the message is what tells a user what RBAC denied.
type statusCapture struct {
	mu     sync.Mutex
	status *metav1.Status
	failed failedRequest // the last answer of 400 or more
}

func (c *statusCapture) wrap(rt http.RoundTripper) http.RoundTripper {
	return wrapTransport(rt, func(rt http.RoundTripper, req *http.Request) (*http.Response, error) {
		resp, err := rt.RoundTrip(req)
		if err != nil || resp.StatusCode < 400 || resp.Body == nil {
			return resp, err
		}
		c.mu.Lock()
		c.failed = failedRequest{method: req.Method, path: req.URL.Path, code: resp.StatusCode}
		c.mu.Unlock()
		body, rerr := io.ReadAll(io.LimitReader(resp.Body, maxStatusBody))
		resp.Body.Close()
		resp.Body = io.NopCloser(bytes.NewReader(body))
		if rerr != nil {
			return resp, nil // client-go sees the short body and reports it
		}
		var status metav1.Status
		if json.Unmarshal(body, &status) == nil && status.Kind == "Status" && int(status.Code) == resp.StatusCode {
			c.mu.Lock()
			c.status = &status
			c.mu.Unlock()
		}
		return resp, nil
	})
}

// explain returns err with the captured Status message when err is the
// message-less error client-go made from the same HTTP code, and gives a
// Status that has no message at all one that names the request and code.
func (c *statusCapture) explain(err error) error {
	c.mu.Lock()
	status, failed := c.status, c.failed
	c.mu.Unlock()
	var se *apierrors.StatusError
	if !errors.As(err, &se) {
		return err
	}
	explained := se
	if status != nil && se.ErrStatus.Code == status.Code {
		explained = &apierrors.StatusError{ErrStatus: *status}
	}
	if explained = failed.explainEmpty(explained); explained == se {
		return err // nothing to add: keep err's context
	}
	return explained
}

// failedRequest is the request of an answer with an HTTP error code.
type failedRequest struct {
	method, path string
	code         int
}

// explainEmpty gives a Status without a message, which a server may send
// (or client-go may make of an empty answer), a message naming the
// request and its HTTP code, so that an error line never ends in nothing.
func (f failedRequest) explainEmpty(se *apierrors.StatusError) *apierrors.StatusError {
	if strings.TrimSpace(se.ErrStatus.Message) != "" || f.code == 0 || se.ErrStatus.Code != int32(f.code) {
		return se
	}
	status := se.ErrStatus
	status.Message = fmt.Sprintf("%s %s: HTTP %d %s, with no message", f.method, f.path, f.code, http.StatusText(f.code))
	return &apierrors.StatusError{ErrStatus: status}
}
