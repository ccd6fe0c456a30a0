package source

import (
	"fmt"
	"strings"
	"unicode"

	"k8s.io/apimachinery/pkg/util/validation"
)

// Names in discovery documents become rows, anchors and file names further
// down, so they must be the names kube-apiserver would accept:
//   - group names: DNS-1123 subdomains (CRD and APIService validation);
//   - versions: DNS-1035 labels (CRD and APIService validation);
//   - resource, singular and subresource names: DNS-1123 subdomains, with
//     "_" allowed too, because metric adapters (external.metrics.k8s.io)
//     serve metric names like queue_messages_ready as resources.
//
// Kinds, verbs, short names and categories are shown, never used as paths:
// they may hold any text except control characters.

func checkGroupName(file, field, name string) error {
	if errs := validation.IsDNS1123Subdomain(name); len(errs) > 0 {
		return &FileError{File: file, Field: field, Problem: fmt.Sprintf("%s is not a valid API group name (a DNS subdomain: lowercase letters, digits, '-' and '.', at most 253 characters)", quoteName(name))}
	}
	return nil
}

func checkVersionName(file, field, name string) error {
	if errs := validation.IsDNS1035Label(name); len(errs) > 0 {
		return &FileError{File: file, Field: field, Problem: fmt.Sprintf("%s is not a valid API version (a DNS label: lowercase letters, digits and '-', starting with a letter, at most 63 characters)", quoteName(name))}
	}
	return nil
}

func checkResourceName(file, field, name string) error {
	if errs := validation.IsDNS1123Subdomain(strings.ReplaceAll(name, "_", "-")); len(errs) > 0 {
		return &FileError{File: file, Field: field, Problem: fmt.Sprintf("%s is not a valid resource name (a DNS subdomain: lowercase letters, digits, '-', '.' and '_', at most 253 characters)", quoteName(name))}
	}
	return nil
}

// checkText refuses control characters in text that is shown but not used
// as a name (kinds, verbs, short names, categories).
func checkText(file, field, text string) error {
	for _, r := range text {
		if unicode.IsControl(r) {
			return &FileError{File: file, Field: field, Problem: fmt.Sprintf("%s contains the control character %U", quoteName(text), r)}
		}
	}
	return nil
}

