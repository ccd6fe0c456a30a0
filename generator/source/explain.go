package source

import (
	"errors"
	"fmt"
	"io"

	"k8s.io/apimachinery/pkg/api/meta"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/cli-runtime/pkg/genericclioptions"
	"k8s.io/client-go/discovery"
	"k8s.io/client-go/discovery/cached/memory"
	"k8s.io/client-go/openapi/cached"
	"k8s.io/client-go/rest"
	"k8s.io/client-go/restmapper"
	"k8s.io/kubectl/pkg/explain"
	explainv2 "k8s.io/kubectl/pkg/explain/v2"
	"k8s.io/kubectl/pkg/util/openapi"

	"github.com/kube-apidocs/kube-apidocs/generator/recording"
	"github.com/kube-apidocs/kube-apidocs/generator/replay"
)

// Output formats of Explain, kubectl explain's --output values.
const (
	ExplainPlaintext          = "plaintext"
	ExplainPlaintextOpenAPIV2 = "plaintext-openapiv2"
)

// ExplainOptions are the flags of kubectl explain.
type ExplainOptions struct {
	// Recursive prints the fields of fields.
	Recursive bool
	// APIVersion is the group/version to explain ("" for the preferred).
	APIVersion string
	// Output is ExplainPlaintext (the zero value) or
	// ExplainPlaintextOpenAPIV2; anything else fails as kubectl fails.
	Output string
	// Warn receives the warnings kubectl prints (an ambiguous short name);
	// nil drops them.
	Warn func(message string)
	// MaxBodySize refuses answers from a live server larger than this many
	// bytes with a *TooLargeError; 0 means recording.DefaultMaxFileSize.
	MaxBodySize int64
}

// ErrNoOpenAPI is returned by ExplainRecording for a recording that holds
// no OpenAPI v3 index.
var ErrNoOpenAPI = errors.New("the recording has no OpenAPI documents (openapi__v3.json and the documents it lists)")

// ExplainRecording prints what kubectl explain prints for resource
// ("pods", "deploy.spec.template") against the server rec was recorded
// from, replaying its documents through client-go in process. Errors are
// kubectl's own (meta.NoResourceMatchError, "field … does not exist"),
// for the caller to print the way kubectl does.
func ExplainRecording(rec *recording.Recording, w io.Writer, resource string, opts ExplainOptions) error {
	if !rec.HasOpenAPIV3() {
		return ErrNoOpenAPI
	}
	cfg := &rest.Config{Host: "http://recording.invalid", Transport: replay.NewTransport(rec), QPS: -1}
	dc, err := discovery.NewDiscoveryClientForConfig(cfg)
	if err != nil {
		return err
	}
	err = explainWith(newKubectlDiscovery(dc), w, resource, opts)
	if docErr := rec.OpenAPIErr(); err != nil && docErr != nil {
		return docErr // the recorded document that failed, not the 500 replay gave kubectl's code
	}
	return err
}

// Explain is ExplainRecording against the live server getter names, with
// the same safety as Discover (no credentials to a redirect target,
// capped bodies).
func Explain(getter genericclioptions.RESTClientGetter, w io.Writer, resource string, opts ExplainOptions) error {
	cfg, err := restConfig(getter, 0, 0)
	if err != nil {
		return err
	}
	cfg.Wrap(limitBodies(opts.MaxBodySize))
	dc, err := newDiscoveryClient(cfg)
	if err != nil {
		return err
	}
	return explainWith(newKubectlDiscovery(dc), w, resource, opts)
}

// kubectlDiscovery is discovery as kubectl's factory builds it: client-go's
// disk cache over a memory cache. The disk cache does not offer
// GroupsAndMaybeResources, so client-go lists resources in the server's
// group order rather than in map order; that order decides which
// resource a short name shared by two (events' "ev") resolves to and
// which one kubectl's warning names. kubectlDiscovery keeps that order
// without writing a cache to disk.
type kubectlDiscovery struct {
	discovery.CachedDiscoveryInterface
}

