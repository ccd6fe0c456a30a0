package table

import (
	"encoding/json"
	"io"

	"go.yaml.in/yaml/v3"

	"github.com/kube-apidocs/kube-apidocs/generator/model"
)

// ResourceList is the document `api-resources -o json|yaml` prints: the rows
// of the table, in the table's order, and the group-versions discovery could
// not deliver. Field names are stable; new fields may be added.
type ResourceList struct {
	Kind        string             `json:"kind" yaml:"kind"`
	Server      string             `json:"serverVersion,omitempty" yaml:"serverVersion,omitempty"`
	Resources   []ResourceRow      `json:"resources" yaml:"resources"`
	Unavailable []UnavailableEntry `json:"unavailable" yaml:"unavailable"`
}

// ResourceRow is one row of the api-resources table.
type ResourceRow struct {
	Name       string   `json:"name" yaml:"name"`
	ShortNames []string `json:"shortNames" yaml:"shortNames"`
	APIVersion string   `json:"apiVersion" yaml:"apiVersion"`
	Group      string   `json:"group" yaml:"group"`
	Version    string   `json:"version" yaml:"version"`
	Namespaced bool     `json:"namespaced" yaml:"namespaced"`
	Kind       string   `json:"kind" yaml:"kind"`
	Verbs      []string `json:"verbs" yaml:"verbs"`
	Categories []string `json:"categories" yaml:"categories"`
}

// UnavailableEntry names a group-version discovery could not deliver.
type UnavailableEntry struct {
	GroupVersion string `json:"groupVersion" yaml:"groupVersion"`
	Reason       string `json:"reason" yaml:"reason"`
}

// NewResourceList builds the structured form of the table for api.
func NewResourceList(api *model.API, opts Options) ResourceList {
	list := ResourceList{Kind: "APIResourceTable", Server: api.Server.GitVersion, Resources: []ResourceRow{}, Unavailable: []UnavailableEntry{}}
	for _, r := range Rows(api, opts) {
		list.Resources = append(list.Resources, ResourceRow{
			Name: r.Resource.Name, ShortNames: nonNil(r.Resource.ShortNames), APIVersion: r.APIVersion(),
			Group: r.Group, Version: r.Version, Namespaced: r.Resource.Namespaced, Kind: r.Resource.Kind,
			Verbs: nonNil(r.Resource.Verbs), Categories: nonNil(r.Resource.Categories),
		})
	}
	for _, u := range api.Unavailable {
		list.Unavailable = append(list.Unavailable, UnavailableEntry{GroupVersion: u.GroupVersion(), Reason: u.Reason})
	}
	return list
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// JSON writes v as indented JSON followed by a newline.
func JSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

// YAML writes v as a YAML document.
func YAML(w io.Writer, v any) error {
	enc := yaml.NewEncoder(w)
	enc.SetIndent(2)
	if err := enc.Encode(v); err != nil {
		return err
	}
	return enc.Close()
}
