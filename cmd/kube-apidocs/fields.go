package main

import (
	"errors"
	"runtime"

	"golang.org/x/sync/errgroup"

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

// kindSchemas decodes docs and returns the field tree of every kind a
// resource of api serves and the documents describe, in api's order, each
// once. nil docs give nil (the source has no documents); a broken document
// is an error naming it, the first in api's order.
//
// It takes the documents over: docs is emptied. Each document is read
// (docs' function for it) and decoded in one task, on GOMAXPROCS
// goroutines, and what both made is freed once its kinds are read: at
// 1,000 CRDs the documents are 107 MB, and only the few being decoded are
// held at any time. Decoding is most of the time generate takes before it
// renders.
func kindSchemas(api *model.API, docs map[string]func() ([]byte, error)) ([]*model.KindSchema, error) {
	if len(docs) == 0 {
		return nil, nil
	}
	gvks := servedKinds(api)
	tasks := documentTasks(gvks, docs)
	clear(docs)
	kinds := make([]*model.KindSchema, len(gvks))
	errs := make([]error, len(gvks))
	var g errgroup.Group
	g.SetLimit(runtime.GOMAXPROCS(0))
	for _, t := range tasks {
		g.Go(func() error {
			d, err := t.decode()
			for _, i := range t.kinds {
				if err != nil {
					errs[i] = err
					continue
				}
				kinds[i], errs[i] = d.Kind(gvks[i].Kind)
			}
			return nil
		})
	}
	_ = g.Wait()
	out := []*model.KindSchema{}
	for i, err := range errs {
		switch {
		case errors.Is(err, openapi.ErrNoKind):
		case err != nil:
			return nil, err
		case kinds[i] != nil:
			out = append(out, kinds[i])
		}
	}
	return out, nil
}

// documentTask is one document of kindSchemas and the indexes, in gvks, of
// the kinds to read from it.
type documentTask struct {
	path  string
	read  func() ([]byte, error)
	kinds []int
}

// decode reads and decodes the task's document, and lets go of its reader.
func (t *documentTask) decode() (*openapi.Document, error) {
	raw, err := t.read()
	t.read = nil
	if err != nil {
		return nil, err
	}
	return openapi.Decode(t.path, raw)
}

// documentTasks groups the kinds of gvks by the document that describes
// them, in the order of their first kind; kinds no document describes are
// left out.
func documentTasks(gvks []openapi.GVK, docs map[string]func() ([]byte, error)) []*documentTask {
	var tasks []*documentTask
	byPath := map[string]*documentTask{}
	for i, gvk := range gvks {
		p := openapi.DocumentPath(gvk.Group, gvk.Version)
		read, ok := docs[p]
		if !ok {
			continue
		}
		t := byPath[p]
		if t == nil {
			t = &documentTask{path: p, read: read}
			byPath[p] = t
			tasks = append(tasks, t)
		}
		t.kinds = append(t.kinds, i)
	}
	return tasks
}

// servedKinds lists the kinds the resources of api serve, in api's order,
// each once.
func servedKinds(api *model.API) []openapi.GVK {
	var out []openapi.GVK
	done := map[openapi.GVK]bool{}
	for _, g := range api.Groups {
		for _, v := range g.Versions {
			for _, r := range v.Resources {
				gvk := openapi.GVK{Group: g.Name, Version: v.Version, Kind: r.Kind}
				if !done[gvk] {
					done[gvk] = true
					out = append(out, gvk)
				}
			}
		}
	}
	return out
}
