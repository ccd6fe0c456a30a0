package site

import (
	"slices"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"

	"github.com/kube-apidocs/kube-apidocs/generator/model"
)

// TestCommandsNeedOnlyDiscoveredVerbs checks every resource page's "what
// to type" section against the model: each command and each can-i check
// needs a verb the resource (or the named subresource) lists, names the
// resource as kubectl resolves it, and the RBAC role grants exactly the
// verbs discovery lists, no more.
func TestCommandsNeedOnlyDiscoveredVerbs(t *testing.T) {
	api := smallAPI()
	s := buildForTest(t, api)
	for _, rv := range s.Resources {
		r := findResource(t, api, rv.Group, rv.Version, rv.Name)
		c := rv.Commands
		for _, cmd := range append(slices.Clone(c.Commands), c.Checks...) {
			if !slices.Contains(verbsOf(r, cmd.Subresource), cmd.Verb) {
				t.Errorf("%s: %q needs %s on %q, which discovery does not list", rv.Path, cmd.Line, cmd.Verb, cmd.Subresource)
			}
		}
		checkRole(t, rv, r)
	}
}

// checkRole decodes the page's role and compares its grants with the
// resource's verbs.
func checkRole(t *testing.T, rv *resourceView, r model.Resource) {
	t.Helper()
	var role struct {
		Kind     string
		Metadata struct{ Namespace string }
		Rules    []struct {
			APIGroups []string `yaml:"apiGroups"`
			Resources []string
			Verbs     []string
		}
	}
	if err := yaml.Unmarshal([]byte(rv.Commands.RBAC), &role); err != nil {
		t.Fatalf("%s: role: %v", rv.Path, err)
	}
	granted := map[string][]string{}
	for _, rule := range role.Rules {
		if !slices.Equal(rule.APIGroups, []string{rv.Group}) {
			t.Errorf("%s: rule apiGroups %q, want [%q]", rv.Path, rule.APIGroups, rv.Group)
		}
		for _, res := range rule.Resources {
			granted[res] = append(granted[res], rule.Verbs...)
		}
	}
	want := map[string][]string{}
	if len(r.Verbs) > 0 {
		want[r.Name] = r.Verbs
	}
	for _, sub := range r.Subresources {
		if len(sub.Verbs) > 0 {
			want[r.Name+"/"+sub.Name] = sub.Verbs
		}
	}
	for res, verbs := range want {
		if !slices.Equal(granted[res], verbs) {
			t.Errorf("%s: the role grants %q on %s, discovery lists %q", rv.Path, granted[res], res, verbs)
		}
	}
	if len(granted) != len(want) {
		t.Errorf("%s: the role grants %d resources, discovery lists %d", rv.Path, len(granted), len(want))
	}
	if wantKind := map[bool]string{true: "Role", false: "ClusterRole"}[r.Namespaced]; role.Kind != wantKind || (role.Metadata.Namespace != "") != r.Namespaced {
		t.Errorf("%s: kind %s in namespace %q, want a %s", rv.Path, role.Kind, role.Metadata.Namespace, wantKind)
	}
}

