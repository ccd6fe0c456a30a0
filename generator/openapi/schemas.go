package openapi

import (
	"fmt"
	"sort"
	"strings"
	"sync"
	"unicode"

	"github.com/kube-apidocs/kube-apidocs/generator/model"
)

// GVK names one kind of one group-version; Group is "" for the core group.
type GVK struct {
	Group, Version, Kind string
}

// String returns the GVK as "apps/v1, Kind=Deployment" (the form of
// apimachinery's schema.GroupVersionKind).
func (g GVK) String() string {
	return model.GroupVersion(g.Group, g.Version) + ", Kind=" + g.Kind
}

// Schemas is a set of OpenAPI v3 documents, decoded lazily one document at a
// time. It is safe for concurrent use.
type Schemas struct {
	docs map[string]*entry
}

// entry is one document: its raw bytes and, once decoded, the result.
type entry struct {
	path string
	raw  []byte
	once sync.Once
	doc  *Document
	err  error
}

// Parse indexes documents keyed by their path as the `paths` of /openapi/v3
// name them ("api/v1", "apis/apps/v1"; group documents such as "apis/apps"
// and the others the index lists may be included and hold no kinds). It
// checks only the keys: a document is decoded when one of its kinds is
// first asked for. The map and its byte slices must not be changed later.
func Parse(docs map[string][]byte) (*Schemas, error) {
	s := &Schemas{docs: make(map[string]*entry, len(docs))}
	for path, raw := range docs {
		if err := checkPath(path); err != nil {
			return nil, fmt.Errorf("openapi/v3 document %q: %w", path, err)
		}
		s.docs[path] = &entry{path: path, raw: raw}
	}
	return s, nil
}

// Decode decodes one document, keyed as for Parse, for a caller that reads
// each document's kinds once and wants its memory back afterwards: unlike
// Schemas, nothing keeps the result.
func Decode(path string, raw []byte) (*Document, error) {
	if err := checkPath(path); err != nil {
		return nil, fmt.Errorf("openapi/v3 document %q: %w", path, err)
	}
	return decode(path, raw)
}

// checkPath refuses keys that are not relative slash-separated paths.
func checkPath(path string) error {
	if path == "" {
		return fmt.Errorf("empty path")
	}
	for _, seg := range strings.Split(path, "/") {
		if seg == "" || seg == "." || seg == ".." {
			return fmt.Errorf("path segment %q is not allowed", seg)
		}
	}
	for _, r := range path {
		if unicode.IsControl(r) || unicode.IsSpace(r) {
			return fmt.Errorf("path contains %q", r)
		}
	}
	return nil
}

// DocumentPath returns the path of a group-version's document: "api/v1" for
// the core group, "apis/<group>/<version>" otherwise.
func DocumentPath(group, version string) string {
	if group == "" {
		return "api/" + version
	}
	return "apis/" + group + "/" + version
}

// groupVersionOf is the inverse of DocumentPath; ok is false for the paths
// that are not group-version documents ("apis", "apis/apps", "version").
func groupVersionOf(path string) (group, version string, ok bool) {
	parts := strings.Split(path, "/")
	switch {
	case len(parts) == 2 && parts[0] == "api":
		return "", parts[1], true
	case len(parts) == 3 && parts[0] == "apis":
		return parts[1], parts[2], true
	}
	return "", "", false
}

// Paths returns the paths of all documents, sorted.
func (s *Schemas) Paths() []string {
	paths := make([]string, 0, len(s.docs))
	for p := range s.docs {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	return paths
}

// Document decodes (once) and returns the document at path.
func (s *Schemas) Document(path string) (*Document, error) {
	e, ok := s.docs[path]
	if !ok {
		return nil, fmt.Errorf("openapi/v3 document %s: %w", path, ErrNoDocument)
	}
	e.once.Do(func() { e.doc, e.err = decode(e.path, e.raw) })
	return e.doc, e.err
}

// Kinds returns the kinds of every group-version document, sorted by
// group-version and kind. It decodes every document.
func (s *Schemas) Kinds() ([]GVK, error) {
	var all []GVK
	for _, path := range s.Paths() {
		if _, _, ok := groupVersionOf(path); !ok {
			continue
		}
		d, err := s.Document(path)
		if err != nil {
			return nil, err
		}
		all = append(all, d.Kinds()...)
	}
	return all, nil
}

// Kind returns the field tree of one kind, decoding only the document of the
// kind's group-version. Errors wrap ErrNoDocument or ErrNoKind when the
// documents do not have the kind, and are an *Error when the document is
// broken.
func (s *Schemas) Kind(gvk GVK) (*model.KindSchema, error) {
	d, err := s.Document(DocumentPath(gvk.Group, gvk.Version))
	if err != nil {
		return nil, err
	}
	return d.Kind(gvk.Kind)
}
