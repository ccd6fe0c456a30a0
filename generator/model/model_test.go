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
