package main

import (
	"errors"

	"github.com/kube-apidocs/kube-apidocs/generator/model"
	"github.com/kube-apidocs/kube-apidocs/generator/openapi"
	"github.com/kube-apidocs/kube-apidocs/generator/render/site"
	"github.com/kube-apidocs/kube-apidocs/generator/skeleton"
)

// fields returns the field pages' input for the site of api: the OpenAPI
// v3 documents of the source, when it has them, turned into a field tree
// and a manifest per kind (siteFields). A source without documents gives
// nil, and the site is what it was without fields.
func (o *GenerateOptions) fields(api *model.API) (map[site.KindRef]*site.FieldDoc, error) {
	docs, err := o.source.openAPIDocuments()
	if err != nil {
		return nil, err
	}
	return siteFields(api, docs)
}

// siteFields parses docs (OpenAPI v3 documents keyed by their path,
// "api/v1", "apis/apps/v1") and returns, for every kind a resource of api
// serves and the documents describe, its field tree and its skeleton
// manifest (or the reason it has none). Kinds the documents lack are left
// out; a broken document is an error naming it.
func siteFields(api *model.API, docs map[string][]byte) (map[site.KindRef]*site.FieldDoc, error) {
	if len(docs) == 0 {
		return nil, nil
	}
	schemas, err := openapi.Parse(docs)
	if err != nil {
		return nil, err
	}
	out := map[site.KindRef]*site.FieldDoc{}
	for _, g := range api.Groups {
		for _, v := range g.Versions {
			for _, r := range v.Resources {
				ref := site.KindRef{Group: g.Name, Version: v.Version, Kind: r.Kind}
				if _, done := out[ref]; done {
					continue
				}
				doc, err := fieldDoc(schemas, ref)
				if err != nil {
					return nil, err
				}
				if doc != nil {
					out[ref] = doc
				}
			}
		}
	}
	return out, nil
}

// fieldDoc is the field tree and skeleton of one kind; nil when the
// documents do not describe it.
func fieldDoc(schemas *openapi.Schemas, ref site.KindRef) (*site.FieldDoc, error) {
	k, err := schemas.Kind(openapi.GVK{Group: ref.Group, Version: ref.Version, Kind: ref.Kind})
	if errors.Is(err, openapi.ErrNoDocument) || errors.Is(err, openapi.ErrNoKind) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	m, err := skeleton.Build(k)
	if err != nil {
		return nil, err
	}
	return &site.FieldDoc{Schema: k, Manifest: m.YAML, NoManifest: m.Reason}, nil
}
