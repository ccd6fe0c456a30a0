package render

import (
	"fmt"
	"strings"
	"unicode"

	"github.com/kube-apidocs/kube-apidocs/generator/model"
)

// cleanText makes an untrusted string safe to show as plain text: control
// characters and the invisible Unicode formatting characters that reorder
// or hide text (bidirectional overrides and isolates, zero-width
// characters) are replaced by a visible \u{XXXX} escape. HTML and Markdown
// escaping happen later, in the template functions.
func cleanText(s string) string {
	if !strings.ContainsFunc(s, invisible) {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		if invisible(r) {
			fmt.Fprintf(&b, `\u{%04X}`, r)
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// invisible reports runes that change how the text around them is shown
// without being seen themselves.
func invisible(r rune) bool {
	return r == unicode.ReplacementChar || unicode.IsControl(r) || unicode.In(r, unicode.Cf)
}

func cleanAll(in []string) []string {
	if in == nil {
		return nil
	}
	out := make([]string, len(in))
	for i, s := range in {
		out[i] = cleanText(s)
	}
	return out
}

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
