package openapi

import (
	"encoding/json"
	"fmt"
	"regexp"
	"strings"
	"unique"

	"k8s.io/kube-openapi/pkg/validation/spec"

	"github.com/kube-apidocs/kube-apidocs/generator/model"
)

// validationsExtension holds a schema's CEL rules.
const validationsExtension = "x-kubernetes-validations"

// field describes property name of parent, without its children. p is the
// property's schema at pointer at.
func (w *walker) field(name string, p, parent *spec.Schema, at, prefix string) (model.Field, error) {
	path := name
	if prefix != "" {
		path = prefix + "." + name
	}
	f := model.Field{
		Name:     name,
		Path:     path,
		Type:     w.typeGuess(p, 0),
		Required: contains(parent.Required, name),
	}
	for _, s := range w.facets(p) {
		if f.Description == "" {
			f.Description = s.Description
		}
		if f.Format == "" {
			f.Format = s.Format
		}
		if f.Enum == nil {
			f.Enum = enumOf(s.Enum)
		}
		if f.Default == "" {
			f.Default = defaultOf(s.Default)
		}
		if f.Validations == nil {
			v, err := validationsOf(s)
			if err != nil {
				return model.Field{}, &Error{Document: w.doc.path, Pointer: child(at, validationsExtension), Err: err}
			}
			f.Validations = v
		}
	}
	f.Deprecated = deprecated(f.Description)
	f.Name, f.Path, f.Type = intern(f.Name), intern(f.Path), intern(f.Type)
	f.Description, f.Format, f.Default = intern(f.Description), intern(f.Format), intern(f.Default)
	return f, nil
}

// intern returns the one copy of s that every field tree shares. Each
// group-version document repeats the descriptions of the types it uses:
// in a 3,000-CRD recording the names, paths, types and descriptions of the
// trees of every kind its documents describe are 104 MB of strings, 1.1 MB
// of them distinct, and the site's views hold them for the whole render.
func intern(s string) string {
	return unique.Make(s).Value()
}

// facets returns the schemas that describe one field, the field's own
// first: the property, the component its $ref names, and each allOf member
// and its component. The first non-empty description, format, enum,
// default and rule set wins. kube-apiserver puts a field's description on
// the allOf wrapper and its format (int-or-string, date-time) on the
// component.
func (w *walker) facets(p *spec.Schema) []*spec.Schema {
	out := []*spec.Schema{p}
	if r := w.doc.lookup(p); r != nil {
		out = append(out, r)
	}
	for i := range p.AllOf {
		a := &p.AllOf[i]
		out = append(out, a)
		if r := w.doc.lookup(a); r != nil {
			out = append(out, r)
		}
	}
	return out
}

// maxTypeDepth bounds typeGuess on hostile nesting ([][][]…).
const maxTypeDepth = 64

// typeGuess prints a schema's type the way kubectl's "typeGuess" template
// does: []T for arrays, map[string]T for maps, the component's last name
// segment for a $ref to an object, the $ref's primitive type otherwise,
// "Object" for objects and schemas without a type.
func (w *walker) typeGuess(s *spec.Schema, depth int) string {
	if depth > maxTypeDepth {
		return "Object"
	}
	switch {
	case itemsOf(s) != nil:
		return "[]" + w.typeGuess(itemsOf(s), depth+1)
	case valuesOf(s) != nil:
		return "map[string]" + w.typeGuess(valuesOf(s), depth+1)
	case len(s.AllOf) == 1 && len(s.Properties) == 0:
		return w.typeGuess(&s.AllOf[0], depth+1)
	case s.Ref.String() != "":
		target := w.doc.lookup(s)
		if target == nil || typeOf(target) == "" || typeOf(target) == "object" {
			ref := s.Ref.String()
			name := ref[strings.LastIndex(ref, "/")+1:]
			if name = name[strings.LastIndex(name, ".")+1:]; name != "" {
				return name
			}
			return "Object"
		}
		return typeOf(target)
	case typeOf(s) == "" || typeOf(s) == "object":
		return "Object"
	}
	return typeOf(s)
}

// typeOf returns the schema's type; a list of types (not written by
// kube-apiserver) is joined with "|".
func typeOf(s *spec.Schema) string {
	return strings.Join(s.Type, "|")
}

// enumOf prints enum values: strings as they are, other values as JSON.
func enumOf(values []interface{}) []string {
	if len(values) == 0 {
		return nil
	}
	out := make([]string, len(values))
	for i, v := range values {
		if s, ok := v.(string); ok {
			out[i] = s
			continue
		}
		b, err := json.Marshal(v)
		if err != nil {
			b = []byte(fmt.Sprint(v))
		}
		out[i] = string(b)
	}
	return out
}

// defaultOf prints a default as JSON text, or "" when it is absent or a Go
// zero value ("", 0, false, {}, [], null), which says nothing a reader
// would not assume.
func defaultOf(v interface{}) string {
	switch t := v.(type) {
	case nil:
		return ""
	case string:
		if t == "" {
			return ""
		}
	case bool:
		if !t {
			return ""
		}
	case float64:
		if t == 0 {
			return ""
		}
	case map[string]interface{}:
		if len(t) == 0 {
			return ""
		}
	case []interface{}:
		if len(t) == 0 {
			return ""
		}
	}
	b, err := json.Marshal(v)
	if err != nil {
		return ""
	}
	return string(b)
}

// validationsOf reads x-kubernetes-validations.
func validationsOf(s *spec.Schema) ([]model.Validation, error) {
	v, ok := s.Extensions[validationsExtension]
	if !ok || v == nil {
		return nil, nil
	}
	list, ok := v.([]interface{})
	if !ok {
		return nil, fmt.Errorf("want a list of rules, got %s", jsonType(v))
	}
	out := make([]model.Validation, 0, len(list))
	for i, item := range list {
		m, ok := item.(map[string]interface{})
		if !ok {
			return nil, fmt.Errorf("item %d: want an object, got %s", i, jsonType(item))
		}
		rule, ok := m["rule"].(string)
		if !ok {
			return nil, fmt.Errorf("item %d: rule: want a string, got %s", i, jsonType(m["rule"]))
		}
		message, ok := m["message"].(string)
		if !ok && m["message"] != nil {
			return nil, fmt.Errorf("item %d: message: want a string, got %s", i, jsonType(m["message"]))
		}
		out = append(out, model.Validation{Rule: rule, Message: message})
	}
	return out, nil
}

// deprecatedText matches the ways Kubernetes descriptions mark a field
// deprecated: "Deprecated: …", "DEPRECATED …", "Deprecated. …", "This field
// is deprecated", "… and now is deprecated". A description that only says
// some other thing "is deprecated" (a CRD version's "deprecated" flag) does
// not count.
var deprecatedText = regexp.MustCompile(`(?:^|[\s(])(?:Deprecated[:.,]|DEPRECATED)|^Deprecated\b|\b(?:field|value|annotation|option) (?:is|has been) deprecated\b|\b(?:now is|is now) deprecated\b`)

// deprecated reports whether a description says the field is deprecated.
func deprecated(description string) bool {
	// The check first spares the regexp (slow on long descriptions) for
	// the descriptions that cannot match.
	if !strings.Contains(description, "eprecated") && !strings.Contains(description, "DEPRECATED") {
		return false
	}
	return deprecatedText.MatchString(description)
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