// TestCommandLines pins the commands that depend on the cluster: the short
// name where it wins, name.version.group for a version kubectl does not
// pick, kubectl's generator only for the group-version it builds, scale
// only with a scale subresource, the pod subresources' own commands.
func TestCommandLines(t *testing.T) {
	s := buildForTest(t, smallAPI())
	lines := map[string]string{}
	for _, rv := range s.Resources {
		lines[rv.Path] = rv.Commands.Text + rv.Commands.CanI
	}
	for path, want := range map[string][]string{
		"resources/apps/v1/deployments.html": {
			"kubectl get deploy\n", "kubectl create deployment example --image=nginx --dry-run=client -o yaml\n",
			"kubectl scale deploy example --replicas=3\n", "kubectl auth can-i patch deployments.apps --subresource=scale\n",
		},
		"resources/core/v1/pods.html":                          {"kubectl get po -A\n", "kubectl logs example\n", "kubectl auth can-i get pods --subresource=log\n"},
		"resources/core/v1/namespaces.html":                    {"kubectl create namespace example --dry-run=client -o yaml\n", "kubectl get ns example --subresource=status\n"},
		"resources/multi.example.com/v1/gizmos.html":           {"kubectl get gizmos\n", "kubectl auth can-i list gizmos.multi.example.com\n"},
		"resources/multi.example.com/v1beta1/gizmos.html":      {"kubectl get gizmos.v1beta1.multi.example.com\n"},
		"resources/authentication.k8s.io/v1/tokenreviews.html": {"kubectl create -f example.yaml\n"},
	} {
		for _, w := range want {
			if !strings.Contains(lines[path], w) {
				t.Errorf("%s lacks %q:\n%s", path, w, lines[path])
			}
		}
	}
	for path, unwanted := range map[string]string{
		"resources/core/v1/pods.html":                          "kubectl scale",
		"resources/multi.example.com/v1/gizmos.html":           "--dry-run=client",
		"resources/authentication.k8s.io/v1/tokenreviews.html": "kubectl get",
		"resources/core/v1/namespaces.html":                    " -A\n", // cluster-scoped
	} {
		if strings.Contains(lines[path], unwanted) {
			t.Errorf("%s holds %q:\n%s", path, unwanted, lines[path])
		}
	}
}

func buildForTest(t *testing.T, api *model.API) *siteView {
	t.Helper()
	sets, err := parseSets(SiteOptions{})
	if err != nil {
		t.Fatal(err)
	}
	ph := newPhrases(sets.md, budget{})
	s, err := buildSite(cleanAPI(api), SiteOptions{}, ".html", ph, sets.cat, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, rv := range s.Resources { // as a page's rendering does
		if err := rv.sections.fill(rv, ph); err != nil {
			t.Fatal(err)
		}
	}
	return s
}

func findResource(t *testing.T, api *model.API, group, version, name string) model.Resource {
	t.Helper()
	for _, g := range api.Groups {
		for _, v := range g.Versions {
			for _, r := range v.Resources {
				if g.Name == group && v.Version == version && r.Name == name {
					return r
				}
			}
		}
	}
	t.Fatalf("no resource %s/%s %s in the model", group, version, name)
	return model.Resource{}
}

func verbsOf(r model.Resource, sub string) []string {
	if sub == "" {
		return r.Verbs
	}
	for _, s := range r.Subresources {
		if s.Name == sub {
			return s.Verbs
		}
	}
	return nil
}

// TestResourcePage checks that ResourcePage names the page Site writes for
// every resource, hostile names (hashed slugs) included.
func TestResourcePage(t *testing.T) {
	api := smallAPI()
	api.Groups = append(api.Groups, model.Group{Name: "Bad Group/..", PreferredVersion: "v1", Versions: []model.Version{{Version: "v1", Resources: []model.Resource{
		{Name: "../x y", Kind: "X", Verbs: []string{"get"}},
	}}}}, model.Group{Name: "core", PreferredVersion: "v1", Versions: []model.Version{{Version: "v1", Resources: []model.Resource{
		{Name: "pods", Kind: "Pod", Verbs: []string{"get"}},
	}}}})
	s := buildForTest(t, api)
	for _, rv := range s.Resources {
		if got := ResourcePage(rv.Group, rv.Version, rv.Name, ".html"); got != rv.Path {
			t.Errorf("ResourcePage(%q, %q, %q) = %s, the site wrote %s", rv.Group, rv.Version, rv.Name, got, rv.Path)
		}
	}
	hostile := slices.IndexFunc(s.Resources, func(r *resourceView) bool { return r.Name == "../x y" })
	named := slices.IndexFunc(s.Resources, func(r *resourceView) bool { return r.Group == "core" })
	if hostile < 0 || named < 0 {
		t.Fatal("the site dropped the hostile resource or the group named core")
	}
	if p := s.Resources[named].Path; p == "resources/core/v1/pods.html" {
		t.Errorf("the group named core shares the core group's page %s", p)
	}
}
