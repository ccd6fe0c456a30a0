package recording

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"path"
	"reflect"
	"runtime"
	"sort"
	"strings"
	"sync"
	"unicode/utf8"

	"golang.org/x/sync/errgroup"
	apidiscoveryv2 "k8s.io/api/apidiscovery/v2"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/version"
	kjson "sigs.k8s.io/json"
)

// The documents are decoded into the upstream types client-go decodes them
// into, with the decoder it uses for each: encoding/json (case-insensitive
// field names) for /version, /api and /apis in either format, and
// apimachinery's serializer, sigs.k8s.io/json case-sensitive, for the
// group-version documents the REST client reads. A key client-go ignores
// ("Kind" for "kind") is ignored here too, so the checks see what client-go
// sees.
type (
	apiVersionsDoc     = metav1.APIVersions
	apiGroupDoc        = metav1.APIGroup
	apiGroupListDoc    = metav1.APIGroupList
	apiResourceDoc     = metav1.APIResource
	apiResourceListDoc = metav1.APIResourceList
	// aggregatedListDoc holds either aggregated version: v2beta1 has the
	// same JSON shape as v2, field for field, so client-go's v2beta1 type
	// decodes the same bytes to the same values.
	aggregatedListDoc     = apidiscoveryv2.APIGroupDiscoveryList
	aggregatedVersion     = apidiscoveryv2.APIVersionDiscovery
	aggregatedResource    = apidiscoveryv2.APIResourceDiscovery
	aggregatedSubresource = apidiscoveryv2.APISubresourceDiscovery
	versionDoc            = version.Info
)

// decoder names the JSON decoder client-go reads a document with.
type decoder int

const (
	// stdlibJSON is encoding/json, which discovery_client.go calls for
	// /version, /api and /apis.
	stdlibJSON decoder = iota
	// caseSensitiveJSON is sigs.k8s.io/json as apimachinery's JSON
	// serializer calls it for the group-version documents.
	caseSensitiveJSON
)

// Decoded holds the documents of a recording as Check decoded them: into
// the upstream types client-go decodes them into, with the decoder it uses
// for each (see above), so that a reader of these values sees what
// client-go's discovery client sees when the recording is replayed to it.
// Only documents recorded with status 200 are here. The values are shared:
// read them, do not change them.
type Decoded struct {
	// Version is /version, nil when it is not recorded with status 200.
	Version *version.Info
	// Core is the legacy /api, Groups the legacy /apis.
	Core   *metav1.APIVersions
	Groups *metav1.APIGroupList
	// Aggregated holds aggregated /api and /apis by route. A v2beta1
	// document is decoded into the v2 type: both have the same JSON shape,
	// field for field.
	Aggregated map[Route]*apidiscoveryv2.APIGroupDiscoveryList
	// Lists holds the group-version documents (/api/v1, /apis/<group>/<version>)
	// by route.
	Lists map[Route]*metav1.APIResourceList
}

// Decoded returns the documents the last successful Check decoded, or nil
// when the recording was not checked.
func (r *Recording) Decoded() *Decoded { return r.decoded }

// documents holds the decoded documents of a recording while it is checked.
type documents struct {
	Decoded
	lists     map[string]*apiResourceListDoc // group-version -> its document
	listFiles map[string]string              // group-version -> file name

	mu sync.Mutex // guards the fields above while documents are checked in parallel
}

func newDocuments() *documents {
	return &documents{
		Decoded:   Decoded{Aggregated: map[Route]*aggregatedListDoc{}, Lists: map[Route]*apiResourceListDoc{}},
		lists:     map[string]*apiResourceListDoc{},
		listFiles: map[string]string{},
	}
}

