package source

import (
	"errors"
	"fmt"
	"net/http"
	"strings"
	"sync"

	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/cli-runtime/pkg/genericclioptions"
	"k8s.io/client-go/discovery"
	"k8s.io/client-go/rest"

	"github.com/kube-apidocs/kube-apidocs/generator/model"
	"github.com/kube-apidocs/kube-apidocs/generator/oneline"
	"github.com/kube-apidocs/kube-apidocs/generator/recording"
	"github.com/kube-apidocs/kube-apidocs/generator/replay"
)

// DiscoverOptions tunes discovery. The zero value uses aggregated discovery
// when the server offers it and legacy discovery otherwise.
type DiscoverOptions struct {
	// Legacy forces legacy discovery (one request per group-version) even
	// when the server offers aggregated discovery.
	Legacy bool
	// Progress, when set, is called while legacy discovery fetches
	// group-versions, with how many have answered out of how many there are.
	// Calls come one at a time, in order, from discovery's goroutines.
	Progress func(done, total int)
	// MaxBodySize refuses answers from a live server larger than this many
	// bytes with a *TooLargeError; 0 means DefaultMaxFileSize.
	MaxBodySize int64
	// QPS and Burst are the client-side rate limit towards a live server;
	// 0 means kubectl's DefaultQPS and DefaultBurst.
	QPS   float32
	Burst int
}

// FromRecording builds the model of a recording as client-go's discovery
// client builds it from a live cluster. A checked recording of a healthy
// server is read from the documents its checks decoded (fromDecoded); any
// other, and any with opts.Progress (which counts requests), is replayed
// through client-go's discovery client (ReplayRecording). Both give the
// same model. Its errors are *RecordingError.
func FromRecording(rec *recording.Recording, opts DiscoverOptions) (*model.API, error) {
	if opts.Progress == nil {
		if api, ok := fromDecoded(rec, opts.Legacy); ok {
			return api, nil
		}
	}
	return ReplayRecording(rec, opts)
}

// ReplayRecording builds the model of a recording by replaying its bytes
// through client-go's discovery client, the same code path a live cluster
// takes. Its errors are *RecordingError.
func ReplayRecording(rec *recording.Recording, opts DiscoverOptions) (*model.API, error) {
	cfg := &rest.Config{
		Host:      "http://recording.invalid",
		Transport: replay.NewTransport(rec),
		QPS:       -1, // an in-process replay needs no client-side rate limit
	}
	api, err := discoverModel(cfg, opts)
	if err != nil {
		return nil, &RecordingError{Recording: rec.Name, Err: err}
	}
	return api, nil
}

// RecordingError is a recording whose documents, replayed, did not give a
// model. Its text names the recording first.
type RecordingError struct {
	// Recording is the recording's name (recording.Recording.Name).
	Recording string
	Err       error
}

func (e *RecordingError) Error() string { return e.Recording + ": " + e.Err.Error() }

// Unwrap returns the discovery client's error.
func (e *RecordingError) Unwrap() error { return e.Err }

// Discover asks the server getter's configuration points at (kubectl's
// connection flags: cli-runtime's ConfigFlags is a getter) for its
// discovery documents and builds the model. Group-versions the server could
// not deliver are listed in API.Unavailable and do not make Discover fail;
// any other error does, as a *ServerError that names the server and the
// kind of failure, a *RedirectError for a redirect to another origin, or a
// *TooLargeError. An error building the configuration is returned as the
// getter returned it.
func Discover(getter genericclioptions.RESTClientGetter, opts DiscoverOptions) (*model.API, error) {
	cfg, err := restConfig(getter, opts.QPS, opts.Burst)
	if err != nil {
		return nil, err
	}
	cfg.Wrap(limitBodies(opts.MaxBodySize))
	status := &statusCapture{}
	cfg.Wrap(status.wrap)
	api, err := discoverModel(cfg, opts)
	if err != nil {
		return nil, ClassifyError(ServerURL(cfg), status.explain(err))
	}
	return api, nil
}

func discoverModel(cfg *rest.Config, opts DiscoverOptions) (*model.API, error) {
	cfg = rest.CopyConfig(cfg)
	format := &formatRecorder{}
	cfg.Wrap(format.wrap)
	if opts.Progress != nil {
		cfg.Wrap((&progressCounter{report: opts.Progress}).wrap)
	}
	dc, err := newDiscoveryClient(cfg)
	if err != nil {
		return nil, err
	}
	dc.UseLegacyDiscovery = opts.Legacy
	groups, lists, err := discovery.ServerGroupsAndResources(dc)
	var failed *discovery.ErrGroupDiscoveryFailed
	if err != nil && !errors.As(err, &failed) {
		return nil, err
	}
	api := Convert(groups, lists, failedGroups(failed))
	api.Discovery = format.discovery()
	version, err := dc.ServerVersion()
	switch {
	case err == nil:
		api.Server = model.ServerVersion{GitVersion: version.GitVersion, Major: version.Major, Minor: version.Minor, Platform: version.Platform}
	case !apierrors.IsNotFound(err):
		return nil, fmt.Errorf("reading /version: %w", err)
	}
	return api, nil
}

// ServerURL is the URL of the server cfg points at, for messages: scheme and
// host only, so that no credential embedded in the URL is shown.
func ServerURL(cfg *rest.Config) string {
	u, _, err := rest.DefaultServerUrlFor(cfg)
	if err != nil || u.Host == "" {
		return cfg.Host
	}
	return u.Scheme + "://" + u.Host
}

func failedGroups(failed *discovery.ErrGroupDiscoveryFailed) map[schema.GroupVersion]error {
	if failed == nil {
		return nil
	}
	return failed.Groups
}

