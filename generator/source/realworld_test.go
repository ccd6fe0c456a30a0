package source

import (
	"context"
	"net/http/httptest"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"k8s.io/client-go/rest"

	"github.com/kube-apidocs/kube-apidocs/generator/model"
	"github.com/kube-apidocs/kube-apidocs/generator/recording"
	"github.com/kube-apidocs/kube-apidocs/generator/replay"
)

func loadRealWorld(t *testing.T, name string) *recording.Recording {
	t.Helper()
	rec, err := recording.LoadDir(filepath.Join("../recording/testdata/realworld", name), recording.LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	return rec
}

// TestRecordAggregatedAPIServer records a server that answers 404 for /api
// in every format (OpenShift's aggregated API servers): the recording
// keeps the 404s and gives the model of the server, live and recorded.
func TestRecordAggregatedAPIServer(t *testing.T) {
	orig := loadRealWorld(t, "openshift-apiserver")
	ts := httptest.NewServer(replay.NewHandler(orig))
	defer ts.Close()
	c, err := Fetch(context.Background(), getter(&rest.Config{Host: ts.URL}), RecordOptions{})
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(t.TempDir(), "rec")
	if err := recording.WriteRecording(context.Background(), dir, c); err != nil {
		t.Fatal(err)
	}
	loaded, err := recording.LoadDir(dir, recording.LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	for _, file := range []string{"api.http404.json", "aggregated_api_v2.http404.json"} {
		if r, status, _ := recording.RouteFor(file); loaded.Responses[r].Status != status {
			t.Errorf("the recording has no %s", file)
		}
	}
	live, err := Discover(getter(&rest.Config{Host: ts.URL}), DiscoverOptions{})
	if err != nil {
		t.Fatal(err)
	}
	recorded := discover(t, loaded, DiscoverOptions{})
	live.Discovery, recorded.Discovery = "", ""
	if !reflect.DeepEqual(live, recorded) {
		t.Errorf("recorded model differs from the live one:\n%+v\n%+v", recorded, live)
	}
	if got := strings.Join(recorded.GroupVersions(), " "); got != "apps.openshift.io/v1 route.openshift.io/v1" {
		t.Errorf("group-versions %q, want the two OpenShift ones", got)
	}
}

// TestEmptyGroupVersionUnavailable: a group-version whose resource list is
// empty is unavailable with kubectl's words, through aggregated and legacy
// discovery, live and recorded alike; a missing document is a 404.
func TestEmptyGroupVersionUnavailable(t *testing.T) {
	cases := map[string][]model.Unavailable{
		"empty-external-metrics":            {{Group: "external.metrics.k8s.io", Version: "v1beta1", Reason: "received empty response for: external.metrics.k8s.io/v1beta1"}},
		"empty-external-metrics-aggregated": {{Group: "external.metrics.k8s.io", Version: "v1beta1", Reason: "received empty response for: external.metrics.k8s.io/v1beta1"}},
		"curl-paste": {
			{Group: "apps", Version: "v1", Reason: "the server could not find the requested resource"},
			{Group: "batch", Version: "v1", Reason: "the server could not find the requested resource"},
			{Group: "", Version: "v1", Reason: "received empty response for: v1"},
		},
	}
	for name, want := range cases {
		rec := loadRealWorld(t, name)
		ts := httptest.NewServer(replay.NewHandler(rec))
		for _, legacy := range []bool{false, true} {
			live, err := Discover(getter(&rest.Config{Host: ts.URL}), DiscoverOptions{Legacy: legacy})
			if err != nil {
				t.Fatal(err)
			}
			recorded := discover(t, rec, DiscoverOptions{Legacy: legacy})
			for what, api := range map[string]*model.API{"live": live, "recorded": recorded} {
				if !reflect.DeepEqual(api.Unavailable, want) {
					t.Errorf("%s legacy=%v %s: unavailable %+v, want %+v", name, legacy, what, api.Unavailable, want)
				}
			}
		}
		ts.Close()
	}
}

// TestResourceNamesAsKubectlReadsThem: metric names with upper case are
// resources; names with "/" whose parent is not in their group-version
// (custom.metrics.k8s.io serves only such names) are left out, as
// kubectl leaves them out.
func TestResourceNamesAsKubectlReadsThem(t *testing.T) {
	api := discover(t, loadRealWorld(t, "metrics-adapter"), DiscoverOptions{})
	var names []string
	for _, r := range api.AllResources() {
		names = append(names, model.GroupVersion(r.Group, r.Version)+" "+r.Resource.Name)
		for _, s := range r.Resource.Subresources {
			names = append(names, "  sub "+s.Name)
		}
	}
	want := []string{"v1 configmaps", "v1 namespaces",
		"external.metrics.k8s.io/v1beta1 s0-rabbitmq-queueName", "external.metrics.k8s.io/v1beta1 s1-Kafka_Lag"}
	if !reflect.DeepEqual(names, want) {
		t.Errorf("resources\n%q\nwant\n%q", names, want)
	}
}
