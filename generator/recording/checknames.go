package recording

import (
	"fmt"
	"unicode"

	"k8s.io/apimachinery/pkg/util/validation/field"
)

// The checks below walk the decoded documents and name the value at fault
// with its field path (field.NewPath("resources").Index(3).Child("name")),
// as apimachinery's validation does.

func fileError(file string, at *field.Path, problem string) error {
	return &FileError{File: file, Field: at.String(), Problem: problem}
}

func nameError(file string, at *field.Path, name, rule string) error {
	return fileError(file, at, quoteName(name)+" "+rule)
}

// textError finds a control character in shown text.
func textError(file string, at *field.Path, text string) error {
	for _, r := range text {
		if unicode.IsControl(r) {
			return fileError(file, at, fmt.Sprintf("%s contains the control character %U", quoteName(text), r))
		}
	}
	return nil
}

func textsError(file string, at *field.Path, texts []string) error {
	for i, t := range texts {
		if err := textError(file, at.Index(i), t); err != nil {
			return err
		}
	}
	return nil
}

// seen finds duplicates within one list of names: it remembers the first
// index of every name.
type seen map[string]int

func (s seen) duplicate(file string, at *field.Path, name string, i int) error {
	if first, ok := s[name]; ok {
		return fileError(file, at, fmt.Sprintf("%s is listed twice (first at index %d)", quoteName(name), first))
	}
	s[name] = i
	return nil
}

func checkVersionNames(file string, at *field.Path, versions []string) error {
	dup := seen{}
	for i, v := range versions {
		if !ValidVersionName(v) {
			return nameError(file, at.Index(i), v, versionNameRule)
		}
		if err := dup.duplicate(file, at.Index(i), v, i); err != nil {
			return err
		}
	}
	return nil
}

func checkGroupList(file string, doc *apiGroupListDoc) error {
	dup := seen{}
	for i, g := range doc.Groups {
		at := field.NewPath("groups").Index(i)
		if err := checkGroupEntry(file, at, g); err != nil {
			return err
		}
		if err := dup.duplicate(file, at.Child("name"), g.Name, i); err != nil {
			return err
		}
	}
	return nil
}

// checkGroupEntry checks one APIGroup at at (nil for a whole document): its
// name, its versions and that the preferred version is one of them.
func checkGroupEntry(file string, at *field.Path, g apiGroupDoc) error {
	if rule := groupRule(g.Name); rule != "" {
		return nameError(file, at.Child("name"), g.Name, rule)
	}
	dup := make(seen, len(g.Versions))
	for i, v := range g.Versions {
		vp := at.Child("versions").Index(i)
		if !ValidVersionName(v.Version) {
			return nameError(file, vp.Child("version"), v.Version, versionNameRule)
		}
		if err := dup.duplicate(file, vp.Child("version"), v.Version, i); err != nil {
			return err
		}
		if want := g.Name + "/" + v.Version; v.GroupVersion != want {
			return fileError(file, vp.Child("groupVersion"), fmt.Sprintf("is %q, want %q", v.GroupVersion, want))
		}
	}
	if pv := g.PreferredVersion.Version; pv != "" {
		if _, ok := dup[pv]; !ok {
			return fileError(file, at.Child("preferredVersion", "version"), fmt.Sprintf("%q is not one of the group's versions", pv))
		}
	}
	return nil
}

