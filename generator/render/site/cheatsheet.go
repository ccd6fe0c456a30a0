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

// generator is a command of kubectl 1.33 that writes a manifest with
// --dry-run=client -o yaml (kubectl's pkg/cmd/create and run), for the
// resource group/name.
type generator struct {
	group, resource, sub, args string
}

// generators lists kubectl's manifest generators in the order of its help.
var generators = []generator{
	{"rbac.authorization.k8s.io", "clusterroles", "create clusterrole", "NAME --verb=get,list --resource=pods"},
	{"rbac.authorization.k8s.io", "clusterrolebindings", "create clusterrolebinding", "NAME --clusterrole=NAME --user=jane"},
	{"", "configmaps", "create configmap", "NAME --from-literal=key=value"},
	{"batch", "cronjobs", "create cronjob", `NAME --image=busybox --schedule="*/5 * * * *"`},
	{"apps", "deployments", "create deployment", "NAME --image=nginx --replicas=2"},
	{"networking.k8s.io", "ingresses", "create ingress", `NAME --rule="example.com/=svc:80"`},
	{"batch", "jobs", "create job", "NAME --image=busybox"},
	{"", "namespaces", "create namespace", "NAME"},
	{"policy", "poddisruptionbudgets", "create poddisruptionbudget", "NAME --selector=app=web --min-available=1"},
	{"scheduling.k8s.io", "priorityclasses", "create priorityclass", "NAME --value=1000"},
	{"", "resourcequotas", "create quota", "NAME --hard=pods=10"},
	{"rbac.authorization.k8s.io", "roles", "create role", "NAME --verb=get,list --resource=pods"},
	{"rbac.authorization.k8s.io", "rolebindings", "create rolebinding", "NAME --role=NAME --user=jane"},
	{"", "secrets", "create secret generic", "NAME --from-literal=key=value"},
	{"", "services", "create service clusterip", "NAME --tcp=80:8080"},
	{"", "serviceaccounts", "create serviceaccount", "NAME"},
	{"", "pods", "run", "NAME --image=nginx"},
}

// cheatKinds are the kinds whose fields the cheat sheet and the
// flashcards ask about, the ones CKA and CKAD tasks write most.
var cheatKinds = []string{"pods", "deployments", "services", "persistentvolumeclaims", "persistentvolumes", "ingresses",
	"networkpolicies", "jobs", "cronjobs", "configmaps", "secrets", "serviceaccounts", "roles", "rolebindings"}

// maxCheatFields bounds the fields the cheat sheet lists per kind, so
// that it stays on two pages.
const maxCheatFields = 4

func buildCheatsheet(s *siteView) *cheatsheetView {
	v := &cheatsheetView{}
	byKey := map[string]rowView{}
	for _, r := range s.Rows {
		byKey[r.Group+"/"+r.Name] = r
	}
	create := map[string]string{}
	for _, g := range generators {
		r, ok := byKey[g.group+"/"+g.resource]
		if !ok {
			continue
		}
		create[r.Path] = g.sub
		v.Generators = append(v.Generators, cheatGenerator{Kind: r.Kind, Path: r.Path,
			Command: "kubectl " + g.sub + " " + strings.Replace(g.args, "NAME", "example", 1) + " --dry-run=client -o yaml"})
	}
	for _, r := range s.Rows {
		term := s.cat.term(r.Kind)
		v.Kinds = append(v.Kinds, cheatKind{Kind: r.Kind, Name: r.Name, Term: term, ShortNames: r.ShortNames,
			APIVersion: r.APIVersion, Path: r.Path, Namespaced: r.Namespaced == "true", Create: create[r.Path]})
	}
	v.Explain = cheatFields(s)
	return v
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
