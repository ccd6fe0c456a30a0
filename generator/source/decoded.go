package source

import (
	"strings"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/client-go/discovery"

	"github.com/kube-apidocs/kube-apidocs/generator/model"
	"github.com/kube-apidocs/kube-apidocs/generator/recording"
	"github.com/kube-apidocs/kube-apidocs/generator/replay"
)

// The Accept headers client-go's discovery client sends for /api and /apis
// (discovery_client.go: acceptDiscoveryFormats, and AcceptV1 for
// UseLegacyDiscovery).
const (
	acceptDiscovery = discovery.AcceptV2 + "," + discovery.AcceptV2Beta1 + "," + discovery.AcceptV1
	acceptLegacy    = discovery.AcceptV1
)

// fromDecoded builds the model from the documents the recording's checks
// decoded (recording.Decoded), without replaying them through client-go's
// HTTP client and decoding them a second time. It asks each question
// client-go's ServerGroupsAndResources and ServerVersion ask, in their
// order, gets the answer the replay handler would send (replay.Answer) and
// follows client-go's code for it, calling its pure conversions
// (SplitGroupsAndResources) directly. It handles the answers a healthy
// server gives: a recorded 200, or the handler's own 404 where client-go
// tolerates one. For anything else (a recorded failure, whose error text
// comes from client-go's REST client) ok is false and the caller replays
// the recording instead. TestFastPathEqualsClientGo and FuzzFastPath show
// that both give the same model.
func fromDecoded(rec *recording.Recording, legacy bool) (api *model.API, ok bool) {
	d := rec.Decoded()
	if d == nil {
		return nil, false
	}
	accept := acceptDiscovery
	if legacy {
		accept = acceptLegacy
	}
	var v fetched
	// GroupsAndMaybeResources: /api (404 tolerated), then /apis.
	if !v.legacyGroups(rec, d, accept) || !v.apisGroups(rec, d, accept) {
		return nil, false
	}
	if len(v.resources) == 0 && !v.fetchLists(rec, d) { // as client-go: no aggregated resources, so fetch each document
		return nil, false
	}
	api = Convert(v.groups, v.lists(), v.failed)
	api.Discovery = v.format
	server, ok := serverVersion(rec, d)
	if !ok {
		return nil, false
	}
	api.Server = server
	return api, true
}

// fetched is what client-go's GroupsAndMaybeResources has gathered.
type fetched struct {
	groups []*metav1.APIGroup
	// resources is nil unless both /api and /apis answered in the
	// aggregated format (or /api was not served), as client-go decides.
	resources map[schema.GroupVersion]*metav1.APIResourceList
	failed    map[schema.GroupVersion]error
	format    string // api.Discovery, from /apis's Content-Type
}

// legacyGroups is client-go's downloadLegacy: /api, whose 404 means no
// core group and an empty (non-nil) resource map.
func (v *fetched) legacyGroups(rec *recording.Recording, d *recording.Decoded, accept string) bool {
	resp, contentType := replay.Answer(rec, "/api", accept)
	if resp.File == "" && resp.Status == 404 {
		v.resources = map[schema.GroupVersion]*metav1.APIResourceList{}
		return true
	}
	if resp.File == "" || resp.Status != 200 {
		return false
	}
	if contentType != recording.MediaJSON {
		return v.split(d, recording.Route{Path: "/api", Aggregated: aggregatedVersion(contentType)}, true)
	}
	if d.Core == nil {
		return false
	}
	group := metav1.APIGroup{}
	if len(d.Core.Versions) != 0 {
		group = apiVersionsToAPIGroup(d.Core)
	}
	v.groups = append(v.groups, &group)
	return true
}

// apisGroups is client-go's downloadAPIs and the merge that follows it:
// resources are kept only when both /api and /apis delivered them.
func (v *fetched) apisGroups(rec *recording.Recording, d *recording.Decoded, accept string) bool {
	resp, contentType := replay.Answer(rec, "/apis", accept)
	if resp.File == "" || resp.Status != 200 {
		return false
	}
	if contentType != recording.MediaJSON {
		v.format = "aggregated/" + aggregatedVersion(contentType)
		return v.split(d, recording.Route{Path: "/apis", Aggregated: aggregatedVersion(contentType)}, false)
	}
	v.format = "legacy"
	if d.Groups == nil {
		return false
	}
	for i := range d.Groups.Groups {
		v.groups = append(v.groups, &d.Groups.Groups[i])
	}
	v.resources = nil // for safety, as client-go: only when both delivered resources
	return true
}

