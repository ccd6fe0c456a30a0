package openapi

import (
	"fmt"
	"reflect"
	"sort"
	"strconv"

	"k8s.io/kube-openapi/pkg/validation/spec"

	"github.com/kube-apidocs/kube-apidocs/generator/model"
)

// MaxFields bounds the fields and subschemas visited for one kind's tree.
// Real kinds need a few thousand (a recursive Pod about 2,000 fields); a
// hostile document whose components fan out (through properties or allOf)
// would otherwise grow exponentially.
const MaxFields = 200_000

// limitError is returned when a tree grows past MaxFields.
type limitError struct{}

func (*limitError) Error() string {
	return fmt.Sprintf("the kind's schema expands to more than %d fields and subschemas", MaxFields)
}

// walker builds one kind's tree.
type walker struct {
	doc   *Document
	count int
}

// fieldList returns the fields kubectl's "fieldList" template lists for
// schema s (at pointer at) at one level: the properties of s or of the
// component its $ref names, then those reached through allOf, items and
// additionalProperties, all at the same level. history holds the $refs
// being expanded on the path from the root; a $ref already there is not
// expanded again, and is returned as recursive.
func (w *walker) fieldList(s *spec.Schema, at, prefix string, history []string) (fields []model.Field, recursive string, err error) {
	if w.count++; w.count > MaxFields {
		return nil, "", &limitError{}
	}
	if ref := s.Ref.String(); ref != "" {
		for _, seen := range history {
			if seen == ref {
				name, _ := componentName(s)
				return nil, name, nil
			}
		}
		history = append(history[:len(history):len(history)], ref)
	}
	r, rat, err := w.doc.resolve(s, at)
	if err != nil {
		return nil, "", err
	}
	if fields, err = w.properties(r, rat, prefix, history); err != nil {
		return nil, "", err
	}
	for _, next := range transparent(r, rat) {
		more, rec, err := w.fieldList(next.schema, next.at, prefix, history)
		if err != nil {
			return nil, "", err
		}
		fields = append(fields, more...)
		if recursive == "" {
			recursive = rec
		}
	}
	return fields, recursive, nil
}

// properties returns r's own properties in name order, each with its
// subtree.
func (w *walker) properties(r *spec.Schema, at, prefix string, history []string) ([]model.Field, error) {
	if len(r.Properties) == 0 {
		return nil, nil
	}
	names := make([]string, 0, len(r.Properties))
	for name := range r.Properties {
		names = append(names, name)
	}
	sort.Strings(names)
	fields := make([]model.Field, 0, len(names))
	for _, name := range names {
		if w.count++; w.count > MaxFields {
			return nil, &limitError{}
		}
		p := r.Properties[name]
		pat := child(child(at, "properties"), name)
		f, err := w.field(name, &p, r, pat, prefix)
		if err != nil {
			return nil, err
		}
		if f.Fields, f.RecursiveRef, err = w.fieldList(&p, pat, f.Path, history); err != nil {
			return nil, err
		}
		fields = append(fields, f)
	}
	return fields, nil
}

// located is a subschema with its JSON pointer.
type located struct {
	schema *spec.Schema
	at     string
}

// transparent returns the subschemas whose fields kubectl lists at the same
// level as r's own: every allOf member, the array items and the map values
// (additionalProperties that is a non-empty schema, not a boolean).
func transparent(r *spec.Schema, at string) []located {
	var out []located
	for i := range r.AllOf {
		out = append(out, located{&r.AllOf[i], child(child(at, "allOf"), strconv.Itoa(i))})
	}
	if items := itemsOf(r); items != nil {
		out = append(out, located{items, child(at, "items")})
	}
	if values := valuesOf(r); values != nil {
		out = append(out, located{values, child(at, "additionalProperties")})
	}
	return out
}

// itemsOf returns the array item schema where kubectl's template sees one:
// items that is a non-empty object. (OpenAPI v3 has no tuple form; a list
// of schemas is ignored.)
func itemsOf(s *spec.Schema) *spec.Schema {
	if s.Items == nil || isEmpty(s.Items.Schema) {
		return nil
	}
	return s.Items.Schema
}

// valuesOf returns the map value schema where kubectl's template sees one:
// additionalProperties that is a non-empty object, not true or false.
func valuesOf(s *spec.Schema) *spec.Schema {
	if s.AdditionalProperties == nil || isEmpty(s.AdditionalProperties.Schema) {
		return nil
	}
	return s.AdditionalProperties.Schema
}

// isEmpty reports whether s is absent or the empty schema {}, which
// kubectl's template treats as false.
func isEmpty(s *spec.Schema) bool {
	return s == nil || reflect.DeepEqual(*s, spec.Schema{})
}
