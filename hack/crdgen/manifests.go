package crdgen

import (
	"encoding/json"
	"fmt"
	"io"
)

// WriteManifests writes the CRDs as a multi-document YAML stream (each
// document is JSON, which is YAML) that `kubectl apply -f` accepts.
func WriteManifests(w io.Writer, crds []CRD) error {
	for _, c := range crds {
		b, err := json.Marshal(manifest(c))
		if err != nil {
			return err
		}
		if _, err := fmt.Fprintf(w, "---\n%s\n", b); err != nil {
			return err
		}
	}
	return nil
}

type obj = map[string]any

func manifest(c CRD) obj {
	names := obj{"plural": c.Plural, "singular": c.Singular, "kind": c.Kind, "listKind": c.Kind + "List"}
	if len(c.ShortNames) > 0 {
		names["shortNames"] = c.ShortNames
	}
	if len(c.Categories) > 0 {
		names["categories"] = c.Categories
	}
	scope := "Cluster"
	if c.Namespaced {
		scope = "Namespaced"
	}
	var versions []obj
	for i, v := range c.Versions {
		versions = append(versions, manifestVersion(c, v, i == 0))
	}
	return obj{
		"apiVersion": "apiextensions.k8s.io/v1",
		"kind":       "CustomResourceDefinition",
		"metadata":   obj{"name": c.Name()},
		"spec":       obj{"group": c.Group, "scope": scope, "names": names, "versions": versions},
	}
}

func manifestVersion(c CRD, version string, storage bool) obj {
	props := obj{
		"spec":   obj{"type": "object", "x-kubernetes-preserve-unknown-fields": true, "properties": obj{"replicas": obj{"type": "integer"}}},
		"status": obj{"type": "object", "x-kubernetes-preserve-unknown-fields": true, "properties": obj{"replicas": obj{"type": "integer"}}},
	}
	v := obj{
		"name": version, "served": true, "storage": storage,
		"schema": obj{"openAPIV3Schema": obj{"type": "object", "properties": props}},
	}
	sub := obj{}
	if c.Status {
		sub["status"] = obj{}
	}
	if c.Scale {
		sub["scale"] = obj{"specReplicasPath": ".spec.replicas", "statusReplicasPath": ".status.replicas"}
	}
	if len(sub) > 0 {
		v["subresources"] = sub
	}
	return v
}
