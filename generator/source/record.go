package source

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"time"

	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/util/validation"
	"k8s.io/client-go/rest"
	"k8s.io/client-go/util/flowcontrol"
)

// Accept headers Fetch sends, the ones client-go's discovery client sends.
const (
	// AcceptLegacy is what client-go asks /api and /apis for in legacy
	// discovery.
	AcceptLegacy = MediaJSON
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
	// *TooLargeError; 0 means DefaultMaxFileSize.
	MaxBodySize int64
	// Progress, when set, is called after each legacy document with how
	// many have been fetched out of how many there are.
	Progress func(done, total int)
}

// Entry is one recorded request and its answer.
type Entry struct {
	// Path is the request path ("/apis/apps/v1").
	Path string
	// Accept is the Accept header sent.
	Accept string
	// File is the file name in the recording ("apis__apps__v1.json", or
	// "apis__metrics.k8s.io__v1beta1.http503.json" for a non-200 answer).
	File string
	// Status is the HTTP status code.
	Status int
	// ContentType and ETag are the answer's headers ("" when absent).
	ContentType, ETag string
	// Body holds the raw bytes of the answer.
	Body []byte
}

// Capture is what Fetch received from a server, in request order.
type Capture struct {
	// Server is the server's URL (scheme and host only).
	Server string
	// GitVersion is the server's version from /version ("" if unknown).
	GitVersion string
	// Entries are the requests and answers.
	Entries []Entry
}

// Fetch asks the server behind cfg for every discovery document, the way
// client-go asks for them, and keeps the raw answers: /version, the legacy
// documents (/api, /api/<v>, /apis, /apis/<g>, /apis/<g>/<v>) and
// aggregated discovery v2 and v2beta1 for /apis and /api. A non-200 answer
// for one group-version is kept (as evidence, like the fixtures' .http406
// files); failing to reach the server, 401 and 403 are returned as a
// *ServerError, a redirect to another origin as a *RedirectError, an answer
// over RecordOptions.MaxBodySize as a *TooLargeError. Group and version
// names from the server are validated before they become file names.
func Fetch(ctx context.Context, cfg *rest.Config, opts RecordOptions) (*Capture, error) {
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

func (f *fetcher) fetchAll(ctx context.Context) (*Capture, error) {
	c := &Capture{Server: f.server}
	var top [3]Entry // /version, /api, /apis: without access to them there is nothing to record
	for i, d := range []document{{"/version", "version.json"}, {"/api", "api.json"}, {"/apis", "apis.json"}} {
		e, err := f.get(ctx, d.path, AcceptLegacy, d.file)
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
	c.Entries = append([]Entry{version, core}, fetched[:coreCount(docs)]...)
	c.Entries = append(c.Entries, groups)
	c.Entries = append(c.Entries, fetched[coreCount(docs):]...)
	for _, v := range []string{"v2", "v2beta1"} {
		for _, p := range []string{"/apis", "/api"} {
			e, err := f.get(ctx, p, mediaForAggregated(v), aggregatedFile(p, v))
			if err != nil {
				return nil, err
			}
			c.Entries = append(c.Entries, e)
		}
	}
	return c, nil
}

func aggregatedFile(p, version string) string {
	if p == "/api" {
		return "aggregated_api_" + version + ".json"
	}
	return "aggregated_" + version + ".json"
}

// document is one legacy document to fetch.
type document struct{ path, file string }

func coreCount(docs []document) int {
	n := 0
	for _, d := range docs {
		if strings.HasPrefix(d.path, "/api/") {
			n++
		}
	}
	return n
}

// legacyDocuments lists the documents /api and /apis name: the core
// versions first, then each group followed by its versions, in server order.
func legacyDocuments(core, groups Entry) ([]document, error) {
	var docs []document
	if core.Status == http.StatusOK {
		var doc apiVersionsDoc
		if err := json.Unmarshal(core.Body, &doc); err != nil {
			return nil, fmt.Errorf("GET /api: %w", err)
		}
		for _, v := range doc.Versions {
			if err := checkVersionName(v, "/api"); err != nil {
				return nil, err
			}
			docs = append(docs, document{"/api/" + v, "api__" + v + ".json"})
		}
	}
	if groups.Status != http.StatusOK {
		return docs, nil
	}
	var doc apiGroupListDoc
	if err := json.Unmarshal(groups.Body, &doc); err != nil {
		return nil, fmt.Errorf("GET /apis: %w", err)
	}
	for _, g := range doc.Groups {
		if err := checkGroupName(g.Name); err != nil {
			return nil, err
		}
		docs = append(docs, document{"/apis/" + g.Name, "apis__" + g.Name + ".json"})
		for _, v := range g.Versions {
			if err := checkVersionName(v.Version, "/apis group "+g.Name); err != nil {
				return nil, err
			}
			docs = append(docs, document{"/apis/" + g.Name + "/" + v.Version, "apis__" + g.Name + "__" + v.Version + ".json"})
		}
	}
	return docs, nil
}

// statusSuffix matches a name ending the way a non-200 answer's file name
// does, which a group name must not, or the file would be misread.
var statusSuffix = regexp.MustCompile(`\.http[0-9]+$`)

// checkGroupName refuses group names that are not DNS subdomains: the name
// becomes part of a URL path and a file name, and comes from the server.
func checkGroupName(name string) error {
	if errs := validation.IsDNS1123Subdomain(name); len(errs) > 0 {
		return fmt.Errorf("GET /apis: group name %q is not valid (%s); refusing to use it in a file name", name, errs[0])
	}
	if statusSuffix.MatchString(name) {
		return fmt.Errorf("GET /apis: group name %q ends like a recorded HTTP status; refusing to use it in a file name", name)
	}
	return nil
}

// checkVersionName refuses version names that are not DNS labels.
func checkVersionName(name, where string) error {
	if errs := validation.IsDNS1123Label(name); len(errs) > 0 {
		return fmt.Errorf("GET %s: version name %q is not valid (%s); refusing to use it in a file name", where, name, errs[0])
	}
	return nil
}

// getAll fetches docs with a few workers and returns the entries in the
// order of docs. The first error stops the rest.
func (f *fetcher) getAll(parent context.Context, docs []document) ([]Entry, error) {
	ctx, cancel := context.WithCancel(parent)
	defer cancel()
	b := &batch{docs: docs, out: make([]Entry, len(docs)), errs: make([]error, len(docs)), next: make(chan int)}
	var wg sync.WaitGroup
	for w := 0; w < min(recordWorkers, len(docs)); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			f.work(ctx, cancel, b)
		}()
	}
feed:
	for i := range docs {
		select {
		case b.next <- i:
		case <-ctx.Done():
			break feed
		}
	}
	close(b.next)
	wg.Wait()
	for _, err := range b.errs {
		if err != nil {
			return nil, err
		}
	}
	if err := parent.Err(); err != nil {
		return nil, err
	}
	return b.out, nil
}

