package site

import (
	"bytes"
	"slices"

	"go.yaml.in/yaml/v3"

	"github.com/kube-apidocs/kube-apidocs/generator/model"
)

// A resource page's "what do I type" section: the kubectl commands the
// resource's verbs allow, an RBAC rule granting them, and kubectl auth
// can-i for each. Every resource name, verb and subresource comes from the
// cluster's discovery; the words around them are the kubectl-commands and
// kubectl-can-i phrases.

// commandsView is the section's view.
type commandsView struct {
	// Resource is the argument kubectl resolves to this resource and
	// version: its short name or name where that wins, else name.group,
	// else name.version.group.
	Resource string
	// Commands and Checks are the kubectl commands and the can-i checks;
	// Text and CanI, the same as shell lines with comments.
	Commands, Checks []commandView
	Text, CanI       string
	// RBAC is a Role (ClusterRole for a cluster-scoped resource) granting
	// every verb of the resource and its subresources.
	RBAC, RoleKind string
}

// commandView is one command line: what it does (Use, a key the phrases
// word, and Comment, their words for it), the line itself, and the verb
// and subresource it needs.
type commandView struct {
	Use, Comment, Line, Verb, Subresource string
}

// useData is what kubectl-use receives.
type useData struct {
	Use string
}

// generators are the resources `kubectl create` has a generator for (the
// subcommands of k8s.io/kubectl v0.33 pkg/cmd/create, each of which builds
// one group/version/resource), with the arguments that make a valid object.
var generators = map[string]string{
	"/v1/configmaps":                 "configmap example --from-literal=key=value",
	"/v1/namespaces":                 "namespace example",
	"/v1/resourcequotas":             "quota example --hard=pods=10",
	"/v1/secrets":                    "secret generic example --from-literal=key=value",
	"/v1/serviceaccounts":            "serviceaccount example",
	"/v1/services":                   "service clusterip example --tcp=80:8080",
	"apps/v1/deployments":            "deployment example --image=nginx",
	"batch/v1/cronjobs":              "cronjob example --image=busybox --schedule='*/5 * * * *'",
	"batch/v1/jobs":                  "job example --image=busybox",
	"policy/v1/poddisruptionbudgets": "poddisruptionbudget example --selector=app=example --min-available=1",
	"networking.k8s.io/v1/ingresses": "ingress example --rule='example.com/path=example:80'",
	"rbac.authorization.k8s.io/v1/clusterrolebindings": "clusterrolebinding example --clusterrole=view --user=example",
	"rbac.authorization.k8s.io/v1/clusterroles":        "clusterrole example --verb=get --resource=pods",
	"rbac.authorization.k8s.io/v1/rolebindings":        "rolebinding example --clusterrole=view --user=example",
	"rbac.authorization.k8s.io/v1/roles":               "role example --verb=get --resource=pods",
	"scheduling.k8s.io/v1/priorityclasses":             "priorityclass example --value=1000",
}

// podCommands are kubectl's commands for the subresources of core pods,
// by subresource: the verb RBAC checks and the command.
var podCommands = []struct{ sub, verb, use, line string }{
	{"log", "get", "logs", "kubectl logs example"},
	{"exec", "create", "exec", "kubectl exec -it example -- sh"},
	{"attach", "create", "attach", "kubectl attach -it example"},
	{"portforward", "create", "port-forward", "kubectl port-forward pod/example 8080:80"},
}

// resolver knows which resource kubectl picks for a name, as its
// discovery RESTMapper does: the groups in discovery order, each group's
// preferred version before the others.
type resolver struct {
	bare    map[string]string // resource name -> the group kubectl picks for it
	short   map[string]string // short name -> group and name of the first resource listing it
	version map[string]string // group and name -> the version kubectl picks
}

func newResolver(api *model.API) resolver {
	rs := resolver{bare: map[string]string{}, short: map[string]string{}, version: map[string]string{}}
	for _, preferred := range []bool{true, false} {
		for _, g := range api.Groups {
			for _, v := range g.Versions {
				if (v.Version == g.PreferredVersion) != preferred {
					continue
				}
				for _, r := range v.Resources {
					key := g.Name + "\x00" + r.Name
					setOnce(rs.bare, r.Name, g.Name)
					setOnce(rs.version, key, v.Version)
					for _, s := range r.ShortNames {
						setOnce(rs.short, s, key)
					}
				}
			}
		}
	}
	return rs
}

func setOnce(m map[string]string, k, v string) {
	if _, ok := m[k]; !ok {
		m[k] = v
	}
}

