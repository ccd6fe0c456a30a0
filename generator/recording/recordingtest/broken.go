package recordingtest

import (
	"bytes"
	"fmt"
	"slices"
)

// groupName and resourceName end the name-check errors.
const (
	groupName    = `is not a valid API group name (a DNS subdomain: lowercase letters, digits, '-' and '.', at most 253 characters)`
	resourceName = `is not a usable resource name (any text without control characters; no part between "/" may be empty, "." or "..")`
)

// Broken is the broken corpus: every case changes one thing of the base
// and pins the one error line loading it gives.
var Broken = []Case{
	{Name: "bad-freshness", File: "aggregated_v2.json", Old: `"freshness":"Current"`, New: `"freshness":"Fresh"`,
		Error: `DIR/aggregated_v2.json: items[0].versions[0].freshness: is "Fresh", want "Current" or "Stale"`},
	{Name: "bad-scope", File: "aggregated_api_v2.json", Old: `"scope":"Cluster"`, New: `"scope":"Global"`,
		Error: `DIR/aggregated_api_v2.json: items[0].versions[0].resources[1].scope: is "Global", want "Namespaced" or "Cluster"`},
	{Name: "byte-order-mark", File: "api.json", Edit: wrap("api.json", "\xef\xbb\xbf", ""),
		Error: `DIR/api.json: starts with a UTF-8 byte order mark, which is not JSON; remove the first 3 bytes`},
	{Name: "core-group-named", File: "aggregated_api_v2.json", Old: `"metadata":{"creationTimestamp":null}`, New: `"metadata":{"creationTimestamp":null,"name":"core"}`,
		Error: `DIR/aggregated_api_v2.json: items[0].metadata.name: is "core", but aggregated discovery for /api holds only the core group (no name)`},
	{Name: "duplicate-group-aggregated", File: "aggregated_v2.json", Edit: repeatSpan("aggregated_v2.json", `{"metadata":{"name":"apps"`, `"freshness":"Current"}]}`),
		Error: `DIR/aggregated_v2.json: items[1].metadata.name: "apps" is listed twice (first at index 0)`},
	{Name: "duplicate-group", File: "apis.json", Edit: repeatSpan("apis.json", `{"name":"apps"`, `"version":"v1"}}`),
		Error: `DIR/apis.json: groups[1].name: "apps" is listed twice (first at index 0)`},
	{Name: "duplicate-resource", File: "api__v1.json", Edit: appendToResources("api__v1.json", `{"name":"configmaps"`, `"storageVersionHash":"qFsyl6wFWjQ="}`),
		Error: `DIR/api__v1.json: resources[4].name: "configmaps" is listed twice (first at index 0)`},
	{Name: "empty-file", File: "apis__apps__v1.json", Edit: set("apis__apps__v1.json", ""),
		Error: `DIR/apis__apps__v1.json: empty file`},
	{Name: "group-name-not-dns", File: "apis.json", Old: `"name":"apps"`, New: `"name":"Apps_Group"`,
		Error: `DIR/apis.json: groups[0].name: "Apps_Group" ` + groupName},
	{Name: "http406-instead-of-document", File: "apis__apps__v1.json", Edit: http406Instead("apis__apps__v1"),
		Error: `DIR/apis__apps__v1.http406.json: HTTP 406 recorded where the document apis__apps__v1.json is needed (only 404 and 5xx, an unavailable group-version, are kept as recorded)`},
	{Name: "invalid-utf8", File: "apis__apps__v1.json", Old: `"kind":"Scale"`, New: "\"kind\":\"Depl\xff\xfement\"",
		Error: `DIR/apis__apps__v1.json: resources[1].kind: not valid UTF-8 at byte 450`},
	{Name: "kind-control-char", File: "aggregated_api_v2.json", Old: `"kind":"Pod"},"scope"`, New: `"kind":"Pod\u001b[31m"},"scope"`,
		Error: `DIR/aggregated_api_v2.json: items[0].versions[0].resources[2].responseKind.kind: "Pod\x1b[31m" contains the control character U+001B`},
	{Name: "no-apis", File: "apis.json", Edit: only(map[string]string{"README.md": "a recording with no discovery documents\n"}, "version.json"),
		Error: `DIR/apis.json: missing: a recording needs apis.json or aggregated_v2.json for /apis`},
	{Name: "no-documents", File: "", Edit: only(map[string]string{"README.md": "nothing recorded\n"}),
		Error: `DIR: no discovery documents (expected api.json and apis.json, or aggregated_v2.json; see fixtures/README.md)`},
	{Name: "preferred-version-unknown", File: "apis.json", Old: `"preferredVersion":{"groupVersion":"apps/v1","version":"v1"}`, New: `"preferredVersion":{"groupVersion":"apps/v2","version":"v2"}`,
		Error: `DIR/apis.json: groups[0].preferredVersion.version: "v2" is not one of the group's versions`},
	{Name: "resource-name-control-char", File: "api__v1.json", Old: `"name":"configmaps"`, New: `"name":"config\u0000maps"`,
		Error: `DIR/api__v1.json: resources[0].name: "config\x00maps" ` + resourceName},
	{Name: "resource-name-dotdot", File: "apis__apps__v1.json", Old: `"name":"deployments",`, New: `"name":"..",`,
		Error: `DIR/apis__apps__v1.json: resources[0].name: ".." ` + resourceName},
	{Name: "trailing-garbage", File: "apis.json", Edit: wrap("apis.json", "", "}"),
		Error: `DIR/apis.json: invalid JSON at byte 186: invalid character '}' after top-level value`},
	{Name: "truncated-aggregated", File: "aggregated_v2.json", Edit: truncate("aggregated_v2.json", 500),
		Error: `DIR/aggregated_v2.json: items[0].versions[0].resources[0].subresources[0]: truncated JSON: unexpected end at byte 500`},
	{Name: "truncated-legacy", File: "apis__apps__v1.json", Edit: truncate("apis__apps__v1.json", 300),
		Error: `DIR/apis__apps__v1.json: resources[0]: truncated JSON: unexpected end at byte 300`},
	{Name: "version-name-not-dns", File: "aggregated_v2.json", Old: `{"version":"v1","resources"`, New: `{"version":"V1","resources"`,
		Error: `DIR/aggregated_v2.json: items[0].versions[0].version: "V1" is not a valid API version (a DNS label: lowercase letters, digits and '-', starting with a letter, at most 63 characters)`},
	{Name: "whitespace-only-file", File: "api__v1.json", Edit: set("api__v1.json", "  \n\n"),
		Error: `DIR/api__v1.json: empty file`},
	{Name: "wrong-apiversion", File: "aggregated_v2.json", Old: `"apiVersion":"apidiscovery.k8s.io/v2"`, New: `"apiVersion":"apidiscovery.k8s.io/v2beta1"`,
		Error: `DIR/aggregated_v2.json: apiVersion: is "apidiscovery.k8s.io/v2beta1", want "apidiscovery.k8s.io/v2"`},
	{Name: "wrong-groupversion", File: "apis__apps__v1.json", Old: `"groupVersion":"apps/v1"`, New: `"groupVersion":"apps/v2"`,
		Error: `DIR/apis__apps__v1.json: groupVersion: is "apps/v2", but the file name says "apps/v1"`},
	{Name: "wrong-kind", File: "api__v1.json", Old: `"kind":"APIResourceList"`, New: `"kind":"APIGroup"`,
		Error: `DIR/api__v1.json: kind: is "APIGroup", want "APIResourceList"`},
	{Name: "wrong-type-document", File: "apis.json", Edit: wrapJSON("apis.json", "[", "]"),
		Error: `DIR/apis.json: (document): is a JSON array, want an object`},
	{Name: "wrong-type-namespaced", File: "apis__apps__v1.json", Old: `"singularName":"deployment","namespaced":true`, New: `"singularName":"deployment","namespaced":"yes"`,
		Error: `DIR/apis__apps__v1.json: resources[0].namespaced: is a JSON string, want a boolean`},
	{Name: "wrong-type-resources", File: "api__v1.json", Edit: emptyResources("api__v1.json"),
		Error: `DIR/api__v1.json: resources: is a JSON object, want an array`},
	{Name: "wrong-type-verb", File: "aggregated_v2.json", Old: `"deletecollection"`, New: `7`,
		Error: `DIR/aggregated_v2.json: items[0].versions[0].resources[0].verbs[2]: is a JSON number, want a string`},
}

