package source

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"sort"
	"strconv"
	"strings"
)

// DefaultMaxFileSize is the largest recorded document a Recording accepts
// unless LoadOptions.MaxFileSize says otherwise. The largest real discovery
// document seen (aggregated discovery of a cluster with 3,000 CRDs) is about
// 6 MB; 64 MiB leaves room without letting a stray file exhaust memory.
const DefaultMaxFileSize = 64 << 20

// Media types of the aggregated discovery documents, as kube-apiserver
// negotiates them and as client-go asks for them.
const (
	MediaAggregatedV2      = "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList"
	MediaAggregatedV2Beta1 = "application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList"
	MediaJSON              = "application/json"
)

// Recording is a folder of raw discovery responses named like the
// Kubernetes repository's api/discovery folder: api.json, api__v1.json,
// apis.json, apis__<group>.json, apis__<group>__<version>.json,
// aggregated_v2.json, aggregated_api_v2.json (and v2beta1), version.json.
// A name with ".http<code>" before ".json" records a non-200 answer.
type Recording struct {
	// Name is where the recording came from, used in error messages.
	Name string
	// Responses maps a route to the recorded answer.
	Responses map[Route]Response
}

// Route is a request the recording can answer: a URL path and, for
// aggregated discovery, the discovery version asked for ("v2", "v2beta1";
// empty for legacy documents).
type Route struct {
	Path       string
	Aggregated string
}

// Response is one recorded answer.
type Response struct {
	// File is the file name inside the recording.
	File string
	// Status is the HTTP status code; 200 unless the name says otherwise.
	Status int
	// Body holds the raw bytes as the server sent them.
	Body []byte
}

// LoadOptions tunes Load. The zero value applies the documented defaults.
type LoadOptions struct {
	// MaxFileSize refuses files larger than this many bytes; 0 means
	// DefaultMaxFileSize.
	MaxFileSize int64
}

// FileError is a problem with one file of a recording.
type FileError struct {
	// File is the path of the file, as the user named its folder.
	File string
	// Field is the JSON path inside the file, when the problem has one.
	Field string
	// Problem says what is wrong, in lower case, without the file name.
	Problem string
}

func (e *FileError) Error() string {
	if e.Field != "" {
		return fmt.Sprintf("%s: %s: %s", e.File, e.Field, e.Problem)
	}
	return fmt.Sprintf("%s: %s", e.File, e.Problem)
}

// LoadDir reads a recording from a folder on disk.
func LoadDir(dir string, opts LoadOptions) (*Recording, error) {
	info, err := os.Stat(dir)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("%s: no such folder", dir)
		}
		return nil, fmt.Errorf("%s: %w", dir, err)
	}
	if !info.IsDir() {
		return nil, fmt.Errorf("%s: not a folder", dir)
	}
	return Load(os.DirFS(dir), dir, opts)
}

// Load reads a recording from fsys; name is used in error messages as the
// folder the files live in.
func Load(fsys fs.FS, name string, opts LoadOptions) (*Recording, error) {
	if opts.MaxFileSize <= 0 {
		opts.MaxFileSize = DefaultMaxFileSize
	}
	entries, err := fs.ReadDir(fsys, ".")
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	type document struct {
		name   string
		route  Route
		status int
	}
	var docs []document
	for _, e := range entries {
		if route, status, ok := routeForFile(e.Name()); ok && !e.IsDir() {
			docs = append(docs, document{e.Name(), route, status})
		}
	}
	bodies, errs := make([][]byte, len(docs)), make([]error, len(docs))
	parallel(len(docs), func(i int) {
		bodies[i], errs[i] = readLimited(fsys, docs[i].name, path.Join(name, docs[i].name), opts.MaxFileSize)
	})
	rec := &Recording{Name: name, Responses: make(map[Route]Response, len(docs))}
	for i, d := range docs {
		if errs[i] != nil {
			return nil, errs[i]
		}
		if prev, dup := rec.Responses[d.route]; dup {
			return nil, &FileError{File: path.Join(name, d.name), Problem: fmt.Sprintf("answers the same request as %s", prev.File)}
		}
		rec.Responses[d.route] = Response{File: d.name, Status: d.status, Body: bodies[i]}
	}
	if err := rec.Check(); err != nil {
		return nil, err
	}
	return rec, nil
}

