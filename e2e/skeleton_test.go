//go:build e2e

package e2e

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"k8s.io/client-go/discovery"
	"k8s.io/client-go/tools/clientcmd"

	"github.com/kube-apidocs/kube-apidocs/generator/openapi"
	"github.com/kube-apidocs/kube-apidocs/generator/openapi/openapitest"
	"github.com/kube-apidocs/kube-apidocs/generator/skeleton"
)

// mustHaveSkeleton are the built-in kinds issue 11 names: a valid object
// needs no cluster state, so each must have a skeleton the server accepts.
var mustHaveSkeleton = []string{
	"v1 Pod", "apps/v1 Deployment", "apps/v1 StatefulSet", "apps/v1 DaemonSet", "apps/v1 ReplicaSet",
	"batch/v1 Job", "batch/v1 CronJob", "v1 Service", "v1 ConfigMap", "v1 Secret",
	"networking.k8s.io/v1 Ingress", "networking.k8s.io/v1 IngressClass", "networking.k8s.io/v1 NetworkPolicy",
	"v1 PersistentVolume", "v1 PersistentVolumeClaim", "v1 ServiceAccount",
	"rbac.authorization.k8s.io/v1 Role", "rbac.authorization.k8s.io/v1 RoleBinding",
	"rbac.authorization.k8s.io/v1 ClusterRole", "rbac.authorization.k8s.io/v1 ClusterRoleBinding",
	"v1 Namespace", "v1 ResourceQuota", "v1 LimitRange", "autoscaling/v2 HorizontalPodAutoscaler",
	"policy/v1 PodDisruptionBudget", "storage.k8s.io/v1 StorageClass", "scheduling.k8s.io/v1 PriorityClass",
	"node.k8s.io/v1 RuntimeClass", "coordination.k8s.io/v1 Lease",
	"stable.example.com/v1 Widget", "stable.example.com/v1 ClusterPolicy",
	"multi.example.com/v1 Gadget", "multi.example.com/v1beta1 Gadget",
}

// TestSkeletonDryRun builds the skeleton of every kind the live server can
// create (every version of every resource with the create verb, the CRDs
// of the recording included) from the recording of the same server
// version, and requires `kubectl create --dry-run=server -f` to accept it.
// Kinds without a skeleton must say why, and the kinds issue 11 names must
// have one.
func TestSkeletonDryRun(t *testing.T) {
	crds := filepath.Join(repo, "e2e", "testdata", "crds.yaml")
	if got := kc(t, "apply", "-f", crds); got.code != 0 {
		t.Fatalf("kubectl apply: %v", got)
	}
	t.Cleanup(func() { remove(t, crds, "multi.example.com/", "stable.example.com/") })
	if got := kc(t, "wait", "--for", "condition=established", "--timeout=60s", "-f", crds); got.code != 0 {
		t.Fatalf("kubectl wait: %v", got)
	}
	// A real cluster's controller-manager creates the "default" service
	// account of each namespace, which the admission of a Pod looks up;
	// the test's control plane has no controller-manager.
	if got := kc(t, "create", "serviceaccount", "default", "-n", "default"); got.code != 0 && !strings.Contains(got.stderr, "AlreadyExists") {
		t.Fatalf("kubectl create serviceaccount: %v", got)
	}
	// The recording of the same server version and CRDs.
	rec := openapitest.Dir("v" + envOr("KUBE_APIDOCS_E2E_VERSION", defaultKubeVersion) + "-crds")
	if _, err := os.Stat(rec); err != nil {
		t.Skipf("no OpenAPI recording of this server version: %v", err)
	}
	_, schemas := loadSchemas(t, rec)
	var creatable []openapi.GVK
	waitFor(t, "the CRDs in discovery", 60*time.Second, func() bool {
		creatable = creatableKinds(t)
		return hasKind(creatable, "multi.example.com", "v1beta1", "Gadget") && hasKind(creatable, "stable.example.com", "v1", "Widget")
	})
	got := dryRunSkeletons(t, schemas, creatable)
	for _, name := range sortedKeys(got.refused) {
		t.Errorf("%s: kubectl create --dry-run=server refused the skeleton: %s", name, got.refused[name])
	}
	accepted, reasons, have := got.accepted, got.reasons, got.have
	for _, name := range mustHaveSkeleton {
		if !have[name] {
			t.Errorf("%s: no skeleton (or not creatable on the server)", name)
		}
	}
	t.Logf("%d of %d creatable kinds with a skeleton accepted by kubectl create --dry-run=server; %d kinds say why they have none; the %d kinds of issue 11 all have one: %v",
		accepted, len(creatable)-reasons, reasons, len(mustHaveSkeleton), !t.Failed())
}

