package recording

import (
	"strings"
	"testing"
)

func TestRouteFor(t *testing.T) {
	cases := []struct {
		file   string
		route  Route
		status int
	}{
		{"api.json", Route{Path: "/api"}, 200},
		{"api__v1.json", Route{Path: "/api/v1"}, 200},
		{"apis.json", Route{Path: "/apis"}, 200},
		{"apis__apps.json", Route{Path: "/apis/apps"}, 200},
		{"apis__apps__v1.json", Route{Path: "/apis/apps/v1"}, 200},
		{"aggregated_v2.json", Route{Path: "/apis", Aggregated: "v2"}, 200},
		{"aggregated_v2beta1.http406.json", Route{Path: "/apis", Aggregated: "v2beta1"}, 406},
		{"aggregated_api_v2.json", Route{Path: "/api", Aggregated: "v2"}, 200},
		{"aggregated_api_v2beta1.json", Route{Path: "/api", Aggregated: "v2beta1"}, 200},
		{"version.json", Route{Path: "/version"}, 200},
		{"apis__metrics.k8s.io__v1beta1.http503.json", Route{Path: "/apis/metrics.k8s.io/v1beta1"}, 503},
		// a group whose name contains ".http" is not a recorded status
		{"apis__api.httpbin.example.com.json", Route{Path: "/apis/api.httpbin.example.com"}, 200},
		{"apis__api.httpbin.example.com__v1.http503.json", Route{Path: "/apis/api.httpbin.example.com/v1"}, 503},
		{"apis__x.http2.example.com__v1.json", Route{Path: "/apis/x.http2.example.com/v1"}, 200},
	}
	for _, c := range cases {
		route, status, ok := RouteFor(c.file)
		if !ok || route != c.route || status != c.status {
			t.Errorf("RouteFor(%q) = %+v, %d, %v; want %+v, %d", c.file, route, status, ok, c.route, c.status)
		}
		if got := FileForStatus(c.route, c.status); got != c.file {
			t.Errorf("FileForStatus(%+v, %d) = %q, want %q", c.route, c.status, got, c.file)
		}
	}
	for _, file := range []string{"README.md", "index.tsv", "kubectl_api-versions.txt", "aggregated_clientgo_accept.json",
		"apis____.json", "apis__..__v1.json", "other.json", "apis__apps__v1.http999.json", "api.http42.json"} {
		if got, _, ok := RouteFor(file); ok {
			t.Errorf("RouteFor(%q) = %+v, want no route", file, got)
		}
	}
}

// TestNameRules pins the one rule for names that become file names: what
// kube-apiserver accepts for CRD and APIService groups (DNS-1123
// subdomains) and versions (DNS-1035 labels), and resource names with "_".
func TestNameRules(t *testing.T) {
	cases := []struct {
		name                     string
		group, version, resource bool
	}{
		{"", false, false, false},
		{"a", true, true, true},
		{"A", false, false, true},
		{"1", true, false, true},
		{"1v", true, false, true},
		{"v1", true, true, true},
		{"v1beta1", true, true, true},
		{"V1", false, false, true},
		{"-a", false, false, true},
		{"a-", false, false, true},
		{"a-b", true, true, true},
		{"a.b", true, false, true},
		{"a..b", false, false, true},
		{".a", false, false, true},
		{"a_b", false, false, true},
		{"queue_messages_ready", false, false, true},
		{"apps.k8s.io", true, false, true},
		{"api.httpbin.example.com", true, false, true},
		{"evil.http503", false, false, true},
		{"deploy/ments", false, false, true},
		{"config\x00maps", false, false, false},
		{"ä", false, false, true},
		{strings.Repeat("a", 63), true, true, true},
		{strings.Repeat("a", 64), true, false, true}, // apimachinery limits the whole subdomain, not its labels
		{strings.Repeat("a.", 126) + "a", true, false, true},
		{strings.Repeat("a.", 127) + "a", false, false, true}, // the model leaves out names over 253 bytes, with a warning
		{".", false, false, false},
		{"..", false, false, false},
		{"a/..", false, false, false},
		{"../a", false, false, false},
		{"a//b", false, false, false},
		{"a/", false, false, false},
		{"s0-rabbitmq-queueName", false, false, true},
		{"*/agent.googleapis.com|agent|api_request_count", false, false, true},
		{"pods\nstatus", false, false, false},
		{"tab\tname", false, false, false},
	}
	for _, c := range cases {
		if got := ValidGroupName(c.name); got != c.group {
			t.Errorf("ValidGroupName(%q) = %v, want %v", c.name, got, c.group)
		}
		if got := ValidVersionName(c.name); got != c.version {
			t.Errorf("ValidVersionName(%q) = %v, want %v", c.name, got, c.version)
		}
		if got := ValidResourceName(c.name); got != c.resource {
			t.Errorf("ValidResourceName(%q) = %v, want %v", c.name, got, c.resource)
		}
	}
}