// Convert builds the model from the legacy shapes client-go returns: the
// group list in server order, the resource list of every delivered
// group-version, and the group-versions that failed.
func Convert(groups []*metav1.APIGroup, lists []*metav1.APIResourceList, failed map[schema.GroupVersion]error) *model.API {
	byGV := map[string]*metav1.APIResourceList{}
	for _, l := range lists {
		byGV[l.GroupVersion] = l
	}
	api := &model.API{}
	for _, g := range groups {
		group := model.Group{Name: g.Name, PreferredVersion: g.PreferredVersion.Version}
		for _, v := range g.Versions {
			list, ok := byGV[model.GroupVersion(g.Name, v.Version)]
			switch {
			case !ok:
				continue // failed: reported below
			case len(list.APIResources) == 0:
				api.Unavailable = append(api.Unavailable, emptyResponse(g.Name, v.Version))
				continue
			}
			group.Versions = append(group.Versions, model.Version{Version: v.Version, Resources: convertResources(list.APIResources)})
		}
		if len(group.Versions) > 0 {
			api.Groups = append(api.Groups, group)
		}
	}
	for gv, err := range failed {
		api.Unavailable = append(api.Unavailable, model.Unavailable{Group: gv.Group, Version: gv.Version, Reason: detail(err), Stale: isStale(err)})
	}
	api.Normalize()
	api.Shortened = api.LimitText()
	return api
}

// emptyResponse names a group-version whose resource list is empty as
// unavailable, with the words of kubectl's discovery cache, which reports
// it so (a metrics adapter with no metrics, or /api/v1 answered 404, which
// client-go turns into an empty list).
func emptyResponse(group, version string) model.Unavailable {
	gv := model.GroupVersion(group, version)
	return model.Unavailable{Group: group, Version: version, Reason: "received empty response for: " + oneline.Text(gv)}
}

// isStale reports whether err is aggregated discovery's mark of a stale
// group-version, which the group lists leave out.
func isStale(err error) bool {
	var stale discovery.StaleGroupVersionError
	return errors.As(err, &stale)
}

// convertResources folds "parent/sub" entries into their parent's
// Subresources. A subresource whose parent is missing is dropped, as
// kubectl drops it.
func convertResources(in []metav1.APIResource) []model.Resource {
	var out []model.Resource
	index := map[string]int{}
	for _, r := range in {
		if strings.Contains(r.Name, "/") {
			continue
		}
		index[r.Name] = len(out)
		out = append(out, model.Resource{
			Name: r.Name, SingularName: r.SingularName, Kind: r.Kind, Namespaced: r.Namespaced,
			Verbs: clone(r.Verbs), ShortNames: clone(r.ShortNames), Categories: clone(r.Categories),
		})
	}
	for _, r := range in {
		parent, sub, ok := strings.Cut(r.Name, "/")
		if !ok {
			continue
		}
		i, found := index[parent]
		if !found {
			continue
		}
		out[i].Subresources = append(out[i].Subresources, model.Subresource{
			Name: sub, Kind: r.Kind, Group: r.Group, Version: r.Version, Verbs: clone(r.Verbs),
		})
	}
	return out
}

func clone(s []string) []string {
	if len(s) == 0 {
		return nil
	}
	return append([]string(nil), s...)
}

func oneLine(err error) string {
	return oneline.Text(err.Error())
}

// formatRecorder remembers which discovery format the server answered /apis
// with, by the response's Content-Type.
type formatRecorder struct {
	mu          sync.Mutex
	contentType string
}

func (f *formatRecorder) wrap(rt http.RoundTripper) http.RoundTripper {
	return wrapTransport(rt, func(rt http.RoundTripper, req *http.Request) (*http.Response, error) {
		resp, err := rt.RoundTrip(req)
		if err == nil && strings.TrimSuffix(req.URL.Path, "/") == "/apis" && resp.StatusCode == http.StatusOK {
			f.mu.Lock()
			f.contentType = resp.Header.Get("Content-Type")
			f.mu.Unlock()
		}
		return resp, err
	})
}

func (f *formatRecorder) discovery() string {
	f.mu.Lock()
	defer f.mu.Unlock()
	switch {
	case f.contentType == "":
		return ""
	case strings.Contains(f.contentType, "v=v2beta1") && strings.Contains(f.contentType, "APIGroupDiscoveryList"):
		return "aggregated/v2beta1"
	case strings.Contains(f.contentType, "v=v2") && strings.Contains(f.contentType, "APIGroupDiscoveryList"):
		return "aggregated/v2"
	}
	return "legacy"
}

// wrapTransport returns a RoundTripper that calls roundTrip with next. It
// forwards CancelRequest and exposes next as client-go's transport wrappers
// do, so that client-go can cancel timed-out requests through it.
func wrapTransport(next http.RoundTripper, roundTrip func(next http.RoundTripper, req *http.Request) (*http.Response, error)) http.RoundTripper {
	return &wrappedTransport{next: next, roundTrip: roundTrip}
}

type wrappedTransport struct {
	next      http.RoundTripper
	roundTrip func(http.RoundTripper, *http.Request) (*http.Response, error)
}

// RoundTrip implements http.RoundTripper.
func (t *wrappedTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	return t.roundTrip(t.next, req)
}

// CancelRequest forwards the legacy cancellation that http.Client and
// client-go's wrappers still use.
func (t *wrappedTransport) CancelRequest(req *http.Request) {
	if c, ok := t.next.(interface{ CancelRequest(*http.Request) }); ok {
		c.CancelRequest(req)
	}
}

// WrappedRoundTripper returns the wrapped transport (k8s.io/apimachinery's
// net.RoundTripperWrapper).
func (t *wrappedTransport) WrappedRoundTripper() http.RoundTripper { return t.next }
