package source

import (
	"sort"

	apierrors "k8s.io/apimachinery/pkg/api/errors"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/cli-runtime/pkg/genericclioptions"

	"github.com/kube-apidocs/kube-apidocs/generator/recording"
)

// OpenAPIV3Documents fetches, from the live server getter names, the
// OpenAPI v3 document of every group-version its /openapi/v3 index lists,
// keyed by the index's path ("api/v1", "apis/apps/v1") — the documents a
// recording holds — with the safety of Discover: no credentials to a
// redirect target, no answer read past maxBodySize bytes (0: the
// recordings' limit). Failures are classified like Discover's.
func OpenAPIV3Documents(getter genericclioptions.RESTClientGetter, maxBodySize int64) (map[string][]byte, error) {
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
	names := make([]string, 0, len(paths))
	for p := range paths {
		if recording.IsGroupVersionPath(p) {
			names = append(names, p)
		}
	}
	sort.Strings(names)
	docs := make(map[string][]byte, len(names))
	for _, p := range names {
		body, err := paths[p].Schema(runtime.ContentTypeJSON)
		if err != nil {
			return nil, ClassifyError(ServerURL(cfg), err)
		}
		docs[p] = body
	}
	return docs, nil
}
