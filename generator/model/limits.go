package model

import "unicode/utf8"

// MaxTextLength is the longest name, kind, verb, short name or category the
// model keeps, in bytes: 253, the length of the longest DNS subdomain, which
// is the longest name Kubernetes validation accepts for any of them (kinds,
// short names and categories of a CRD must even be DNS labels of at most 63).
// A server may send longer text; the model shortens it so that one 20 MB kind
// cannot turn into a site of gigabytes.
const MaxTextLength = 253

// MaxReasonLength is the longest explanation of an unavailable group-version
// the model keeps, in bytes.
const MaxReasonLength = 1024

// Shortened records one string of the API that LimitText cut, or one
// resource it left out because its name was too long to be a Kubernetes name.
type Shortened struct {
	// GroupVersion and Resource say where; Resource is empty for a
	// group-version's own text.
	GroupVersion string
	Resource     string
	// Field names the field: "kind", "verbs", "shortNames", "categories",
	// "singularName", "name", "subresources[scale].kind", "reason".
	Field string
	// Length is the length the server sent, in bytes.
	Length int
	// Dropped is true when the whole resource (or subresource) was left out
	// rather than shortened: its name is its identity in URLs and pages.
	Dropped bool
}

// LimitText shortens every kind, verb, short name, category and singular
// name longer than MaxTextLength bytes to at most that length (cut at a
// UTF-8 boundary and ended with "…"), leaves out resources and subresources whose names are longer, cuts
// reasons of unavailable group-versions at MaxReasonLength, and returns what
// it changed, in model order.
func (a *API) LimitText() []Shortened {
	var out []Shortened
	for gi := range a.Groups {
		g := &a.Groups[gi]
		for vi := range g.Versions {
			v := &g.Versions[vi]
			out = append(out, limitVersion(GroupVersion(g.Name, v.Version), v)...)
		}
	}
	for i := range a.Unavailable {
		u := &a.Unavailable[i]
		if n := len(u.Reason); n > MaxReasonLength {
			u.Reason = shorten(u.Reason, MaxReasonLength)
			out = append(out, Shortened{GroupVersion: u.GroupVersion(), Field: "reason", Length: n})
		}
	}
	return out
}

func limitVersion(gv string, v *Version) []Shortened {
	var out []Shortened
	kept := v.Resources[:0]
	for _, r := range v.Resources {
		if len(r.Name) > MaxTextLength {
			out = append(out, Shortened{GroupVersion: gv, Resource: shorten(r.Name, MaxTextLength), Field: "name", Length: len(r.Name), Dropped: true})
			continue
		}
		note := func(field string, n int, dropped bool) {
			out = append(out, Shortened{GroupVersion: gv, Resource: r.Name, Field: field, Length: n, Dropped: dropped})
		}
		limitString(&r.SingularName, "singularName", note)
		limitString(&r.Kind, "kind", note)
		limitStrings(r.Verbs, "verbs", note)
		limitStrings(r.ShortNames, "shortNames", note)
		limitStrings(r.Categories, "categories", note)
		r.Subresources = limitSubresources(r.Subresources, note)
		kept = append(kept, r)
	}
	v.Resources = kept
	return out
}

func limitSubresources(subs []Subresource, note func(field string, n int, dropped bool)) []Subresource {
	kept := subs[:0]
	for _, s := range subs {
		if len(s.Name) > MaxTextLength {
			note("subresources["+shorten(s.Name, MaxTextLength)+"]", len(s.Name), true)
			continue
		}
		prefix := "subresources[" + s.Name + "]."
		limitString(&s.Kind, prefix+"kind", note)
		limitStrings(s.Verbs, prefix+"verbs", note)
		kept = append(kept, s)
	}
	return kept
}

func limitString(s *string, field string, note func(string, int, bool)) {
	if n := len(*s); n > MaxTextLength {
		*s = shorten(*s, MaxTextLength)
		note(field, n, false)
	}
}

func limitStrings(list []string, field string, note func(string, int, bool)) {
	for i := range list {
		limitString(&list[i], field, note)
	}
}

// ellipsis marks text that LimitText cut.
const ellipsis = "…"

// shorten cuts s at a rune boundary and appends an ellipsis, so that the
// result is at most limit bytes long.
func shorten(s string, limit int) string {
	cut := limit - len(ellipsis)
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut] + ellipsis
}
