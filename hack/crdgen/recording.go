package crdgen

import (
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/kube-apidocs/kube-apidocs/generator/recording"
)

// crdVerbs are the verbs kube-apiserver lists for every custom resource, in
// its order.
var crdVerbs = []string{"delete", "deletecollection", "get", "list", "patch", "create", "update", "watch"}

var subresourceVerbs = []string{"get", "patch", "update"}

// WriteRecording writes a recording into dir: the discovery documents of
// base (a recording folder of a cluster without these CRDs, with aggregated
// v2 and legacy documents) plus what kube-apiserver serves for crds, as if
// they had been installed there. dir must exist and be empty.
func WriteRecording(dir string, base fs.FS, crds []CRD) error {
	plan := groups(crds)
	entries, err := fs.ReadDir(base, ".")
	if err != nil {
		return err
	}
	for _, e := range entries {
		name := e.Name()
		if _, _, ok := recording.RouteFor(name); e.IsDir() || !ok {
			continue // not a discovery document (aggregated_clientgo_accept.json is none either)
		}
		body, err := fs.ReadFile(base, name)
		if err != nil {
			return err
		}
		switch name {
		case recording.FileFor(recording.Route{Path: "/apis"}):
			body, err = appendGroupList(body, plan)
		case recording.FileFor(recording.Route{Path: "/apis", Aggregated: "v2"}):
			body, err = appendAggregated(body, plan)
		}
		if err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), body, 0o644); err != nil {
			return err
		}
	}
	return writeGroupDocuments(dir, plan)
}

type groupVersionRef struct {
	GroupVersion string `json:"groupVersion"`
	Version      string `json:"version"`
}

type apiGroup struct {
	Kind             string            `json:"kind,omitempty"`
	APIVersion       string            `json:"apiVersion,omitempty"`
	Name             string            `json:"name"`
	Versions         []groupVersionRef `json:"versions"`
	PreferredVersion groupVersionRef   `json:"preferredVersion"`
}

func (g groupPlan) apiGroup() apiGroup {
	out := apiGroup{Name: g.name}
	for _, v := range g.versions {
		out.Versions = append(out.Versions, groupVersionRef{GroupVersion: g.name + "/" + v, Version: v})
	}
	out.PreferredVersion = out.Versions[0]
	return out
}

// list is the shape of apis.json and aggregated_v2.json with their entries
// kept as raw bytes, so the base's entries are copied unchanged.
type list struct {
	Kind       string            `json:"kind"`
	APIVersion string            `json:"apiVersion"`
	Metadata   json.RawMessage   `json:"metadata,omitempty"`
	Groups     []json.RawMessage `json:"groups,omitempty"`
	Items      []json.RawMessage `json:"items,omitempty"`
}

func appendGroupList(body []byte, plan []groupPlan) ([]byte, error) {
	var l list
	if err := json.Unmarshal(body, &l); err != nil {
		return nil, err
	}
	for _, g := range plan {
		b, err := json.Marshal(g.apiGroup())
		if err != nil {
			return nil, err
		}
		l.Groups = append(l.Groups, b)
	}
	return json.Marshal(l)
}

func appendAggregated(body []byte, plan []groupPlan) ([]byte, error) {
	var l list
	if err := json.Unmarshal(body, &l); err != nil {
		return nil, err
	}
	for _, g := range plan {
		b, err := json.Marshal(aggregatedGroup(g))
		if err != nil {
			return nil, err
		}
		l.Items = append(l.Items, b)
	}
	return json.Marshal(l)
}

func writeGroupDocuments(dir string, plan []groupPlan) error {
	for _, g := range plan {
		group := g.apiGroup()
		group.Kind, group.APIVersion = "APIGroup", "v1"
		if err := writeJSON(filepath.Join(dir, recording.FileFor(recording.Route{Path: "/apis/" + g.name})), group); err != nil {
			return err
		}
		for _, v := range g.versions {
			doc := resourceList{Kind: "APIResourceList", APIVersion: "v1", GroupVersion: g.name + "/" + v, Resources: legacyResources(g, v)}
			if err := writeJSON(filepath.Join(dir, recording.FileFor(recording.Route{Path: "/apis/" + g.name + "/" + v})), doc); err != nil {
				return err
			}
		}
	}
	return nil
}

func writeJSON(path string, v any) error {
	b, err := json.Marshal(v)
	if err != nil {
		return err
	}
	return os.WriteFile(path, b, 0o644)
}

// storageVersionHash imitates kube-apiserver's: the first 8 bytes of the
// SHA-256 of the storage group/version/kind, base64-encoded.
func storageVersionHash(c CRD) string {
	sum := sha256.Sum256([]byte(c.Group + "/" + c.Versions[0] + "/" + c.Kind))
	return base64.StdEncoding.EncodeToString(sum[:8])
}
