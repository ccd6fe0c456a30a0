package site

import (
	"strings"

	"github.com/kube-apidocs/kube-apidocs/generator/model"
)

// deprecationView is what a resource page says of a deprecated resource
// its server still serves. Each part may be empty.
type deprecationView struct {
	In, RemovedIn, Replacement string
	// Source says where the deprecation is stated; URL is it when it is
	// an https link with nothing a Markdown link would have to escape.
	Source, URL string
}

// markDeprecated sets Deprecated on the resource pages that a row of rows
// (holding for a server of gitVersion) names, or whose kind's field tree
// says the kind is deprecated.
func markDeprecated(resources []*resourceView, rows []model.Deprecation, docs map[KindRef]*FieldDoc, gitVersion string) {
	byPath := map[string]model.Deprecation{}
	for _, r := range rows {
		if r.AppliesTo(gitVersion) {
			byPath[r.APIVersion()+"/"+r.Resource] = r
		}
	}
	for _, r := range resources {
		if row, ok := byPath[r.APIVersion+"/"+r.Name]; ok {
			v := &deprecationView{In: cleanText(row.DeprecatedIn), RemovedIn: cleanText(row.RemovedIn), Replacement: cleanText(row.Replacement), Source: cleanText(row.Source)}
			if strings.HasPrefix(v.Source, "https://") && !strings.ContainsAny(v.Source, " ()<>[]\"'`\\") {
				v.URL = v.Source
			}
			r.Deprecated = v
			continue
		}
		if doc := docs[KindRef{Group: r.Group, Version: r.Version, Kind: r.Kind}]; doc != nil && doc.Schema != nil && doc.Schema.Deprecated {
			r.Deprecated = &deprecationView{Source: "openapi:" + r.APIVersion + " " + r.Kind}
		}
	}
}
