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
type Recording struct {
	// Name is where the recording came from, used in error messages.
	Name string
	// Responses maps a route to the recorded answer.
	Responses map[Route]Response
	// Warnings lists what Check found that a client reads without
	// complaint but that makes the model depend on how it is read: an
	// aggregated document that disagrees with the legacy documents. Each
	// is a *FileError naming both files, for the caller to show.
	Warnings []error
}

// Response is one recorded answer.
type Response struct {
	// File is the file name inside the recording.
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

// Error returns the one-line message, naming the file first.
func (e *FileError) Error() string {
	if e.Field != "" {
		return fmt.Sprintf("%s: %s: %s", e.File, e.Field, e.Problem)
	}
	return fmt.Sprintf("%s: %s", e.File, e.Problem)
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