// batch is the shared state of getAll's workers.
type batch struct {
	docs []document
	out  []Entry
	errs []error
	next chan int

	mu   sync.Mutex
	done int
}

// work fetches the documents whose indexes arrive on b.next.
func (f *fetcher) work(ctx context.Context, cancel func(), b *batch) {
	for i := range b.next {
		b.out[i], b.errs[i] = f.get(ctx, b.docs[i].path, AcceptDocument, b.docs[i].file)
		if b.errs[i] != nil {
			cancel()
		}
		b.mu.Lock()
		b.done++
		if f.opts.Progress != nil {
			f.opts.Progress(b.done, len(b.docs))
		}
		b.mu.Unlock()
	}
}

// get sends one GET and returns the answer; a non-200 answer is kept under
// a ".http<code>" file name.
func (f *fetcher) get(ctx context.Context, p, accept, file string) (Entry, error) {
	if f.limiter != nil {
		if err := f.limiter.Wait(ctx); err != nil {
			return Entry{}, err
		}
	}
	u := *f.base
	u.Path = strings.TrimSuffix(u.Path, "/") + p
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return Entry{}, err
	}
	req.Header.Set("Accept", accept)
	resp, err := f.client.Do(req)
	if err != nil {
		return Entry{}, err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	var tooLarge *TooLargeError
	if errors.As(err, &tooLarge) {
		return Entry{}, tooLarge
	}
	if err != nil {
		return Entry{}, fmt.Errorf("GET %s: reading the answer: %w", p, err)
	}
	if resp.StatusCode != http.StatusOK {
		file = strings.TrimSuffix(file, ".json") + fmt.Sprintf(".http%d.json", resp.StatusCode)
	}
	return Entry{
		Path: p, Accept: accept, File: file, Status: resp.StatusCode,
		ContentType: resp.Header.Get("Content-Type"), ETag: resp.Header.Get("ETag"), Body: body,
	}, nil
}

// accessError turns a 401 or 403 answer into client-go's StatusError, with
// the server's Status message when it sent one.
func accessError(e Entry) error {
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

func gitVersion(e Entry) string {
	if e.Status != http.StatusOK {
		return ""
	}
	var v versionDoc
	if json.Unmarshal(e.Body, &v) != nil {
		return ""
	}
	return v.GitVersion
}