// keep stores a decoded document for the checks that span documents.
func (d *documents) keep(route Route, file string, doc any) {
	d.mu.Lock()
	defer d.mu.Unlock()
	switch doc := doc.(type) {
	case *versionDoc:
		d.Version = doc
	case *aggregatedListDoc:
		d.Aggregated[route] = doc
	case *apiVersionsDoc:
		d.Core = doc
	case *apiGroupListDoc:
		d.Groups = doc
	case *apiResourceListDoc:
		gv := strings.TrimPrefix(strings.TrimPrefix(route.Path, "/apis/"), "/api/")
		d.lists[gv], d.listFiles[gv] = doc, path.Base(file)
		d.Lists[route] = doc
	}
}

// Check verifies that every document of the recording is complete JSON of
// the kind its name promises, as client-go decodes it, and that its names
// are safe to show and to turn into file names, and that the OpenAPI
// documents, when there are any, are the ones their index lists
// (checkOpenAPI). The first problem is returned as a *FileError.
//
// What a real server may send is not refused: a group-version a group list
// names without a document is answered 404, as a server that lost it
// would; and aggregated and legacy documents that describe different APIs
// are listed in r.Warnings (one *FileError per aggregated document, naming
// both files), since the model then depends on which one a client reads.
func (r *Recording) Check() error {
	r.Warnings = nil
	if err := r.checkComplete(); err != nil {
		return err
	}
	r.decoded = nil
	docs := newDocuments()
	if err := r.checkDocuments(docs); err != nil {
		return err
	}
	r.Warnings = r.checkAgreement(docs)
	if err := r.checkOpenAPI(); err != nil {
		return err
	}
	r.decoded = &docs.Decoded
	return nil
}

