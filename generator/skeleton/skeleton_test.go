package skeleton

import (
	"strings"
	"testing"

	"github.com/kube-apidocs/kube-apidocs/generator/model"
	"github.com/kube-apidocs/kube-apidocs/generator/openapi"
	"github.com/kube-apidocs/kube-apidocs/generator/openapi/openapitest"
)

func schemas(t *testing.T, rec string) *openapi.Schemas {
	t.Helper()
	docs, _, err := openapitest.Load(openapitest.Dir(rec))
	if err != nil {
		t.Fatal(err)
	}
	s, err := openapi.Parse(docs)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// TestPinnedSkeletons pins the exact manifest of a few kinds built from the
// real v1.33.13 schemas (e2e/skeleton_test.go shows the server accepts
// them).
func TestPinnedSkeletons(t *testing.T) {
	s := schemas(t, "v1.33.13-crds")
	tests := []struct {
		gvk  openapi.GVK
		want string
	}{
		{openapi.GVK{Version: "v1", Kind: "Pod"}, `apiVersion: v1
kind: Pod
metadata:
  name: example
spec:
  containers:
    - name: example
      image: registry.k8s.io/pause:3.10
`},
		{openapi.GVK{Group: "apps", Version: "v1", Kind: "Deployment"}, `apiVersion: apps/v1
kind: Deployment
metadata:
  name: example
spec:
  selector:
    matchLabels:
      app: example
  template:
    metadata:
      labels:
        app: example
    spec:
      containers:
        - name: example
          image: registry.k8s.io/pause:3.10
`},
		{openapi.GVK{Version: "v1", Kind: "Service"}, `apiVersion: v1
kind: Service
metadata:
  name: example
spec:
  ports:
    - port: 80
`},
		{openapi.GVK{Group: "rbac.authorization.k8s.io", Version: "v1", Kind: "RoleBinding"}, `apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: example
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ClusterRole
  name: example
subjects:
  - kind: ServiceAccount
    name: example
    namespace: default
`},
		{openapi.GVK{Group: "networking.k8s.io", Version: "v1", Kind: "ServiceCIDR"}, `apiVersion: networking.k8s.io/v1
kind: ServiceCIDR
metadata:
  name: example
spec:
  cidrs:
    - 192.0.2.0/24
`},
		{openapi.GVK{Group: "stable.example.com", Version: "v1", Kind: "Widget"}, `apiVersion: stable.example.com/v1
kind: Widget
metadata:
  name: example
`},
	}
	for _, tt := range tests {
		k, err := s.Kind(tt.gvk)
		if err != nil {
			t.Fatal(err)
		}
		for i := 0; i < 2; i++ { // the second build shows nothing is shared
			m, err := Build(k)
			if err != nil {
				t.Fatal(err)
			}
			if m.YAML != tt.want || m.Reason != "" {
				t.Errorf("%v (build %d):\n%s%s\nwant\n%s", tt.gvk, i+1, m.YAML, m.Reason, tt.want)
			}
		}
	}
	k, _ := s.Kind(openapi.GVK{Version: "v1", Kind: "Binding"})
	if m, err := Build(k); err != nil || m.YAML != "" || !strings.HasPrefix(m.Reason, "A Binding assigns an existing pod") {
		t.Errorf("Binding: %+v, %v", m, err)
	}
}

// TestPlaceholdersFitTheSchemas keeps placeholders.yaml honest: every kind
// it names exists in one of the recordings, and every path it sets exists
// in that kind's schema (a path the schema lacks would be skipped).
func TestPlaceholdersFitTheSchemas(t *testing.T) {
	found := map[string]bool{}
	for _, rec := range []string{"v1.33.13-crds", "v1.29.6-crds"} {
		s := schemas(t, rec)
		kinds, err := s.Kinds()
		if err != nil {
			t.Fatal(err)
		}
		for _, g := range kinds {
			k, err := s.Kind(g)
			if err != nil {
				t.Fatal(err)
			}
			_, inKinds := catalog().Kinds[key(k)]
			_, inNone := catalog().None[key(k)]
			if !inKinds && !inNone {
				continue
			}
			found[key(k)] = true
			m, skipped, err := build(k)
			if err != nil || len(skipped) > 0 {
				t.Errorf("%s %s: paths not in the schema %q, err %v", rec, key(k), skipped, err)
			}
			if (m.YAML == "") == (m.Reason == "") {
				t.Errorf("%s %s: want exactly one of YAML and Reason: %+v", rec, key(k), m)
			}
		}
	}
	for _, names := range []map[string]bool{keys(catalog().Kinds), keys(catalog().None)} {
		for name := range names {
			if !found[name] {
				t.Errorf("placeholders.yaml names %q, which no recording has", name)
			}
		}
	}
	if len(found) < 55 {
		t.Errorf("only %d kinds of placeholders.yaml found in the recordings", len(found))
	}
}

func keys[V any](m map[string]V) map[string]bool {
	out := map[string]bool{}
	for k := range m {
		out[k] = true
	}
	return out
}

// TestGenericRules pins the placeholders of the generic rules on a kind
// placeholders.yaml does not know.
func TestGenericRules(t *testing.T) {
	k := &model.KindSchema{Group: "example.com", Version: "v1", Kind: "Thing", Fields: []model.Field{
		{Name: "apiVersion", Type: "string"},
		{Name: "spec", Type: "Object", Required: true, Fields: []model.Field{
			{Name: "when", Type: "string", Format: "date-time", Required: true},
			{Name: "mode", Type: "string", Enum: []string{"", "Fast", "Slow"}, Required: true},
			{Name: "count", Type: "integer", Required: true},
			{Name: "optional", Type: "string"},
			{Name: "port", Type: "IntOrString", Format: "int-or-string", Required: true},
			{Name: "size", Type: "Quantity", Required: true},
			{Name: "labels", Type: "map[string]string", Required: true},
			{Name: "items", Type: "[]Item", Required: true, Fields: []model.Field{
				{Name: "name", Type: "string", Required: true},
				{Name: "weight", Type: "number"},
			}},
			{Name: "tags", Type: "[]string", Required: true},
			{Name: "on", Type: "boolean", Required: true},
			{Name: "self", Type: "Thing", Required: true, RecursiveRef: "Thing"},
		}},
	}}
	m, err := Build(k)
	if err != nil {
		t.Fatal(err)
	}
	want := `apiVersion: example.com/v1
kind: Thing
metadata:
  name: example
spec:
  count: 1
  items:
    - name: example
  labels:
    example: example
  mode: Fast
  "on": false
  port: 1
  self: {}
  size: "1"
  tags:
    - example
  when: "2024-01-01T00:00:00Z"
`
	if m.YAML != want {
		t.Errorf("got\n%s\nwant\n%s", m.YAML, want)
	}
}
