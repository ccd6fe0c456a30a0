package main

import (
	"compress/gzip"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/kube-apidocs/kube-apidocs/generator/model"
	"github.com/kube-apidocs/kube-apidocs/generator/openapi"
	"github.com/kube-apidocs/kube-apidocs/generator/render/site"
	"github.com/kube-apidocs/kube-apidocs/generator/skeleton"
)

// fields returns the field pages' input for the site of api: the OpenAPI
// v3 documents of the source, when it has them, turned into a field tree
// and a manifest per kind (siteFields). A source without documents gives
// nil, and the site is what it was without fields.
func (o *generateOptions) fields(api *model.API) (map[site.KindRef]*site.FieldDoc, error) {
	docs, err := openAPIDocuments(o.source)
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

// openAPIIndex is the file of GET /openapi/v3 in a recording.
const openAPIIndex = "openapi__v3.json"

// openAPIDocuments returns the OpenAPI v3 documents of a --fixtures folder
// keyed by their path, nil when the folder has no openapi__v3.json (or a
// live cluster, or builtin, is the source).
//
// Stopgap until the recording package hands out its checked OpenAPI
// documents (issue 11, "Recording and serving OpenAPI v3"); replace the
// body with that call. It reads the files named like the request path
// (openapi__v3__apis__apps__v1.json, or .json.gz) through an os.Root, so
// that a link out of the folder is refused, each within --max-file-size.
func openAPIDocuments(src *sourceOptions) (map[string][]byte, error) {
	if src.Fixtures == "" || src.Fixtures == builtinFixtures {
		return nil, nil
	}
	root, err := os.OpenRoot(src.Fixtures)
	if err != nil {
		return nil, err
	}
	defer root.Close()
	index, err := readRecorded(root, openAPIIndex, src.MaxFileSize)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("%s: %w", filepath.Join(src.Fixtures, openAPIIndex), err)
	}
	var idx struct {
		Paths map[string]json.RawMessage `json:"paths"`
	}
	if err := json.Unmarshal(index, &idx); err != nil {
		return nil, fmt.Errorf("%s: %w", filepath.Join(src.Fixtures, openAPIIndex), err)
	}
	paths := make([]string, 0, len(idx.Paths))
	for p := range idx.Paths {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	docs := make(map[string][]byte, len(paths))
	for _, p := range paths {
		name := "openapi__v3__" + strings.ReplaceAll(p, "/", "__") + ".json"
		if strings.Contains(p, "..") || strings.ContainsAny(p, "\\\x00") {
			return nil, fmt.Errorf("%s: paths[%q]: not a document path", filepath.Join(src.Fixtures, openAPIIndex), p)
		}
		docs[p], err = readRecorded(root, name, src.MaxFileSize)
		if errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("%s: missing (nor %s.gz): %s lists %q", filepath.Join(src.Fixtures, name), name, openAPIIndex, p)
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w", filepath.Join(src.Fixtures, name), err)
		}
	}
	return docs, nil
}

// readRecorded reads name from root, or name.gz gunzipped where name is
// absent; either may hold at most limit bytes.
func readRecorded(root *os.Root, name string, limit int64) ([]byte, error) {
	f, err := root.Open(name)
	gz := false
	if errors.Is(err, fs.ErrNotExist) {
		f, err = root.Open(name + ".gz")
		gz = true
	}
	if err != nil {
		return nil, unwrapPathError(err)
	}
	defer f.Close()
	var r io.Reader = f
	if gz {
		zr, err := gzip.NewReader(f)
		if err != nil {
			return nil, fmt.Errorf("gzip: %w", err)
		}
		defer zr.Close()
		r = zr
	}
	data, err := io.ReadAll(io.LimitReader(r, limit+1))
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > limit {
		return nil, fmt.Errorf("larger than %d bytes (raise it with --max-file-size)", limit)
	}
	return data, nil
}

// unwrapPathError drops the operation and path of an *fs.PathError, which
// the callers name themselves.
func unwrapPathError(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
