package recording

import (
	"fmt"
	"unicode"

	"k8s.io/apimachinery/pkg/util/validation/field"
)

// The checks below walk the decoded documents and name the value at fault
// with its apimachinery field path ("resources[3].name"), carried as a loc
// until a problem needs it.

func fileError(file string, at loc, problem string) error {
	return &FileError{File: file, Field: at.String(), Problem: problem}
}

func nameError(file string, at loc, name, rule string) error {
	return fileError(file, at, quoteName(name)+" "+rule)
}

// textError finds a control character in shown text.
func textError(file string, at loc, text string) error {
	for _, r := range text {
		if unicode.IsControl(r) {
			return fileError(file, at, fmt.Sprintf("%s contains the control character %U", quoteName(text), r))
		}
	}
	return nil
}

func textsError(file string, at loc, texts []string) error {
	for i, t := range texts {
		if err := textError(file, at.index(i), t); err != nil {
			return err
		}
	}
	return nil
}

// seen finds duplicates within one list of names: it remembers the first
// index of every name.
type seen map[string]int

func (s seen) duplicate(file string, at loc, name string, i int) error {
	if first, ok := s[name]; ok {
		return fileError(file, at, fmt.Sprintf("%s is listed twice (first at index %d)", quoteName(name), first))
	}
	s[name] = i
	return nil
}

func checkVersionNames(file string, at loc, versions []string) error {
	dup := seen{}
	for i, v := range versions {
		if !ValidVersionName(v) {
			return nameError(file, at.index(i), v, versionNameRule)
		}
		if err := dup.duplicate(file, at.index(i), v, i); err != nil {
			return err
		}
	}
	return nil
}

func checkGroupList(file string, doc *apiGroupListDoc) error {
	dup := seen{}
	for i, g := range doc.Groups {
		at := newLoc("groups").index(i)
		if err := checkGroupEntry(file, at, g); err != nil {
			return err
		}
		if err := dup.duplicate(file, at.child("name"), g.Name, i); err != nil {
			return err
		}
	}
	return nil
}

// checkGroupEntry checks one APIGroup at at (nil for a whole document): its
// name, its versions and that the preferred version is one of them.
func checkGroupEntry(file string, at loc, g apiGroupDoc) error {
	if rule := groupRule(g.Name); rule != "" {
		return nameError(file, at.child("name"), g.Name, rule)
	}
	dup := make(seen, len(g.Versions))
	for i, v := range g.Versions {
		vp := at.child("versions").index(i)
		if !ValidVersionName(v.Version) {
			return nameError(file, vp.child("version"), v.Version, versionNameRule)
		}
		if err := dup.duplicate(file, vp.child("version"), v.Version, i); err != nil {
			return err
		}
		if want := g.Name + "/" + v.Version; v.GroupVersion != want {
			return fileError(file, vp.child("groupVersion"), fmt.Sprintf("is %q, want %q", v.GroupVersion, want))
		}
	}
	if pv := g.PreferredVersion.Version; pv != "" {
		if _, ok := dup[pv]; !ok {
			return fileError(file, at.child("preferredVersion", "version"), fmt.Sprintf("%q is not one of the group's versions", pv))
		}
	}
	return nil
}

// checkResources checks the resources of a legacy APIResourceList: names
// ("pods" or "pods/status"), duplicates and shown text.
func checkResources(file string, resources []apiResourceDoc) error {
	dup := make(seen, len(resources))
	for i, r := range resources {
		at := newLoc("resources").index(i)
		if err := resourceNameError(file, at.child("name"), r.Name); err != nil {
			return err
		}
		if err := dup.duplicate(file, at.child("name"), r.Name, i); err != nil {
			return err
		}
		if err := resourceTextError(file, at, legacyFields, r.SingularName, r.Kind, r.Verbs, r.ShortNames, r.Categories); err != nil {
			return err
		}
	}
	return nil
}

// resourceNameError refuses a missing name and one ValidResourceName
// refuses.
func resourceNameError(file string, at loc, name string) error {
	switch {
	case name == "":
		return fileError(file, at, field.Required(at.path(), "").ErrorBody())
	case !ValidResourceName(name):
		return nameError(file, at, name, resourceNameRule)
	}
	return nil
}

