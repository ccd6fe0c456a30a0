package diff

import (
	"sort"
	"strings"

	"github.com/kube-apidocs/kube-apidocs/generator/model"
)

// findMoves returns, for each removed resource path that another version of
// the same group serves in NEW, where it went. A removal whose group-version
// is still served elsewhere is the usual graduation (v1beta3 → v1).
func findMoves(removed []string, o, n side) []model.Move {
	var out []model.Move
	for _, path := range removed {
		gv, name := splitResourcePath(path)
		from := o.gvs[gv]
		g, ok := n.groups[from.group]
		if !ok {
			continue
		}
		var to []string
		graduated := false
		for _, v := range g.Versions {
			if _, serves := v.Resource(name); !serves || v.Version == from.version.Version {
				continue
			}
			to = append(to, model.GroupVersion(g.Name, v.Version)+"/"+name)
			if stabilityRank(v.Version) > stabilityRank(from.version.Version) {
				graduated = true
			}
		}
		if len(to) == 0 {
			continue
		}
		sort.Strings(to)
		change := model.MoveMoved
		if graduated {
			change = model.MoveGraduated
		}
		out = append(out, model.Move{Resource: path, To: to, Change: change})
	}
	return out
}

// splitResourcePath splits "apps/v1/deployments" into "apps/v1" and
// "deployments" (resource names never contain a slash).
func splitResourcePath(path string) (gv, name string) {
	i := strings.LastIndex(path, "/")
	return path[:i], path[i+1:]
}

func stabilityRank(version string) int {
	switch model.Stability(version) {
	case "alpha":
		return 0
	case "beta":
		return 1
	default:
		return 2
	}
}

// matchRemovals ties removed group-versions and resources to the
// deprecation guide's rows. A resource matches a row with its group, version
// and resource name (or kind). A group-version gets a note when the guide
// lists it and all its rows agree on release and replacement.
func matchRemovals(d *model.APIDiff, o side, rows []model.Removal) []model.RemovalNote {
	var out []model.RemovalNote
	for _, gv := range d.GroupVersions.Removed {
		if note, ok := groupVersionNote(gv, rows); ok {
			out = append(out, note)
		}
	}
	for _, path := range d.Resources.Removed {
		gv, name := splitResourcePath(path)
		r, _ := o.gvs[gv].version.Resource(name)
		for _, row := range rows {
			if row.APIVersion() == gv && (row.Resource == name || row.Kind == r.Kind) {
				out = append(out, noteFor(path, row))
				break
			}
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Subject < out[j].Subject })
	return out
}

func groupVersionNote(gv string, rows []model.Removal) (model.RemovalNote, bool) {
	var note model.RemovalNote
	found := false
	for _, row := range rows {
		if row.APIVersion() != gv {
			continue
		}
		if found && (row.RemovedIn != note.RemovedIn || row.Replacement != note.Replacement) {
			return model.RemovalNote{}, false
		}
		if !found {
			note, found = noteFor(gv, row), true
		}
	}
	return note, found
}

func noteFor(subject string, row model.Removal) model.RemovalNote {
	return model.RemovalNote{Subject: subject, RemovedIn: row.RemovedIn, Replacement: row.Replacement, Source: row.Source}
}
