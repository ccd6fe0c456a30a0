package source

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"

	"golang.org/x/sync/errgroup"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/version"
	"k8s.io/cli-runtime/pkg/genericclioptions"
	"k8s.io/client-go/rest"
	"k8s.io/client-go/util/flowcontrol"

	"github.com/kube-apidocs/kube-apidocs/generator/recording"
)

// Accept headers Fetch sends, the ones client-go's discovery client sends.
const (
	// AcceptLegacy is what client-go asks /api and /apis for in legacy
	// discovery.
	AcceptLegacy = recording.MediaJSON
	// AcceptDocument is what client-go's REST client sends for a group or
	// a group-version's resource list.
	AcceptDocument = "application/json, */*"
)

// defaultRecordTimeout is client-go's discovery timeout, used when the
// configuration sets none.
const defaultRecordTimeout = 32 * time.Second

// recordWorkers is how many group-version documents Fetch asks for at once.
const recordWorkers = 8

// RecordOptions tunes Fetch. The zero value applies the documented defaults.
type RecordOptions struct {
	// MaxBodySize refuses answers larger than this many bytes with a
	// *TooLargeError; 0 means recording.DefaultMaxFileSize.
	MaxBodySize int64
	// Progress, when set, is called after each legacy document with how
	// many have been fetched out of how many there are.
	Progress func(done, total int)
	// QPS and Burst are the client-side rate limit; 0 means kubectl's
	// DefaultQPS and DefaultBurst.
	QPS   float32
	Burst int
	// SkipOpenAPIV2 leaves /openapi/v2 out of the recording. It is what
	// kubectl explain --output plaintext-openapiv2 reads and nothing else
	// does; a kube-apiserver with 10,000 CRDs needed more than 16 GiB to
	// build it.
	SkipOpenAPIV2 bool
}

// Fetch asks the server getter's configuration points at for every discovery document, the way
// client-go asks for them, and keeps the raw answers: /version, the legacy
// documents (/api, /api/<v>, /apis, /apis/<g>, /apis/<g>/<v>) and
// aggregated discovery v2 and v2beta1 for /apis and /api; then the OpenAPI
// documents: /openapi/v3 and every document it lists, /openapi/v2 as JSON
// and as protobuf unless opts.SkipOpenAPIV2 (fetchOpenAPI). A non-200 answer
// for one group-version is kept (as evidence, like the fixtures' .http406
// files); failing to reach the server, 401 and 403 are returned as a
// *ServerError, a redirect to another origin as a *RedirectError, an answer
// over RecordOptions.MaxBodySize as a *TooLargeError. Group and version
// names from the server are validated before they become file names.
func Fetch(ctx context.Context, getter genericclioptions.RESTClientGetter, opts RecordOptions) (*recording.Capture, error) {
	cfg, err := restConfig(getter, opts.QPS, opts.Burst)
	if err != nil {
		return nil, err
	}
	f, err := newFetcher(cfg, opts)
	if err != nil {
		return nil, err
	}
	c, err := f.fetchAll(ctx)
	if err != nil {
		return nil, ClassifyError(f.server, err)
	}
	return c, nil
}

type fetcher struct {
	client  *http.Client
	base    *url.URL
	server  string
	limiter flowcontrol.RateLimiter
	opts    RecordOptions
}

func newFetcher(cfg *rest.Config, opts RecordOptions) (*fetcher, error) {
	cfg = rest.CopyConfig(cfg)
	if cfg.UserAgent == "" {
		// a User-Agent that does not start with curl, Wget or Mozilla, so
		// kube-apiserver sends the compact JSON client-go receives
		cfg.UserAgent = rest.DefaultKubernetesUserAgent()
	}
	if cfg.Timeout == 0 {
		cfg.Timeout = defaultRecordTimeout
	}
	base, _, err := rest.DefaultServerUrlFor(cfg)
	if err != nil {
		return nil, fmt.Errorf("server address: %w", err)
	}
	cfg.Wrap(limitBodies(opts.MaxBodySize))
	client, err := httpClientFor(cfg)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", ServerURL(cfg), err)
	}
	f := &fetcher{client: client, base: base, server: ServerURL(cfg), opts: opts}
	if cfg.QPS > 0 {
		f.limiter = flowcontrol.NewTokenBucketRateLimiter(cfg.QPS, max(cfg.Burst, 1))
	}
	return f, nil
}

func (f *fetcher) fetchAll(ctx context.Context) (*recording.Capture, error) {
	c := &recording.Capture{Server: f.server}
	var top [3]recording.Entry // /version, /api, /apis: without access to them there is nothing to record
	for i, p := range []string{"/version", "/api", "/apis"} {
		e, err := f.get(ctx, recording.Route{Path: p}, AcceptLegacy)
		if err != nil {
			return nil, err
		}
		if err := accessError(e); err != nil {
			return nil, err
		}
		top[i] = e
	}
	version, core, groups := top[0], top[1], top[2]
	c.GitVersion = gitVersion(version)
	docs, err := legacyDocuments(core, groups)
	if err != nil {
		return nil, err
	}
	fetched, err := f.getAll(ctx, docs)
	if err != nil {
		return nil, err
	}
	c.Entries = append([]recording.Entry{version, core}, fetched[:coreCount(docs)]...)
	c.Entries = append(c.Entries, groups)
	c.Entries = append(c.Entries, fetched[coreCount(docs):]...)
	for _, v := range []string{"v2", "v2beta1"} {
		for _, p := range []string{"/apis", "/api"} {
			e, err := f.get(ctx, recording.Route{Path: p, Aggregated: v}, recording.AggregatedMediaType(v))
			if err != nil {
				return nil, err
			}
			c.Entries = append(c.Entries, e)
		}
	}
	openAPI, err := f.fetchOpenAPI(ctx)
	if err != nil {
		return nil, err
	}
	c.Entries = append(c.Entries, openAPI...)
	return c, nil
}

