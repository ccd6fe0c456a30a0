package source

import (
	"strings"
	"testing"

	"k8s.io/apimachinery/pkg/util/validation"
)

// TestNameRulesMatchKubernetes shows the allocation-free validators accept
// exactly what k8s.io/apimachinery's validation accepts.
func TestNameRulesMatchKubernetes(t *testing.T) {
	names := []string{
		"", "a", "A", "1", "-", "a-", "-a", "a-b", "a.b", "a..b", ".a", "a.", "..", ".", "a_b", "_a",
		"apps", "apps.k8s.io", "v1", "v1beta1", "1v", "V1", "deploy/ments", "config\x00maps", "ä",
		"rbac.authorization.k8s.io", "x.y-z.0", strings.Repeat("a", 63), strings.Repeat("a", 64),
		strings.Repeat("a.", 126) + "a", strings.Repeat("a.", 127) + "a", "queue_messages_ready",
	}
	for _, n := range names {
		if got, want := isSubdomain(n, false), len(validation.IsDNS1123Subdomain(n)) == 0; got != want {
			t.Errorf("isSubdomain(%q) = %v, apimachinery says %v", n, got, want)
		}
		if got, want := isSubdomain(n, true), len(validation.IsDNS1123Subdomain(strings.ReplaceAll(n, "_", "-"))) == 0; got != want {
			t.Errorf("isSubdomain(%q, underscore) = %v, want %v", n, got, want)
		}
		if got, want := isDNS1035Label(n), len(validation.IsDNS1035Label(n)) == 0; got != want {
			t.Errorf("isDNS1035Label(%q) = %v, apimachinery says %v", n, got, want)
		}
	}
}
