package recording

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"path"
	"runtime"
	"sort"
	"strings"
	"sync"
	"unicode/utf8"

	jsoniter "github.com/json-iterator/go"
	"golang.org/x/sync/errgroup"
)

// The shapes below hold just enough of each discovery document to check it
// before client-go parses it, so that a broken recording fails with the file
// and field at fault instead of a decoder message without context.
type typeMeta struct {
	Kind       string `json:"kind"`
	APIVersion string `json:"apiVersion"`
}

type apiVersionsDoc struct {
	typeMeta
	Versions []string `json:"versions"`
}

type groupVersionRef struct {
	GroupVersion string `json:"groupVersion"`
	Version      string `json:"version"`
}

type apiGroupDoc struct {
	typeMeta
	Name             string            `json:"name"`
	Versions         []groupVersionRef `json:"versions"`
	PreferredVersion groupVersionRef   `json:"preferredVersion"`
}

type apiGroupListDoc struct {
	typeMeta
	Groups []apiGroupDoc `json:"groups"`
}

type apiResourceDoc struct {
	Name         string   `json:"name"`
	SingularName string   `json:"singularName"`
	Namespaced   bool     `json:"namespaced"`
	Group        string   `json:"group"`
	Version      string   `json:"version"`
	Kind         string   `json:"kind"`
	Verbs        []string `json:"verbs"`
	ShortNames   []string `json:"shortNames"`
	Categories   []string `json:"categories"`
}

type apiResourceListDoc struct {
	typeMeta
	GroupVersion string           `json:"groupVersion"`
	Resources    []apiResourceDoc `json:"resources"`
}

type gvk struct {
	Group   string `json:"group"`
	Version string `json:"version"`
	Kind    string `json:"kind"`
}

type aggregatedListDoc struct {
	typeMeta
	Items []aggregatedGroup `json:"items"`
}

type aggregatedGroup struct {
	Metadata struct {
		Name string `json:"name"`
	} `json:"metadata"`
	Versions []aggregatedVersion `json:"versions"`
}

type aggregatedVersion struct {
	Version   string               `json:"version"`
	Freshness string               `json:"freshness"`
	Resources []aggregatedResource `json:"resources"`
}

type aggregatedResource struct {
	Resource         string                  `json:"resource"`
	ResponseKind     *gvk                    `json:"responseKind"`
	Scope            string                  `json:"scope"`
	SingularResource string                  `json:"singularResource"`
	Verbs            []string                `json:"verbs"`
	ShortNames       []string                `json:"shortNames"`
	Categories       []string                `json:"categories"`
	Subresources     []aggregatedSubresource `json:"subresources"`
}

type aggregatedSubresource struct {
	Subresource  string   `json:"subresource"`
	ResponseKind *gvk     `json:"responseKind"`
	Verbs        []string `json:"verbs"`
}

type versionDoc struct {
	Major      string `json:"major"`
	Minor      string `json:"minor"`
	GitVersion string `json:"gitVersion"`
	Platform   string `json:"platform"`
}

// fastJSON decodes documents the standard library's way (same field
// matching, same types), only faster.
var fastJSON = jsoniter.ConfigCompatibleWithStandardLibrary

// documents holds the decoded documents of a recording while it is checked.
type documents struct {
	core       *apiVersionsDoc                // /api
	groups     *apiGroupListDoc               // /apis
	lists      map[string]*apiResourceListDoc // group-version -> its document
	listFiles  map[string]string              // group-version -> file name
	aggregated map[Route]*aggregatedListDoc   // aggregated /api and /apis

	mu sync.Mutex // guards the fields above while documents are checked in parallel
}

// keep stores a decoded document for the checks that span documents.
func (d *documents) keep(route Route, file string, doc any) {
	d.mu.Lock()
	defer d.mu.Unlock()
	switch doc := doc.(type) {
	case *aggregatedListDoc:
		d.aggregated[route] = doc
	case *apiVersionsDoc:
		d.core = doc
	case *apiGroupListDoc:
		d.groups = doc
	case *apiResourceListDoc:
		gv := strings.TrimPrefix(strings.TrimPrefix(route.Path, "/apis/"), "/api/")
		d.lists[gv], d.listFiles[gv] = doc, path.Base(file)
	}
}

