package site

import (
	"slices"
	"strings"
)

// proxyURL is where `kubectl proxy` listens by default.
const proxyURL = "http://127.0.0.1:8001"

// examples returns the command-line examples of a resource page: the
// request the resource is most often used with, once with curl through
// `kubectl proxy` and once with `kubectl get --raw` (or create --raw). The
// words are the example-title and example-commands phrases.
func examples(r *resourceView, ph *phrases) []exampleView {
	d := exampleData{Name: r.Name, Kind: r.Kind, Namespaced: strings.Contains(r.Paths.Collection, "{namespace}")}
	p := r.Paths.Collection
	switch {
	case slices.Contains(r.Verbs, "list"):
		d.Verb = "list"
	case slices.Contains(r.Verbs, "get"):
		d.Verb, p = "get", r.Paths.Item
	case slices.Contains(r.Verbs, "create"):
		d.Verb = "create"
	default:
		return nil
	}
	p = concrete(p)
	d.URL, d.Path = shellQuote(proxyURL+p), shellQuote(p)
	return []exampleView{{Title: ph.text("example-title", d), Commands: ph.text("example-commands", d)}}
}

// concrete fills a path template with the example namespace and name.
func concrete(p string) string {
	return strings.NewReplacer("{namespace}", "default", "{name}", "example").Replace(p)
}

// shellQuote quotes s for a POSIX shell unless it holds only characters
// that need no quoting.
func shellQuote(s string) string {
	safe := true
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("/:._-=", r)) {
			safe = false
			break
		}
	}
	if safe && s != "" {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}
