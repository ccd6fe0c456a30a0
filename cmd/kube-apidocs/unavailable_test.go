package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// markStale rewrites a recording's aggregated document so that the given
// version of group is reported stale, as kube-apiserver reports an
// aggregated API whose backend is down.
func markStale(t *testing.T, dir, group, version string) {
	t.Helper()
	file := filepath.Join(dir, "aggregated_v2.json")
	body, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	var doc map[string]any
	if err := json.Unmarshal(body, &doc); err != nil {
		t.Fatal(err)
	}
	marked := false
	for _, item := range doc["items"].([]any) {
		g := item.(map[string]any)
		if g["metadata"].(map[string]any)["name"] != group {
			continue
		}
		for _, v := range g["versions"].([]any) {
			if v := v.(map[string]any); v["version"] == version {
				v["freshness"] = "Stale"
				marked = true
			}
		}
	}
	if !marked {
		t.Fatalf("%s/%s not in %s", group, version, file)
	}
	out, _ := json.Marshal(doc)
	writeText(t, file, string(out))
}

const serviceUnavailable = `{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"the server is currently unable to handle the request","reason":"ServiceUnavailable","details":{},"code":503}`

func TestUnavailableGroupVersions(t *testing.T) {
	t.Parallel()
	dir := copyRecording(t, "v1.33.13-crds")
	markStale(t, dir, "multi.example.com", "v1")
	os.Remove(filepath.Join(dir, "apis__multi.example.com__v1.json"))
	writeText(t, filepath.Join(dir, "apis__multi.example.com__v1.http503.json"), serviceUnavailable)

	cases := []struct {
		name, warning string
		extra         []string
	}{
		{"aggregated", "warning: multi.example.com/v1 is unavailable: stale GroupVersion discovery: multi.example.com/v1\n", nil},
		{"legacy", "warning: multi.example.com/v1 is unavailable: the server is currently unable to handle the request\n", []string{"--legacy-discovery"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			args := append([]string{"api-resources", "--fixtures", dir}, c.extra...)
			got := apidocs(t, args...)
			if got.code != 0 || got.stderr != c.warning {
				t.Fatalf("exit %d, stderr %q; want 0 and %q", got.code, got.stderr, c.warning)
			}
			// The rest arrived: gadgets now comes from the other served version.
			if !strings.Contains(got.stdout, "multi.example.com/v1beta1") || !strings.Contains(got.stdout, "stable.example.com/v1") {
				t.Errorf("partial output lacks the versions that were delivered:\n%s", got.stdout)
			}
			strict := apidocs(t, append(args, "--strict")...)
			if strict.code != 1 || strict.stdout != got.stdout || !strings.HasSuffix(strict.stderr, "error: --strict: discovery could not deliver multi.example.com/v1\n") {
				t.Errorf("--strict: exit %d, stderr %q; want exit 1, the same table, and the error last", strict.code, strict.stderr)
			}
			var list struct {
				Unavailable []struct{ GroupVersion, Reason string }
			}
			js := apidocs(t, append(args, "-o", "json")...)
			if err := json.Unmarshal([]byte(js.stdout), &list); err != nil {
				t.Fatal(err)
			}
			if len(list.Unavailable) != 1 || list.Unavailable[0].GroupVersion != "multi.example.com/v1" {
				t.Errorf("-o json unavailable = %+v", list.Unavailable)
			}
		})
	}
	// kubectl api-versions lists what the group lists name: legacy discovery
	// still names the failed version, aggregated discovery leaves it out.
	agg := apidocs(t, "api-versions", "--fixtures", dir).stdout
	leg := apidocs(t, "api-versions", "--fixtures", dir, "--legacy-discovery").stdout
	if strings.Contains(agg, "multi.example.com/v1\n") || !strings.Contains(leg, "multi.example.com/v1\n") {
		t.Errorf("api-versions: aggregated %q, legacy %q", agg, leg)
	}
}

// TestStructuredOutput pins the documented shape of -o json and -o yaml.
func TestStructuredOutput(t *testing.T) {
	t.Parallel()
	js := apidocs(t, "api-resources", "--fixtures", "builtin", "-o", "json", "--api-group=apps")
	var list struct {
		Kind          string `json:"kind"`
		ServerVersion string `json:"serverVersion"`
		Resources     []map[string]any
		Unavailable   []any
	}
	if err := json.Unmarshal([]byte(js.stdout), &list); err != nil {
		t.Fatalf("%v: %s", err, js.stdout)
	}
	if list.Kind != "APIResourceTable" || list.ServerVersion != "v1.33.13" || len(list.Resources) != 5 || list.Unavailable == nil {
		t.Fatalf("got %+v", list)
	}
	deploy := list.Resources[2]
	want := `{"apiVersion":"apps/v1","categories":["all"],"group":"apps","kind":"Deployment","name":"deployments","namespaced":true,"shortNames":["deploy"],"verbs":["create","delete","deletecollection","get","list","patch","update","watch"],"version":"v1"}`
	if got, _ := json.Marshal(deploy); string(got) != want {
		t.Errorf("deployments row\n  got  %s\n  want %s", got, want)
	}
	yml := apidocs(t, "api-resources", "--fixtures", "builtin", "-o", "yaml", "--api-group=apps", "--sort-by=kind")
	if !strings.HasPrefix(yml.stdout, "kind: APIResourceTable\nserverVersion: v1.33.13\nresources:\n  - name: controllerrevisions\n") {
		t.Errorf("-o yaml starts %q", yml.stdout[:min(len(yml.stdout), 120)])
	}
}