// arg is the kubectl argument that names resource r of group and version.
func (rs resolver) arg(group, version string, r model.Resource) string {
	key := group + "\x00" + r.Name
	switch {
	case rs.version[key] != version:
		return r.Name + "." + version + "." + group
	case group != "" && rs.bare[r.Name] != group:
		return r.Name + "." + group
	}
	for _, s := range r.ShortNames {
		if rs.short[s] == key {
			return s
		}
	}
	return r.Name
}

// qualified is resource.group, the form kubectl auth can-i and RBAC use.
func qualified(group, name string) string {
	if group == "" {
		return name
	}
	return name + "." + group
}

// prepareSections gives each resource page its sections (see sections),
// to be built when the page is rendered.
func prepareSections(api *model.API, resources []*resourceView) {
	rs := newResolver(api)
	byKey := map[string]model.Resource{}
	for _, g := range api.Groups {
		for _, v := range g.Versions {
			for _, r := range v.Resources {
				byKey[g.Name+"/"+v.Version+"/"+r.Name] = r
			}
		}
	}
	for _, rv := range resources {
		rv.sections = &sections{rs: rs, resource: byKey[rv.Group+"/"+rv.Version+"/"+rv.Name]}
	}
}

// commandsFor is the commands section of the page rv of resource r.
func commandsFor(rs resolver, rv *resourceView, r model.Resource, ph *phrases) *commandsView {
	c := &commandsView{Resource: rs.arg(rv.Group, rv.Version, r)}
	c.Commands = kubectlCommands(rv, r, c.Resource)
	for i := range c.Commands {
		// a dozen commands a page, twenty distinct uses a site: each worded once
		c.Commands[i].Comment = ph.cached("kubectl-use", useData{c.Commands[i].Use})
	}
	c.Checks = canIChecks(rv.Group, r)
	c.Text = ph.text("kubectl-commands", c.Commands)
	c.CanI = ph.text("kubectl-can-i", c.Checks)
	c.RoleKind = "ClusterRole"
	if r.Namespaced {
		c.RoleKind = "Role"
	}
	c.RBAC = rbacRole(c.RoleKind, rv.Group, r)
	return c
}

// kubectlCommands lists the commands r's verbs allow, arg naming it.
func kubectlCommands(rv *resourceView, r model.Resource, arg string) []commandView {
	q := shellQuote(arg)
	has := func(verbs ...string) bool {
		return !slices.ContainsFunc(verbs, func(v string) bool { return !slices.Contains(r.Verbs, v) })
	}
	var out []commandView
	add := func(ok bool, use, verb, line string) {
		if ok {
			out = append(out, commandView{Use: use, Verb: verb, Line: line})
		}
	}
	add(has("list"), "list", "list", "kubectl get "+q)
	add(has("list") && r.Namespaced, "list-all", "list", "kubectl get "+q+" -A")
	add(has("watch"), "watch", "watch", "kubectl get "+q+" --watch")
	add(has("get"), "get", "get", "kubectl get "+q+" example -o yaml")
	if gen, ok := generators[rv.APIVersionPath()+"/"+r.Name]; ok {
		add(has("create"), "generate", "create", "kubectl create "+gen+" --dry-run=client -o yaml")
	}
	add(has("create"), "create", "create", "kubectl create -f example.yaml")
	add(has("get", "create", "patch"), "apply", "patch", "kubectl apply -f example.yaml")
	add(has("update"), "replace", "update", "kubectl replace -f example.yaml")
	add(has("get", "patch"), "edit", "patch", "kubectl edit "+q+" example")
	add(has("patch"), "patch", "patch", "kubectl patch "+q+" example --type=merge -p '{\"metadata\":{\"labels\":{\"example\":\"yes\"}}}'")
	add(has("delete"), "delete", "delete", "kubectl delete "+q+" example")
	add(has("deletecollection"), "delete-collection", "deletecollection", "kubectl delete --raw "+shellQuote(concrete(rv.Paths.Collection)))
	return append(out, subresourceCommands(rv.Group, r, q)...)
}

// subresourceCommands lists the commands of r's subresources: scale,
// status, the pod subresources and a service account's token.
func subresourceCommands(group string, r model.Resource, q string) []commandView {
	var out []commandView
	for _, s := range r.Subresources {
		add := func(verb, use, line string) {
			if slices.Contains(s.Verbs, verb) {
				out = append(out, commandView{Use: use, Verb: verb, Subresource: s.Name, Line: line})
			}
		}
		switch {
		case s.Name == "scale":
			add("get", "get-scale", "kubectl get "+q+" example --subresource=scale")
			add("patch", "scale", "kubectl scale "+q+" example --replicas=3")
		case s.Name == "status":
			add("get", "get-status", "kubectl get "+q+" example --subresource=status")
		case group == "" && r.Name == "pods":
			for _, p := range podCommands {
				if p.sub == s.Name {
					add(p.verb, p.use, p.line)
				}
			}
		case group == "" && r.Name == "serviceaccounts" && s.Name == "token":
			add("create", "token", "kubectl create token example")
		}
	}
	return out
}

