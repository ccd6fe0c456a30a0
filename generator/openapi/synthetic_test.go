package openapi_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/kube-apidocs/kube-apidocs/generator/model"
	"github.com/kube-apidocs/kube-apidocs/generator/openapi"
)

// doc returns an OpenAPI v3 document of group example.com/v1 whose
// components are the given JSON objects.
func doc(components map[string]string) []byte {
	var parts []string
	for name, body := range components {
		parts = append(parts, fmt.Sprintf("%q: %s", name, body))
	}
	return []byte(`{"openapi": "3.0.0", "info": {"title": "Kubernetes", "version": "v1.33.13"}, "paths": {},
		"components": {"schemas": {` + strings.Join(parts, ",") + `}}}`)
}

const gvkWidget = `"x-kubernetes-group-version-kind": [{"group": "example.com", "version": "v1", "kind": "Widget"}]`

var widget = openapi.GVK{Group: "example.com", Version: "v1", Kind: "Widget"}

func kindOf(t *testing.T, components map[string]string) (*model.KindSchema, error) {
	t.Helper()
	s, err := openapi.Parse(map[string][]byte{"apis/example.com/v1": doc(components)})
	if err != nil {
		t.Fatal(err)
	}
	return s.Kind(widget)
}

// TestFacets pins the facets a CRD schema can carry: CEL rules with their
// messages, defaults (zero values dropped), non-string enums, int-or-string,
// and a component that refers to itself.
func TestFacets(t *testing.T) {
	k, err := kindOf(t, map[string]string{
		"Widget": `{"type": "object", ` + gvkWidget + `, "properties": {
			"spec": {"type": "object", "required": ["size"],
				"x-kubernetes-validations": [{"rule": "self.size <= 10", "message": "too big"}, {"rule": "has(self.color)"}],
				"properties": {
					"size": {"type": "integer", "default": 3, "enum": [1, 3, 5]},
					"zero": {"type": "integer", "default": 0},
					"empty": {"type": "object", "default": {}},
					"color": {"type": "string", "default": "red", "description": "Deprecated: use paint."},
					"port": {"x-kubernetes-int-or-string": true, "anyOf": [{"type": "integer"}, {"type": "string"}]},
					"list": {"type": "array", "items": {}},
					"tree": {"$ref": "#/components/schemas/Node"}}}}}`,
		"Node": `{"type": "object", "description": "A node.", "properties": {
			"children": {"type": "array", "items": {"$ref": "#/components/schemas/Node"}},
			"name": {"type": "string"}}}`,
	})
	if err != nil {
		t.Fatal(err)
	}
	spec, _ := k.Field("spec")
	if want := []model.Validation{{Rule: "self.size <= 10", Message: "too big"}, {Rule: "has(self.color)"}}; !reflect.DeepEqual(spec.Validations, want) {
		t.Errorf("spec validations = %+v, want %+v", spec.Validations, want)
	}
	got := map[string]string{}
	k.Walk(func(f model.Field) bool {
		got[f.Path] = fmt.Sprintf("%s req=%v default=%s enum=%q deprecated=%v recursive=%s desc=%q",
			f.Type, f.Required, f.Default, f.Enum, f.Deprecated, f.RecursiveRef, f.Description)
		return true
	})
	want := map[string]string{
		"spec":               `Object req=false default= enum=[] deprecated=false recursive= desc=""`,
		"spec.size":          `integer req=true default=3 enum=["1" "3" "5"] deprecated=false recursive= desc=""`,
		"spec.zero":          `integer req=false default= enum=[] deprecated=false recursive= desc=""`,
		"spec.empty":         `Object req=false default= enum=[] deprecated=false recursive= desc=""`,
		"spec.color":         `string req=false default="red" enum=[] deprecated=true recursive= desc="Deprecated: use paint."`,
		"spec.port":          `Object req=false default= enum=[] deprecated=false recursive= desc=""`,
		"spec.list":          `array req=false default= enum=[] deprecated=false recursive= desc=""`,
		"spec.tree":          `Node req=false default= enum=[] deprecated=false recursive= desc="A node."`,
		"spec.tree.children": `[]Node req=false default= enum=[] deprecated=false recursive=Node desc=""`,
		"spec.tree.name":     `string req=false default= enum=[] deprecated=false recursive= desc=""`,
	}
	if !reflect.DeepEqual(got, want) {
		for p := range want {
			if got[p] != want[p] {
				t.Errorf("%s:\n got  %s\n want %s", p, got[p], want[p])
			}
		}
		for p := range got {
			if _, ok := want[p]; !ok {
				t.Errorf("unexpected field %s: %s", p, got[p])
			}
		}
	}
}

