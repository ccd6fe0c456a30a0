package site

import (
	"slices"
	"strings"
)

// cheatsheetView is the cheat sheet page: one row per kind of the kubectl
// api-resources table, the kubectl create generators the cluster can use,
// and the kubectl explain paths of the fields exams ask most.
type cheatsheetView struct {
	Kinds      []cheatKind
	Generators []cheatGenerator
	Explain    []cheatField
}

// cheatKind is one row of the cheat sheet's kind table.
type cheatKind struct {
	Kind, Name, Term, ShortNames, APIVersion, Path string
	Namespaced                                     bool
	// Create is the kubectl create (or run) subcommand that writes the
	// kind's manifest, "" when kubectl has none.
	Create string
}

// cheatGenerator is a kubectl command that prints a manifest of a kind.
type cheatGenerator struct {
	Kind, Path, Command string
}

// cheatField is a field worth knowing by its kubectl explain path.
type cheatField struct {
	Kind, Path, Explain string
	Required            bool
	Enum                []string
}

// runGenerator is kubectl run, the generator of pods (not a kubectl create
// subcommand, so not in generators).
const runGenerator = "run example --image=nginx"

// cheatKinds are the kinds whose fields the cheat sheet and the
// flashcards ask about, the ones CKA and CKAD tasks write most.
var cheatKinds = []string{"pods", "deployments", "services", "persistentvolumeclaims", "persistentvolumes", "ingresses",
	"networkpolicies", "jobs", "cronjobs", "configmaps", "secrets", "serviceaccounts", "roles", "rolebindings"}

// maxCheatFields bounds the fields the cheat sheet lists per kind, so
// that it stays on two pages.
const maxCheatFields = 4

func buildCheatsheet(s *siteView) *cheatsheetView {
	v := &cheatsheetView{}
	for _, r := range s.Rows {
		gen, create := generatorOf(r)
		v.Kinds = append(v.Kinds, cheatKind{Kind: r.Kind, Name: r.Name, Term: s.cat.term(r.Kind), ShortNames: r.ShortNames,
			APIVersion: r.APIVersion, Path: r.Path, Namespaced: r.Namespaced == "true", Create: create})
		if gen != "" {
			v.Generators = append(v.Generators, cheatGenerator{Kind: r.Kind, Path: r.Path, Command: "kubectl " + gen + " --dry-run=client -o yaml"})
		}
	}
	slices.SortStableFunc(v.Generators, func(a, b cheatGenerator) int { return strings.Compare(a.Command, b.Command) })
	v.Explain = cheatFields(s)
	return v
}

// generatorOf returns the kubectl command that writes a manifest of the
// row's resource (kubectl create's generators, kubectl run for pods) and
// its subcommand ("create deployment"), or "" when kubectl has none.
func generatorOf(r rowView) (command, sub string) {
	if r.Group == "" && r.Name == "pods" && strings.HasPrefix(r.APIVersion, "v1") {
		return runGenerator, "run"
	}
	version := r.APIVersion[strings.LastIndex(r.APIVersion, "/")+1:]
	gen, ok := generators[r.Group+"/"+version+"/"+r.Name]
	if !ok {
		return "", ""
	}
	sub, _, _ = strings.Cut(gen, " example")
	return "create " + gen, "create " + sub
}

// cheatFields picks, for each of cheatKinds the site documents with
// fields, its required fields (see walkRequired) and fields with allowed
// values, three levels deep at most, outside metadata and status.
func cheatFields(s *siteView) []cheatField {
	var out []cheatField
	for _, name := range cheatKinds {
		r := preferredResource(s, name)
		if r == nil || r.Fields == nil {
			continue
		}
		var picked []cheatField
		walkRequired(r.Fields.Fields, 0, true, func(f fieldView, required bool) {
			if strings.Count(f.Path, ".") > 2 || strings.HasPrefix(f.Path, "status") || strings.HasPrefix(f.Path, "metadata") {
				return
			}
			if required || len(f.Enum) > 0 {
				picked = append(picked, cheatField{Kind: r.Kind, Path: f.Path, Explain: "kubectl explain " + f.Explain, Required: required, Enum: f.Enum})
			}
		})
		slices.SortStableFunc(picked, func(a, b cheatField) int { return strings.Count(a.Path, ".") - strings.Count(b.Path, ".") })
		out = append(out, picked[:min(len(picked), maxCheatFields)]...)
	}
	return out
}

// preferredResource is the page of resource name (in any group) that the
// kubectl api-resources table shows, nil when there is none.
func preferredResource(s *siteView, name string) *resourceView {
	for _, row := range s.Rows {
		if row.Name != name {
			continue
		}
		for _, r := range s.Resources {
			if r.Path == row.Path {
				return r
			}
		}
	}
	return nil
}

// walkFields calls fn for every field of the tree, parents first.
func walkFields(fields []fieldView, fn func(fieldView)) {
	for _, f := range fields {
		fn(f)
		walkFields(f.Fields, fn)
	}
}
