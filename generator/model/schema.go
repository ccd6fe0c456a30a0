package model

import "strings"

// KindSchema is the field tree of one kind in one group-version, as the
// server's OpenAPI v3 document describes it. Its fields are the fields
// `kubectl explain --recursive` prints for the kind, in the same order.
type KindSchema struct {
	// Group is the API group, "" for the core group.
	Group string `json:"group"`
	// Version is the version, for example "v1".
	Version string `json:"version"`
	// Kind is the kind, for example "Deployment".
	Kind string `json:"kind"`
	// Description is the kind's own description from its schema.
	Description string `json:"description,omitempty"`
	// Deprecated is true when the kind's description says the kind is
	// deprecated ("Deprecated: This API is deprecated in v1.19+").
	Deprecated bool `json:"deprecated,omitempty"`
	// Fields are the top-level fields (apiVersion, kind, metadata, spec …).
	Fields []Field `json:"fields,omitempty"`
}

// APIVersion returns the kind's apiVersion as a manifest spells it ("v1",
// "apps/v1").
func (k KindSchema) APIVersion() string { return GroupVersion(k.Group, k.Version) }

// Field is one field of a kind's tree. Arrays and maps are transparent, as
// in `kubectl explain`: the fields of a []Container are the children of the
// array field itself.
type Field struct {
	// Name is the field's JSON name ("containers").
	Name string `json:"name"`
	// Path is the dotted path from the kind's root, the argument `kubectl
	// explain` takes after the resource ("spec.template.spec.containers").
	// It doubles as the field's anchor.
	Path string `json:"path"`
	// Type is the type as `kubectl explain` prints it between angle
	// brackets: "string", "integer", "boolean", "Object", "[]Container",
	// "map[string]string", "IntOrString", "[]string" ….
	Type string `json:"type"`
	// Required is true when the enclosing object lists the field as
	// required (kubectl's "-required-").
	Required bool `json:"required,omitempty"`
	// Description is the field's own description, or, where it has none,
	// the description of its type (the schema its $ref names); empty when
	// neither has one.
	Description string `json:"description,omitempty"`
	// Format is the OpenAPI format ("int32", "date-time", "int-or-string").
	Format string `json:"format,omitempty"`
	// Enum lists the allowed values in the schema's order: strings as they
	// are (the empty string included), other values as JSON text.
	Enum []string `json:"enum,omitempty"`
	// Default is the schema's default as JSON text; empty when the schema
	// has none or when it is a Go zero value ("", 0, false, {}, []).
	Default string `json:"default,omitempty"`
	// Validations are the CEL rules of x-kubernetes-validations.
	Validations []Validation `json:"validations,omitempty"`
	// Deprecated is true when the description says the field is
	// deprecated.
	Deprecated bool `json:"deprecated,omitempty"`
	// Fields are the field's children; empty for scalars and for fields
	// whose schema recurses (see RecursiveRef).
	Fields []Field `json:"fields,omitempty"`
	// RecursiveRef names the schema component ("io.k8s.apiextensions-
	// apiserver.pkg.apis.apiextensions.v1.JSONSchemaProps") where the tree
	// stops because that component is already being expanded on the path
	// from the root, which is where `kubectl explain --recursive` stops.
	// Empty for fields that are expanded in full.
	RecursiveRef string `json:"recursiveRef,omitempty"`
}

// Validation is one x-kubernetes-validations rule of a field.
type Validation struct {
	// Rule is the CEL expression.
	Rule string `json:"rule"`
	// Message is the message the server returns when the rule fails; may be
	// empty.
	Message string `json:"message,omitempty"`
}

// IsArray reports whether the field is a list ("[]…").
func (f Field) IsArray() bool { return strings.HasPrefix(f.Type, "[]") }

// IsMap reports whether the field is a map ("map[string]…").
func (f Field) IsMap() bool { return strings.HasPrefix(f.Type, "map[") }

// Field returns the direct child with the given name.
func (f Field) Field(name string) (Field, bool) { return findField(f.Fields, name) }

// Field returns the top-level field with the given name.
func (k KindSchema) Field(name string) (Field, bool) { return findField(k.Fields, name) }

// Lookup returns the field at a dotted path ("spec.template.spec"), the
// path `kubectl explain` takes.
func (k KindSchema) Lookup(path string) (Field, bool) {
	fields := k.Fields
	var f Field
	for _, name := range strings.Split(path, ".") {
		var ok bool
		if f, ok = findField(fields, name); !ok {
			return Field{}, false
		}
		fields = f.Fields
	}
	return f, true
}

// Walk calls fn for every field of the tree, parents before their children,
// in the tree's order; it stops early when fn returns false.
func (k KindSchema) Walk(fn func(Field) bool) {
	walkFields(k.Fields, fn)
}

func walkFields(fields []Field, fn func(Field) bool) bool {
	for _, f := range fields {
		if !fn(f) || !walkFields(f.Fields, fn) {
			return false
		}
	}
	return true
}

func findField(fields []Field, name string) (Field, bool) {
	for _, f := range fields {
		if f.Name == name {
			return f, true
		}
	}
	return Field{}, false
}