// TestBrokenDocuments pins the one-line error for each way a document can
// be wrong; each names the document and the JSON pointer.
func TestBrokenDocuments(t *testing.T) {
	ok := `{"type": "object", ` + gvkWidget + `, "properties": {"spec": %s}}`
	tests := []struct {
		name       string
		components map[string]string
		raw        string
		want       string
	}{
		{name: "not JSON", raw: `{"openapi": `,
			want: "openapi/v3 document apis/example.com/v1: not an OpenAPI v3 document: "},
		{name: "dangling ref", components: map[string]string{"Widget": fmt.Sprintf(ok, `{"allOf": [{"$ref": "#/components/schemas/Gone"}]}`)},
			want: `openapi/v3 document apis/example.com/v1: #/components/schemas/Widget/properties/spec/allOf/0: $ref "#/components/schemas/Gone": no such schema component`},
		{name: "remote ref", components: map[string]string{"Widget": fmt.Sprintf(ok, `{"$ref": "https://example.com/x.json#/Y"}`)},
			want: `openapi/v3 document apis/example.com/v1: #/components/schemas/Widget/properties/spec: $ref "https://example.com/x.json#/Y": only #/components/schemas/NAME is supported`},
		{name: "gvk not a list", components: map[string]string{"Widget": `{"x-kubernetes-group-version-kind": {"kind": "Widget"}}`},
			want: "openapi/v3 document apis/example.com/v1: #/components/schemas/Widget/x-kubernetes-group-version-kind: want a list of {group, version, kind}, got an object"},
		{name: "gvk kind not a string", components: map[string]string{"Widget": `{"x-kubernetes-group-version-kind": [{"version": "v1", "kind": 7}]}`},
			want: "openapi/v3 document apis/example.com/v1: #/components/schemas/Widget/x-kubernetes-group-version-kind: item 0: kind: want a string, got a number"},
		{name: "rule not a string", components: map[string]string{"Widget": fmt.Sprintf(ok, `{"x-kubernetes-validations": [{"rule": true}]}`)},
			want: "openapi/v3 document apis/example.com/v1: #/components/schemas/Widget/properties/spec/x-kubernetes-validations: item 0: rule: want a string, got a boolean"},
		{name: "component name with slash", components: map[string]string{"Widget": fmt.Sprintf(ok, `{"$ref": "#/components/schemas/a~1b"}`), "a/b": `{"properties": {"x": {"type": "string"}}}`},
			want: ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			raw := []byte(tt.raw)
			if tt.raw == "" {
				raw = doc(tt.components)
			}
			s, err := openapi.Parse(map[string][]byte{"apis/example.com/v1": raw})
			if err != nil {
				t.Fatal(err)
			}
			_, err = s.Kind(widget)
			if tt.want == "" {
				if err != nil {
					t.Fatalf("unexpected error: %v", err)
				}
				return
			}
			var docErr *openapi.Error
			if err == nil || !errors.As(err, &docErr) || !strings.HasPrefix(err.Error(), tt.want) || strings.Contains(err.Error(), "\n") {
				t.Fatalf("err = %v\nwant %s", err, tt.want)
			}
			if testing.Verbose() {
				t.Log(err)
			}
		})
	}
}

// TestParseRefusesBadPaths pins that keys that could escape a folder or
// hold control characters are refused before anything is decoded.
func TestParseRefusesBadPaths(t *testing.T) {
	for path, want := range map[string]string{
		"":                 `openapi/v3 document "": empty path`,
		"apis/../etc":      `openapi/v3 document "apis/../etc": path segment ".." is not allowed`,
		"/api/v1":          `openapi/v3 document "/api/v1": path segment "" is not allowed`,
		"api/v1\n":         `openapi/v3 document "api/v1\n": path contains '\n'`,
		"apis/apps/v1 foo": `openapi/v3 document "apis/apps/v1 foo": path contains ' '`,
	} {
		if _, err := openapi.Parse(map[string][]byte{path: []byte("{}")}); err == nil || err.Error() != want {
			t.Errorf("Parse(%q): err = %v, want %s", path, err, want)
		}
	}
}

// TestLazy pins that asking for one kind decodes only its group-version's
// document: a broken document of another group-version does not matter
// until one of its kinds is asked for.
func TestLazy(t *testing.T) {
	s, err := openapi.Parse(map[string][]byte{
		"apis/example.com/v1": doc(map[string]string{"Widget": `{"type": "object", ` + gvkWidget + `}`}),
		"apis/broken.com/v1":  []byte("not json"),
	})
	if err != nil {
		t.Fatal(err)
	}
	if k, err := s.Kind(widget); err != nil || k.Kind != "Widget" {
		t.Fatalf("Kind(Widget) = %v, %v", k, err)
	}
	if _, err := s.Kinds(); err == nil || !strings.HasPrefix(err.Error(), "openapi/v3 document apis/broken.com/v1: not an OpenAPI v3 document") {
		t.Errorf("Kinds(): err = %v", err)
	}
}

// TestFanOutLimit pins that a document whose components fan out (each
// refers to the next twice, through properties or through allOf, which adds
// no fields) is refused instead of exhausting memory or time.
func TestFanOutLimit(t *testing.T) {
	for name, shape := range map[string]string{
		"properties": `{"properties": {"a": {"$ref": %[1]s}, "b": {"$ref": %[1]s}}}`,
		"allOf":      `{"allOf": [{"$ref": %[1]s}, {"$ref": %[1]s}]}`,
	} {
		components := map[string]string{"Widget": `{"type": "object", ` + gvkWidget + `, "properties": {"a": {"$ref": "#/components/schemas/C0"}}}`}
		for i := 0; i < 40; i++ {
			next, _ := json.Marshal(fmt.Sprintf("#/components/schemas/C%d", i+1))
			components[fmt.Sprintf("C%d", i)] = fmt.Sprintf(shape, next)
		}
		components["C40"] = `{"type": "string"}`
		_, err := kindOf(t, components)
		want := fmt.Sprintf("openapi/v3 document apis/example.com/v1: #/components/schemas/Widget: the kind's schema expands to more than %d fields and subschemas", openapi.MaxFields)
		if err == nil || err.Error() != want {
			t.Errorf("%s: err = %v, want %s", name, err, want)
		}
	}
}
