package main

import (
	"errors"

	"github.com/kube-apidocs/kube-apidocs/generator/model"
	"github.com/kube-apidocs/kube-apidocs/generator/openapi"
	"github.com/kube-apidocs/kube-apidocs/generator/render/site"
	"github.com/kube-apidocs/kube-apidocs/generator/skeleton"
)

// fields returns the field trees of api's kinds and the field pages' input
// for its site: the OpenAPI v3 documents of the source, when it has them,
// turned into a field tree and a manifest per kind (siteFields). A source
// without documents gives nil, and the site is what it was without fields.
func (o *GenerateOptions) fields(api *model.API) ([]*model.KindSchema, map[site.KindRef]*site.FieldDoc, error) {
	kinds, err := o.source.kindSchemas(api)
	if err != nil {
		return nil, nil, err
	}
	docs, err := siteFields(kinds)
	return kinds, docs, err
}

// kindSchemas returns the field trees of the kinds of api, read from the
// OpenAPI documents of the source load read; nil when it has none.
func (o *sourceOptions) kindSchemas(api *model.API) ([]*model.KindSchema, error) {
	docs, err := o.openAPIDocuments()
	if err != nil {
		return nil, err
	}
	return kindSchemas(api, docs)
}

// siteFields returns, for every kind of kinds (kindSchemas), its field
// tree and its skeleton manifest (or the reason it has none).
func siteFields(kinds []*model.KindSchema) (map[site.KindRef]*site.FieldDoc, error) {
	if len(kinds) == 0 {
		return nil, nil
	}
	out := make(map[site.KindRef]*site.FieldDoc, len(kinds))
	for _, k := range kinds {
		m, err := skeleton.Build(k)
		if err != nil {
			return nil, err
		}
		out[site.KindRef{Group: k.Group, Version: k.Version, Kind: k.Kind}] = &site.FieldDoc{Schema: k, Manifest: m.YAML, NoManifest: m.Reason}
	}
	return out, nil
}

// kindSchemas parses docs and returns the field tree of every kind a
// resource of api serves and the documents describe, in api's order, each
// once. nil docs give nil (the source has no documents); a broken document
// is an error naming it.
func kindSchemas(api *model.API, docs map[string][]byte) ([]*model.KindSchema, error) {
	if len(docs) == 0 {
		return nil, nil
	}
	schemas, err := openapi.Parse(docs)
	if err != nil {
		return nil, err
	}
	out := []*model.KindSchema{}
	done := map[openapi.GVK]bool{}
	for _, g := range api.Groups {
		for _, v := range g.Versions {
			for _, r := range v.Resources {
				gvk := openapi.GVK{Group: g.Name, Version: v.Version, Kind: r.Kind}
				if done[gvk] {
					continue
				}
				done[gvk] = true
				k, err := schemas.Kind(gvk)
				if errors.Is(err, openapi.ErrNoDocument) || errors.Is(err, openapi.ErrNoKind) {
					continue
				}
				if err != nil {
					return nil, err
				}
				out = append(out, k)
			}
		}
	}
	return out, nil
}
