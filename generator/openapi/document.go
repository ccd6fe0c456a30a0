package openapi

import (
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strings"

	"k8s.io/kube-openapi/pkg/spec3"
	"k8s.io/kube-openapi/pkg/validation/spec"

	"github.com/kube-apidocs/kube-apidocs/generator/model"
)

// gvkExtension lists the kinds a schema component is the schema of.
const gvkExtension = "x-kubernetes-group-version-kind"

// componentsPrefix is the only form of $ref kube-apiserver writes.
const componentsPrefix = "/components/schemas/"

// Document is one decoded group-version document.
type Document struct {
	path           string
	group, version string
	schemas        map[string]*spec.Schema
	// kinds maps a kind of the document's own group-version to the name of
	// its schema component.
	kinds map[string]string
}

// components is the part of a spec3.OpenAPI document the trees need: the
// paths (about half of a document) are skipped.
type components struct {
	Components *spec3.Components `json:"components,omitempty"`
}

// decode decodes one document's components with kube-openapi's types, as
// client-go's openapi3 root does, and indexes its kinds.
func decode(path string, raw []byte) (*Document, error) {
	var api components
	if err := json.Unmarshal(raw, &api); err != nil {
		return nil, &Error{Document: path, Err: fmt.Errorf("not an OpenAPI v3 document: %w", err)}
	}
	d := &Document{path: path, kinds: map[string]string{}}
	if api.Components != nil {
		d.schemas = api.Components.Schemas
	}
	group, version, ok := groupVersionOf(path)
	if !ok {
		return d, nil
	}
	d.group, d.version = group, version
	if err := d.indexKinds(); err != nil {
		return nil, err
	}
	return d, nil
}

// indexKinds finds the component of each kind of the document's
// group-version. Components are visited in name order and the first wins,
// as in kubectl's template.
func (d *Document) indexKinds() error {
	names := make([]string, 0, len(d.schemas))
	for name := range d.schemas {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		s := d.schemas[name]
		if s == nil {
			continue
		}
		gvks, err := gvksOf(s)
		if err != nil {
			return &Error{Document: d.path, Pointer: child(componentPointer(name), gvkExtension), Err: err}
		}
		for _, g := range gvks {
			if g.Group != d.group || g.Version != d.version {
				continue
			}
			if _, seen := d.kinds[g.Kind]; !seen {
				d.kinds[g.Kind] = name
			}
		}
	}
	return nil
}

// gvksOf reads x-kubernetes-group-version-kind.
func gvksOf(s *spec.Schema) ([]GVK, error) {
	v, ok := s.Extensions[gvkExtension]
	if !ok {
		return nil, nil
	}
	list, ok := v.([]interface{})
	if !ok {
		return nil, fmt.Errorf("want a list of {group, version, kind}, got %s", jsonType(v))
	}
	out := make([]GVK, 0, len(list))
	for i, item := range list {
		m, ok := item.(map[string]interface{})
		if !ok {
			return nil, fmt.Errorf("item %d: want an object, got %s", i, jsonType(item))
		}
		var g GVK
		for key, dst := range map[string]*string{"group": &g.Group, "version": &g.Version, "kind": &g.Kind} {
			str, ok := m[key].(string)
			if !ok && m[key] != nil {
				return nil, fmt.Errorf("item %d: %s: want a string, got %s", i, key, jsonType(m[key]))
			}
			*dst = str
		}
		if g.Version == "" || g.Kind == "" {
			return nil, fmt.Errorf("item %d: version and kind must not be empty", i)
		}
		out = append(out, g)
	}
	return out, nil
}

// jsonType names the JSON type of a decoded value.
func jsonType(v interface{}) string {
	switch v.(type) {
	case nil:
		return "null"
	case string:
		return "a string"
	case bool:
		return "a boolean"
	case float64, json.Number, int64:
		return "a number"
	case []interface{}:
		return "a list"
	case map[string]interface{}:
		return "an object"
	}
	return fmt.Sprintf("%T", v)
}

// Path returns the document's path ("apis/apps/v1").
func (d *Document) Path() string { return d.path }

// Kinds returns the kinds of the document's own group-version, sorted.
// Components of other group-versions that a document carries (meta/v1
// DeleteOptions lists every group) are not kinds of the document.
func (d *Document) Kinds() []GVK {
	out := make([]GVK, 0, len(d.kinds))
	for kind := range d.kinds {
		out = append(out, GVK{Group: d.group, Version: d.version, Kind: kind})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Kind < out[j].Kind })
	return out
}

// Kind builds the field tree of one kind of the document.
func (d *Document) Kind(kind string) (*model.KindSchema, error) {
	name, ok := d.kinds[kind]
	if !ok {
		return nil, fmt.Errorf("openapi/v3 document %s: kind %q: %w", d.path, kind, ErrNoKind)
	}
	w := &walker{doc: d}
	root := d.schemas[name]
	fields, _, err := w.fieldList(root, componentPointer(name), "", nil)
	if err != nil {
		var limit *limitError
		if errors.As(err, &limit) {
			return nil, &Error{Document: d.path, Pointer: componentPointer(name), Err: err}
		}
		return nil, err
	}
	return &model.KindSchema{
		Group:       d.group,
		Version:     d.version,
		Kind:        kind,
		Description: root.Description,
		Deprecated:  deprecated(root.Description),
		Fields:      fields,
	}, nil
}

// resolve returns the component a schema's $ref names, with its pointer;
// a schema without $ref resolves to itself. at is the pointer of s, for
// errors.
func (d *Document) resolve(s *spec.Schema, at string) (*spec.Schema, string, error) {
	ref := s.Ref.String()
	if ref == "" {
		return s, at, nil
	}
	name, ok := componentName(s)
	if !ok {
		return nil, "", &Error{Document: d.path, Pointer: at, Err: fmt.Errorf("$ref %q: only #/components/schemas/NAME is supported", ref)}
	}
	target := d.schemas[name]
	if target == nil {
		return nil, "", &Error{Document: d.path, Pointer: at, Err: fmt.Errorf("$ref %q: no such schema component", ref)}
	}
	return target, componentPointer(name), nil
}

// lookup is resolve without errors, for type names: nil when the $ref does
// not resolve.
func (d *Document) lookup(s *spec.Schema) *spec.Schema {
	name, ok := componentName(s)
	if !ok {
		return nil
	}
	return d.schemas[name]
}

// componentName returns the component a local $ref names.
func componentName(s *spec.Schema) (string, bool) {
	if !s.Ref.HasFragmentOnly || s.Ref.GetURL() == nil {
		return "", false
	}
	fragment := s.Ref.GetURL().Fragment
	if !strings.HasPrefix(fragment, componentsPrefix) {
		return "", false
	}
	name := strings.TrimPrefix(fragment, componentsPrefix)
	if name == "" || strings.Contains(name, "/") {
		return "", false
	}
	return pointerUnescaper.Replace(name), true
}
