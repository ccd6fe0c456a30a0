package replay

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	openapi_v2 "github.com/google/gnostic-models/openapiv2"
	openapi_v3 "github.com/google/gnostic-models/openapiv3"
	"github.com/munnerz/goautoneg"
	"google.golang.org/protobuf/proto"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/kube-apidocs/kube-apidocs/generator/recording"
)

// This file answers the OpenAPI paths the way kube-apiserver v1.33 does
// (kube-aggregator's openapiv3 proxier in front of kube-openapi's handler3
// for /openapi/v3, kube-openapi's handler for /openapi/v2):
//   - /openapi/v3: the index, with http.ServeContent (so no ETag and a
//     sniffed Content-Type, as the aggregator sends it);
//   - /openapi/v3/<path>: JSON or protobuf by Accept ("Vary: Accept"), a
//     quoted ETag of the document's SHA-512, 304 on If-None-Match; with
//     ?hash= the current hash gets "Cache-Control: public, immutable" and
//     a one-year Expires, a stale one a 301 to the current URL; an unknown
//     path an empty 404, an Accept it cannot serve an empty 406;
//   - /openapi/v2: JSON or protobuf by Accept, with the ETag of the JSON.

// Media types of the OpenAPI documents (kube-openapi's handler and handler3).
const (
	mediaOpenAPIV3Protobuf           = "com.github.proto-openapi.spec.v3.v1.0+protobuf"
	mediaOpenAPIV3ProtobufDeprecated = "com.github.proto-openapi.spec.v3@v1.0+protobuf"
	mediaOpenAPIV2Protobuf           = "com.github.proto-openapi.spec.v2.v1.0+protobuf"
	mediaOpenAPIV2ProtobufDeprecated = "com.github.proto-openapi.spec.v2@v1.0+protobuf"
)

// format is one representation of an OpenAPI document a client may ask for.
type format struct {
	subType     string // the Accept sub-type of application/…
	contentType string // what the answer is labelled with
	protobuf    bool
}

var (
	v3Formats = []format{
		{"json", "application/json", false},
		{mediaOpenAPIV3Protobuf, "application/" + mediaOpenAPIV3Protobuf, true},
		{mediaOpenAPIV3ProtobufDeprecated, "application/" + mediaOpenAPIV3Protobuf, true},
	}
	v2Formats = []format{
		{"json", "application/json", false},
		{mediaOpenAPIV2ProtobufDeprecated, "application/" + mediaOpenAPIV2Protobuf, true},
		{mediaOpenAPIV2Protobuf, "application/" + mediaOpenAPIV2Protobuf, true},
	}
)

// serveOpenAPI answers a path under /openapi/.
func (h *Handler) serveOpenAPI(w http.ResponseWriter, req *http.Request) {
	p := req.URL.Path
	switch {
	case p == "/openapi/v3":
		h.serveOpenAPIV3Index(w, req)
	case p == "/openapi/v2":
		h.serveOpenAPIV2(w, req)
	case strings.HasPrefix(p, "/openapi/v3/"):
		h.serveOpenAPIV3Document(w, req)
	default:
		writeStatus(w, http.StatusNotFound, notFoundStatus)
	}
}

func (h *Handler) serveOpenAPIV3Index(w http.ResponseWriter, req *http.Request) {
	resp, ok, err := h.rec.OpenAPIDocument(recording.Route{Path: "/openapi/v3"})
	if err != nil {
		writeStatus(w, http.StatusInternalServerError, internalErrorStatus(err))
		return
	}
	if !ok || resp.Status != 200 {
		h.serveRecordedFailure(w, resp, ok)
		return
	}
	w.Header().Set("Cache-Control", "no-cache, private")
	http.ServeContent(w, req, "/openapi/v3", h.start, bytes.NewReader(resp.Body))
}

func (h *Handler) serveOpenAPIV3Document(w http.ResponseWriter, req *http.Request) {
	w.Header().Set("Cache-Control", "no-cache, private")
	w.Header().Add("Vary", "Accept")
	route := recording.Route{Path: req.URL.Path}
	resp, ok, err := h.rec.OpenAPIDocument(route)
	if err != nil {
		writeStatus(w, http.StatusInternalServerError, internalErrorStatus(err))
		return
	}
	if !ok || resp.Status != 200 {
		if !ok {
			w.WriteHeader(http.StatusNotFound)
			return
		}
		h.serveRecordedFailure(w, resp, ok)
		return
	}
	f, ok := negotiateOpenAPI(req.Header.Get("Accept"), v3Formats)
	if !ok {
		w.WriteHeader(http.StatusNotAcceptable)
		return
	}
	body := resp.Body
	if f.protobuf {
		var err error
		if body, err = v3Protobuf(resp.Body); err != nil {
			w.WriteHeader(http.StatusInternalServerError)
			return
		}
	}
	etag := recording.OpenAPIV3Hash(resp.Body)
	w.Header().Set("Content-Type", f.contentType)
	w.Header().Set("Etag", strconv.Quote(etag))
	if hash := req.URL.Query().Get("hash"); hash != "" {
		if hash != etag {
			u := url.URL{Path: req.URL.Path, RawQuery: url.Values{"hash": {etag}}.Encode()}
			http.Redirect(w, req, u.String(), http.StatusMovedPermanently)
			return
		}
		w.Header().Set("Cache-Control", "public, immutable")
		w.Header().Set("Expires", time.Now().AddDate(1, 0, 0).Format(time.RFC1123))
	}
	http.ServeContent(w, req, "", h.start, bytes.NewReader(body))
}

