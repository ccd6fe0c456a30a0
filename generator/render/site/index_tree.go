package site

import (
	"maps"
	"slices"
	"strings"
)

// builtinGroups are the API groups Kubernetes serves itself: the GroupName
// of every package of k8s.io/api v0.33 (register.go), with
// apiextensions.k8s.io and apiregistration.k8s.io, which kube-apiserver's
// extension and aggregation layers serve. Every other group comes from a
// CustomResourceDefinition or an aggregated API server.
var builtinGroups = map[string]bool{
	"": true, "admission.k8s.io": true, "admissionregistration.k8s.io": true, "apidiscovery.k8s.io": true,
	"apiextensions.k8s.io": true, "apiregistration.k8s.io": true, "apps": true, "authentication.k8s.io": true,
	"authorization.k8s.io": true, "autoscaling": true, "batch": true, "certificates.k8s.io": true,
	"coordination.k8s.io": true, "discovery.k8s.io": true, "events.k8s.io": true, "extensions": true,
	"flowcontrol.apiserver.k8s.io": true, "imagepolicy.k8s.io": true, "internal.apiserver.k8s.io": true,
	"networking.k8s.io": true, "node.k8s.io": true, "policy": true, "rbac.authorization.k8s.io": true,
	"resource.k8s.io": true, "scheduling.k8s.io": true, "storage.k8s.io": true, "storagemigration.k8s.io": true,
}

// openExtensions is the number of CRD and aggregated groups up to which the
// index shows them unfolded.
const openExtensions = 12

// indexTreeView is the index's tree of groups: the built-in groups (core
// first, then alphabetical), then the other groups by domain, each
// alphabetical.
type indexTreeView struct {
	BuiltIn    []*groupView
	Extensions []domainView
	// ExtensionCount is the number of groups in Extensions; Open is true
	// when there are few enough to show unfolded.
	ExtensionCount int
	Open           bool
}

// domainView is the CRD and aggregated groups that share a domain: the
// group name without its first label ("aws.example.io" for
// "eks.aws.example.io").
type domainView struct {
	Domain string
	Groups []*groupView
}

// buildIndexTree sorts the groups of s into the index's tree.
func buildIndexTree(groups []*groupView) indexTreeView {
	var t indexTreeView
	byDomain := map[string][]*groupView{}
	for _, g := range groups {
		if builtinGroups[g.Name] {
			t.BuiltIn = append(t.BuiltIn, g)
			continue
		}
		d := domainOf(g.Name)
		byDomain[d] = append(byDomain[d], g)
		t.ExtensionCount++
	}
	slices.SortStableFunc(t.BuiltIn, func(a, b *groupView) int { return strings.Compare(a.Name, b.Name) }) // core ("") first
	for _, d := range slices.Sorted(maps.Keys(byDomain)) {
		gs := byDomain[d]
		slices.SortFunc(gs, func(a, b *groupView) int { return strings.Compare(a.Name, b.Name) })
		t.Extensions = append(t.Extensions, domainView{Domain: d, Groups: gs})
	}
	t.Open = t.ExtensionCount <= openExtensions
	return t
}

// domainOf is a group name without its first label, or the name itself
// when it has a single label.
func domainOf(group string) string {
	if _, rest, ok := strings.Cut(group, "."); ok && strings.Contains(rest, ".") {
		return rest
	}
	return group
}
