package crdgen

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/kube-apidocs/kube-apidocs/generator/model"
	"github.com/kube-apidocs/kube-apidocs/generator/recording"
	"github.com/kube-apidocs/kube-apidocs/generator/source"
)

// TestSyntheticMatchesRealServer shows that the synthetic recording of a
// plan gives the same model as a real kube-apiserver that served the same
// plan's manifests (fixtures/v1.33.13-1000crds), through aggregated and
// through legacy discovery.
func TestSyntheticMatchesRealServer(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "synthetic")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := WriteRecording(dir, os.DirFS("../../fixtures/v1.33.13"), Plan(1000)); err != nil {
		t.Fatal(err)
	}
	for _, legacy := range []bool{false, true} {
		synthetic := discover(t, dir, legacy)
		real := discover(t, "../../fixtures/v1.33.13-1000crds", legacy)
		if !reflect.DeepEqual(synthetic.Groups, real.Groups) {
			t.Errorf("legacy=%v: the synthetic recording's groups differ from the real server's", legacy)
		}
		if got := len(real.AllResources()); got != 1311 {
			t.Errorf("legacy=%v: the real recording has %d resources, want 1311 (61 built-in + 1,000 CRDs + 250 second versions)", legacy, got)
		}
	}
}

func discover(t *testing.T, dir string, legacy bool) *model.API {
	t.Helper()
	rec, err := recording.LoadDir(dir, recording.LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	api, err := source.FromRecording(rec, source.DiscoverOptions{Legacy: legacy})
	if err != nil {
		t.Fatal(err)
	}
	return api
}

func TestPlanShape(t *testing.T) {
	crds := Plan(1000)
	groups := groups(crds)
	if len(crds) != 1000 || len(groups) != 100 {
		t.Fatalf("Plan(1000) gives %d CRDs in %d groups, want 1000 in 100", len(crds), len(groups))
	}
	var cluster, short, two, scale int
	names := map[string]bool{}
	for _, c := range crds {
		if names[c.Name()] {
			t.Errorf("%s planned twice", c.Name())
		}
		names[c.Name()] = true
		if !c.Namespaced {
			cluster++
		}
		if len(c.ShortNames) > 0 {
			short++
		}
		if len(c.Versions) == 2 {
			two++
		}
		if c.Scale {
			scale++
		}
	}
	if cluster != 200 || short != 334 || two != 250 || scale != 143 {
		t.Errorf("cluster-scoped %d, short names %d, two versions %d, scale %d; want 200, 334, 250, 143", cluster, short, two, scale)
	}
}

// TestPlanReaches10000: a plan of 10,000 CRDs has 10,000 distinct names in
// 1,000 groups, and its first 3,000 are Plan(3000), so that recordings of
// up to 3,000 CRDs stay what they were before the plan could grow.
func TestPlanReaches10000(t *testing.T) {
	if MaxCRDs != len(providers)*len(services)*PerGroup || MaxCRDs < 10000 {
		t.Fatalf("MaxCRDs = %d, providers × services × PerGroup = %d; want both ≥ 10,000 and equal", MaxCRDs, len(providers)*len(services)*PerGroup)
	}
	crds := Plan(10000)
	names := map[string]bool{}
	for _, c := range crds {
		names[c.Name()] = true
	}
	if len(crds) != 10000 || len(names) != 10000 || len(groups(crds)) != 1000 {
		t.Fatalf("Plan(10000) gives %d CRDs, %d distinct names, %d groups; want 10000, 10000, 1000", len(crds), len(names), len(groups(crds)))
	}
	if !reflect.DeepEqual(Plan(3000), crds[:3000]) {
		t.Error("the first 3,000 CRDs of Plan(10000) are not Plan(3000)")
	}
}
