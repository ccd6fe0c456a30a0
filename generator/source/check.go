package source

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strings"
	"unicode/utf8"
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
	Items []struct {
		Metadata struct {
			Name string `json:"name"`
		} `json:"metadata"`
		Versions []struct {
			Version   string `json:"version"`
			Freshness string `json:"freshness"`
			Resources []struct {
				Resource         string   `json:"resource"`
				ResponseKind     *gvk     `json:"responseKind"`
				Scope            string   `json:"scope"`
				SingularResource string   `json:"singularResource"`
				Verbs            []string `json:"verbs"`
				ShortNames       []string `json:"shortNames"`
				Categories       []string `json:"categories"`
				Subresources     []struct {
					Subresource  string   `json:"subresource"`
					ResponseKind *gvk     `json:"responseKind"`
					Verbs        []string `json:"verbs"`
				} `json:"subresources"`
			} `json:"resources"`
		} `json:"versions"`
	} `json:"items"`
}

type versionDoc struct {
	Major      string `json:"major"`
	Minor      string `json:"minor"`
	GitVersion string `json:"gitVersion"`
	Platform   string `json:"platform"`
}

// Check verifies that every document of the recording is complete JSON of
// the kind its name promises, and that every group-version the group lists
// name has a document. The first problem is returned as a *FileError.
func (r *Recording) Check() error {
	if err := r.checkComplete(); err != nil {
		return err
	}
	routes := make([]Route, 0, len(r.Responses))
	for route := range r.Responses {
		routes = append(routes, route)
	}
	sort.Slice(routes, func(i, j int) bool { return r.Responses[routes[i]].File < r.Responses[routes[j]].File })
	for _, route := range routes {
		if err := r.checkDocument(route, r.Responses[route]); err != nil {
			return err
		}
	}
	return r.checkReferences()
}

func (r *Recording) checkComplete() error {
	if len(r.Responses) == 0 {
		return fmt.Errorf("%s: no discovery documents (expected api.json and apis.json, or aggregated_v2.json; see fixtures/README.md)", r.Name)
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

func (r *Recording) checkDocument(route Route, resp Response) error {
	file := r.file(resp.File)
	if resp.Status != 200 {
		return nil // kept as evidence of what the server answered; served as is
	}
	if len(bytes.TrimSpace(resp.Body)) == 0 {
		return &FileError{File: file, Problem: "empty file"}
	}
	if !utf8.Valid(resp.Body) {
		return &FileError{File: file, Problem: "not valid UTF-8"}
	}
	switch {
	case route.Path == "/version":
		return decodeDoc(file, resp.Body, &versionDoc{})
	case route.Aggregated != "":
		return checkKind(file, resp.Body, &aggregatedListDoc{}, "APIGroupDiscoveryList", "apidiscovery.k8s.io/"+route.Aggregated)
	case route.Path == "/api":
		return checkKind(file, resp.Body, &apiVersionsDoc{}, "APIVersions", "")
	case route.Path == "/apis":
		return checkKind(file, resp.Body, &apiGroupListDoc{}, "APIGroupList", "")
	}
	parts := strings.Split(strings.TrimPrefix(route.Path, "/"), "/")
	switch {
	case parts[0] == "apis" && len(parts) == 2:
		return checkKind(file, resp.Body, &apiGroupDoc{}, "APIGroup", "")
	case (parts[0] == "api" && len(parts) == 2) || (parts[0] == "apis" && len(parts) == 3):
		return checkResourceList(file, resp.Body, strings.Join(parts[1:], "/"))
	}
	return &FileError{File: file, Problem: "not a discovery document name (want api.json, api__<version>.json, apis.json, apis__<group>.json or apis__<group>__<version>.json)"}
}

// kindOf is implemented by every document shape with a TypeMeta.
type kindOf interface{ meta() typeMeta }

func (t typeMeta) meta() typeMeta { return t }

func checkKind(file string, body []byte, doc kindOf, kind, apiVersion string) error {
	if err := decodeDoc(file, body, doc); err != nil {
		return err
	}
	got := doc.meta()
	if got.Kind != kind {
		return &FileError{File: file, Field: "kind", Problem: fmt.Sprintf("is %q, want %q", got.Kind, kind)}
	}
	if apiVersion != "" && got.APIVersion != apiVersion {
		return &FileError{File: file, Field: "apiVersion", Problem: fmt.Sprintf("is %q, want %q", got.APIVersion, apiVersion)}
	}
	return nil
}

func checkResourceList(file string, body []byte, groupVersion string) error {
	var doc apiResourceListDoc
	if err := checkKind(file, body, &doc, "APIResourceList", ""); err != nil {
		return err
	}
	if doc.GroupVersion != groupVersion {
		return &FileError{File: file, Field: "groupVersion", Problem: fmt.Sprintf("is %q, but the file name says %q", doc.GroupVersion, groupVersion)}
	}
	return nil
}

// decodeDoc decodes body into doc and turns decoder errors into a FileError
// that names the byte offset or the field at fault.
func decodeDoc(file string, body []byte, doc any) error {
	err := json.Unmarshal(body, doc)
	if err == nil {
		return nil
	}
	var syntax *json.SyntaxError
	var typeErr *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syntax):
		if syntax.Offset >= int64(len(bytes.TrimRight(body, " \t\r\n"))) {
			return &FileError{File: file, Problem: fmt.Sprintf("truncated JSON: unexpected end at byte %d", syntax.Offset)}
		}
		return &FileError{File: file, Problem: fmt.Sprintf("invalid JSON at byte %d: %s", syntax.Offset, syntax.Error())}
	case errors.As(err, &typeErr):
		field := typeErr.Field
		if field == "" {
			field = "(document)"
		}
		return &FileError{File: file, Field: field, Problem: fmt.Sprintf("is a JSON %s, want %s", typeErr.Value, typeErr.Type)}
	}
	if strings.Contains(err.Error(), "unexpected end of JSON input") {
		return &FileError{File: file, Problem: "truncated JSON: unexpected end of input"}
	}
	return &FileError{File: file, Problem: err.Error()}
}

// checkReferences verifies that api.json and apis.json only name
// group-versions the recording has a document for.
func (r *Recording) checkReferences() error {
	if resp, ok := r.Responses[Route{Path: "/api"}]; ok && resp.Status == 200 {
		var doc apiVersionsDoc
		_ = json.Unmarshal(resp.Body, &doc) // checked in checkDocument
		for i, v := range doc.Versions {
			if err := r.needDocument(resp.File, fmt.Sprintf("versions[%d]", i), v, Route{Path: "/api/" + v}); err != nil {
				return err
			}
		}
	}
	if resp, ok := r.Responses[Route{Path: "/apis"}]; ok && resp.Status == 200 {
		var doc apiGroupListDoc
		_ = json.Unmarshal(resp.Body, &doc)
		for gi, g := range doc.Groups {
			for vi, v := range g.Versions {
				field := fmt.Sprintf("groups[%d].versions[%d]", gi, vi)
				gv := g.Name + "/" + v.Version
				if err := r.needDocument(resp.File, field, gv, Route{Path: "/apis/" + gv}); err != nil {
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
	return &FileError{File: r.file(fileFor(route)), Problem: fmt.Sprintf("missing: %s %s lists %s but the recording has no document for it", listFile, field, groupVersion)}
}
