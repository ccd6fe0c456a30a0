//go:build e2e

package e2e

import (
	"encoding/json"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/kube-apidocs/kube-apidocs/generator/openapi"
	"github.com/kube-apidocs/kube-apidocs/generator/openapi/openapitest"
)

// knownRefused are the third-party kinds whose skeleton the real server
// refuses today, each with the validation the skeleton does not satisfy
// (a pattern, minProperties, a CEL rule, oneOf). The test fails when any
// other kind is refused, and when one of these is accepted (then remove it).
var knownRefused = map[string]string{
	"cluster.x-k8s.io/v1beta2 Cluster":                 "spec needs at least 1 property (minProperties: 1)",
	"cluster.x-k8s.io/v1beta2 ClusterClass":            "templateRef.apiVersion must match a group/version pattern",
	"runtime.cluster.x-k8s.io/v1beta2 ExtensionConfig": "spec.clientConfig needs at least 1 property (minProperties: 1)",
	"gateway.networking.k8s.io/v1 BackendTLSPolicy":    "CEL rule: must specify either CACertificateRefs or WellKnownCACertificates",
	"gateway.networking.k8s.io/v1 GatewayClass":        "spec.controllerName must match a domain/path pattern",
	"gateway.networking.k8s.io/v1beta1 GatewayClass":   "spec.controllerName must match a domain/path pattern",
	"gateway.networking.k8s.io/v1 TCPRoute":            "CEL rule: Must have port for Service reference",
	"gateway.networking.k8s.io/v1 TLSRoute":            "CEL rule: Must have port for Service reference",
	"gateway.networking.k8s.io/v1 UDPRoute":            "CEL rule: Must have port for Service reference",
	"kyverno.io/v2 GlobalContextEntry":                 "spec must match exactly one of its oneOf schemas (kubernetesResource or apiCall)",
	"kyverno.io/v2alpha1 GlobalContextEntry":           "spec must match exactly one of its oneOf schemas (kubernetesResource or apiCall)",
	"kyverno.io/v2beta1 GlobalContextEntry":            "spec must match exactly one of its oneOf schemas (kubernetesResource or apiCall)",
}

// TestSkeletonDryRunThirdParty creates the real third-party CRDs of
// fixtures/v1.33.13-thirdparty (hack/thirdparty-crds.sh downloads them from
// the Go module proxy) on the live server, builds the skeleton of every
// creatable kind of their groups from that recording's OpenAPI documents,
// and requires kubectl create --dry-run=server to accept it, or the kind to
// say why it has none, or the refusal to be one of knownRefused.
func TestSkeletonDryRunThirdParty(t *testing.T) {
	if v := envOr("KUBE_APIDOCS_E2E_VERSION", defaultKubeVersion); v != "1.33.13" {
		t.Skipf("the third-party recording is of v1.33.13, the server is v%s", v)
	}
	docs, schemas := loadSchemas(t, filepath.Join(repo, "fixtures", "v1.33.13-thirdparty"))
	groups := thirdPartyGroups(t, docs)
	out, err := exec.Command(filepath.Join(repo, "hack", "thirdparty-crds.sh")).Output()
	if err != nil {
		t.Fatalf("hack/thirdparty-crds.sh: %v", err)
	}
	files := strings.Fields(string(out))
	t.Cleanup(func() {
		for _, f := range files {
			kc(t, "delete", "-f", f)
		}
		waitFor(t, "removal from discovery", 120*time.Second, func() bool {
			return len(kindsOf(creatableKinds(t), groups)) == 0
		})
	})
	for _, f := range files {
		// create, not apply: the biggest CRDs do not fit apply's annotation
		if got := kc(t, "create", "-f", f); got.code != 0 {
			t.Fatalf("kubectl create -f %s: %v", f, got)
		}
	}
	if got := kc(t, "wait", "--for", "condition=established", "--timeout=120s", "crd", "--all"); got.code != 0 {
		t.Fatalf("kubectl wait: %v", got)
	}
	var creatable []openapi.GVK
	waitFor(t, "the CRDs in discovery", 120*time.Second, func() bool {
		creatable = kindsOf(creatableKinds(t), groups)
		return hasKind(creatable, "cluster.x-k8s.io", "v1beta2", "Cluster") && hasKind(creatable, "policies.kyverno.io", "v1", "ValidatingPolicy") &&
			hasKind(creatable, "gateway.networking.k8s.io", "v1beta1", "HTTPRoute") && hasKind(creatable, "serving.knative.dev", "v1", "Service") &&
			hasKind(creatable, "cert-manager.io", "v1", "Certificate")
	})
	got := dryRunSkeletons(t, schemas, creatable)
	known := 0
	for _, name := range sortedKeys(got.refused) {
		if reason, ok := knownRefused[name]; ok {
			known++
			t.Logf("%s: refused, known: %s", name, reason)
			continue
		}
		t.Errorf("%s: kubectl create --dry-run=server refused the skeleton: %s", name, got.refused[name])
	}
	for name := range knownRefused {
		if got.have[name] && got.refused[name] == "" {
			t.Errorf("%s: now accepted; remove it from knownRefused", name)
		}
	}
	t.Logf("third-party CRDs: %d creatable kinds; %d skeletons accepted by kubectl create --dry-run=server, %d refused for a known reason, %d kinds say why they have none",
		len(creatable), got.accepted, known, got.reasons)
}

// thirdPartyGroups returns the API groups whose OpenAPI documents the
// third-party recording has and the plain v1.33.13 recording has not.
func thirdPartyGroups(t *testing.T, docs map[string][]byte) map[string]bool {
	t.Helper()
	builtin, _, err := openapitest.Load(filepath.Join(repo, "fixtures", "v1.33.13"))
	if err != nil {
		t.Fatal(err)
	}
	groups := map[string]bool{}
	for path := range docs {
		if _, ok := builtin[path]; ok {
			continue
		}
		if parts := strings.Split(path, "/"); len(parts) == 3 && parts[0] == "apis" {
			groups[parts[1]] = true
		}
	}
	if len(groups) < 5 {
		raw, _ := json.Marshal(groups)
		t.Fatalf("the third-party recording has only these CRD groups: %s", raw)
	}
	return groups
}

// kindsOf keeps the kinds of the given groups.
func kindsOf(kinds []openapi.GVK, groups map[string]bool) []openapi.GVK {
	var out []openapi.GVK
	for _, k := range kinds {
		if groups[k.Group] {
			out = append(out, k)
		}
	}
	return out
}