// loadSchemas reads and parses the OpenAPI v3 documents of the recording
// in dir.
func loadSchemas(t *testing.T, dir string) (map[string][]byte, *openapi.Schemas) {
	t.Helper()
	docs, _, err := openapitest.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	schemas, err := openapi.Parse(docs)
	if err != nil {
		t.Fatal(err)
	}
	return docs, schemas
}

// dryRunResult is what dryRunSkeletons found: how many skeletons the
// server accepted, how many kinds say why they have none, which kinds have
// one, and the server's message for each skeleton it refused.
type dryRunResult struct {
	accepted, reasons int
	have              map[string]bool
	refused           map[string]string
}

// dryRunSkeletons builds the skeleton of each kind from schemas and asks the
// live server to accept it with kubectl create --dry-run=server.
func dryRunSkeletons(t *testing.T, schemas *openapi.Schemas, kinds []openapi.GVK) dryRunResult {
	t.Helper()
	tmp := t.TempDir()
	r := dryRunResult{have: map[string]bool{}, refused: map[string]string{}}
	for _, gvk := range kinds {
		name := openapiKey(gvk)
		k, err := schemas.Kind(gvk)
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		m, err := skeleton.Build(k)
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if m.Reason != "" {
			r.reasons++
			t.Logf("%s: no skeleton: %s", name, m.Reason)
			continue
		}
		r.have[name] = true
		file := filepath.Join(tmp, strings.NewReplacer("/", "_", " ", "_").Replace(name)+".yaml")
		if err := os.WriteFile(file, []byte(m.YAML), 0o644); err != nil {
			t.Fatal(err)
		}
		got := kc(t, "create", "--dry-run=server", "-n", "default", "-o", "name", "-f", file)
		if got.code != 0 {
			r.refused[name] = fmt.Sprintf("%v\n%s", got, m.YAML)
			continue
		}
		r.accepted++
	}
	return r
}

func openapiKey(g openapi.GVK) string {
	if g.Group == "" {
		return g.Version + " " + g.Kind
	}
	return g.Group + "/" + g.Version + " " + g.Kind
}

func hasKind(kinds []openapi.GVK, group, version, kind string) bool {
	for _, k := range kinds {
		if k == (openapi.GVK{Group: group, Version: version, Kind: kind}) {
			return true
		}
	}
	return false
}

// creatableKinds lists, from the live server's discovery, the kind of every
// resource (not subresource) of every served version that has the create
// verb, sorted.
func creatableKinds(t *testing.T) []openapi.GVK {
	t.Helper()
	cfg, err := clientcmd.BuildConfigFromFlags("", live.kubeconfig)
	if err != nil {
		t.Fatal(err)
	}
	dc, err := discovery.NewDiscoveryClientForConfig(cfg)
	if err != nil {
		t.Fatal(err)
	}
	_, lists, err := dc.ServerGroupsAndResources()
	if err != nil {
		t.Fatal(err)
	}
	seen := map[openapi.GVK]bool{}
	var out []openapi.GVK
	for _, list := range lists {
		group, version, _ := strings.Cut(list.GroupVersion, "/")
		if version == "" {
			group, version = "", group
		}
		for _, r := range list.APIResources {
			if strings.Contains(r.Name, "/") || !contains(r.Verbs, "create") {
				continue
			}
			g := openapi.GVK{Group: group, Version: version, Kind: r.Kind}
			if !seen[g] {
				seen[g] = true
				out = append(out, g)
			}
		}
	}
	sort.Slice(out, func(i, j int) bool { return openapiKey(out[i]) < openapiKey(out[j]) })
	return out
}

func sortedKeys(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