// Field names of the singular name and the kind: legacy documents and
// aggregated documents name them differently.
var (
	legacyFields     = [2][]string{{"singularName"}, {"kind"}}
	aggregatedFields = [2][]string{{"singularResource"}, {"responseKind", "kind"}}
)

func resourceTextError(file string, at loc, names [2][]string, singular, kind string, verbs, shortNames, categories []string) error {
	if singular != "" && !ValidResourceName(singular) {
		return nameError(file, at.child(names[0]...), singular, resourceNameRule)
	}
	if err := textError(file, at.child(names[1]...), kind); err != nil {
		return err
	}
	if err := textsError(file, at.child("verbs"), verbs); err != nil {
		return err
	}
	if err := textsError(file, at.child("shortNames"), shortNames); err != nil {
		return err
	}
	return textsError(file, at.child("categories"), categories)
}

// checkAggregated checks an aggregated discovery document: group names
// (only the core group, "", at /api), versions, freshness, resources,
// scopes and subresources.
func checkAggregated(file string, core bool, doc *aggregatedListDoc) error {
	dup := make(seen, len(doc.Items))
	for i, g := range doc.Items {
		at := newLoc("items").index(i)
		name := at.child("metadata", "name")
		switch {
		case core && g.Name != "":
			return fileError(file, name, fmt.Sprintf("is %q, but aggregated discovery for /api holds only the core group (no name)", g.Name))
		case !core && groupRule(g.Name) != "":
			return nameError(file, name, g.Name, groupRule(g.Name))
		}
		if err := dup.duplicate(file, name, g.Name, i); err != nil {
			return err
		}
		if err := checkAggregatedVersions(file, at.child("versions"), g.Versions); err != nil {
			return err
		}
	}
	return nil
}

func checkAggregatedVersions(file string, at loc, versions []aggregatedVersion) error {
	dup := make(seen, len(versions))
	for i, v := range versions {
		vp := at.index(i)
		if !ValidVersionName(v.Version) {
			return nameError(file, vp.child("version"), v.Version, versionNameRule)
		}
		if err := dup.duplicate(file, vp.child("version"), v.Version, i); err != nil {
			return err
		}
		if f := v.Freshness; f != "" && f != "Current" && f != "Stale" {
			return fileError(file, vp.child("freshness"), fmt.Sprintf("is %q, want \"Current\" or \"Stale\"", f))
		}
		if err := checkAggregatedResources(file, vp.child("resources"), v.Resources); err != nil {
			return err
		}
	}
	return nil
}

func checkAggregatedResources(file string, at loc, resources []aggregatedResource) error {
	dup := make(seen, len(resources))
	for i, r := range resources {
		if err := checkAggregatedResource(file, at.index(i), r); err != nil {
			return err
		}
		if err := dup.duplicate(file, at.index(i).child("resource"), r.Resource, i); err != nil {
			return err
		}
	}
	return nil
}

func checkAggregatedResource(file string, at loc, r aggregatedResource) error {
	if err := resourceNameError(file, at.child("resource"), r.Resource); err != nil {
		return err
	}
	if r.Scope != "Namespaced" && r.Scope != "Cluster" {
		return fileError(file, at.child("scope"), fmt.Sprintf("is %q, want \"Namespaced\" or \"Cluster\"", r.Scope))
	}
	kind := ""
	if r.ResponseKind != nil {
		kind = r.ResponseKind.Kind
	}
	if err := resourceTextError(file, at, aggregatedFields, r.SingularResource, kind, r.Verbs, r.ShortNames, r.Categories); err != nil {
		return err
	}
	dup := make(seen, len(r.Subresources))
	for i, s := range r.Subresources {
		sp := at.child("subresources").index(i)
		if err := checkSubresource(file, sp, s); err != nil {
			return err
		}
		if err := dup.duplicate(file, sp.child("subresource"), s.Subresource, i); err != nil {
			return err
		}
	}
	return nil
}

func checkSubresource(file string, at loc, s aggregatedSubresource) error {
	if err := resourceNameError(file, at.child("subresource"), s.Subresource); err != nil {
		return err
	}
	if s.ResponseKind != nil {
		if err := textError(file, at.child("responseKind", "kind"), s.ResponseKind.Kind); err != nil {
			return err
		}
	}
	return textsError(file, at.child("verbs"), s.Verbs)
}