func readLimited(fsys fs.FS, name, file string, limit int64) ([]byte, error) {
	f, err := fsys.Open(name)
	if err != nil {
		return nil, &FileError{File: file, Problem: err.Error()}
	}
	defer f.Close()
	if info, err := f.Stat(); err == nil && info.Size() > limit {
		return nil, &FileError{File: file, Problem: fmt.Sprintf("file is %d bytes, more than the limit of %d (raise it with --max-file-size)", info.Size(), limit)}
	}
	body, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err != nil {
		return nil, &FileError{File: file, Problem: err.Error()}
	}
	if int64(len(body)) > limit {
		return nil, &FileError{File: file, Problem: fmt.Sprintf("file is more than the limit of %d bytes (raise it with --max-file-size)", limit)}
	}
	return body, nil
}

// routeForFile maps a recording's file name to the request it answers and
// the recorded status. Names that are not discovery documents (README.md,
// kubectl_*.txt, index.tsv) are not routes.
func routeForFile(name string) (Route, int, bool) {
	if !strings.HasSuffix(name, ".json") {
		return Route{}, 0, false
	}
	base := strings.TrimSuffix(name, ".json")
	status := 200
	if i := strings.LastIndex(base, ".http"); i >= 0 && isDigits(base[i+len(".http"):]) {
		// "….http503": a recorded non-200 answer (a group such as
		// "api.httpbin.example.com" only looks like one)
		code, err := strconv.Atoi(base[i+len(".http"):])
		if err != nil || code < 100 || code > 599 {
			return Route{}, 0, false
		}
		status, base = code, base[:i]
	}
	switch {
	case base == "version":
		return Route{Path: "/version"}, status, true
	case strings.HasPrefix(base, "aggregated_api_"):
		return aggregatedRoute("/api", strings.TrimPrefix(base, "aggregated_api_"), status)
	case strings.HasPrefix(base, "aggregated_"):
		return aggregatedRoute("/apis", strings.TrimPrefix(base, "aggregated_"), status)
	case base == "api" || base == "apis" || strings.HasPrefix(base, "api__") || strings.HasPrefix(base, "apis__"):
		parts := strings.Split(base, "__")
		for _, p := range parts {
			if p == "" || p == "." || p == ".." {
				return Route{}, 0, false
			}
		}
		return Route{Path: "/" + strings.Join(parts, "/")}, status, true
	}
	return Route{}, 0, false
}

func isDigits(s string) bool {
	return s != "" && strings.Trim(s, "0123456789") == ""
}

func aggregatedRoute(p, version string, status int) (Route, int, bool) {
	switch version {
	case "v2", "v2beta1":
		return Route{Path: p, Aggregated: version}, status, true
	}
	// aggregated_clientgo_accept.json and friends repeat another file's
	// answer to a mixed Accept header; the server's negotiation is
	// reproduced from the per-version files instead.
	return Route{}, 0, false
}

// fileFor returns the file that would answer a route, for error messages
// about files that are missing.
func fileFor(r Route) string {
	if r.Aggregated != "" {
		if r.Path == "/api" {
			return "aggregated_api_" + r.Aggregated + ".json"
		}
		return "aggregated_" + r.Aggregated + ".json"
	}
	return strings.ReplaceAll(strings.TrimPrefix(r.Path, "/"), "/", "__") + ".json"
}

// Files lists the recording's discovery files, sorted.
func (r *Recording) Files() []string {
	var out []string
	for _, resp := range r.Responses {
		out = append(out, resp.File)
	}
	sort.Strings(out)
	return out
}

// HasAggregated reports whether the recording holds a 200 answer for
// aggregated discovery of the given version ("v2" or "v2beta1") at /apis.
func (r *Recording) HasAggregated(version string) bool {
	resp, ok := r.Responses[Route{Path: "/apis", Aggregated: version}]
	return ok && resp.Status == 200
}

// WithoutAggregated returns a copy of r that holds only the legacy
// documents, as a server from before aggregated discovery would serve.
func (r *Recording) WithoutAggregated() *Recording {
	out := &Recording{Name: r.Name, Responses: map[Route]Response{}}
	for route, resp := range r.Responses {
		if route.Aggregated == "" {
			out.Responses[route] = resp
		}
	}
	return out
}

func (r *Recording) file(name string) string { return path.Join(r.Name, name) }
