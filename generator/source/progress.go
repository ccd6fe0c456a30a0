package source

import (
	"bytes"
	"encoding/json"
	"io"
	"mime"
	"net/http"
	"strings"
	"sync"
)

// progressCounter reports legacy discovery's progress: the total number of
// group-versions comes from the /api and /apis documents, and every answered
// request for one group-version's resources counts as one done.
type progressCounter struct {
	report func(done, total int)

	mu         sync.Mutex
	core, apis int // group-versions listed by /api and by /apis
	done       int
}

func (c *progressCounter) wrap(rt http.RoundTripper) http.RoundTripper {
	return wrapTransport(rt, func(rt http.RoundTripper, req *http.Request) (*http.Response, error) {
		resp, err := rt.RoundTrip(req)
		if err != nil {
			return resp, err
		}
		switch p := strings.TrimSuffix(req.URL.Path, "/"); {
		case (p == "/api" || p == "/apis") && resp.StatusCode == http.StatusOK && isPlainJSON(resp):
			if err := c.count(p, resp); err != nil {
				return nil, err // a RoundTripper returns an answer or an error, not both
			}
		case isGroupVersionPath(p):
			c.step()
		}
		return resp, nil
	})
}

// count reads a legacy /api or /apis answer to learn how many
// group-versions will be fetched, and hands the body on unchanged.
func (c *progressCounter) count(path string, resp *http.Response) error {
	body, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	resp.Body = io.NopCloser(bytes.NewReader(body))
	if err != nil {
		return err
	}
	var doc struct {
		Versions []string `json:"versions"`
		Groups   []struct {
			Versions []json.RawMessage `json:"versions"`
		} `json:"groups"`
	}
	if json.Unmarshal(body, &doc) != nil {
		return nil // client-go reports the broken document
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if path == "/api" {
		c.core, c.done = len(doc.Versions), 0
		return nil
	}
	c.apis, c.done = 0, 0
	for _, g := range doc.Groups {
		c.apis += len(g.Versions)
	}
	return nil
}

// step counts one answered group-version. It reports under the lock, so
// reports arrive in order and the last one is done == total.
func (c *progressCounter) step() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.done++
	if total := c.core + c.apis; total > 0 && c.done <= total {
		c.report(c.done, total)
	}
}

// isGroupVersionPath reports whether p asks for one group-version's
// resources: /api/<version> or /apis/<group>/<version>.
func isGroupVersionPath(p string) bool {
	parts := strings.Split(strings.TrimPrefix(p, "/"), "/")
	return (len(parts) == 2 && parts[0] == "api") || (len(parts) == 3 && parts[0] == "apis")
}

func isPlainJSON(resp *http.Response) bool {
	mt, params, err := mime.ParseMediaType(resp.Header.Get("Content-Type"))
	return err == nil && mt == "application/json" && params["g"] == ""
}
