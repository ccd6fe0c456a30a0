// Package crdgen plans large, realistic sets of CustomResourceDefinitions
// (about ten per API group, shaped like cloud-provider operators' groups)
// and writes them either as CRD manifests for a real kube-apiserver or as
// the discovery documents such a server would serve, for benchmarks. The
// same plan gives both, so a synthetic recording can be checked against a
// real one (see crdgen_test.go).
package crdgen

import (
	"fmt"
	"sort"
	"strings"
)

// CRD is one planned CustomResourceDefinition.
type CRD struct {
	Group      string
	Kind       string
	Plural     string
	Singular   string
	Namespaced bool
	ShortNames []string
	Categories []string
	// Versions are the served versions, highest priority first; the first
	// is the storage version.
	Versions []string
	Status   bool // a status subresource
	Scale    bool // a scale subresource
}

// Name is the CRD's object name, <plural>.<group>.
func (c CRD) Name() string { return c.Plural + "." + c.Group }

var (
	// providers: the first ten make the plans of up to 3,000 CRDs; the
	// others, appended, let a plan reach 10,000 without changing those.
	providers = []string{"aws", "gcp", "azure", "alibaba", "ibm", "oci", "digitalocean", "linode", "vultr", "equinix",
		"hetzner", "ovh", "scaleway", "upcloud", "exoscale", "tencent", "huawei", "baidu", "yandex", "rackspace",
		"openstack", "vmware", "nutanix", "cloudflare", "fastly", "akamai", "heroku", "netlify", "render", "fly",
		"railway", "civo", "kamatera", "ionos"}
	services = []string{
		"ec2", "s3", "rds", "iam", "eks", "lambda", "sqs", "sns", "kms", "route53",
		"compute", "storage", "network", "dns", "container", "monitoring", "logging", "secrets", "cache", "queue",
		"database", "identity", "cdn", "firewall", "loadbalancer", "registry", "backup", "analytics", "streaming", "search",
	}
	nouns = []string{
		"Instance", "Bucket", "Cluster", "Policy", "Role", "Key", "Queue", "Topic", "Subscription", "Network",
		"Subnet", "Route", "Gateway", "Address", "Disk", "Snapshot", "Image", "Function", "Table", "Database",
		"User", "Group", "Certificate", "Secret", "Alarm", "Endpoint", "Listener", "Rule", "Record", "Zone",
	}
)

// PerGroup is how many CRDs share an API group.
const PerGroup = 10

// MaxCRDs is the largest plan: every provider with every service
// (len(providers) * len(services) * PerGroup, 10,200).
const MaxCRDs = 34 * 30 * PerGroup

// Plan returns n CRDs over ceil(n/10) API groups, deterministic for n:
// every fifth cluster-scoped, every third with a short name and categories,
// every fourth served in two versions (v1 and v1beta1), every other one
// with a status subresource and every seventh with a scale subresource.
func Plan(n int) []CRD {
	if n > MaxCRDs {
		n = MaxCRDs
	}
	out := make([]CRD, 0, n)
	for i := 0; i < n; i++ {
		g := i / PerGroup
		provider := providers[g/len(services)%len(providers)]
		service := services[g%len(services)]
		kind := nouns[(g*7+i%PerGroup)%len(nouns)]
		c := CRD{
			Group:      service + "." + provider + ".example.io",
			Kind:       kind,
			Plural:     plural(strings.ToLower(kind)),
			Singular:   strings.ToLower(kind),
			Namespaced: i%5 != 4,
			Status:     i%2 == 0,
			Scale:      i%7 == 0,
		}
		if i%3 == 0 {
			c.ShortNames = []string{prefix(provider, 1) + prefix(service, 3) + strings.ToLower(prefix(kind, 3))}
			c.Categories = []string{provider, "managed"}
		}
		switch i % 4 {
		case 0:
			c.Versions = []string{"v1", "v1beta1"}
		case 1:
			c.Versions = []string{"v1alpha1"}
		default:
			c.Versions = []string{"v1beta1"}
		}
		out = append(out, c)
	}
	return out
}

func prefix(s string, n int) string {
	if len(s) < n {
		return s
	}
	return s[:n]
}

func plural(s string) string {
	switch {
	case strings.HasSuffix(s, "y") && len(s) > 1 && !strings.ContainsRune("aeiou", rune(s[len(s)-2])):
		return s[:len(s)-1] + "ies"
	case strings.HasSuffix(s, "s"), strings.HasSuffix(s, "x"):
		return s + "es"
	}
	return s + "s"
}

// groupPlan is one API group of a plan with its versions in discovery
// order (highest priority first) and its CRDs in plan order.
type groupPlan struct {
	name     string
	versions []string
	crds     []CRD
}

// groups collects the plan's API groups, sorted by name as kube-apiserver
// orders groups of equal priority.
func groups(crds []CRD) []groupPlan {
	byName := map[string]*groupPlan{}
	for _, c := range crds {
		g, ok := byName[c.Group]
		if !ok {
			g = &groupPlan{name: c.Group}
			byName[c.Group] = g
		}
		g.crds = append(g.crds, c)
		for _, v := range c.Versions {
			if !contains(g.versions, v) {
				g.versions = append(g.versions, v)
			}
		}
	}
	out := make([]groupPlan, 0, len(byName))
	for _, g := range byName {
		sort.Slice(g.versions, func(i, j int) bool { return versionPriority(g.versions[i]) < versionPriority(g.versions[j]) })
		out = append(out, *g)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].name < out[j].name })
	return out
}

// versionPriority orders the versions a plan uses the way Kubernetes does:
// GA before beta before alpha.
func versionPriority(v string) int {
	switch v {
	case "v1":
		return 0
	case "v1beta1":
		return 1
	case "v1alpha1":
		return 2
	}
	panic(fmt.Sprintf("crdgen: unplanned version %q", v))
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
