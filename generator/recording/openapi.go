package recording

import (
	"crypto/sha512"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io/fs"
	"net/url"
	"sort"
	"strings"
	"sync"
	"sync/atomic"

	openapi_v2 "github.com/google/gnostic-models/openapiv2"
	"google.golang.org/protobuf/proto"
	"k8s.io/kube-openapi/pkg/handler3"
)

// This file checks a recording's OpenAPI documents: the /openapi/v3 index
// and the documents it lists, /openapi/v2 as JSON and as protobuf.

// OpenAPIV3Hash returns the hash kube-apiserver puts in the index's
// serverRelativeURL of a document and in its ETag: the upper-case hex
// SHA-512 of the document's bytes.
func OpenAPIV3Hash(body []byte) string {
	sum := sha512.Sum512(body)
	return strings.ToUpper(hex.EncodeToString(sum[:]))
}

// OpenAPIV3Index is a decoded /openapi/v3 index: for each document path it
// lists, the route and the hash the index gives for it.
type OpenAPIV3Index struct {
	// Keys are the index's paths ("apis/apps/v1"), sorted.
	Keys []string
	// Routes maps a key to the document's route.
	Routes map[string]Route
	// Hashes maps a key to the hash in its serverRelativeURL.
	Hashes map[string]string
}

// DecodeOpenAPIV3Index decodes the body of /openapi/v3 the way client-go's
// openapi client does (handler3.OpenAPIV3Discovery) and checks that every
// path it lists can be a file of a recording and that its
// serverRelativeURL is that path with a hash. Problems are returned as a
// *FileError naming file.
func DecodeOpenAPIV3Index(file string, body []byte) (*OpenAPIV3Index, error) {
	if err := checkBytes(file, body); err != nil {
		return nil, err
	}
	var doc handler3.OpenAPIV3Discovery
	if err := json.Unmarshal(body, &doc); err != nil {
		return nil, &FileError{File: file, Problem: "not an OpenAPI v3 index: " + err.Error()}
	}
	if doc.Paths == nil {
		return nil, &FileError{File: file, Field: "paths", Problem: "missing: an OpenAPI v3 index lists its documents under paths"}
	}
	idx := &OpenAPIV3Index{Routes: map[string]Route{}, Hashes: map[string]string{}}
	for key, gv := range doc.Paths {
		field := fmt.Sprintf("paths[%q]", key)
		route, ok := OpenAPIV3Route(key)
		if !ok {
			return nil, &FileError{File: file, Field: field, Problem: fmt.Sprintf("%s is not a document path a recording can hold (parts of letters, digits, '.', '-' and '_' separated by '/')", quoteName(key))}
		}
		u, err := url.Parse(gv.ServerRelativeURL)
		if err != nil || u.Path != route.Path || u.Host != "" || u.Scheme != "" {
			return nil, &FileError{File: file, Field: field + ".serverRelativeURL", Problem: fmt.Sprintf("is %s, want %s?hash=<SHA-512>", quoteName(gv.ServerRelativeURL), route.Path)}
		}
		idx.Keys = append(idx.Keys, key)
		idx.Routes[key], idx.Hashes[key] = route, u.Query().Get("hash")
	}
	sort.Strings(idx.Keys)
	return idx, nil
}

// checkOpenAPI checks the OpenAPI documents: every /openapi/v3 document is
// listed in the index with the hash of its bytes, every document the index
// lists is recorded, and /openapi/v2 is JSON and a protobuf
// openapi_v2.Document, as client-go decodes it.
func (r *Recording) checkOpenAPI() error {
	if len(r.OpenAPI) == 0 {
		return nil
	}
	for _, route := range r.sortedOpenAPIRoutes() {
		resp := r.OpenAPI[route]
		if resp.Status != 200 {
			if resp.Status < 400 {
				return &FileError{File: r.file(resp.File), Problem: fmt.Sprintf("HTTP %d recorded for an OpenAPI document: only failures (4xx, 5xx) are kept as recorded", resp.Status)}
			}
			continue
		}
		if resp.Body == nil {
			continue // read and checked by OpenAPIDocument
		}
		if err := r.checkOpenAPIDocument(route, resp); err != nil {
			return err
		}
	}
	return r.checkOpenAPIV3()
}