// split adds an aggregated document's groups and resources, as
// SplitGroupsAndResources gives them. first is /api's document, which
// starts the resource map; /apis's adds to a map /api started and leaves
// it nil otherwise.
func (v *fetched) split(d *recording.Decoded, route recording.Route, first bool) bool {
	doc, ok := d.Aggregated[route]
	if !ok {
		return false
	}
	groups, resources, failed := discovery.SplitGroupsAndResources(*doc)
	for i := range groups.Groups {
		v.groups = append(v.groups, &groups.Groups[i])
	}
	if v.failed == nil {
		v.failed = map[schema.GroupVersion]error{}
	}
	for gv, err := range failed {
		v.failed[gv] = err
	}
	switch {
	case first:
		v.resources = resources
	case v.resources != nil && resources != nil:
		for gv, list := range resources {
			v.resources[gv] = list
		}
	default:
		v.resources = nil
	}
	return true
}

// fetchLists is client-go's fetchGroupVersionResources for a server whose
// discovery is not aggregated: one document per group-version. Each must be
// recorded with status 200; a failing one is left to the replay.
func (v *fetched) fetchLists(rec *recording.Recording, d *recording.Decoded) bool {
	v.resources = map[schema.GroupVersion]*metav1.APIResourceList{}
	v.failed = nil // client-go reports only the documents that failed to arrive
	for _, g := range v.groups {
		for _, version := range g.Versions {
			gv := schema.GroupVersion{Group: g.Name, Version: version.Version}
			if gv.Version == "" {
				return false
			}
			resp, _ := replay.Answer(rec, groupVersionPath(gv.String()), acceptLegacy)
			list, ok := d.Lists[recording.Route{Path: groupVersionPath(gv.String())}]
			if resp.File == "" || resp.Status != 200 || !ok {
				return false
			}
			v.resources[gv] = list
		}
	}
	return true
}

// lists is the resource lists as ServerGroupsAndResources returns them.
func (v *fetched) lists() []*metav1.APIResourceList {
	out := make([]*metav1.APIResourceList, 0, len(v.resources))
	for _, list := range v.resources {
		out = append(out, list)
	}
	return out
}

// groupVersionPath is the path client-go's ServerResourcesForGroupVersion
// asks for: the legacy prefix for v1, /apis for everything else.
func groupVersionPath(gv string) string {
	if gv == "v1" {
		return "/api/v1"
	}
	return "/apis/" + gv
}

// aggregatedVersion is "v2" or "v2beta1", from an aggregated Content-Type.
func aggregatedVersion(contentType string) string {
	if strings.Contains(contentType, "v=v2beta1") {
		return "v2beta1"
	}
	return "v2"
}

// apiVersionsToAPIGroup is client-go's conversion of /api (unexported
// there): the core group with /api's versions, the first preferred.
func apiVersionsToAPIGroup(apiVersions *metav1.APIVersions) metav1.APIGroup {
	versions := []metav1.GroupVersionForDiscovery{}
	for _, version := range apiVersions.Versions {
		versions = append(versions, metav1.GroupVersionForDiscovery{GroupVersion: version, Version: version})
	}
	return metav1.APIGroup{Versions: versions, PreferredVersion: versions[0]}
}

// serverVersion is client-go's ServerVersion: /version, whose 404 leaves
// the version empty.
func serverVersion(rec *recording.Recording, d *recording.Decoded) (model.ServerVersion, bool) {
	resp, _ := replay.Answer(rec, "/version", acceptLegacy)
	switch {
	case resp.File == "" && resp.Status == 404:
		return model.ServerVersion{}, true
	case resp.File == "" || resp.Status != 200 || d.Version == nil:
		return model.ServerVersion{}, false
	}
	return model.ServerVersion{GitVersion: d.Version.GitVersion, Major: d.Version.Major, Minor: d.Version.Minor, Platform: d.Version.Platform}, true
}
