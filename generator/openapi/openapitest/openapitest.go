// Package openapitest loads the OpenAPI v3 documents of a test recording:
// files named like the request path (/openapi/v3/apis/apps/v1 →
// openapi__v3__apis__apps__v1.json), optionally gzipped (.json.gz), the
// form the tests of the openapi and skeleton packages keep under
// generator/openapi/testdata.
package openapitest

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
)

// indexFile is the /openapi/v3 index itself.
const indexFile = "openapi__v3.json"

// Dir returns the folder of one recording under generator/openapi/testdata
// ("v1.33.13-crds"), wherever the calling test runs.
func Dir(name string) string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "testdata", name)
}

// Load returns the documents the index of the recording in dir lists, keyed
// by their path ("api/v1"), and the raw index.
func Load(dir string) (docs map[string][]byte, index []byte, err error) {
	if index, err = read(dir, indexFile); err != nil {
		return nil, nil, err
	}
	var idx struct {
		Paths map[string]json.RawMessage `json:"paths"`
	}
	if err := json.Unmarshal(index, &idx); err != nil {
		return nil, nil, fmt.Errorf("%s: %w", filepath.Join(dir, indexFile), err)
	}
	docs = make(map[string][]byte, len(idx.Paths))
	for path := range idx.Paths {
		name := "openapi__v3__" + strings.ReplaceAll(path, "/", "__") + ".json"
		if docs[path], err = read(dir, name); err != nil {
			return nil, nil, err
		}
	}
	return docs, index, nil
}

// read returns name from dir, gunzipping name.gz where name is absent.
func read(dir, name string) ([]byte, error) {
	raw, err := os.ReadFile(filepath.Join(dir, name))
	if err == nil || !os.IsNotExist(err) {
		return raw, err
	}
	gz, err := os.ReadFile(filepath.Join(dir, name+".gz"))
	if err != nil {
		return nil, err
	}
	zr, err := gzip.NewReader(bytes.NewReader(gz))
	if err != nil {
		return nil, fmt.Errorf("%s.gz: %w", filepath.Join(dir, name), err)
	}
	defer zr.Close()
	out, err := io.ReadAll(zr)
	if err != nil {
		return nil, fmt.Errorf("%s.gz: %w", filepath.Join(dir, name), err)
	}
	return out, nil
}

// ReadAll calls every reader of readers (a recording's
// OpenAPIV3DocumentReaders, or a live source's) and returns the documents
// by path; the error is the first reader's to fail.
func ReadAll(readers map[string]func() ([]byte, error)) (map[string][]byte, error) {
	docs := make(map[string][]byte, len(readers))
	for p, read := range readers {
		raw, err := read()
		if err != nil {
			return nil, fmt.Errorf("%s: %w", p, err)
		}
		docs[p] = raw
	}
	return docs, nil
}
