package site

import (
	"github.com/kube-apidocs/kube-apidocs/generator/model"
	"github.com/kube-apidocs/kube-apidocs/generator/textsafe"
)

// cleanText and cleanAll are textsafe's rule, under short names.
var (
	cleanText = textsafe.Clean
	cleanAll  = textsafe.CleanAll
)

// cleanAPI returns a deep copy of api whose every string went through
// cleanText, so that the rest of the renderer never sees invisible
// formatting characters.
func cleanAPI(api *model.API) *model.API {
	out := &model.API{Discovery: cleanText(api.Discovery), Server: model.ServerVersion{
		GitVersion: cleanText(api.Server.GitVersion), Major: cleanText(api.Server.Major),
		Minor: cleanText(api.Server.Minor), Platform: cleanText(api.Server.Platform),
	}}
	for _, g := range api.Groups {
		cg := model.Group{Name: cleanText(g.Name), PreferredVersion: cleanText(g.PreferredVersion)}
		for _, v := range g.Versions {
			cv := model.Version{Version: cleanText(v.Version)}
			for _, r := range v.Resources {
				cv.Resources = append(cv.Resources, cleanResource(r))
			}
			cg.Versions = append(cg.Versions, cv)
		}
		out.Groups = append(out.Groups, cg)
	}
	for _, u := range api.Unavailable {
		out.Unavailable = append(out.Unavailable, model.Unavailable{Group: cleanText(u.Group), Version: cleanText(u.Version), Reason: cleanText(u.Reason)})
	}
	return out
}

func cleanResource(r model.Resource) model.Resource {
	c := model.Resource{
		Name: cleanText(r.Name), SingularName: cleanText(r.SingularName), Kind: cleanText(r.Kind),
		Namespaced: r.Namespaced, Verbs: cleanAll(r.Verbs), ShortNames: cleanAll(r.ShortNames), Categories: cleanAll(r.Categories),
	}
	for _, s := range r.Subresources {
		c.Subresources = append(c.Subresources, model.Subresource{
			Name: cleanText(s.Name), Kind: cleanText(s.Kind), Group: cleanText(s.Group), Version: cleanText(s.Version), Verbs: cleanAll(s.Verbs),
		})
	}
	return c
}

// cleanMatrix returns a copy of m whose every string went through
// cleanText, so that its rows match the cleaned API's names; nil stays nil.
func cleanMatrix(m *model.Matrix) *model.Matrix {
	if m == nil {
		return nil
	}
	out := &model.Matrix{}
	for _, c := range m.Columns {
		out.Columns = append(out.Columns, model.MatrixColumn{Label: cleanText(c.Label), Version: cleanText(c.Version), Source: cleanText(c.Source)})
	}
	for _, r := range m.Rows {
		row := model.MatrixRow{Group: cleanText(r.Group), Resource: cleanText(r.Resource)}
		for _, c := range r.Cells {
			row.Cells = append(row.Cells, model.MatrixCell{Versions: cleanAll(c.Versions), Preferred: cleanText(c.Preferred)})
		}
		out.Rows = append(out.Rows, row)
	}
	out.Fields = cleanHistory(m.Fields, len(m.Columns))
	return out
}

// cleanHistory cleans a field history's names and drops column indexes
// outside the matrix.
func cleanHistory(h *model.FieldHistory, columns int) *model.FieldHistory {
	if h == nil {
		return nil
	}
	out := &model.FieldHistory{}
	for _, c := range h.Columns {
		if c >= 0 && c < columns {
			out.Columns = append(out.Columns, c)
		}
	}
	for _, k := range h.Kinds {
		ck := model.KindHistory{Group: cleanText(k.Group), Version: cleanText(k.Version), Kind: cleanText(k.Kind), Since: map[string]int{}}
		for p, c := range k.Since {
			if c >= 0 && c < columns {
				ck.Since[cleanText(p)] = c
			}
		}
		out.Kinds = append(out.Kinds, ck)
	}
	return out
}
