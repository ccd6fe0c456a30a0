package site

import (
	"fmt"
	"hash/fnv"
	"path"
	"slices"
	"strings"

	"github.com/kube-apidocs/kube-apidocs/generator/model"
)

// maxSlugLen bounds the readable part of a slug, so that a hostile name
// cannot produce a file name longer than file systems allow.
const maxSlugLen = 80

// coreSlug names the core group in page paths; the core group has no name.
const coreSlug = "core"

// slugger turns untrusted names into file-name-safe slugs that are unique
// within one scope (a folder). A name that is already a safe slug is kept
// as it is; any other name, or one that collides, gets a 64-bit hash
// suffix. Two names that would still share a slug are an error (err), never
// one page for both.
type slugger struct {
	used map[string]map[string]string // scope -> slug -> name
	err  error                        // the first collision
}

func newSlugger() *slugger { return &slugger{used: map[string]map[string]string{}} }

// reserve marks slug as taken in scope by name, before any other name asks.
func (s *slugger) reserve(scope, slug, name string) {
	if s.used[scope] == nil {
		s.used[scope] = map[string]string{}
	}
	s.used[scope][slug] = name
}

// slug returns the slug of name in scope; the same name always gets the
// same slug. When the hashed slug is taken by another name, s.err records
// the collision.
func (s *slugger) slug(scope, name string) string {
	if s.used[scope] == nil {
		s.used[scope] = map[string]string{}
	}
	base := sanitize(name)
	if owner, taken := s.used[scope][base]; !taken || owner == name {
		if base == name {
			s.used[scope][base] = name
			return base
		}
	}
	hashed := fmt.Sprintf("%s-%016x", base, slugHash(name))
	if owner, taken := s.used[scope][hashed]; taken && owner != name && s.err == nil {
		s.err = &SlugCollisionError{Slug: hashed, First: owner, Second: name}
	}
	s.used[scope][hashed] = name
	return hashed
}

// SlugCollisionError means two names of one folder of the site would get
// the same page.
type SlugCollisionError struct {
	Slug, First, Second string
}

func (e *SlugCollisionError) Error() string {
	return fmt.Sprintf("names %q and %q would share the page name %q; rename one of them", e.First, e.Second, e.Slug)
}

// slugHash is the hash that tells names with the same readable slug apart;
// a test replaces it to force a collision.
var slugHash = hash64

// sanitize keeps lower-case ASCII letters, digits, '-', '_' and inner dots,
// replaces runs of anything else with '-', and never returns "", "." or "..".
func sanitize(name string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(name) {
		ok := (r >= 'a' && r <= 'z') || (r >= '0' && r <= '9') || r == '-' || r == '_' || r == '.'
		if !ok {
			if !dash {
				b.WriteByte('-')
			}
			dash = true
			continue
		}
		b.WriteRune(r)
		dash = false
	}
	out := strings.Trim(b.String(), ".-")
	out = strings.ReplaceAll(out, "..", "-")
	if len(out) > maxSlugLen {
		out = out[:maxSlugLen]
	}
	if out == "" {
		out = "x"
	}
	return out
}

// hash64 is FNV-1a, 64 bits: a slug suffix of 16 hex digits.
func hash64(s string) uint64 {
	h := fnv.New64a()
	h.Write([]byte(s))
	return h.Sum64()
}

// relPath returns the link from the page at from to the page at to, both
// relative to the site root, in forward-slash form ("../apps.html").
func relPath(from, to string) string {
	depth := strings.Count(path.Clean(from), "/")
	return strings.Repeat("../", depth) + to
}

// rootOf returns the prefix that leads from the page at p to the site root:
// "" for top-level pages, "../" one folder down, and so on.
func rootOf(p string) string { return relPath(p, "") }

// APIPrefix returns the URL prefix that serves a group-version:
// "/api/v1" for the core group and "/apis/<group>/<version>" otherwise.
func APIPrefix(group, version string) string {
	if group == "" {
		return "/api/" + version
	}
	return "/apis/" + group + "/" + version
}

// RESTPaths are the URL templates of one resource. Namespaced resources
// have both the per-namespace collection and the all-namespaces one.
type RESTPaths struct {
	// Collection is the list/create URL, in a namespace when namespaced.
	Collection string
	// AllNamespaces is the list URL across namespaces; empty when the
	// resource is cluster-scoped.
	AllNamespaces string
	// Item is the URL of one object.
	Item string
}

