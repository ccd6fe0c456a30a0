package crdgen

import "sort"

type groupVersionKind struct {
	Group   string `json:"group"`
	Version string `json:"version"`
	Kind    string `json:"kind"`
}

type aggregatedSubresource struct {
	Subresource  string           `json:"subresource"`
	ResponseKind groupVersionKind `json:"responseKind"`
	Verbs        []string         `json:"verbs"`
}

type aggregatedResource struct {
	Resource         string                  `json:"resource"`
	ResponseKind     groupVersionKind        `json:"responseKind"`
	Scope            string                  `json:"scope"`
	SingularResource string                  `json:"singularResource"`
	Verbs            []string                `json:"verbs"`
	ShortNames       []string                `json:"shortNames,omitempty"`
	Categories       []string                `json:"categories,omitempty"`
	Subresources     []aggregatedSubresource `json:"subresources,omitempty"`
}

type aggregatedVersion struct {
	Version   string               `json:"version"`
	Resources []aggregatedResource `json:"resources"`
	Freshness string               `json:"freshness"`
}

type aggregatedGroupDoc struct {
	Metadata struct {
		Name              string `json:"name"`
		CreationTimestamp any    `json:"creationTimestamp"`
	} `json:"metadata"`
	Versions []aggregatedVersion `json:"versions"`
}

// aggregatedGroup is the item kube-apiserver serves for a CRD group in
// aggregated discovery: resources sorted by name, status before scale.
func aggregatedGroup(g groupPlan) aggregatedGroupDoc {
	var out aggregatedGroupDoc
	out.Metadata.Name = g.name
	for _, v := range g.versions {
		av := aggregatedVersion{Version: v, Freshness: "Current"}
		for _, c := range served(g, v) {
			av.Resources = append(av.Resources, aggregatedResourceFor(c, v))
		}
		sort.Slice(av.Resources, func(i, j int) bool { return av.Resources[i].Resource < av.Resources[j].Resource })
		out.Versions = append(out.Versions, av)
	}
	return out
}

func aggregatedResourceFor(c CRD, v string) aggregatedResource {
	kind := groupVersionKind{Group: c.Group, Version: v, Kind: c.Kind}
	r := aggregatedResource{
		Resource: c.Plural, ResponseKind: kind, Scope: "Cluster", SingularResource: c.Singular,
		Verbs: crdVerbs, ShortNames: c.ShortNames, Categories: c.Categories,
	}
	if c.Namespaced {
		r.Scope = "Namespaced"
	}
	if c.Status {
		r.Subresources = append(r.Subresources, aggregatedSubresource{Subresource: "status", ResponseKind: kind, Verbs: subresourceVerbs})
	}
	if c.Scale {
		r.Subresources = append(r.Subresources, aggregatedSubresource{Subresource: "scale", ResponseKind: groupVersionKind{Group: "autoscaling", Version: "v1", Kind: "Scale"}, Verbs: subresourceVerbs})
	}
	return r
}

type legacyResource struct {
	Name               string   `json:"name"`
	SingularName       string   `json:"singularName"`
	Namespaced         bool     `json:"namespaced"`
	Group              string   `json:"group,omitempty"`
	Version            string   `json:"version,omitempty"`
	Kind               string   `json:"kind"`
	Verbs              []string `json:"verbs"`
	ShortNames         []string `json:"shortNames,omitempty"`
	Categories         []string `json:"categories,omitempty"`
	StorageVersionHash string   `json:"storageVersionHash,omitempty"`
}

type resourceList struct {
	Kind         string           `json:"kind"`
	APIVersion   string           `json:"apiVersion"`
	GroupVersion string           `json:"groupVersion"`
	Resources    []legacyResource `json:"resources"`
}

// legacyResources is the resource list of one group-version: each
// resource followed by its status and scale subresources, in plan order.
func legacyResources(g groupPlan, v string) []legacyResource {
	var out []legacyResource
	for _, c := range served(g, v) {
		out = append(out, legacyResource{
			Name: c.Plural, SingularName: c.Singular, Namespaced: c.Namespaced, Kind: c.Kind,
			Verbs: crdVerbs, ShortNames: c.ShortNames, Categories: c.Categories, StorageVersionHash: storageVersionHash(c),
		})
		if c.Status {
			out = append(out, legacyResource{Name: c.Plural + "/status", Namespaced: c.Namespaced, Kind: c.Kind, Verbs: subresourceVerbs})
		}
		if c.Scale {
			out = append(out, legacyResource{Name: c.Plural + "/scale", Namespaced: c.Namespaced, Group: "autoscaling", Version: "v1", Kind: "Scale", Verbs: subresourceVerbs})
		}
	}
	return out
}

// served lists the group's CRDs served at version v.
func served(g groupPlan, v string) []CRD {
	var out []CRD
	for _, c := range g.crds {
		if contains(c.Versions, v) {
			out = append(out, c)
		}
	}
	return out
}