func checkTexts(file, field string, texts []string) error {
	for i, t := range texts {
		if err := checkText(file, fmt.Sprintf("%s[%d]", field, i), t); err != nil {
			return err
		}
	}
	return nil
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

// seen reports duplicates within one list of names: the first index where
// a name appeared.
type seen map[string]int

func (s seen) duplicate(file, field, name string, i int) error {
	if first, ok := s[name]; ok {
		return &FileError{File: file, Field: field, Problem: fmt.Sprintf("%s is listed twice (first at index %d)", quoteName(name), first)}
	}
	s[name] = i
	return nil
}

func checkVersionNames(file, field string, versions []string) error {
	dup := seen{}
	for i, v := range versions {
		f := fmt.Sprintf("%s[%d]", field, i)
		if err := checkVersionName(file, f, v); err != nil {
			return err
		}
		if err := dup.duplicate(file, f, v, i); err != nil {
			return err
		}
	}
	return nil
}

func checkGroupList(file string, doc *apiGroupListDoc) error {
	dup := seen{}
	for i, g := range doc.Groups {
		prefix := fmt.Sprintf("groups[%d].", i)
		if err := checkGroupEntry(file, prefix, g); err != nil {
			return err
		}
		if err := dup.duplicate(file, prefix+"name", g.Name, i); err != nil {
			return err
		}
	}
	return nil
}

// checkGroupEntry checks one APIGroup: its name, its versions and that the
// preferred version is one of them. prefix is the JSON path of the group.
func checkGroupEntry(file, prefix string, g apiGroupDoc) error {
	if err := checkGroupName(file, prefix+"name", g.Name); err != nil {
		return err
	}
	dup := seen{}
	for i, v := range g.Versions {
		field := fmt.Sprintf("%sversions[%d]", prefix, i)
		if err := checkVersionName(file, field+".version", v.Version); err != nil {
			return err
		}
		if err := dup.duplicate(file, field+".version", v.Version, i); err != nil {
			return err
		}
		if want := g.Name + "/" + v.Version; v.GroupVersion != want {
			return &FileError{File: file, Field: field + ".groupVersion", Problem: fmt.Sprintf("is %q, want %q", v.GroupVersion, want)}
		}
	}
	if p := g.PreferredVersion.Version; p != "" {
		if _, ok := dup[p]; !ok {
			return &FileError{File: file, Field: prefix + "preferredVersion.version", Problem: fmt.Sprintf("%q is not one of the group's versions", p)}
		}
	}
	return nil
}

// checkResources checks the resources of a legacy APIResourceList: names
// ("pods" or "pods/status"), duplicates and shown text.
func checkResources(file string, resources []apiResourceDoc) error {
	dup := seen{}
	for i, r := range resources {
		field := fmt.Sprintf("resources[%d]", i)
		parent, sub, isSub := strings.Cut(r.Name, "/")
		if err := checkResourceName(file, field+".name", parent); err != nil {
			return err
		}
		if isSub {
			if err := checkResourceName(file, field+".name", sub); err != nil {
				return err
			}
		}
		if err := dup.duplicate(file, field+".name", r.Name, i); err != nil {
			return err
		}
		if err := checkResourceText(file, field, legacyFields, r.SingularName, r.Kind, r.Verbs, r.ShortNames, r.Categories); err != nil {
			return err
		}
	}
	return nil
}

// Field names of the singular name and the kind: legacy documents and
// aggregated documents name them differently.
var (
	legacyFields     = [2]string{".singularName", ".kind"}
	aggregatedFields = [2]string{".singularResource", ".responseKind.kind"}
)

func checkResourceText(file, field string, names [2]string, singular, kind string, verbs, shortNames, categories []string) error {
	if singular != "" {
		if err := checkResourceName(file, field+names[0], singular); err != nil {
			return err
		}
	}
	if err := checkText(file, field+names[1], kind); err != nil {
		return err
	}
	if err := checkTexts(file, field+".verbs", verbs); err != nil {
		return err
	}
	if err := checkTexts(file, field+".shortNames", shortNames); err != nil {
		return err
	}
	return checkTexts(file, field+".categories", categories)
}

// checkAggregated checks an aggregated discovery document: group names
// (only the core group, "", at /api), versions, freshness, resources,
// scopes and subresources.
func checkAggregated(file string, core bool, doc *aggregatedListDoc) error {
	dup := seen{}
	for i, g := range doc.Items {
		field := fmt.Sprintf("items[%d].metadata.name", i)
		switch {
		case core && g.Metadata.Name != "":
			return &FileError{File: file, Field: field, Problem: fmt.Sprintf("is %q, but aggregated discovery for /api holds only the core group (no name)", g.Metadata.Name)}
		case !core:
			if err := checkGroupName(file, field, g.Metadata.Name); err != nil {
				return err
			}
		}
		if err := dup.duplicate(file, field, g.Metadata.Name, i); err != nil {
			return err
		}
		if err := checkAggregatedVersions(file, fmt.Sprintf("items[%d].versions", i), g.Versions); err != nil {
			return err
		}
	}
	return nil
}

func checkAggregatedVersions(file, prefix string, versions []aggregatedVersion) error {
	dup := seen{}
	for i, v := range versions {
		field := fmt.Sprintf("%s[%d]", prefix, i)
		if err := checkVersionName(file, field+".version", v.Version); err != nil {
			return err
		}
		if err := dup.duplicate(file, field+".version", v.Version, i); err != nil {
			return err
		}
		switch v.Freshness {
		case "", "Current", "Stale":
		default:
			return &FileError{File: file, Field: field + ".freshness", Problem: fmt.Sprintf("is %q, want \"Current\" or \"Stale\"", v.Freshness)}
		}
		res := seen{}
		for j, r := range v.Resources {
			rf := fmt.Sprintf("%s.resources[%d]", field, j)
			if err := checkAggregatedResource(file, rf, r); err != nil {
				return err
			}
			if err := res.duplicate(file, rf+".resource", r.Resource, j); err != nil {
				return err
			}
		}
	}
	return nil
}

func checkAggregatedResource(file, field string, r aggregatedResource) error {
	if err := checkResourceName(file, field+".resource", r.Resource); err != nil {
		return err
	}
	if r.Scope != "Namespaced" && r.Scope != "Cluster" {
		return &FileError{File: file, Field: field + ".scope", Problem: fmt.Sprintf("is %q, want \"Namespaced\" or \"Cluster\"", r.Scope)}
	}
	kind := ""
	if r.ResponseKind != nil {
		kind = r.ResponseKind.Kind
	}
	if err := checkResourceText(file, field, aggregatedFields, r.SingularResource, kind, r.Verbs, r.ShortNames, r.Categories); err != nil {
		return err
	}
	dup := seen{}
	for i, s := range r.Subresources {
		sf := fmt.Sprintf("%s.subresources[%d]", field, i)
		if err := checkResourceName(file, sf+".subresource", s.Subresource); err != nil {
			return err
		}
		if err := dup.duplicate(file, sf+".subresource", s.Subresource, i); err != nil {
			return err
		}
		if s.ResponseKind != nil {
			if err := checkText(file, sf+".responseKind.kind", s.ResponseKind.Kind); err != nil {
				return err
			}
		}
		if err := checkTexts(file, sf+".verbs", s.Verbs); err != nil {
			return err
		}
	}
	return nil
}
