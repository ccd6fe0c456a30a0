package openapi_test

import (
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/kube-apidocs/kube-apidocs/generator/model"
	"github.com/kube-apidocs/kube-apidocs/generator/openapi"
	"github.com/kube-apidocs/kube-apidocs/generator/openapi/openapitest"
)

func load(t *testing.T, rec string) *openapi.Schemas {
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

func lookup(t *testing.T, s *openapi.Schemas, gvk openapi.GVK, path string) model.Field {
	t.Helper()
	k, err := s.Kind(gvk)
	if err != nil {
		t.Fatal(err)
	}
	f, ok := k.Lookup(path)
	if !ok {
		t.Fatalf("%v has no field %s", gvk, path)
	}
	return f
}

// TestPinnedFields pins what the real v1.33.13 documents say about a few
// fields, in every facet the model has.
func TestPinnedFields(t *testing.T) {
	s := load(t, "v1.33.13-crds")
	pod := openapi.GVK{Version: "v1", Kind: "Pod"}
	svc := openapi.GVK{Version: "v1", Kind: "Service"}
	deploy := openapi.GVK{Group: "apps", Version: "v1", Kind: "Deployment"}
	crd := openapi.GVK{Group: "apiextensions.k8s.io", Version: "v1", Kind: "CustomResourceDefinition"}
	tests := []struct {
		gvk  openapi.GVK
		path string
		want model.Field
	}{
		{pod, "spec.containers", model.Field{Name: "containers", Type: "[]Container", Required: true}},
		{pod, "spec.containers.name", model.Field{Name: "name", Type: "string", Required: true}},
		{pod, "spec.containers.ports.protocol", model.Field{Name: "protocol", Type: "string", Default: `"TCP"`, Enum: []string{"SCTP", "TCP", "UDP"}}},
		{pod, "metadata.labels", model.Field{Name: "labels", Type: "map[string]string"}},
		{pod, "metadata.creationTimestamp", model.Field{Name: "creationTimestamp", Type: "string", Format: "date-time"}},
		{pod, "spec.overhead", model.Field{Name: "overhead", Type: "map[string]Quantity"}},
		{pod, "spec.serviceAccount", model.Field{Name: "serviceAccount", Type: "string", Deprecated: true}},
		{pod, "spec.serviceAccountName", model.Field{Name: "serviceAccountName", Type: "string"}},
		{deploy, "spec.template", model.Field{Name: "template", Type: "PodTemplateSpec", Required: true}},
		{deploy, "spec.selector", model.Field{Name: "selector", Type: "LabelSelector", Required: true}},
		{svc, "spec.type", model.Field{Name: "type", Type: "string", Enum: []string{"ClusterIP", "ExternalName", "LoadBalancer", "NodePort"}}},
		{svc, "spec.ports.port", model.Field{Name: "port", Type: "integer", Format: "int32", Required: true}},
		{svc, "spec.ports.targetPort", model.Field{Name: "targetPort", Type: "IntOrString", Format: "int-or-string"}},
		{crd, "spec.versions.schema.openAPIV3Schema.properties", model.Field{Name: "properties", Type: "map[string]JSONSchemaProps",
			RecursiveRef: "io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.JSONSchemaProps"}},
	}
	for _, tt := range tests {
		got := lookup(t, s, tt.gvk, tt.path)
		if got.Path != tt.path {
			t.Errorf("%v %s: Path = %q", tt.gvk, tt.path, got.Path)
		}
		if got.Description == "" && tt.gvk != crd {
			t.Errorf("%v %s: no description", tt.gvk, tt.path)
		}
		got.Path, got.Description, got.Fields = "", "", nil
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%v %s:\n got  %+v\n want %+v", tt.gvk, tt.path, got, tt.want)
		}
	}
	if f := lookup(t, s, pod, "spec.containers"); len(f.Fields) == 0 || f.Fields[0].Path != "spec.containers.args" {
		t.Errorf("spec.containers children start %+v, want spec.containers.args", f.Fields[:1])
	}
	k, _ := s.Kind(pod)
	if !strings.HasPrefix(k.Description, "Pod is a collection of containers") || k.APIVersion() != "v1" {
		t.Errorf("Pod: APIVersion %q, description %.40q", k.APIVersion(), k.Description)
	}
}

// TestKindsOfOwnGroupVersion pins that a document's kinds are those of its
// own group-version only (apps/v1 carries autoscaling/v1 Scale, and
// DeleteOptions lists every group-version), as kubectl explain looks them up.
func TestKindsOfOwnGroupVersion(t *testing.T) {
	s := load(t, "v1.33.13-crds")
	d, err := s.Document("apis/apps/v1")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, g := range d.Kinds() {
		if !strings.HasSuffix(g.Kind, "List") {
			got = append(got, g.String())
		}
	}
	want := []string{"apps/v1, Kind=ControllerRevision", "apps/v1, Kind=DaemonSet", "apps/v1, Kind=DeleteOptions",
		"apps/v1, Kind=Deployment", "apps/v1, Kind=ReplicaSet", "apps/v1, Kind=StatefulSet", "apps/v1, Kind=WatchEvent"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("kinds\n got  %q\n want %q", got, want)
	}
	// Scale is served only as a subresource; its schema sits in the
	// documents of the parents, which kubectl explain never searches.
	if _, err := s.Kind(openapi.GVK{Group: "autoscaling", Version: "v1", Kind: "Scale"}); !errors.Is(err, openapi.ErrNoKind) {
		t.Errorf("autoscaling/v1 Scale: err = %v, want ErrNoKind", err)
	}
	if _, err := s.Kind(openapi.GVK{Group: "apps", Version: "v1", Kind: "Scale"}); !errors.Is(err, openapi.ErrNoKind) {
		t.Errorf("apps/v1 Scale: err = %v, want ErrNoKind", err)
	}
	if _, err := s.Kind(openapi.GVK{Group: "apps", Version: "v2", Kind: "Deployment"}); !errors.Is(err, openapi.ErrNoDocument) ||
		err.Error() != "openapi/v3 document apis/apps/v2: no OpenAPI v3 document" {
		t.Errorf("apps/v2: err = %v, want ErrNoDocument", err)
	}
}

// TestConcurrentKinds builds kinds of the same and of different documents
// from several goroutines (run with -race): each document is decoded once
// and the trees are equal to a sequential build.
func TestConcurrentKinds(t *testing.T) {
	s := load(t, "v1.33.13-crds")
	gvks := []openapi.GVK{{Version: "v1", Kind: "Pod"}, {Version: "v1", Kind: "Service"},
		{Group: "apps", Version: "v1", Kind: "Deployment"}, {Group: "batch", Version: "v1", Kind: "Job"}}
	results := make([][]*model.KindSchema, 4)
	done := make(chan int)
	for w := range results {
		go func() {
			defer func() { done <- w }()
			for _, g := range gvks {
				k, err := s.Kind(g)
				if err != nil {
					t.Error(err)
					return
				}
				results[w] = append(results[w], k)
			}
		}()
	}
	for range results {
		<-done
	}
	for w := 1; w < len(results); w++ {
		if !reflect.DeepEqual(results[w], results[0]) {
			t.Errorf("worker %d built different trees", w)
		}
	}
}