func coreCount(docs []recording.Route) int {
	n := 0
	for _, d := range docs {
		if strings.HasPrefix(d.Path, "/api/") {
			n++
		}
	}
	return n
}

// legacyDocuments lists the documents /api and /apis name: the core
// versions first, then each group followed by its versions, in server order.
func legacyDocuments(core, groups recording.Entry) ([]recording.Route, error) {
	var docs []recording.Route
	if core.Status == http.StatusOK {
		var doc metav1.APIVersions
		if err := json.Unmarshal(core.Body, &doc); err != nil {
			return nil, fmt.Errorf("GET /api: %w", err)
		}
		for _, v := range doc.Versions {
			if err := checkVersionName(v, "/api"); err != nil {
				return nil, err
			}
			docs = append(docs, recording.Route{Path: "/api/" + v})
		}
	}
	if groups.Status != http.StatusOK {
		return docs, nil
	}
	var doc metav1.APIGroupList
	if err := json.Unmarshal(groups.Body, &doc); err != nil {
		return nil, fmt.Errorf("GET /apis: %w", err)
	}
	for _, g := range doc.Groups {
		if p := recording.GroupNameProblem(g.Name); p != "" {
			return nil, fmt.Errorf("GET /apis: group name %s; refusing to use it in a file name", p)
		}
		docs = append(docs, recording.Route{Path: "/apis/" + g.Name})
		for _, v := range g.Versions {
			if err := checkVersionName(v.Version, "/apis group "+g.Name); err != nil {
				return nil, err
			}
			docs = append(docs, recording.Route{Path: "/apis/" + g.Name + "/" + v.Version})
		}
	}
	return docs, nil
}

// checkVersionName refuses version names that may not become file names.
func checkVersionName(name, where string) error {
	if p := recording.VersionNameProblem(name); p != "" {
		return fmt.Errorf("GET %s: version name %s; refusing to use it in a file name", where, p)
	}
	return nil
}

// getAll fetches docs with a few workers and returns the entries in the
// order of docs. The first error stops the rest.
func (f *fetcher) getAll(ctx context.Context, docs []recording.Route) ([]recording.Entry, error) {
	out := make([]recording.Entry, len(docs))
	g, ctx := errgroup.WithContext(ctx)
	g.SetLimit(recordWorkers)
	var mu sync.Mutex
	done := 0
	for i, d := range docs {
		g.Go(func() error {
			e, err := f.get(ctx, d, AcceptDocument)
			if err != nil {
				return err
			}
			out[i] = e
			mu.Lock()
			defer mu.Unlock()
			done++
			if f.opts.Progress != nil {
				f.opts.Progress(done, len(docs))
			}
			return nil
		})
	}
	if err := g.Wait(); err != nil {
		return nil, err
	}
	return out, nil
}

// get sends one GET for route and returns the answer under the file name
// the recording format gives it (".http<code>" for a non-200 answer).
func (f *fetcher) get(ctx context.Context, route recording.Route, accept string) (recording.Entry, error) {
	return f.getQuery(ctx, route, "", accept)
}

// getQuery is get with a query string ("hash=…") added to the URL.
func (f *fetcher) getQuery(ctx context.Context, route recording.Route, query, accept string) (recording.Entry, error) {
	if f.limiter != nil {
		if err := f.limiter.Wait(ctx); err != nil {
			return recording.Entry{}, err
		}
	}
	p := route.Path
	u := *f.base
	u.Path = strings.TrimSuffix(u.Path, "/") + p
	u.RawQuery = query
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return recording.Entry{}, err
	}
	req.Header.Set("Accept", accept)
	resp, err := f.client.Do(req)
	if err != nil {
		return recording.Entry{}, err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	var tooLarge *TooLargeError
	if errors.As(err, &tooLarge) {
		return recording.Entry{}, tooLarge
	}
	if err != nil {
		return recording.Entry{}, fmt.Errorf("GET %s: reading the answer: %w", p, err)
	}
	return recording.Entry{
		Path: p, Accept: accept, File: recording.FileForStatus(route, resp.StatusCode), Status: resp.StatusCode,
		ContentType: resp.Header.Get("Content-Type"), ETag: resp.Header.Get("ETag"), Body: body,
	}, nil
}

// accessError turns a 401 or 403 answer into client-go's StatusError, with
// the server's Status message when it sent one.
func accessError(e recording.Entry) error {
	reason := map[int]metav1.StatusReason{http.StatusUnauthorized: metav1.StatusReasonUnauthorized, http.StatusForbidden: metav1.StatusReasonForbidden}[e.Status]
	if reason == "" {
		return nil
	}
	var status metav1.Status
	if json.Unmarshal(e.Body, &status) != nil || status.Kind != "Status" || strings.TrimSpace(status.Message) == "" {
		status = metav1.Status{Message: http.StatusText(e.Status)}
	}
	status.Status, status.Code, status.Reason = metav1.StatusFailure, int32(e.Status), reason
	return &apierrors.StatusError{ErrStatus: status}
}

func gitVersion(e recording.Entry) string {
	if e.Status != http.StatusOK {
		return ""
	}
	var v version.Info
	if json.Unmarshal(e.Body, &v) != nil {
		return ""
	}
	return v.GitVersion
}