func (h *Handler) serveOpenAPIV2(w http.ResponseWriter, req *http.Request) {
	w.Header().Set("Cache-Control", "no-cache, private")
	w.Header().Add("Vary", "Accept")
	f, ok := negotiateOpenAPI(req.Header.Get("Accept"), v2Formats)
	if !ok {
		w.WriteHeader(http.StatusNotAcceptable)
		return
	}
	jsonDoc, hasJSON, err := h.rec.OpenAPIDocument(recording.Route{Path: "/openapi/v2"})
	if err != nil {
		writeStatus(w, http.StatusInternalServerError, internalErrorStatus(err))
		return
	}
	var pbDoc recording.Response
	hasPB := false
	if f.protobuf {
		if pbDoc, hasPB, err = h.rec.OpenAPIDocument(recording.Route{Path: "/openapi/v2", Protobuf: true}); err != nil {
			writeStatus(w, http.StatusInternalServerError, internalErrorStatus(err))
			return
		}
	}
	resp, found := jsonDoc, hasJSON
	if f.protobuf && hasPB {
		resp, found = pbDoc, hasPB
	}
	if !found || resp.Status != 200 {
		h.serveRecordedFailure(w, resp, found)
		return
	}
	body := resp.Body
	if f.protobuf && !hasPB {
		var err error
		if body, err = v2Protobuf(resp.Body); err != nil {
			w.WriteHeader(http.StatusInternalServerError)
			return
		}
	}
	etag := recording.OpenAPIV3Hash(resp.Body) // kube-openapi's ETag: the SHA-512 of the JSON form
	if hasJSON && jsonDoc.Status == 200 {
		etag = recording.OpenAPIV3Hash(jsonDoc.Body)
	}
	w.Header().Set("Content-Type", f.contentType)
	w.Header().Set("Etag", strconv.Quote(etag))
	http.ServeContent(w, req, "/openapi/v2", h.start, bytes.NewReader(body))
}

// internalErrorStatus is the Status body of a 500 for a recorded document
// that could not be read or failed its checks.
func internalErrorStatus(err error) string {
	status := metav1.Status{
		TypeMeta: metav1.TypeMeta{Kind: "Status", APIVersion: "v1"},
		Status:   metav1.StatusFailure, Message: err.Error(), Reason: metav1.StatusReasonInternalError, Code: http.StatusInternalServerError,
	}
	b, _ := json.Marshal(status)
	return string(b) + "\n"
}

// serveRecordedFailure replays a recorded non-200 OpenAPI answer, or a 404
// Status when the recording has none.
func (h *Handler) serveRecordedFailure(w http.ResponseWriter, resp recording.Response, ok bool) {
	if !ok {
		writeStatus(w, http.StatusNotFound, notFoundStatus)
		return
	}
	writeResponse(w, resp, recording.MediaJSON)
}

// negotiateOpenAPI picks the first of formats the Accept header allows,
// clause by clause in the header's order of preference, as kube-openapi
// does; an empty header accepts anything.
func negotiateOpenAPI(accept string, formats []format) (format, bool) {
	if accept == "" {
		accept = "*/*"
	}
	for _, clause := range goautoneg.ParseAccept(accept) {
		for _, f := range formats {
			if clause.Type != "application" && clause.Type != "*" {
				continue
			}
			if clause.SubType != f.subType && clause.SubType != "*" {
				continue
			}
			return f, true
		}
	}
	return format{}, false
}

// v3Protobuf converts a recorded JSON document to the protobuf form, as
// kube-openapi's handler3 does (ToV3ProtoBinary).
func v3Protobuf(body []byte) ([]byte, error) {
	doc, err := openapi_v3.ParseDocument(body)
	if err != nil {
		return nil, err
	}
	return proto.Marshal(doc)
}

// v2Protobuf is the same for /openapi/v2 when only its JSON was recorded.
func v2Protobuf(body []byte) ([]byte, error) {
	doc, err := openapi_v2.ParseDocument(body)
	if err != nil {
		return nil, err
	}
	return proto.Marshal(doc)
}
