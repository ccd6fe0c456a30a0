package replay

import (
	"mime"
	"net/http"
	"strings"
	"time"

	"github.com/kube-apidocs/kube-apidocs/generator/recording"
)

// notFoundStatus is the body kube-apiserver sends for a path it does not serve.
const notFoundStatus = `{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"the server could not find the requested resource","reason":"NotFound","details":{},"code":404}` + "\n"

// notAcceptableStatus is the body kube-apiserver sends when no media type of
// the Accept header can be served.
const notAcceptableStatus = `{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"only the following media types are accepted: application/json, application/yaml, application/vnd.kubernetes.protobuf","reason":"NotAcceptable","code":406}` + "\n"

// methodNotAllowedStatus is the body kube-apiserver sends for a write to a
// discovery path.
const methodNotAllowedStatus = `{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"the server does not allow this method on the requested resource","reason":"MethodNotAllowed","code":405}` + "\n"

// Handler serves a recording the way the recorded kube-apiserver answered:
// aggregated discovery when the Accept header asks for a format the recording
// has, the recorded 406 when the server refused that format, the legacy
// documents for plain JSON, and a Kubernetes Status 404 for anything else.
type Handler struct {
	rec *recording.Recording
	// start is when the handler was made: the Last-Modified of the OpenAPI
	// documents, as kube-apiserver sends the time it built them.
	start time.Time
}

// NewHandler returns an http.Handler that replays rec.
func NewHandler(rec *recording.Recording) *Handler {
	return &Handler{rec: rec, start: time.Now().Truncate(time.Second)}
}

// ServeHTTP implements http.Handler.
func (h *Handler) ServeHTTP(w http.ResponseWriter, req *http.Request) {
	if req.Method != http.MethodGet && req.Method != http.MethodHead {
		writeStatus(w, http.StatusMethodNotAllowed, methodNotAllowedStatus)
		return
	}
	if len(h.rec.OpenAPI) > 0 && strings.HasPrefix(req.URL.Path, "/openapi/") {
		h.serveOpenAPI(w, req)
		return
	}
	resp, contentType := Answer(h.rec, req.URL.Path, req.Header.Get("Accept"))
	writeResponse(w, resp, contentType)
}

// Answer is what the handler sends for a GET of the discovery path p with
// the Accept header accept, and its Content-Type: a recorded response, or
// one the handler makes (File empty), a Kubernetes Status 404 or 406. For
// /api and /apis it picks the first media type of accept that the
// recording can answer, as kube-apiserver does.
func Answer(rec *recording.Recording, p, accept string) (recording.Response, string) {
	p = strings.TrimSuffix(p, "/")
	if p != "/api" && p != "/apis" {
		resp, ok := rec.Responses[recording.Route{Path: p}]
		if !ok {
			return notFound, recording.MediaJSON
		}
		return resp, recording.MediaJSON
	}
	if !serves(rec, p) {
		// An aggregated API server serves no /api at all: 404 whatever
		// the client accepts, as kube-apiserver answers an unknown path.
		return notFound, recording.MediaJSON
	}
	var refused *recording.Response
	for _, mt := range parseAccept(accept) {
		if mt.aggregated != "" {
			resp, ok := rec.Responses[recording.Route{Path: p, Aggregated: mt.aggregated}]
			switch {
			case ok && resp.Status == 200:
				return resp, recording.AggregatedMediaType(mt.aggregated)
			case ok && refused == nil:
				refused = &resp
			}
			continue
		}
		if mt.plainJSON {
			resp, ok := rec.Responses[recording.Route{Path: p}]
			if !ok {
				return notFound, recording.MediaJSON
			}
			return resp, recording.MediaJSON
		}
	}
	if refused != nil {
		return *refused, recording.MediaJSON
	}
	return notAcceptable, recording.MediaJSON
}

// The answers the handler makes itself.
var (
	notFound      = recording.Response{Status: http.StatusNotFound, Body: []byte(notFoundStatus)}
	notAcceptable = recording.Response{Status: http.StatusNotAcceptable, Body: []byte(notAcceptableStatus)}
)

// serves reports whether the recording holds any answer for p, in any
// format.
func serves(rec *recording.Recording, p string) bool {
	for _, aggregated := range []string{"", "v2", "v2beta1"} {
		if _, ok := rec.Responses[recording.Route{Path: p, Aggregated: aggregated}]; ok {
			return true
		}
	}
	return false
}

type mediaType struct {
	aggregated string // "v2" or "v2beta1" for aggregated discovery
	plainJSON  bool   // application/json, */* or an empty Accept
}

// parseAccept splits an Accept header into the media types this server
// knows, in the client's order. An empty header accepts plain JSON.
func parseAccept(accept string) []mediaType {
	if strings.TrimSpace(accept) == "" {
		return []mediaType{{plainJSON: true}}
	}
	var out []mediaType
	for _, part := range strings.Split(accept, ",") {
		typ, params, err := mime.ParseMediaType(strings.TrimSpace(part))
		if err != nil {
			continue
		}
		switch {
		case typ == "application/json" && params["g"] == "apidiscovery.k8s.io" && params["as"] == "APIGroupDiscoveryList":
			out = append(out, mediaType{aggregated: params["v"]})
		case (typ == "application/json" && params["g"] == "" && params["as"] == "") || typ == "*/*" || typ == "application/*":
			out = append(out, mediaType{plainJSON: true})
		}
	}
	return out
}

func writeResponse(w http.ResponseWriter, resp recording.Response, contentType string) {
	w.Header().Set("Content-Type", contentType)
	w.Header().Set("Cache-Control", "no-cache, private")
	w.WriteHeader(resp.Status)
	_, _ = w.Write(resp.Body)
}

func writeStatus(w http.ResponseWriter, code int, body string) {
	w.Header().Set("Content-Type", recording.MediaJSON)
	w.Header().Set("Cache-Control", "no-cache, private")
	w.WriteHeader(code)
	_, _ = w.Write([]byte(body))
}
