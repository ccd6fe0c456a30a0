package recording

import (
	"encoding/json"
	"errors"
	"io/fs"
	"path"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

// Files of kubectl's discovery cache (~/.kube/cache/discovery/<host_port>,
// written by client-go's disk cache): the server's groups, the core group
// among them with the empty name, and one resource list per group-version,
// <group>/<version>/serverresources.json (v1/serverresources.json for the
// core group).
const (
	CacheGroupsFile    = "servergroups.json"
	cacheResourcesFile = "serverresources.json"
)

// isKubectlCache reports whether fsys is a kubectl discovery cache folder.
func isKubectlCache(fsys fs.FS) bool {
	info, err := fs.Stat(fsys, CacheGroupsFile)
	return err == nil && !info.IsDir()
}

// loadKubectlCache reads kubectl's discovery cache as the legacy documents
// it was made from: /api and /apis from servergroups.json, each
// group-version's document from its serverresources.json. A group-version
// the groups list without a file is absent, so it answers 404 and is
// unavailable, as a live server that lost it. The documents then get the
// checks of any recording; a problem names the cache's own file.
func loadKubectlCache(fsys fs.FS, name string, opts LoadOptions) (*Recording, error) {
	groupsFile := path.Join(name, CacheGroupsFile)
	body, err := readDocument(fsys, document{name: CacheGroupsFile, status: 200}, groupsFile, opts.MaxFileSize)
	if err != nil {
		return nil, err
	}
	var list metav1.APIGroupList
	if err := json.Unmarshal(body, &list); err != nil {
		return nil, &FileError{File: groupsFile, Problem: "not an APIGroupList: " + err.Error()}
	}
	rec := &Recording{Name: name, Responses: map[Route]Response{}}
	core := metav1.APIVersions{TypeMeta: metav1.TypeMeta{Kind: "APIVersions"}}
	named := metav1.APIGroupList{TypeMeta: list.TypeMeta}
	for _, g := range list.Groups {
		if g.Name == "" {
			for _, v := range g.Versions {
				core.Versions = append(core.Versions, v.Version)
			}
			continue
		}
		named.Groups = append(named.Groups, g)
	}
	for route, doc := range map[Route]any{{Path: "/api"}: core, {Path: "/apis"}: named} {
		b, err := json.Marshal(doc)
		if err != nil {
			return nil, &FileError{File: groupsFile, Problem: err.Error()}
		}
		rec.Responses[route] = Response{File: CacheGroupsFile, Status: 200, Body: b}
	}
	for _, g := range list.Groups {
		for _, v := range g.Versions {
			if err := rec.addCachedResources(fsys, name, g.Name, v.Version, opts.MaxFileSize); err != nil {
				return nil, err
			}
		}
	}
	if err := rec.Check(); err != nil {
		return nil, err
	}
	return rec, nil
}

// addCachedResources adds the group-version's serverresources.json, when
// the cache has it. Names that are not Kubernetes names never become a
// path: the checks of /apis report them.
func (r *Recording) addCachedResources(fsys fs.FS, name, group, version string, limit int64) error {
	if !ValidVersionName(version) || (group != "" && !ValidGroupName(group)) {
		return nil
	}
	file := path.Join(group, version, cacheResourcesFile)
	route := Route{Path: "/apis/" + group + "/" + version}
	if group == "" {
		route = Route{Path: "/api/" + version}
	}
	if _, err := fs.Stat(fsys, file); errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	body, err := readDocument(fsys, document{name: file, route: route, status: 200}, path.Join(name, file), limit)
	if err != nil {
		return err
	}
	r.Responses[route] = Response{File: file, Status: 200, Body: body}
	return nil
}