// set replaces file's content.
func set(file, content string) func(map[string][]byte) error {
	return func(files map[string][]byte) error {
		files[file] = []byte(content)
		return nil
	}
}

// wrap puts before and after around file's bytes.
func wrap(file, before, after string) func(map[string][]byte) error {
	return func(files map[string][]byte) error {
		files[file] = append(append([]byte(before), files[file]...), after...)
		return nil
	}
}

// wrapJSON puts before and after around file's JSON document, inside its
// final line break.
func wrapJSON(file, before, after string) func(map[string][]byte) error {
	return func(files map[string][]byte) error {
		doc := bytes.TrimSuffix(files[file], []byte("\n"))
		files[file] = []byte(before + string(doc) + after + "\n")
		return nil
	}
}

// truncate keeps the first n bytes of file.
func truncate(file string, n int) func(map[string][]byte) error {
	return func(files map[string][]byte) error {
		if len(files[file]) <= n {
			return fmt.Errorf("%s has %d bytes, not more than %d", file, len(files[file]), n)
		}
		files[file] = files[file][:n]
		return nil
	}
}

// remove deletes file.
func remove(file string) func(map[string][]byte) error {
	return func(files map[string][]byte) error {
		delete(files, file)
		return nil
	}
}

// only keeps the files named in keep and adds the files of add.
func only(add map[string]string, keep ...string) func(map[string][]byte) error {
	return func(files map[string][]byte) error {
		for name := range files {
			if !slices.Contains(keep, name) {
				delete(files, name)
			}
		}
		for name, content := range add {
			files[name] = []byte(content)
		}
		return nil
	}
}

