package recording

import (
	"fmt"
	"strings"
	"unicode"
)

// problem is something wrong at a JSON path relative to where the check
// looked; in places it under the path of the value checked.
type problem struct {
	field, text string
}

func (p *problem) in(file, prefix string) error {
	return &FileError{File: file, Field: prefix + p.field, Problem: p.text}
}

func nameProblem(field, name, rule string) *problem {
	return &problem{field: field, text: quoteName(name) + " " + rule}
}

// textProblem finds a control character in shown text.
func textProblem(field, text string) *problem {
	for _, r := range text {
		if unicode.IsControl(r) {
			return &problem{field: field, text: fmt.Sprintf("%s contains the control character %U", quoteName(text), r)}
		}
	}
	return nil
}

func textsProblem(field string, texts []string) *problem {
	for i, t := range texts {
		if p := textProblem("", t); p != nil {
			p.field = fmt.Sprintf("%s[%d]", field, i)
			return p
		}
	}
	return nil
}

// seen finds duplicates within one list of names: it remembers the first
// index of every name.
type seen map[string]int

func (s seen) duplicate(name string, i int) *problem {
	if first, ok := s[name]; ok {
		return &problem{text: fmt.Sprintf("%s is listed twice (first at index %d)", quoteName(name), first)}
	}
	s[name] = i
	return nil
}

func checkVersionNames(file, field string, versions []string) error {
	dup := seen{}
	for i, v := range versions {
		p := dup.duplicate(v, i)
		if !ValidVersionName(v) {
			p = nameProblem("", v, versionNameRule)
		}
		if p != nil {
			return p.in(file, fmt.Sprintf("%s[%d]", field, i))
		}
	}
	return nil
}

func checkGroupList(file string, doc *apiGroupListDoc) error {
	dup := seen{}
	for i, g := range doc.Groups {
		p := groupEntryProblem(g)
		if p == nil {
			if p = dup.duplicate(g.Name, i); p != nil {
				p.field = "name"
			}
		}
		if p != nil {
			return p.in(file, fmt.Sprintf("groups[%d].", i))
		}
	}
	return nil
}

func checkGroupEntry(file, prefix string, g apiGroupDoc) error {
	if p := groupEntryProblem(g); p != nil {
		return p.in(file, prefix)
	}
	return nil
}

// groupEntryProblem checks one APIGroup: its name, its versions and that
// the preferred version is one of them.
func groupEntryProblem(g apiGroupDoc) *problem {
	if rule := groupRule(g.Name); rule != "" {
		return nameProblem("name", g.Name, rule)
	}
	dup := make(seen, len(g.Versions))
	for i, v := range g.Versions {
		p := dup.duplicate(v.Version, i)
		switch {
		case !ValidVersionName(v.Version):
			p = nameProblem(".version", v.Version, versionNameRule)
		case p != nil:
			p.field = ".version"
		case v.GroupVersion != g.Name+"/"+v.Version:
			p = &problem{field: ".groupVersion", text: fmt.Sprintf("is %q, want %q", v.GroupVersion, g.Name+"/"+v.Version)}
		}
		if p != nil {
			p.field = fmt.Sprintf("versions[%d]%s", i, p.field)
			return p
		}
	}
	if pv := g.PreferredVersion.Version; pv != "" {
		if _, ok := dup[pv]; !ok {
			return &problem{field: "preferredVersion.version", text: fmt.Sprintf("%q is not one of the group's versions", pv)}
		}
	}
	return nil
}

// checkResources checks the resources of a legacy APIResourceList: names
// ("pods" or "pods/status"), duplicates and shown text.
func checkResources(file string, resources []apiResourceDoc) error {
	dup := make(seen, len(resources))
	for i, r := range resources {
		if p := legacyResourceProblem(r, dup, i); p != nil {
			return p.in(file, fmt.Sprintf("resources[%d]", i))
		}
	}
	return nil
}

func legacyResourceProblem(r apiResourceDoc, dup seen, i int) *problem {
	parent, sub, isSub := strings.Cut(r.Name, "/")
	if !ValidResourceName(parent) || (isSub && !ValidResourceName(sub)) {
		return nameProblem(".name", r.Name, resourceNameRule)
	}
	if p := dup.duplicate(r.Name, i); p != nil {
		p.field = ".name"
		return p
	}
	return resourceTextProblem(legacyFields, r.SingularName, r.Kind, r.Verbs, r.ShortNames, r.Categories)
}

