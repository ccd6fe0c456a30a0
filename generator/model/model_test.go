package model

import (
	"reflect"
	"testing"
)

func res(name, kind string) Resource {
	return Resource{Name: name, Kind: kind, Verbs: []string{"get"}}
}

// TestPreferredResources pins client-go's ServerPreferredResources choice:
// the preferred version wins, a resource only in another version still
// appears (from the first version in server order), groups keep server order.
func TestPreferredResources(t *testing.T) {
	api := &API{Groups: []Group{
		{Name: "", PreferredVersion: "v1", Versions: []Version{{Version: "v1", Resources: []Resource{res("pods", "Pod")}}}},
		{Name: "example.com", PreferredVersion: "v1", Versions: []Version{
			{Version: "v2alpha1", Resources: []Resource{res("gadgets", "GadgetV2"), res("widgets", "WidgetV2")}},
			{Version: "v1", Resources: []Resource{res("gadgets", "Gadget")}},
			{Version: "v1beta1", Resources: []Resource{res("oldies", "Oldie"), res("widgets", "WidgetBeta")}},
		}},
		{Name: "apps", PreferredVersion: "v1", Versions: []Version{{Version: "v1", Resources: []Resource{res("deployments", "Deployment")}}}},
	}}
	var got []string
	for _, r := range api.PreferredResources() {
		got = append(got, r.APIVersion()+" "+r.Resource.Name+" "+r.Resource.Kind)
	}
	want := []string{
		"v1 pods Pod",
		"example.com/v1 gadgets Gadget",
		"example.com/v1beta1 oldies Oldie",
		"example.com/v2alpha1 widgets WidgetV2",
		"apps/v1 deployments Deployment",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got  %q\nwant %q", got, want)
	}
}

func TestGroupVersionsAndStability(t *testing.T) {
	api := &API{Groups: []Group{
		{Name: "", Versions: []Version{{Version: "v1"}}},
		{Name: "batch", Versions: []Version{{Version: "v1"}, {Version: "v2alpha1"}}},
		{Name: "apps", Versions: []Version{{Version: "v1beta2"}}},
	}}
	if got, want := api.GroupVersions(), []string{"apps/v1beta2", "batch/v1", "batch/v2alpha1", "v1"}; !reflect.DeepEqual(got, want) {
		t.Errorf("GroupVersions() = %q, want %q", got, want)
	}
	for v, want := range map[string]string{"v1": "stable", "v2": "stable", "v1beta3": "beta", "v1alpha1": "alpha"} {
		if got := Stability(v); got != want {
			t.Errorf("Stability(%q) = %q, want %q", v, got, want)
		}
	}
}

func TestNormalizeFillsSubresourceGroupVersion(t *testing.T) {
	api := &API{Groups: []Group{{Name: "apps", Versions: []Version{{Version: "v1", Resources: []Resource{
		{Name: "deployments", Subresources: []Subresource{{Name: "status", Kind: "Deployment"}, {Name: "scale", Kind: "Scale", Group: "autoscaling", Version: "v1"}}},
		{Name: "daemonsets"},
	}}}}}}
	api.Normalize()
	v := api.Groups[0].Versions[0]
	if v.Resources[0].Name != "daemonsets" {
		t.Errorf("resources not sorted: %q first", v.Resources[0].Name)
	}
	subs := v.Resources[1].Subresources
	want := []Subresource{{Name: "scale", Kind: "Scale", Group: "autoscaling", Version: "v1"}, {Name: "status", Kind: "Deployment", Group: "apps", Version: "v1"}}
	if !reflect.DeepEqual(subs, want) {
		t.Errorf("subresources = %+v, want %+v", subs, want)
	}
}

func TestKindSchemaLookupAndWalk(t *testing.T) {
	k := KindSchema{Group: "apps", Version: "v1", Kind: "Deployment", Fields: []Field{
		{Name: "metadata", Path: "metadata", Type: "ObjectMeta"},
		{Name: "spec", Path: "spec", Type: "DeploymentSpec", Fields: []Field{
			{Name: "template", Path: "spec.template", Type: "PodTemplateSpec", Required: true, Fields: []Field{
				{Name: "spec", Path: "spec.template.spec", Type: "PodSpec", Fields: []Field{
					{Name: "containers", Path: "spec.template.spec.containers", Type: "[]Container", Required: true},
					{Name: "nodeSelector", Path: "spec.template.spec.nodeSelector", Type: "map[string]string"},
				}},
			}},
		}},
	}}
	if k.APIVersion() != "apps/v1" {
		t.Errorf("APIVersion() = %q", k.APIVersion())
	}
	f, ok := k.Lookup("spec.template.spec.containers")
	if !ok || f.Type != "[]Container" || !f.Required || !f.IsArray() || f.IsMap() {
		t.Errorf("Lookup(containers) = %+v, %v", f, ok)
	}
	if f, ok := k.Lookup("spec.template.spec.nodeSelector"); !ok || !f.IsMap() || f.IsArray() {
		t.Errorf("Lookup(nodeSelector) = %+v, %v", f, ok)
	}
	for _, missing := range []string{"spec.template.spec.containers.image", "status", "", "spec..template"} {
		if _, ok := k.Lookup(missing); ok {
			t.Errorf("Lookup(%q) found a field", missing)
		}
	}
	var paths []string
	k.Walk(func(f Field) bool {
		paths = append(paths, f.Path)
		return f.Path != "spec.template.spec.containers" // stop here
	})
	want := []string{"metadata", "spec", "spec.template", "spec.template.spec", "spec.template.spec.containers"}
	if !reflect.DeepEqual(paths, want) {
		t.Errorf("Walk visited %q, want %q", paths, want)
	}
	if sp, _ := k.Field("spec"); len(sp.Fields) != 1 {
		t.Errorf("Field(spec) = %+v", sp)
	} else if _, ok := sp.Field("template"); !ok {
		t.Errorf("spec has no child template")
	}
}