// http406Instead replaces the document base.json by base.http406.json,
// the 406 a client gets for an Accept the server does not serve.
func http406Instead(base string) func(map[string][]byte) error {
	return func(files map[string][]byte) error {
		delete(files, base+".json")
		files[base+".http406.json"] = files["aggregated_v2beta1.http406.json"]
		return nil
	}
}

// span finds the text of b that starts with from and ends with the first
// to after it.
func span(b []byte, from, to string) (start, end int, err error) {
	start = bytes.Index(b, []byte(from))
	if start < 0 {
		return 0, 0, fmt.Errorf("no %q", from)
	}
	n := bytes.Index(b[start:], []byte(to))
	if n < 0 {
		return 0, 0, fmt.Errorf("no %q after %q", to, from)
	}
	return start, start + n + len(to), nil
}

// editSpan applies edit to file's bytes and the span from…to in it.
func editSpan(file, from, to string, edit func(b []byte, start, end int) []byte) func(map[string][]byte) error {
	return func(files map[string][]byte) error {
		b := files[file]
		start, end, err := span(b, from, to)
		if err != nil {
			return fmt.Errorf("%s: %w", file, err)
		}
		files[file] = edit(b, start, end)
		return nil
	}
}

func splice(b []byte, start, end int, with ...[]byte) []byte {
	out := append([]byte{}, b[:start]...)
	for _, w := range with {
		out = append(out, w...)
	}
	return append(out, b[end:]...)
}

// repeatSpan lists the array element from…to of file twice.
func repeatSpan(file, from, to string) func(map[string][]byte) error {
	return editSpan(file, from, to, func(b []byte, start, end int) []byte {
		return splice(b, end, end, []byte(","), b[start:end])
	})
}

// cutSpan deletes the text from…to of file.
func cutSpan(file, from, to string) func(map[string][]byte) error {
	return editSpan(file, from, to, func(b []byte, start, end int) []byte {
		return splice(b, start, end)
	})
}

// emptySpan keeps from and to and deletes what is between them.
func emptySpan(file, from, to string) func(map[string][]byte) error {
	return func(files map[string][]byte) error {
		b := files[file]
		start := bytes.Index(b, []byte(from))
		end := bytes.LastIndex(b, []byte(to))
		if start < 0 || end < start+len(from) {
			return fmt.Errorf("%s: no %q…%q", file, from, to)
		}
		files[file] = splice(b, start+len(from), end)
		return nil
	}
}

// copyVersionAs adds a copy of the first version of an aggregated
// document's first group, named version, as its second version.
func copyVersionAs(file, version string) func(map[string][]byte) error {
	return editSpan(file, `{"version":"v1"`, `"freshness":"Current"}`, func(b []byte, start, end int) []byte {
		v := bytes.Replace(b[start:end], []byte(`{"version":"v1"`), []byte(`{"version":"`+version+`"`), 1)
		return splice(b, end, end, []byte(","), v)
	})
}

// appendToResources adds a copy of the resource from…to as the last
// element of the legacy document's resources.
func appendToResources(file, from, to string) func(map[string][]byte) error {
	return editSpan(file, from, to, func(b []byte, start, end int) []byte {
		last := bytes.LastIndex(b, []byte("]}"))
		return splice(b, last, last, []byte(","), b[start:end])
	})
}

// emptyResources makes a legacy document's resources an empty object.
func emptyResources(file string) func(map[string][]byte) error {
	return func(files map[string][]byte) error {
		b := files[file]
		start := bytes.Index(b, []byte(`"resources":[`))
		end := bytes.LastIndex(b, []byte("]}"))
		if start < 0 || end < start {
			return fmt.Errorf("%s: no resources array", file)
		}
		files[file] = splice(b, start+len(`"resources":`), end+1, []byte("{}"))
		return nil
	}
}
