package site

import (
	"encoding/json"
	"fmt"
	"strings"
)

// searchEntry is one entry of the client-side search index.
type searchEntry struct {
	Type       string `json:"t"`
	Label      string `json:"l"`
	Name       string `json:"n,omitempty"`
	ShortNames string `json:"s,omitempty"`
	APIVersion string `json:"v,omitempty"`
	Path       string `json:"p"`
}

// searchIndex returns assets/search-index.js: the index as a script that
// sets a global, so that it loads from file:// where fetch() cannot.
func searchIndex(s *siteView) ([]byte, error) {
	var entries []searchEntry
	for _, g := range s.Groups {
		entries = append(entries, searchEntry{Type: "group", Label: g.Display, Name: g.Name, Path: g.Path})
	}
	for _, r := range s.Resources {
		entries = append(entries, searchEntry{
			Type: "resource", Label: r.Kind, Name: r.Name, ShortNames: strings.Join(r.ShortNames, ","),
			APIVersion: r.APIVersion, Path: r.Path,
		})
	}
	data, err := json.Marshal(entries) // escapes <, > and & as \u003c…
	if err != nil {
		return nil, fmt.Errorf("search index: %w", err)
	}
	return []byte("window.KUBE_APIDOCS_SEARCH = " + string(data) + ";\n"), nil
}