// Field names of the singular name and the kind: legacy documents and
// aggregated documents name them differently.
var (
	legacyFields     = [2]string{".singularName", ".kind"}
	aggregatedFields = [2]string{".singularResource", ".responseKind.kind"}
)

func resourceTextProblem(names [2]string, singular, kind string, verbs, shortNames, categories []string) *problem {
	if singular != "" && !ValidResourceName(singular) {
		return nameProblem(names[0], singular, resourceNameRule)
	}
	if p := textProblem(names[1], kind); p != nil {
		return p
	}
	if p := textsProblem(".verbs", verbs); p != nil {
		return p
	}
	if p := textsProblem(".shortNames", shortNames); p != nil {
		return p
	}
	return textsProblem(".categories", categories)
}

// checkAggregated checks an aggregated discovery document: group names
// (only the core group, "", at /api), versions, freshness, resources,
// scopes and subresources.
func checkAggregated(file string, core bool, doc *aggregatedListDoc) error {
	dup := make(seen, len(doc.Items))
	for i, g := range doc.Items {
		var p *problem
		switch name := g.Metadata.Name; {
		case core && name != "":
			p = &problem{field: ".metadata.name", text: fmt.Sprintf("is %q, but aggregated discovery for /api holds only the core group (no name)", name)}
		case !core && groupRule(name) != "":
			p = nameProblem(".metadata.name", name, groupRule(name))
		default:
			if p = dup.duplicate(name, i); p != nil {
				p.field = ".metadata.name"
			} else {
				p = aggregatedVersionsProblem(g.Versions)
			}
		}
		if p != nil {
			return p.in(file, fmt.Sprintf("items[%d]", i))
		}
	}
	return nil
}

func aggregatedVersionsProblem(versions []aggregatedVersion) *problem {
	dup := make(seen, len(versions))
	for i, v := range versions {
		p := dup.duplicate(v.Version, i)
		switch {
		case !ValidVersionName(v.Version):
			p = nameProblem(".version", v.Version, versionNameRule)
		case p != nil:
			p.field = ".version"
		case v.Freshness != "" && v.Freshness != "Current" && v.Freshness != "Stale":
			p = &problem{field: ".freshness", text: fmt.Sprintf("is %q, want \"Current\" or \"Stale\"", v.Freshness)}
		default:
			p = aggregatedResourcesProblem(v.Resources)
		}
		if p != nil {
			p.field = fmt.Sprintf(".versions[%d]%s", i, p.field)
			return p
		}
	}
	return nil
}

func aggregatedResourcesProblem(resources []aggregatedResource) *problem {
	dup := make(seen, len(resources))
	for i, r := range resources {
		p := aggregatedResourceProblem(r)
		if p == nil {
			if p = dup.duplicate(r.Resource, i); p != nil {
				p.field = ".resource"
			}
		}
		if p != nil {
			p.field = fmt.Sprintf(".resources[%d]%s", i, p.field)
			return p
		}
	}
	return nil
}

func aggregatedResourceProblem(r aggregatedResource) *problem {
	if !ValidResourceName(r.Resource) {
		return nameProblem(".resource", r.Resource, resourceNameRule)
	}
	if r.Scope != "Namespaced" && r.Scope != "Cluster" {
		return &problem{field: ".scope", text: fmt.Sprintf("is %q, want \"Namespaced\" or \"Cluster\"", r.Scope)}
	}
	kind := ""
	if r.ResponseKind != nil {
		kind = r.ResponseKind.Kind
	}
	if p := resourceTextProblem(aggregatedFields, r.SingularResource, kind, r.Verbs, r.ShortNames, r.Categories); p != nil {
		return p
	}
	dup := make(seen, len(r.Subresources))
	for i, s := range r.Subresources {
		p := subresourceProblem(s)
		if p == nil {
			if p = dup.duplicate(s.Subresource, i); p != nil {
				p.field = ".subresource"
			}
		}
		if p != nil {
			p.field = fmt.Sprintf(".subresources[%d]%s", i, p.field)
			return p
		}
	}
	return nil
}

func subresourceProblem(s aggregatedSubresource) *problem {
	if !ValidResourceName(s.Subresource) {
		return nameProblem(".subresource", s.Subresource, resourceNameRule)
	}
	if s.ResponseKind != nil {
		if p := textProblem(".responseKind.kind", s.ResponseKind.Kind); p != nil {
			return p
		}
	}
	return textsProblem(".verbs", s.Verbs)
}
