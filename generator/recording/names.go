package recording

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"

	"k8s.io/apimachinery/pkg/util/validation"
)

// This file holds the one naming rule of a recording folder: which file
// answers which request (FileFor, RouteFor), and which group, version and
// resource names may appear in those file names. Every reader and writer
// of a recording uses these, so they cannot disagree.

// Route is a request the recording can answer: a URL path and, for
// aggregated discovery, the discovery version asked for ("v2", "v2beta1";
// empty for legacy documents).
type Route struct {
	// Path is the URL path ("/apis/apps/v1").
	Path string
	// Aggregated is the aggregated discovery version for /api and /apis,
	// "" for a legacy document.
	Aggregated string
	// Protobuf is true for the protobuf form of /openapi/v2
	// (openapi__v2.pb), false for every JSON document.
	Protobuf bool
}

// IsOpenAPI reports whether r is an OpenAPI document (/openapi/v2,
// /openapi/v3 or a document the /openapi/v3 index lists) rather than a
// discovery document.
func (r Route) IsOpenAPI() bool {
	return r.Path == openAPIV2 || r.Path == openAPIV3 || strings.HasPrefix(r.Path, openAPIV3+"/")
}

// Paths of the OpenAPI documents a kube-apiserver serves.
const (
	openAPIV2 = "/openapi/v2"
	openAPIV3 = "/openapi/v3"
)

// statusMarker comes before the status code in the file name of a recorded
// non-200 answer: "apis__metrics.k8s.io__v1beta1.http503.json".
const statusMarker = ".http"

// FileFor returns the name of the file that holds the 200 answer to r:
// "api.json", "apis__apps__v1.json", "aggregated_v2.json",
// "aggregated_api_v2beta1.json", "version.json", "openapi__v3.json",
// "openapi__v3__apis__apps__v1.json", "openapi__v2.json", "openapi__v2.pb".
func FileFor(r Route) string {
	return FileForStatus(r, 200)
}

// FileForStatus returns the name of the file that holds the answer to r
// with the given HTTP status: FileFor's name, with ".http<status>" before
// the extension when status is not 200.
func FileForStatus(r Route, status int) string {
	base := strings.ReplaceAll(strings.TrimPrefix(r.Path, "/"), "/", "__")
	if r.Aggregated != "" {
		base = "aggregated_" + r.Aggregated
		if r.Path == "/api" {
			base = "aggregated_api_" + r.Aggregated
		}
	}
	if status != 200 {
		base += statusMarker + strconv.Itoa(status)
	}
	if r.Protobuf {
		return base + ".pb"
	}
	return base + ".json"
}