func newKubectlDiscovery(dc discovery.DiscoveryInterface) *kubectlDiscovery {
	return &kubectlDiscovery{memory.NewMemCacheClient(dc)}
}

// ServerGroupsAndResources lists them in the server's order, as the disk
// cache does.
func (d *kubectlDiscovery) ServerGroupsAndResources() ([]*metav1.APIGroup, []*metav1.APIResourceList, error) {
	return discovery.ServerGroupsAndResources(d)
}

// ServerPreferredResources is the disk cache's: built on the ordered lists.
func (d *kubectlDiscovery) ServerPreferredResources() ([]*metav1.APIResourceList, error) {
	return discovery.ServerPreferredResources(d)
}

// ServerPreferredNamespacedResources is the disk cache's.
func (d *kubectlDiscovery) ServerPreferredNamespacedResources() ([]*metav1.APIResourceList, error) {
	return discovery.ServerPreferredNamespacedResources(d)
}

// explainWith is the Run of kubectl's pkg/cmd/explain (v0.33.13), with the
// RESTMapper, shortcut expander and OpenAPI clients its factory builds.
func explainWith(dc discovery.CachedDiscoveryInterface, w io.Writer, resource string, opts ExplainOptions) error {
	warn := opts.Warn
	if warn == nil {
		warn = func(string) {}
	}
	mapper := restmapper.NewShortcutExpander(restmapper.NewDeferredDiscoveryRESTMapper(dc), dc, warn)
	v3 := cached.NewClient(dc.OpenAPIV3())
	gvr, fieldsPath, err := resolve(resource, opts.APIVersion, mapper)
	if err != nil {
		return err
	}
	switch opts.Output {
	case ExplainPlaintextOpenAPIV2:
		return explainV2(w, dc, mapper, gvr, fieldsPath, opts)
	case "", ExplainPlaintext:
		if _, err := v3.Paths(); err != nil {
			return explainV2(w, dc, mapper, gvr, fieldsPath, opts)
		}
	}
	if opts.APIVersion != "" {
		gv, err := schema.ParseGroupVersion(opts.APIVersion)
		if err != nil {
			return err
		}
		gvr.Group, gvr.Version = gv.Group, gv.Version
	}
	output := opts.Output
	if output == "" {
		output = ExplainPlaintext
	}
	return explainv2.PrintModelDescription(fieldsPath, w, v3, gvr, opts.Recursive, output)
}

func resolve(resource, apiVersion string, mapper meta.RESTMapper) (schema.GroupVersionResource, []string, error) {
	if apiVersion == "" {
		return explain.SplitAndParseResourceRequestWithMatchingPrefix(resource, mapper)
	}
	return explain.SplitAndParseResourceRequest(resource, mapper)
}

// explainV2 is kubectl's renderOpenAPIV2: the old printer over /openapi/v2.
func explainV2(w io.Writer, dc discovery.CachedDiscoveryInterface, mapper meta.RESTMapper, gvr schema.GroupVersionResource, fieldsPath []string, opts ExplainOptions) error {
	gvk, _ := mapper.KindFor(gvr)
	if gvk.Empty() {
		var err error
		if gvk, err = mapper.KindFor(gvr.GroupResource().WithVersion("")); err != nil {
			return err
		}
	}
	if opts.APIVersion != "" {
		gv, err := schema.ParseGroupVersion(opts.APIVersion)
		if err != nil {
			return err
		}
		gvk = gv.WithKind(gvk.Kind)
	}
	resources, err := openapi.NewOpenAPIParser(openapi.NewOpenAPIGetter(dc)).Parse()
	if err != nil {
		return err
	}
	s := resources.LookupResource(gvk)
	if s == nil {
		return fmt.Errorf("couldn't find resource for %q", gvk)
	}
	return explain.PrintModelDescription(fieldsPath, w, s, gvk, opts.Recursive)
}