// Check verifies that every document of the recording is complete JSON of
// the kind its name promises, that names are valid Kubernetes names, that
// every group-version the group lists name has a document, and that the
// aggregated and legacy documents describe the same API; and that the
// OpenAPI documents, when there are any, are the ones their index lists
// (checkOpenAPI). The first problem is returned as a *FileError.
func (r *Recording) Check() error {
	if err := r.checkComplete(); err != nil {
		return err
	}
	docs := &documents{lists: map[string]*apiResourceListDoc{}, listFiles: map[string]string{}, aggregated: map[Route]*aggregatedListDoc{}}
	if err := r.checkDocuments(docs); err != nil {
		return err
	}
	if err := r.checkReferences(docs); err != nil {
		return err
	}
	if err := r.checkAgreement(docs); err != nil {
		return err
	}
	return r.checkOpenAPI()
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
		return decodeDoc(file, resp.Body, &versionDoc{})
	case route.Aggregated != "":
		doc := &aggregatedListDoc{}
		if err := checkKind(file, resp.Body, doc, "APIGroupDiscoveryList", "apidiscovery.k8s.io/"+route.Aggregated); err != nil {
			return err
		}
		docs.keep(route, file, doc)
		return checkAggregated(file, route.Path == "/api", doc)
	case route.Path == "/api":
		doc := &apiVersionsDoc{}
		if err := checkKind(file, resp.Body, doc, "APIVersions", "v1"); err != nil {
			return err
		}
		docs.keep(route, file, doc)
		return checkVersionNames(file, "versions", doc.Versions)
	case route.Path == "/apis":
		doc := &apiGroupListDoc{}
		if err := checkKind(file, resp.Body, doc, "APIGroupList", "v1"); err != nil {
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
		var doc apiGroupDoc
		if err := checkKind(file, body, &doc, "APIGroup", "v1"); err != nil {
			return err
		}
		if doc.Name != parts[1] {
			return &FileError{File: file, Field: "name", Problem: fmt.Sprintf("is %q, but the file name says %q", doc.Name, parts[1])}
		}
		return checkGroupEntry(file, "", doc)
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
// refused (406); a group-version document may fail (404, 5xx) and is then
// reported as unavailable; anything else stands where a document must be.
func checkStatus(file string, route Route, status int) error {
	switch {
	case route.Path == "/version":
		return nil
	case route.Aggregated != "":
		if status == 406 {
			return nil
		}
		return &FileError{File: file, Problem: fmt.Sprintf("HTTP %d recorded for aggregated discovery: a kube-apiserver answers it with 200 or refuses it with 406", status)}
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

// kindOf is implemented by every document shape with a TypeMeta.
type kindOf interface{ meta() typeMeta }

func (t typeMeta) meta() typeMeta { return t }

// checkKind decodes body into doc and checks its kind and, when the
// document carries one, its apiVersion (api.json carries none).
func checkKind(file string, body []byte, doc kindOf, kind, apiVersion string) error {
	if err := decodeDoc(file, body, doc); err != nil {
		return err
	}
	got := doc.meta()
	if got.Kind != kind {
		return &FileError{File: file, Field: "kind", Problem: fmt.Sprintf("is %q, want %q", got.Kind, kind)}
	}
	if got.APIVersion != apiVersion && (got.APIVersion != "" || apiVersion != "v1") {
		return &FileError{File: file, Field: "apiVersion", Problem: fmt.Sprintf("is %q, want %q", got.APIVersion, apiVersion)}
	}
	return nil
}

func checkResourceList(file string, body []byte, groupVersion string, doc *apiResourceListDoc) error {
	if err := checkKind(file, body, doc, "APIResourceList", "v1"); err != nil {
		return err
	}
	if doc.GroupVersion != groupVersion {
		return &FileError{File: file, Field: "groupVersion", Problem: fmt.Sprintf("is %q, but the file name says %q", doc.GroupVersion, groupVersion)}
	}
	return checkResources(file, doc.Resources)
}

// decodeDoc decodes body into doc and turns decoder errors into a FileError
// that names the JSON path at fault and the byte offset.
func decodeDoc(file string, body []byte, doc any) error {
	// Fast path: encoding/json's scanner proves the bytes are one valid
	// JSON value, then json-iterator (already in client-go's module graph)
	// decodes about three times faster than encoding/json. Any failure is
	// decoded again by encoding/json, whose errors carry the byte offset
	// and field the message names; TestDecodersAgree shows both decoders
	// give the same result on every seed and corpus document.
	if json.Valid(body) && fastJSON.Unmarshal(body, doc) == nil {
		return nil
	}
	err := json.Unmarshal(body, doc)
	if err == nil {
		return nil
	}
	var syntax *json.SyntaxError
	var typeErr *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syntax):
		field := jsonPathAt(body, syntax.Offset)
		if strings.Contains(syntax.Error(), "unexpected end of JSON input") {
			return &FileError{File: file, Field: field, Problem: fmt.Sprintf("truncated JSON: unexpected end at byte %d", syntax.Offset)}
		}
		return &FileError{File: file, Field: field, Problem: fmt.Sprintf("invalid JSON at byte %d: %s", syntax.Offset, syntax.Error())}
	case errors.As(err, &typeErr):
		field := jsonPathOrDocument(body, typeErr.Offset-1)
		if typeErr.Offset <= 1 {
			field = "(document)"
		}
		return &FileError{File: file, Field: field, Problem: fmt.Sprintf("is a JSON %s, want %s", typeErr.Value, jsonTypeName(typeErr.Type.String()))}
	}
	return &FileError{File: file, Problem: err.Error()}
}

// checkReferences verifies that api.json and apis.json only name
// group-versions the recording has a document for.
func (r *Recording) checkReferences(docs *documents) error {
	if docs.core != nil {
		file := r.Responses[Route{Path: "/api"}].File
		for i, v := range docs.core.Versions {
			if err := r.needDocument(file, fmt.Sprintf("versions[%d]", i), v, Route{Path: "/api/" + v}); err != nil {
				return err
			}
		}
	}
	if docs.groups != nil {
		file := r.Responses[Route{Path: "/apis"}].File
		for gi, g := range docs.groups.Groups {
			for vi, v := range g.Versions {
				field := fmt.Sprintf("groups[%d].versions[%d]", gi, vi)
				gv := g.Name + "/" + v.Version
				if err := r.needDocument(file, field, gv, Route{Path: "/apis/" + gv}); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

func (r *Recording) needDocument(listFile, field, groupVersion string, route Route) error {
	if r.has(route) {
		return nil
	}
	return &FileError{File: r.file(FileFor(route)), Problem: fmt.Sprintf("missing: %s %s lists %s but the recording has no document for it", listFile, field, groupVersion)}
}