// canIChecks is one kubectl auth can-i per verb of r and of each of its
// subresources.
func canIChecks(group string, r model.Resource) []commandView {
	q := shellQuote(qualified(group, r.Name))
	var out []commandView
	for _, v := range r.Verbs {
		out = append(out, commandView{Use: "can-i", Verb: v, Line: "kubectl auth can-i " + shellQuote(v) + " " + q})
	}
	for _, s := range r.Subresources {
		for _, v := range s.Verbs {
			out = append(out, commandView{Use: "can-i", Verb: v, Subresource: s.Name,
				Line: "kubectl auth can-i " + shellQuote(v) + " " + q + " --subresource=" + shellQuote(s.Name)})
		}
	}
	return out
}

// APIVersionPath is the resource's group and version as generators key
// them: "group/version", "/v1" for the core group.
func (r *resourceView) APIVersionPath() string {
	return r.Group + "/" + r.Version
}

// rbacRole is a Role or ClusterRole named example granting every verb of
// r: one rule for the resource, one per set of subresources that share
// their verbs.
func rbacRole(kind, group string, r model.Resource) string {
	type rule struct {
		resources, verbs []string
	}
	var rules []rule
	if len(r.Verbs) > 0 {
		rules = append(rules, rule{[]string{r.Name}, r.Verbs})
	}
	for _, s := range r.Subresources {
		if len(s.Verbs) == 0 {
			continue
		}
		name := r.Name + "/" + s.Name
		if i := slices.IndexFunc(rules, func(x rule) bool { return x.resources[0] != r.Name && slices.Equal(x.verbs, s.Verbs) }); i >= 0 {
			rules[i].resources = append(rules[i].resources, name)
			continue
		}
		rules = append(rules, rule{[]string{name}, s.Verbs})
	}
	var list []yamlRule
	for _, x := range rules {
		list = append(list, yamlRule{Groups: []string{group}, Resources: x.resources, Verbs: x.verbs})
	}
	return roleYAML(kind, r.Namespaced, list)
}

// yamlRule is one RBAC PolicyRule.
type yamlRule struct {
	Groups, Resources, Verbs []string
}

// roleYAML encodes a Role (namespaced) or ClusterRole named example with
// rules; lists are in flow style, as RBAC rules are usually written.
func roleYAML(kind string, namespaced bool, rules []yamlRule) string {
	meta := &yaml.Node{Kind: yaml.MappingNode}
	addPair(meta, "name", "example")
	if namespaced {
		addPair(meta, "namespace", "default")
	}
	seq := &yaml.Node{Kind: yaml.SequenceNode}
	for _, r := range rules {
		m := &yaml.Node{Kind: yaml.MappingNode}
		addList(m, "apiGroups", r.Groups)
		addList(m, "resources", r.Resources)
		addList(m, "verbs", r.Verbs)
		seq.Content = append(seq.Content, m)
	}
	doc := &yaml.Node{Kind: yaml.MappingNode}
	addPair(doc, "apiVersion", "rbac.authorization.k8s.io/v1")
	addPair(doc, "kind", kind)
	doc.Content = append(doc.Content, &yaml.Node{Kind: yaml.ScalarNode, Value: "metadata"}, meta,
		&yaml.Node{Kind: yaml.ScalarNode, Value: "rules"}, seq)
	return encodeYAML(doc)
}

// addList adds key: [values...] to the mapping m, the values as quoted
// strings in flow style.
func addList(m *yaml.Node, key string, values []string) {
	list := &yaml.Node{Kind: yaml.SequenceNode, Style: yaml.FlowStyle}
	for _, v := range values {
		list.Content = append(list.Content, &yaml.Node{Kind: yaml.ScalarNode, Value: v, Tag: "!!str", Style: yaml.DoubleQuotedStyle})
	}
	m.Content = append(m.Content, &yaml.Node{Kind: yaml.ScalarNode, Value: key}, list)
}

// encodeYAML writes doc with two-space indentation.
func encodeYAML(doc *yaml.Node) string {
	var b bytes.Buffer
	enc := yaml.NewEncoder(&b)
	enc.SetIndent(2)
	if err := enc.Encode(doc); err != nil {
		return "" // encoding a tree of plain strings cannot fail
	}
	enc.Close()
	return b.String()
}