// checkResources checks the resources of a legacy APIResourceList: names
// ("pods" or "pods/status"), duplicates and shown text.
func checkResources(file string, resources []apiResourceDoc) error {
	dup := make(seen, len(resources))
	for i, r := range resources {
		at := field.NewPath("resources").Index(i)
		if err := resourceNameError(file, at.Child("name"), r.Name); err != nil {
			return err
		}
		if err := dup.duplicate(file, at.Child("name"), r.Name, i); err != nil {
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
func resourceNameError(file string, at *field.Path, name string) error {
	switch {
	case name == "":
		return fileError(file, at, field.Required(at, "").ErrorBody())
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

func resourceTextError(file string, at *field.Path, names [2][]string, singular, kind string, verbs, shortNames, categories []string) error {
	if singular != "" && !ValidResourceName(singular) {
		return nameError(file, at.Child(names[0][0], names[0][1:]...), singular, resourceNameRule)
	}
	if err := textError(file, at.Child(names[1][0], names[1][1:]...), kind); err != nil {
		return err
	}
	if err := textsError(file, at.Child("verbs"), verbs); err != nil {
		return err
	}
	if err := textsError(file, at.Child("shortNames"), shortNames); err != nil {
		return err
	}
	return textsError(file, at.Child("categories"), categories)
}

// checkAggregated checks an aggregated discovery document: group names
// (only the core group, "", at /api), versions, freshness, resources,
// scopes and subresources.
func checkAggregated(file string, core bool, doc *aggregatedListDoc) error {
	dup := make(seen, len(doc.Items))
	for i, g := range doc.Items {
		at := field.NewPath("items").Index(i)
		name := at.Child("metadata", "name")
		switch {
		case core && g.Name != "":
			return fileError(file, name, fmt.Sprintf("is %q, but aggregated discovery for /api holds only the core group (no name)", g.Name))
		case !core && groupRule(g.Name) != "":
			return nameError(file, name, g.Name, groupRule(g.Name))
		}
		if err := dup.duplicate(file, name, g.Name, i); err != nil {
			return err
		}
		if err := checkAggregatedVersions(file, at.Child("versions"), g.Versions); err != nil {
			return err
		}
	}
	return nil
}

func checkAggregatedVersions(file string, at *field.Path, versions []aggregatedVersion) error {
	dup := make(seen, len(versions))
	for i, v := range versions {
		vp := at.Index(i)
		if !ValidVersionName(v.Version) {
			return nameError(file, vp.Child("version"), v.Version, versionNameRule)
		}
		if err := dup.duplicate(file, vp.Child("version"), v.Version, i); err != nil {
			return err
		}
		if f := v.Freshness; f != "" && f != "Current" && f != "Stale" {
			return fileError(file, vp.Child("freshness"), fmt.Sprintf("is %q, want \"Current\" or \"Stale\"", f))
		}
		if err := checkAggregatedResources(file, vp.Child("resources"), v.Resources); err != nil {
			return err
		}
	}
	return nil
}

func checkAggregatedResources(file string, at *field.Path, resources []aggregatedResource) error {
	dup := make(seen, len(resources))
	for i, r := range resources {
		if err := checkAggregatedResource(file, at.Index(i), r); err != nil {
			return err
		}
		if err := dup.duplicate(file, at.Index(i).Child("resource"), r.Resource, i); err != nil {
			return err
		}
	}
	return nil
}

func checkAggregatedResource(file string, at *field.Path, r aggregatedResource) error {
	if err := resourceNameError(file, at.Child("resource"), r.Resource); err != nil {
		return err
	}
	if r.Scope != "Namespaced" && r.Scope != "Cluster" {
		return fileError(file, at.Child("scope"), fmt.Sprintf("is %q, want \"Namespaced\" or \"Cluster\"", r.Scope))
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
		sp := at.Child("subresources").Index(i)
		if err := checkSubresource(file, sp, s); err != nil {
			return err
		}
		if err := dup.duplicate(file, sp.Child("subresource"), s.Subresource, i); err != nil {
			return err
		}
	}
	return nil
}

func checkSubresource(file string, at *field.Path, s aggregatedSubresource) error {
	if err := resourceNameError(file, at.Child("subresource"), s.Subresource); err != nil {
		return err
	}
	if s.ResponseKind != nil {
		if err := textError(file, at.Child("responseKind", "kind"), s.ResponseKind.Kind); err != nil {
			return err
		}
	}
	return textsError(file, at.Child("verbs"), s.Verbs)
}