// RouteFor maps a recording's file name to the request it answers and the
// recorded status; it is the inverse of FileForStatus. Names that are not
// discovery or OpenAPI documents (README.md, kubectl_*.txt, index.tsv) are
// not routes.
func RouteFor(file string) (r Route, status int, ok bool) {
	base, isJSON := strings.CutSuffix(file, ".json")
	if !isJSON {
		if base, isPB := strings.CutSuffix(file, ".pb"); isPB {
			return protobufRoute(base)
		}
		return Route{}, 0, false
	}
	base, status, ok = splitStatus(base)
	if !ok {
		return Route{}, 0, false
	}
	switch {
	case base == "openapi__v2" || base == "openapi__v3" || strings.HasPrefix(base, "openapi__v3__"):
		return openAPIRoute(base, status)
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

// splitStatus splits "….http503" into the name and the recorded status; a
// name without the marker is a 200 answer. A group such as
// "api.httpbin.example.com" only looks like one: the marker must be
// followed by digits to the end. ok is false for a marker with a code that
// is not an HTTP status.
func splitStatus(base string) (string, int, bool) {
	i := strings.LastIndex(base, statusMarker)
	if i < 0 || !isDigits(base[i+len(statusMarker):]) {
		return base, 200, true
	}
	code, err := strconv.Atoi(base[i+len(statusMarker):])
	if err != nil || code < 100 || code > 599 {
		return "", 0, false
	}
	return base[:i], code, true
}

// protobufRoute maps "openapi__v2" (before ".pb") to the protobuf form of
// /openapi/v2, the one protobuf document a recording holds.
func protobufRoute(base string) (Route, int, bool) {
	base, status, ok := splitStatus(base)
	if !ok || base != "openapi__v2" {
		return Route{}, 0, false
	}
	return Route{Path: openAPIV2, Protobuf: true}, status, true
}

// openAPIRoute maps "openapi__v3__apis__apps__v1" to /openapi/v3/apis/apps/v1.
// The path's parts become a file name, so each may hold only letters,
// digits, '.', '-' and '_' (a single '_': "__" separates parts), and none
// may be "." or "..": the index of a real kube-apiserver lists paths like
// "apis/apps/v1", "api/v1", "version" and ".well-known/openid-configuration".
func openAPIRoute(base string, status int) (Route, int, bool) {
	parts := strings.Split(base, "__")
	for _, p := range parts {
		if !validOpenAPIPart(p) {
			return Route{}, 0, false
		}
	}
	return Route{Path: "/" + strings.Join(parts, "/")}, status, true
}

func validOpenAPIPart(p string) bool {
	if p == "" || p == "." || p == ".." || strings.HasPrefix(p, "_") || strings.HasSuffix(p, "_") {
		return false
	}
	return strings.Trim(p, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-_") == ""
}

// OpenAPIV3Route returns the route of the document the /openapi/v3 index
// lists under key ("apis/apps/v1"), and false when key cannot be a file
// name of a recording (see RouteFor).
func OpenAPIV3Route(key string) (Route, bool) {
	route := Route{Path: openAPIV3 + "/" + key}
	back, status, ok := RouteFor(FileFor(route))
	return route, ok && status == 200 && back == route
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

// Names in discovery documents become file names, rows, anchors and paths.
// Group and version names must be names kube-apiserver accepts, because
// they become the names of recorded files:
//   - group names: DNS-1123 subdomains (CRD and APIService validation),
//     and not ending like a recorded status (".http503"), which would make
//     the group's file name read as another group's failed answer;
//   - versions: DNS-1035 labels (CRD and APIService validation).
//
// Resource, singular and subresource names are read as kubectl reads them:
// aggregated API servers serve what they like (metric adapters serve
// "s0-rabbitmq-queueName" and "*/agent.googleapis.com|agent|api_request_count"),
// kubectl shows them, and the site turns them into slugs. Only what is
// unsafe is refused: control characters, and an empty, "." or ".." part
// between the "/" that separate a subresource from its parent.
//
// Kinds, verbs, short names and categories are shown, never used as paths:
// they may hold any text except control characters.
const (
	groupNameRule    = "is not a valid API group name (a DNS subdomain: lowercase letters, digits, '-' and '.', at most 253 characters)"
	groupStatusRule  = "is not a valid API group name here: it ends like a recorded HTTP status (.http<code>), so its file name would read as another group's failed answer"
	versionNameRule  = "is not a valid API version (a DNS label: lowercase letters, digits and '-', starting with a letter, at most 63 characters)"
	resourceNameRule = `is not a usable resource name (any text without control characters; no part between "/" may be empty, "." or "..")`
)

// ValidGroupName reports whether name may be an API group's name in a
// recording.
func ValidGroupName(name string) bool {
	return groupRule(name) == ""
}

// groupRule returns the rule name breaks, or "" when it is a valid group
// name.
func groupRule(name string) string {
	if len(validation.IsDNS1123Subdomain(name)) > 0 {
		return groupNameRule
	}
	if _, status, _ := splitStatus(name); status != 200 {
		return groupStatusRule
	}
	return ""
}

// ValidVersionName reports whether name may be an API version in a
// recording.
func ValidVersionName(name string) bool {
	return len(validation.IsDNS1035Label(name)) == 0
}

// ValidResourceName reports whether name may be a resource, singular or
// subresource name in a recording: "pods", "pods/status",
// "s0-rabbitmq-queueName". A name with a "/" is a subresource to kubectl,
// which leaves it out of api-resources.
func ValidResourceName(name string) bool {
	for _, part := range strings.Split(name, "/") {
		if part == "" || part == "." || part == ".." || strings.IndexFunc(part, unicode.IsControl) >= 0 {
			return false
		}
	}
	return true
}

// GroupNameProblem says why name may not be a group's name, or returns ""
// when it may.
func GroupNameProblem(name string) string {
	if rule := groupRule(name); rule != "" {
		return quoteName(name) + " " + rule
	}
	return ""
}

// VersionNameProblem says why name may not be a version, or returns ""
// when it may.
func VersionNameProblem(name string) string {
	if ValidVersionName(name) {
		return ""
	}
	return quoteName(name) + " " + versionNameRule
}

// quoteName quotes a name for an error message, escaping control and
// non-printing characters so the message stays on one line.
func quoteName(name string) string {
	const max = 80
	if len(name) > max {
		name = name[:max] + "..."
	}
	return fmt.Sprintf("%q", name)
}
