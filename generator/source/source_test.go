package source

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/kube-apidocs/kube-apidocs/generator/model"
	"github.com/kube-apidocs/kube-apidocs/generator/recording"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/")

var bundled = []string{"v1.29.6", "v1.33.13", "v1.33.13-crds"}

func loadFixture(t *testing.T, name string) *recording.Recording {
	t.Helper()
	rec, err := recording.LoadDir(filepath.Join("../../fixtures", name), recording.LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	return rec
}

func discover(t *testing.T, rec *recording.Recording, opts DiscoverOptions) *model.API {
	t.Helper()
	api, err := FromRecording(rec, opts)
	if err != nil {
		t.Fatal(err)
	}
	return api
}

// TestModelGolden pins the model built from each bundled recording.
func TestModelGolden(t *testing.T) {
	for _, name := range bundled {
		t.Run(name, func(t *testing.T) {
			api := discover(t, loadFixture(t, name), DiscoverOptions{})
			got, err := json.MarshalIndent(api, "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, '\n')
			golden := filepath.Join("testdata", "model", name+".json")
			if *update {
				if err := os.MkdirAll(filepath.Dir(golden), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(golden, got, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test ./generator/source -run TestModelGolden -update)", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("model of %s differs from %s; run with -update if the change is intended", name, golden)
			}
		})
	}
}

// TestAggregatedAndLegacyAgree shows that a recording's aggregated documents
// and its legacy documents yield the same model.
func TestAggregatedAndLegacyAgree(t *testing.T) {
	wantFormat := map[string]string{"v1.29.6": "aggregated/v2beta1", "v1.33.13": "aggregated/v2", "v1.33.13-crds": "aggregated/v2"}
	for _, name := range bundled {
		t.Run(name, func(t *testing.T) {
			rec := loadFixture(t, name)
			aggregated := discover(t, rec, DiscoverOptions{})
			forced := discover(t, rec, DiscoverOptions{Legacy: true})
			onlyLegacy := discover(t, rec.WithoutAggregated(), DiscoverOptions{})
			if aggregated.Discovery != wantFormat[name] || forced.Discovery != "legacy" || onlyLegacy.Discovery != "legacy" {
				t.Fatalf("discovery formats: %q, %q, %q; want %q, legacy, legacy", aggregated.Discovery, forced.Discovery, onlyLegacy.Discovery, wantFormat[name])
			}
			aggregated.Discovery, forced.Discovery, onlyLegacy.Discovery = "", "", ""
			if !reflect.DeepEqual(aggregated, forced) {
				t.Errorf("aggregated and --legacy-discovery models differ")
			}
			if !reflect.DeepEqual(aggregated, onlyLegacy) {
				t.Errorf("aggregated and legacy-only models differ")
			}
			if len(aggregated.Groups) < 20 || aggregated.Groups[0].Name != "" {
				t.Errorf("got %d groups, first %q; want the core group first and 20+ groups", len(aggregated.Groups), aggregated.Groups[0].Name)
			}
		})
	}
}

// TestModelFacts pins a few facts a reader can check against the recording.
func TestModelFacts(t *testing.T) {
	api := discover(t, loadFixture(t, "v1.33.13-crds"), DiscoverOptions{})
	if api.Server.GitVersion != "v1.33.13" {
		t.Errorf("server version %q, want v1.33.13", api.Server.GitVersion)
	}
	multi, ok := api.Group("multi.example.com")
	if !ok || multi.PreferredVersion != "v1" || len(multi.Versions) != 2 {
		t.Fatalf("multi.example.com = %+v, want preferred v1 and two versions", multi)
	}
	v1beta1, _ := multi.Version("v1beta1")
	gadgets, ok := v1beta1.Resource("gadgets")
	if !ok {
		t.Fatal("gadgets missing from multi.example.com/v1beta1")
	}
	wantSubs := []model.Subresource{
		{Name: "scale", Kind: "Scale", Group: "autoscaling", Version: "v1", Verbs: []string{"get", "patch", "update"}},
		{Name: "status", Kind: "Gadget", Group: "multi.example.com", Version: "v1beta1", Verbs: []string{"get", "patch", "update"}},
	}
	if !reflect.DeepEqual(gadgets.Subresources, wantSubs) || !reflect.DeepEqual(gadgets.ShortNames, []string{"gd"}) {
		t.Errorf("gadgets = %+v", gadgets)
	}
	wantVerbs := []string{"delete", "deletecollection", "get", "list", "patch", "create", "update", "watch"}
	if !reflect.DeepEqual(gadgets.Verbs, wantVerbs) {
		t.Errorf("verbs %v, want the server's order %v", gadgets.Verbs, wantVerbs)
	}
	core, _ := api.Group("")
	v1, _ := core.Version("v1")
	pods, _ := v1.Resource("pods")
	var subs []string
	for _, s := range pods.Subresources {
		subs = append(subs, s.Name)
	}
	if got := strings.Join(subs, ","); got != "attach,binding,ephemeralcontainers,eviction,exec,log,portforward,proxy,resize,status" {
		t.Errorf("pods subresources %s", got)
	}
}