// checkDocuments checks every document, on all CPUs: decoding is most of a
// load's time. The error reported is the first in file name order, so it
// does not depend on scheduling.
func (r *Recording) checkDocuments(docs *documents) error {
	routes := r.sortedRoutes()
	errs := make([]error, len(routes))
	var g errgroup.Group
	g.SetLimit(runtime.GOMAXPROCS(0))
	for i, route := range routes {
		g.Go(func() error {
			errs[i] = r.checkDocument(route, r.Responses[route], docs)
			return nil // errs keeps every error, so the one reported is the first in file order
		})
	}
	_ = g.Wait()
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// sortedRoutes lists the routes by file name, so that the first problem
// reported is the same on every run.
func (r *Recording) sortedRoutes() []Route {
	routes := make([]Route, 0, len(r.Responses))
	for route := range r.Responses {
		routes = append(routes, route)
	}
	sort.Slice(routes, func(i, j int) bool { return r.Responses[routes[i]].File < r.Responses[routes[j]].File })
	return routes
}

func (r *Recording) checkComplete() error {
	if len(r.Responses) == 0 {
		return &FileError{File: r.Name, Problem: "no discovery documents (expected api.json and apis.json, or aggregated_v2.json; see fixtures/README.md)"}
	}
	if !r.has(Route{Path: "/apis"}) && !r.HasAggregated("v2") && !r.HasAggregated("v2beta1") {
		return &FileError{File: r.file("apis.json"), Problem: "missing: a recording needs apis.json or aggregated_v2.json for /apis"}
	}
	return nil
}

func (r *Recording) has(route Route) bool {
	_, ok := r.Responses[route]
	return ok
}

func (r *Recording) checkDocument(route Route, resp Response, docs *documents) error {
	file := r.file(resp.File)
	if resp.Status != 200 {
		return checkStatus(file, route, resp.Status)
	}
	if err := checkBytes(file, resp.Body); err != nil {
		return err
	}
	switch {
	case route.Path == "/version":
		doc := &versionDoc{}
		if err := decodeDoc(file, resp.Body, doc, stdlibJSON); err != nil {
			return err
		}
		docs.keep(route, file, doc)
		return nil
	case route.Aggregated != "":
		doc := &aggregatedListDoc{}
		if err := checkKind(file, resp.Body, doc, &doc.TypeMeta, stdlibJSON, "APIGroupDiscoveryList", "apidiscovery.k8s.io/"+route.Aggregated); err != nil {
			return err
		}
		docs.keep(route, file, doc)
		return checkAggregated(file, route.Path == "/api", doc)
	case route.Path == "/api":
		doc := &apiVersionsDoc{}
		if err := checkKind(file, resp.Body, doc, &doc.TypeMeta, stdlibJSON, "APIVersions", "v1"); err != nil {
			return err
		}
		docs.keep(route, file, doc)
		return checkVersionNames(file, newLoc("versions"), doc.Versions)
	case route.Path == "/apis":
		doc := &apiGroupListDoc{}
		if err := checkKind(file, resp.Body, doc, &doc.TypeMeta, stdlibJSON, "APIGroupList", "v1"); err != nil {
			return err
		}
		docs.keep(route, file, doc)
		return checkGroupList(file, doc)
	}
	return checkGroupDocument(file, route, resp.Body, docs)
}

// checkGroupDocument checks /apis/<group>, /api/<version> and
// /apis/<group>/<version>.
func checkGroupDocument(file string, route Route, body []byte, docs *documents) error {
	parts := strings.Split(strings.TrimPrefix(route.Path, "/"), "/")
	switch {
	case parts[0] == "apis" && len(parts) == 2:
		// client-go never reads /apis/<group>; its own decoder is used.
		var doc apiGroupDoc
		if err := checkKind(file, body, &doc, &doc.TypeMeta, stdlibJSON, "APIGroup", "v1"); err != nil {
			return err
		}
		if doc.Name != parts[1] {
			return &FileError{File: file, Field: "name", Problem: fmt.Sprintf("is %q, but the file name says %q", doc.Name, parts[1])}
		}
		return checkGroupEntry(file, loc{}, doc)
	case (parts[0] == "api" && len(parts) == 2) || (parts[0] == "apis" && len(parts) == 3):
		doc := &apiResourceListDoc{}
		if err := checkResourceList(file, body, strings.Join(parts[1:], "/"), doc); err != nil {
			return err
		}
		docs.keep(route, file, doc)
		return nil
	}
	return &FileError{File: file, Problem: "not a discovery document name (want api.json, api__<version>.json, apis.json, apis__<group>.json or apis__<group>__<version>.json)"}
}

// checkStatus decides whether a recorded non-200 answer is one a
// kube-apiserver gives for that request. Aggregated discovery may be
// refused (406); /api may be missing in either format (404: aggregated
// API servers serve only /apis, and client-go tolerates it); a group-version document may
// fail (404, 5xx) and is then reported as unavailable; anything else
// stands where a document must be.
func checkStatus(file string, route Route, status int) error {
	switch {
	case route.Path == "/version":
		return nil
	case route.Aggregated != "":
		if status == 406 || (route.Path == "/api" && status == 404) {
			return nil
		}
		return &FileError{File: file, Problem: fmt.Sprintf("HTTP %d recorded for aggregated discovery: a kube-apiserver answers it with 200 or refuses it with 406", status)}
	case route.Path == "/api" && status == 404:
		return nil
	case route.Path == "/api" || route.Path == "/apis":
		return &FileError{File: file, Problem: fmt.Sprintf("HTTP %d recorded where the document %s is needed", status, FileFor(route))}
	case status == 404 || status >= 500:
		return nil
	}
	return &FileError{File: file, Problem: fmt.Sprintf("HTTP %d recorded where the document %s is needed (only 404 and 5xx, an unavailable group-version, are kept as recorded)", status, FileFor(route))}
}

// checkBytes refuses bodies that are empty or not UTF-8, naming the first
// bad byte.
func checkBytes(file string, body []byte) error {
	if len(bytes.TrimSpace(body)) == 0 {
		return &FileError{File: file, Problem: "empty file"}
	}
	if bytes.HasPrefix(body, []byte("\xef\xbb\xbf")) {
		return &FileError{File: file, Problem: "starts with a UTF-8 byte order mark, which is not JSON; remove the first 3 bytes"}
	}
	if !utf8.Valid(body) {
		off := invalidUTF8Offset(body)
		return &FileError{File: file, Field: jsonPathOrDocument(body, int64(off)), Problem: fmt.Sprintf("not valid UTF-8 at byte %d", off)}
	}
	return nil
}

func invalidUTF8Offset(body []byte) int {
	for i := 0; i < len(body); {
		r, size := utf8.DecodeRune(body[i:])
		if r == utf8.RuneError && size <= 1 {
			return i
		}
		i += size
	}
	return len(body)
}

func jsonPathOrDocument(body []byte, off int64) string {
	if p := jsonPathAt(body, off); p != "" {
		return p
	}
	return "(document)"
}

// checkKind decodes body into doc with dec and checks the kind and, when
// the document carries one, the apiVersion of its type meta (api.json
// carries none).
func checkKind(file string, body []byte, doc any, meta *metav1.TypeMeta, dec decoder, kind, apiVersion string) error {
	if err := decodeDoc(file, body, doc, dec); err != nil {
		return err
	}
	if meta.Kind != kind {
		return &FileError{File: file, Field: "kind", Problem: fmt.Sprintf("is %q, want %q", meta.Kind, kind)}
	}
	if meta.APIVersion != apiVersion && (meta.APIVersion != "" || apiVersion != "v1") {
		return &FileError{File: file, Field: "apiVersion", Problem: fmt.Sprintf("is %q, want %q", meta.APIVersion, apiVersion)}
	}
	return nil
}

func checkResourceList(file string, body []byte, groupVersion string, doc *apiResourceListDoc) error {
	if err := checkKind(file, body, doc, &doc.TypeMeta, caseSensitiveJSON, "APIResourceList", "v1"); err != nil {
		return err
	}
	if doc.GroupVersion != groupVersion {
		return &FileError{File: file, Field: "groupVersion", Problem: fmt.Sprintf("is %q, but the file name says %q", doc.GroupVersion, groupVersion)}
	}
	return checkResources(file, doc.APIResources)
}

// decodeDoc decodes body into doc with dec and turns decoder errors into a
// FileError that names the JSON path at fault and the byte offset.
func decodeDoc(file string, body []byte, doc any, dec decoder) error {
	var err error
	switch dec {
	case caseSensitiveJSON:
		err = kjson.UnmarshalCaseSensitivePreserveInts(body, doc)
	default:
		err = json.Unmarshal(body, doc)
	}
	if err == nil {
		return nil
	}
	return decodeProblem(file, body, doc, err)
}

// decodeProblem explains a decoding error. encoding/json's errors carry the
// byte offset the message names; sigs.k8s.io/json keeps its error types
// internal, so its failures are decoded once more by encoding/json into a
// fresh value of the same type, which fails the same way on the same bytes.
func decodeProblem(file string, body []byte, doc any, err error) error {
	var syntax *json.SyntaxError
	var typeErr *json.UnmarshalTypeError
	if !errors.As(err, &syntax) && !errors.As(err, &typeErr) {
		fresh := reflect.New(reflect.TypeOf(doc).Elem()).Interface()
		if stdErr := json.Unmarshal(body, fresh); stdErr != nil {
			err = stdErr
		}
	}
	switch {
	case errors.As(err, &syntax):
		at := jsonPathAt(body, syntax.Offset)
		if strings.Contains(syntax.Error(), "unexpected end of JSON input") {
			return &FileError{File: file, Field: at, Problem: fmt.Sprintf("truncated JSON: unexpected end at byte %d", syntax.Offset)}
		}
		return &FileError{File: file, Field: at, Problem: fmt.Sprintf("invalid JSON at byte %d: %s", syntax.Offset, syntax.Error())}
	case errors.As(err, &typeErr):
		at := jsonPathOrDocument(body, typeErr.Offset-1)
		if typeErr.Offset <= 1 {
			at = "(document)"
		}
		return &FileError{File: file, Field: at, Problem: fmt.Sprintf("is a JSON %s, want %s", typeErr.Value, jsonTypeName(typeErr.Type))}
	}
	return &FileError{File: file, Problem: oneLineText(err.Error())}
}

// oneLineText keeps a decoder message on one line.
func oneLineText(s string) string {
	return strings.Join(strings.Fields(s), " ")
}
