package source

import (
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/cli-runtime/pkg/genericclioptions"

	"github.com/kube-apidocs/kube-apidocs/generator/recording"
)

// OpenAPIV3Documents lists, on the live server getter names, the OpenAPI
// v3 document of every group-version its /openapi/v3 index lists, keyed by
// the index's path ("api/v1", "apis/apps/v1") — the documents a recording
// holds — each with a function that fetches it when called (as a
// recording's OpenAPIV3DocumentReaders read theirs, so that a caller that
// decodes each document as it fetches it never holds them all). The
// fetches have the safety of Discover: no credentials to a redirect target,
// no answer read past maxBodySize bytes (0: the recordings' limit).
// Failures are classified like Discover's. The functions may be called at
// the same time; nil without /openapi/v3.
func OpenAPIV3Documents(getter genericclioptions.RESTClientGetter, maxBodySize int64) (map[string]func() ([]byte, error), error) {
	cfg, err := restConfig(getter, 0, 0)
	if err != nil {
		return nil, err
	}
	cfg.Wrap(limitBodies(maxBodySize))
	dc, err := newDiscoveryClient(cfg)
	if err != nil {
		return nil, err
	}
	paths, err := dc.OpenAPIV3().Paths()
	if apierrors.IsNotFound(err) {
		return nil, nil // a server without OpenAPI v3: no field pages, as with a recording without them
	}
	if err != nil {
		return nil, ClassifyError(ServerURL(cfg), err)
	}
	docs := map[string]func() ([]byte, error){}
	for p, gv := range paths {
		if !recording.IsGroupVersionPath(p) {
			continue
		}
		docs[p] = func() ([]byte, error) {
			body, err := gv.Schema(runtime.ContentTypeJSON)
			if err != nil {
				return nil, ClassifyError(ServerURL(cfg), err)
			}
			return body, nil
		}
	}
	return docs, nil
}