// PathsFor returns the REST paths of resource r in group-version g/v.
func PathsFor(group, version string, r model.Resource) RESTPaths {
	prefix := APIPrefix(group, version)
	if !r.Namespaced {
		return RESTPaths{Collection: prefix + "/" + r.Name, Item: prefix + "/" + r.Name + "/{name}"}
	}
	return RESTPaths{
		Collection:    prefix + "/namespaces/{namespace}/" + r.Name,
		AllNamespaces: prefix + "/" + r.Name,
		Item:          prefix + "/namespaces/{namespace}/" + r.Name + "/{name}",
	}
}

// Endpoint is one verb of a resource as an HTTP request.
type Endpoint struct {
	Verb string
	// Method is the HTTP method; "" for a verb with no REST request of its
	// own (use, bind, escalate, …), which RBAC checks during others.
	Method string
	Path   string
	// Watch marks a watch request (?watch=true), AllNamespaces one across
	// every namespace.
	Watch, AllNamespaces bool
	// Note is what the page says about the request, from the endpoint-note
	// template phrase; Endpoints leaves it empty.
	Note string
}

// verbMethods maps the Kubernetes verbs that have a REST form to the HTTP
// method the API server expects and whether they address one object.
var verbMethods = map[string]struct {
	method string
	item   bool
}{
	"get": {"GET", true}, "list": {"GET", false}, "watch": {"GET", false},
	"create": {"POST", false}, "update": {"PUT", true}, "patch": {"PATCH", true},
	"delete": {"DELETE", true}, "deletecollection": {"DELETE", false},
}

// restVerbs is the order resource pages list the REST verbs in: reads,
// then writes, then deletes.
var restVerbs = []string{"get", "list", "watch", "create", "update", "patch", "delete", "deletecollection"}

// Endpoints maps each verb of r to its HTTP requests, REST verbs in
// restVerbs order. Verbs without a REST form (use, bind, escalate, …) follow
// in the server's order with an empty method, so that nothing the server
// said is dropped.
func Endpoints(group, version string, r model.Resource) []Endpoint {
	p := PathsFor(group, version, r)
	var out []Endpoint
	for _, verb := range restVerbs {
		if slices.Contains(r.Verbs, verb) {
			vm := verbMethods[verb]
			out = append(out, verbEndpoints(verb, vm.method, vm.item, p)...)
		}
	}
	for _, verb := range r.Verbs {
		if _, ok := verbMethods[verb]; !ok {
			out = append(out, Endpoint{Verb: verb})
		}
	}
	return out
}

func verbEndpoints(verb, method string, item bool, p RESTPaths) []Endpoint {
	if item {
		return []Endpoint{{Verb: verb, Method: method, Path: p.Item}}
	}
	watch := verb == "watch"
	query := ""
	if watch {
		query = "?watch=true"
	}
	out := []Endpoint{{Verb: verb, Method: method, Path: p.Collection + query, Watch: watch}}
	if p.AllNamespaces != "" && (verb == "list" || watch) {
		out = append(out, Endpoint{Verb: verb, Method: method, Path: p.AllNamespaces + query, Watch: watch, AllNamespaces: true})
	}
	return out
}

// noteEndpoints fills the Note of each endpoint from the endpoint-note
// phrase.
func noteEndpoints(eps []Endpoint, ph *phrases) []Endpoint {
	for i, e := range eps {
		eps[i].Note = ph.cached("endpoint-note", endpointNoteData{RESTless: e.Method == "", Watch: e.Watch, AllNamespaces: e.AllNamespaces})
	}
	return eps
}

// subresourceMethods maps a subresource verb to its HTTP method.
var subresourceMethods = map[string]string{"get": "GET", "update": "PUT", "patch": "PATCH", "create": "POST", "delete": "DELETE", "list": "GET"}

// SubresourceMethods returns the HTTP methods of a subresource's verbs, in
// verb order, leaving out verbs without a REST form.
func SubresourceMethods(verbs []string) []string {
	var out []string
	for _, v := range verbs {
		if m, ok := subresourceMethods[v]; ok {
			out = append(out, m)
		}
	}
	return out
}