func (r *Recording) checkOpenAPIDocument(route Route, resp Response) error {
	file := r.file(resp.File)
	switch {
	case route.Path == openAPIV2 && route.Protobuf:
		if err := proto.Unmarshal(resp.Body, &openapi_v2.Document{}); err != nil {
			return &FileError{File: file, Problem: "not an OpenAPI v2 document in protobuf: " + err.Error()}
		}
		return nil
	case route.Path == openAPIV2:
		if err := checkBytes(file, resp.Body); err != nil {
			return err
		}
		var doc struct {
			Swagger string `json:"swagger"`
		}
		if err := decodeDoc(file, resp.Body, &doc, stdlibJSON); err != nil {
			return err
		}
		if doc.Swagger != "2.0" {
			return &FileError{File: file, Field: "swagger", Problem: fmt.Sprintf("is %s, want \"2.0\"", quoteName(doc.Swagger))}
		}
	}
	return nil
}

// checkOpenAPIV3 checks the documents against the index.
func (r *Recording) checkOpenAPIV3() error {
	indexResp, hasIndex := r.OpenAPI[Route{Path: openAPIV3}]
	listed := map[Route]string{}
	r.v3Hashes = listed
	if hasIndex && indexResp.Status == 200 {
		idx, err := DecodeOpenAPIV3Index(r.file(indexResp.File), indexResp.Body)
		if err != nil {
			return err
		}
		for _, key := range idx.Keys {
			route := idx.Routes[key]
			listed[route] = idx.Hashes[key]
			resp, ok := r.OpenAPI[route]
			if !ok {
				return &FileError{File: r.file(indexResp.File), Field: fmt.Sprintf("paths[%q]", key), Problem: fmt.Sprintf("lists %s, but the recording has no %s", route.Path, FileFor(route))}
			}
			if resp.Status != 200 || resp.Body == nil {
				continue
			}
			if err := r.checkHash(route, resp); err != nil {
				return err
			}
		}
	}
	for _, route := range r.sortedOpenAPIRoutes() {
		if route.Path == openAPIV2 || route.Path == openAPIV3 {
			continue
		}
		if _, ok := listed[route]; !ok {
			return &FileError{File: r.file(r.OpenAPI[route].File), Problem: fmt.Sprintf("an OpenAPI v3 document that %s does not list", FileFor(Route{Path: openAPIV3}))}
		}
	}
	return nil
}

// sortedOpenAPIRoutes lists the OpenAPI routes by file name, so that the
// first problem reported is the same on every run.
func (r *Recording) sortedOpenAPIRoutes() []Route {
	routes := make([]Route, 0, len(r.OpenAPI))
	for route := range r.OpenAPI {
		routes = append(routes, route)
	}
	sort.Slice(routes, func(i, j int) bool { return r.OpenAPI[routes[i]].File < r.OpenAPI[routes[j]].File })
	return routes
}

// checkHash checks a v3 document against the hash its index lists.
func (r *Recording) checkHash(route Route, resp Response) error {
	want, ok := r.v3Hashes[route]
	if !ok {
		return nil
	}
	if sum := OpenAPIV3Hash(resp.Body); sum != want {
		index := FileFor(Route{Path: openAPIV3})
		return &FileError{File: r.file(resp.File), Problem: fmt.Sprintf("its SHA-512 is %.16s…, but %s lists hash=%.16s… for %s: the file is not the document the index describes", sum, index, want, route.Path)}
	}
	return nil
}

// OpenAPIDocument returns the recorded answer for an OpenAPI route with
// its body, reading and checking it first if LoadOptions.LazyOpenAPI left
// it unread; ok is false when the recording has no such document. A
// document that fails its checks is an error (*FileError) every time it
// is asked for.
func (r *Recording) OpenAPIDocument(route Route) (resp Response, ok bool, err error) {
	resp, ok = r.OpenAPI[route]
	if !ok || resp.Body != nil || r.lazy == nil {
		return resp, ok, nil
	}
	return r.lazy.read(r, route, resp)
}

// lazyDocuments reads OpenAPI documents on first use, once each; different
// documents may be read at the same time.
type lazyDocuments struct {
	fsys  fs.FS
	limit int64
	// docs is filled by Load and only read afterwards.
	docs map[Route]*lazyDocument
}

