package recording

import (
	"strings"
	"testing"
	"testing/fstest"
)

func TestLoadKubectlCache(t *testing.T) {
	groups := `{"kind":"APIGroupList","apiVersion":"v1","groups":[` +
		`{"name":"","versions":[{"groupVersion":"v1","version":"v1"}],"preferredVersion":{"groupVersion":"v1","version":"v1"}},` +
		`{"name":"apps","versions":[{"groupVersion":"apps/v1","version":"v1"}],"preferredVersion":{"groupVersion":"apps/v1","version":"v1"}},` +
		`{"name":"metrics.k8s.io","versions":[{"groupVersion":"metrics.k8s.io/v1beta1","version":"v1beta1"}],"preferredVersion":{"groupVersion":"metrics.k8s.io/v1beta1","version":"v1beta1"}}]}`
	fsys := fstest.MapFS{
		CacheGroupsFile:                {Data: []byte(groups)},
		"v1/serverresources.json":      {Data: []byte(`{"kind":"APIResourceList","apiVersion":"v1","groupVersion":"v1","resources":[{"name":"pods","singularName":"pod","namespaced":true,"kind":"Pod","verbs":["get","list"]}]}`)},
		"apps/v1/serverresources.json": {Data: []byte(`{"kind":"APIResourceList","apiVersion":"v1","groupVersion":"apps/v1","resources":[{"name":"deployments","singularName":"deployment","namespaced":true,"kind":"Deployment","verbs":["get"]}]}`)},
	}
	rec, err := Load(fsys, "cache", LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{"/api", "/apis", "/api/v1", "/apis/apps/v1"} {
		if _, ok := rec.Responses[Route{Path: p}]; !ok {
			t.Errorf("no answer for %s", p)
		}
	}
	if _, ok := rec.Responses[Route{Path: "/apis/metrics.k8s.io/v1beta1"}]; ok {
		t.Error("a group-version without serverresources.json has an answer; want 404 (unavailable)")
	}
	if apis := string(rec.Responses[Route{Path: "/apis"}].Body); strings.Contains(apis, `"name":""`) {
		t.Errorf("/apis lists the core group: %s", apis)
	}

	fsys[CacheGroupsFile] = &fstest.MapFile{Data: []byte(strings.Replace(groups, `"name":"apps"`, `"name":"../../etc"`, 1))}
	if _, err := Load(fsys, "cache", LoadOptions{}); err == nil || !strings.HasPrefix(err.Error(), "cache/servergroups.json: groups[0].name: ") {
		t.Fatalf("a group name that is a path: %v; want the check's error naming servergroups.json", err)
	}
}
