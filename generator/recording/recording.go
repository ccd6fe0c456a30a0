package recording

import (
	"fmt"
	"path"
	"sort"
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

// AggregatedMediaType is the media type of aggregated discovery of the
// given version ("v2" or "v2beta1").
func AggregatedMediaType(version string) string {
	if version == "v2beta1" {
		return MediaAggregatedV2Beta1
	}
	return MediaAggregatedV2
}

// Recording is a folder of raw discovery responses named like the
// Kubernetes repository's api/discovery folder: api.json, api__v1.json,
// apis.json, apis__<group>.json, apis__<group>__<version>.json,
// aggregated_v2.json, aggregated_api_v2.json (and v2beta1), version.json.
// A name with ".http<code>" before ".json" records a non-200 answer.
// It may also hold the server's OpenAPI documents: openapi__v3.json (the
// index), openapi__v3__apis__apps__v1.json and the other documents the
// index lists, openapi__v2.json and openapi__v2.pb; any document may be
// stored gzip-compressed under its name plus ".gz".
type Recording struct {
	// Name is where the recording came from, used in error messages.
	Name string
	// Responses maps a route to the recorded discovery answer.
	Responses map[Route]Response
	// OpenAPI maps a route (Route.IsOpenAPI) to the recorded OpenAPI
	// answer; empty when the recording holds no OpenAPI documents. Read
	// bodies with OpenAPIDocument: with LoadOptions.LazyOpenAPI they are
	// nil here until then.
	OpenAPI map[Route]Response

	// Warnings lists what Check found that a client reads without
	// complaint but that makes the model depend on how it is read: an
	// aggregated document that disagrees with the legacy documents. Each
	// is a *FileError naming both files, for the caller to show.
	Warnings []error

	// v3Hashes is the hash the index lists for each v3 document.
	v3Hashes map[Route]string
	// lazy reads the documents LoadOptions.LazyOpenAPI left unread.
	lazy *lazyDocuments
	// decoded is what the last successful Check decoded (Decoded).
	decoded *Decoded
}

// add files resp under route, in OpenAPI or Responses. It returns the
// response already there, if any.
func (r *Recording) add(route Route, resp Response) (prev Response, dup bool) {
	m := r.Responses
	if route.IsOpenAPI() {
		if r.OpenAPI == nil {
			r.OpenAPI = map[Route]Response{}
		}
		m = r.OpenAPI
	}
	if prev, dup = m[route]; dup {
		return prev, true
	}
	m[route] = resp
	return Response{}, false
}

// HasOpenAPIV3 reports whether the recording holds a 200 answer for the
// OpenAPI v3 index, /openapi/v3.
func (r *Recording) HasOpenAPIV3() bool {
	resp, ok := r.OpenAPI[Route{Path: openAPIV3}]
	return ok && resp.Status == 200
}

// Response is one recorded answer.
type Response struct {
	// File is the file name inside the recording (with ".gz" when it is
	// stored compressed; Body holds the uncompressed bytes).
	File string
	// Status is the HTTP status code; 200 unless the name says otherwise.
	Status int
	// Body holds the raw bytes as the server sent them; Load keeps at most
	// the first 64 KiB of a non-200 answer.
	Body []byte
}

// LoadOptions tunes Load. The zero value applies the documented defaults.
type LoadOptions struct {
	// MaxFileSize refuses files larger than this many bytes; 0 means
	// DefaultMaxFileSize.
	MaxFileSize int64
	// OpenAPI reads and checks the OpenAPI documents too (Recording.OpenAPI);
	// false leaves them unread, so that commands that need only discovery
	// do not decompress and hash megabytes of schemas.
	OpenAPI bool
	// LazyOpenAPI, with OpenAPI, reads the /openapi/v3 index at once but
	// each other OpenAPI document only when OpenAPIDocument first asks for
	// it, checking it then: explaining one kind reads one document. Their
	// Body in Recording.OpenAPI stays nil. LoadDir keeps the folder open
	// for those reads.
	LazyOpenAPI bool
}

// FileError is a problem with one file of a recording.
type FileError struct {
	// File is the path of the file, as the user named its folder.
	File string
	// Field is the JSON path inside the file, when the problem has one.
	Field string
	// Problem says what is wrong, in lower case, without the file name.
	Problem string
	// Err is the error behind Problem, when there is one.
	Err error
}

// Unwrap returns the error behind the problem, or nil.
func (e *FileError) Unwrap() error { return e.Err }

// wrapFileError is a *FileError about file (a recording's folder, or a
// file in it) carrying err.
func wrapFileError(file string, err error) error {
	return &FileError{File: file, Problem: err.Error(), Err: err}
}

// Error returns the one-line message, naming the file first.
func (e *FileError) Error() string {
	if e.Field != "" {
		return fmt.Sprintf("%s: %s: %s", e.File, e.Field, e.Problem)
	}
	return fmt.Sprintf("%s: %s", e.File, e.Problem)
}

// Files lists the recording's discovery and OpenAPI files, sorted.
func (r *Recording) Files() []string {
	var out []string
	for _, resp := range r.Responses {
		out = append(out, resp.File)
	}
	for _, resp := range r.OpenAPI {
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
	out := &Recording{Name: r.Name, Responses: map[Route]Response{}, OpenAPI: r.OpenAPI, v3Hashes: r.v3Hashes, lazy: r.lazy}
	for route, resp := range r.Responses {
		if route.Aggregated == "" {
			out.Responses[route] = resp
		}
	}
	if r.decoded != nil {
		legacy := *r.decoded
		legacy.Aggregated = nil
		out.decoded = &legacy
	}
	return out
}

func (r *Recording) file(name string) string { return path.Join(r.Name, name) }