// lazyDocument is one document lazyDocuments reads, and what reading it
// gave once done is set.
type lazyDocument struct {
	document
	once sync.Once
	done atomic.Bool
	body []byte
	err  error
}

func (l *lazyDocuments) read(r *Recording, route Route, resp Response) (Response, bool, error) {
	d, ok := l.docs[route]
	if !ok {
		return resp, true, nil
	}
	d.once.Do(func() {
		defer d.done.Store(true)
		d.body, d.err = l.load(r, route, resp, d)
	})
	if d.err != nil {
		return Response{}, true, d.err
	}
	resp.Body = d.body
	return resp, true, nil
}

// load reads the document d of route and checks it as Load would have.
func (l *lazyDocuments) load(r *Recording, route Route, resp Response, d *lazyDocument) ([]byte, error) {
	body, err := readDocument(l.fsys, d.document, r.file(d.name), l.limit)
	if err == nil && resp.Status == 200 {
		resp.Body = body
		if err = r.checkOpenAPIDocument(route, resp); err == nil {
			err = r.checkHash(route, resp)
		}
	}
	if err != nil {
		return nil, err
	}
	return body, nil
}

// OpenAPIErr returns the error of the first document (in file name order)
// that OpenAPIDocument could not read or that failed its checks, or nil.
func (r *Recording) OpenAPIErr() error {
	if r.lazy == nil {
		return nil
	}
	var first *lazyDocument
	for _, d := range r.lazy.docs {
		if d.done.Load() && d.err != nil && (first == nil || d.name < first.name) {
			first = d
		}
	}
	if first == nil {
		return nil
	}
	return first.err
}

// OpenAPIV3DocumentReaders returns the recorded OpenAPI v3 documents of
// the group-versions, keyed by the path /openapi/v3 lists them under
// ("api/v1", "apis/apps/v1"), one at a time, for a caller that decodes each
// document as it reads it and so never holds them all: a function per path
// that returns the document, read and checked against its index hash if
// LoadOptions.LazyOpenAPI left it unread, and keeps nothing. Documents
// recorded with another status than 200 are left out; nil when the
// recording holds none. The functions may be called at the same time.
func (r *Recording) OpenAPIV3DocumentReaders() map[string]func() ([]byte, error) {
	routes, paths := r.groupVersionRoutes()
	var readers map[string]func() ([]byte, error)
	for i, route := range routes {
		resp := r.OpenAPI[route]
		if resp.Status != 200 {
			continue
		}
		if readers == nil {
			readers = map[string]func() ([]byte, error){}
		}
		readers[paths[i]] = func() ([]byte, error) { return r.readOpenAPIDocument(route, resp) }
	}
	return readers
}

// readOpenAPIDocument is OpenAPIDocument's body of route, whose recorded
// answer is resp, without keeping what it reads.
func (r *Recording) readOpenAPIDocument(route Route, resp Response) ([]byte, error) {
	if resp.Body != nil || r.lazy == nil {
		return resp.Body, nil
	}
	d, ok := r.lazy.docs[route]
	switch {
	case !ok:
		return nil, nil
	case d.done.Load(): // OpenAPIDocument read it
		return d.body, d.err
	}
	return r.lazy.load(r, route, resp, d)
}

// groupVersionRoutes are the recorded routes of the group-versions' JSON
// documents, in file name order, and the paths /openapi/v3 lists them under.
func (r *Recording) groupVersionRoutes() (routes []Route, paths []string) {
	for _, route := range r.sortedOpenAPIRoutes() {
		p, ok := strings.CutPrefix(route.Path, openAPIV3+"/")
		if ok && !route.Protobuf && IsGroupVersionPath(p) {
			routes, paths = append(routes, route), append(paths, p)
		}
	}
	return routes, paths
}

// IsGroupVersionPath reports whether p, a path of the /openapi/v3 index,
// names a group-version's document: "api/<version>" or
// "apis/<group>/<version>" (not "apis/<group>" or ".well-known/…").
func IsGroupVersionPath(p string) bool {
	parts := strings.Split(p, "/")
	switch {
	case len(parts) == 2 && parts[0] == "api":
		return parts[1] != ""
	case len(parts) == 3 && parts[0] == "apis":
		return parts[1] != "" && parts[2] != ""
	}
	return false
}
