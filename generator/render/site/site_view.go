package site

import (
	"bytes"
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/kube-apidocs/kube-apidocs/generator/model"
	"github.com/kube-apidocs/kube-apidocs/generator/render/table"
)

// The types below are the prepared view the page templates receive: every
// path, label and table cell is computed here, so the templates only place
// values. Paths are relative to the site root and carry the output format's
// extension; templates prefix them with the page's Root.

// siteView is everything known about the site, shared by all pages.
type siteView struct {
	Title       string
	BaseURL     string
	Server      string
	Platform    string
	Discovery   string
	Ext         string
	Counts      countsView
	Groups      []*groupView
	Resources   []*resourceView
	Rows        []rowView
	TableText   string
	Unavailable []unavailableView
	Tree        treeView
	// IndexTree is the index's foldable tree of groups.
	IndexTree indexTreeView
	Notes     notesView
	// Matrix is the versions page; nil unless several API surfaces are compared.
	Matrix *matrixView
	// HasFields is true when some resource page shows its fields (and the
	// search index holds field paths).
	HasFields bool

	// Cheatsheet is the cheat sheet page; Flashcards the flashcards page,
	// nil in the Markdown site (it is a page that runs a script).
	Cheatsheet *cheatsheetView
	Flashcards *flashcardsView
	// Lang is the language of every word the site writes (<html lang>).
	Lang string

	cat    *catalog          // the language's messages and terms
	pages  []page            // every page, in order
	paths  map[string]string // group, version, resource -> page path
	budget budget            // the time the templates have left
	// phrases words the resource pages' sections while they render
	// (sections); nil until the site is built.
	phrases *phrases
}

// countsView holds the numbers the index page shows.
type countsView struct {
	Groups, GroupVersions, Resources, Kinds, Namespaced, ClusterScoped, Unavailable int
}

// groupView is one API group and its page.
type groupView struct {
	Name        string // "" for core
	Display     string // "core" or the group name
	Path        string
	URL         string // "/api" or "/apis/<name>"
	Preferred   string
	Versions    []versionView
	Unavailable []unavailableView
	// Resources counts the resources of the preferred version.
	Resources int
}

// versionView is one served version of a group, with its table.
type versionView struct {
	Version    string
	APIVersion string
	Stability  string
	Preferred  bool
	Anchor     string
	URL        string
	Rows       []rowView
}

// rowView is one line of an api-resources style table.
type rowView struct {
	Name, ShortNames, APIVersion, Namespaced, Kind, Verbs, Categories, Group string
	Path                                                                     string
	// VerbList holds the verbs one by one, for tables that let them wrap.
	VerbList []string
}

// unavailableView is a group-version discovery could not deliver.
type unavailableView struct {
	GroupVersion, Reason string
}

// linkView is a labelled link to another page.
type linkView struct {
	Label, Path string
}

// resourceView is one resource in one group-version and its page. The
// fields up to Deprecated are what the page shows whatever its format:
// they are built once per Site call, and the view of the second format
// copies them from the first's (buildResources). Path, GroupPath,
// OtherVersions and Since link to other pages and carry the format's
// extension.
//
// The fields are not grouped in an embedded struct: text/template looks a
// promoted field up with a breadth-first search over the embedded types at
// every access, 5.5 % of generate's CPU (BENCHMARKS.md, sixth pass).
type resourceView struct {
	Name, Kind, APIVersion, Group, GroupDisplay, Version string
	Scope, Singular, Stability                           string
	Preferred                                            bool
	ShortNames, Categories, Verbs                        []string
	Paths                                                RESTPaths
	Endpoints                                            []Endpoint
	Subresources                                         []subresourceView
	Examples                                             []exampleView
	YAML                                                 string
	// Term is the catalog language's word for the kind (디플로이먼트), "" when
	// it has none.
	Term string
	// SchemaManifest is true when YAML was built from the kind's schema
	// (SiteOptions.Fields); NoManifest, when set, says why the kind has no
	// manifest and YAML is empty.
	SchemaManifest bool
	NoManifest     string
	// Commands is the "what do I type" section.
	Commands *commandsView
	// Fields is the kind's field tree; nil without SiteOptions.Fields.
	Fields *fieldsView
	// Deprecated is set when the server still serves the resource although
	// it is deprecated (SiteOptions.Deprecations, or the kind's own
	// description); nil otherwise.
	Deprecated *deprecationView
	// sections fills Examples, YAML (the skeleton) and Commands while the
	// page renders; both formats' views of the resource share it.
	sections *sections

	Path, GroupPath string
	OtherVersions   []linkView
	// Since is nil unless several API surfaces are compared.
	Since *sinceView
}

// subresourceView is one subresource row of a resource page.
type subresourceView struct {
	Name, Path, Verbs, Methods, ResponseKind string
}

// exampleView is one command-line example: what it shows and the commands.
type exampleView struct {
	Title    string
	Commands string
}

// buildSite prepares the view of api for pages with the extension ext
// (".html" or ".md"). api must have gone through cleanAPI. content, when
// not nil, is the resources of the view of the same api for the other
// format: the new view copies what they show instead of building it again.
func buildSite(api *model.API, opts SiteOptions, ext string, ph *phrases, cat *catalog, content []*resourceView) (*siteView, error) {
	title := opts.Title
	if title == "" {
		title = ph.cached("site-title", struct{ Server string }{api.Server.GitVersion})
	}
	s := &siteView{
		Title: title, BaseURL: strings.TrimSuffix(opts.BaseURL, "/"), Server: api.Server.GitVersion,
		Platform: api.Server.Platform, Discovery: api.Discovery, Ext: ext, Lang: cat.Lang, cat: cat,
	}
	slugs := newSlugger()
	slugs.reserve("groups", coreSlug, "")
	for _, g := range api.Groups {
		s.Groups = append(s.Groups, buildGroup(api, g, slugs, ext))
	}
	s.Unavailable = unavailableViews(api, nil)
	s.Resources = buildResources(api, s.Groups, slugs, ext, ph, content)
	if content == nil {
		fillContent(api, s.Resources, opts, cat)
	}
	countGroupResources(s.Groups)
	s.IndexTree = buildIndexTree(s.Groups)
	s.HasFields = slices.ContainsFunc(s.Resources, func(r *resourceView) bool { return r.Fields != nil })
	s.Rows = preferredRows(api, s)
	s.TableText = wideTable(api)
	s.Matrix = buildMatrix(s, opts.Matrix)
	linkSince(s)
	linkFieldSince(s, opts.Matrix)
	s.Counts = countSite(api, s)
	s.Tree = buildTree(s, ext == ".html", ph)
	s.Notes = buildNotes(api, s)
	s.Cheatsheet = buildCheatsheet(s)
	if ext == ".html" {
		cards, err := buildFlashcards(s)
		if err != nil {
			return nil, err
		}
		s.Flashcards = cards
	}
	s.pages = pages(s, ph)
	if slugs.err != nil {
		return nil, slugs.err
	}
	return s, ph.err
}

// fillContent adds to the resources what comes from more than their
// discovery entry: the catalog's term for the kind, the sections built
// while the page renders, the field trees and manifests of opts.Fields and
// the deprecations.
func fillContent(api *model.API, resources []*resourceView, opts SiteOptions, cat *catalog) {
	for _, r := range resources {
		r.Term = cat.term(r.Kind)
	}
	prepareSections(api, resources)
	attachFields(resources, opts.Fields)
	markDeprecated(resources, opts.Deprecations, opts.Fields, api.Server.GitVersion)
	for _, r := range resources {
		if why, ok := cat.NoManifest[r.APIVersion+" "+r.Kind]; ok && r.NoManifest != "" {
			r.NoManifest = why
		}
	}
}

func buildGroup(api *model.API, g model.Group, slugs *slugger, ext string) *groupView {
	slug := coreSlug
	display := "core"
	url := "/api"
	if !g.IsCore() {
		slug, display, url = slugs.slug("groups", g.Name), g.Name, "/apis/"+g.Name
	}
	gv := &groupView{Name: g.Name, Display: display, Path: "groups/" + slug + ext, URL: url, Preferred: g.PreferredVersion}
	for _, v := range g.Versions {
		gv.Versions = append(gv.Versions, versionView{
			Version: v.Version, APIVersion: model.GroupVersion(g.Name, v.Version), Stability: model.Stability(v.Version),
			Preferred: v.Version == g.PreferredVersion, Anchor: "version-" + sanitize(v.Version), URL: APIPrefix(g.Name, v.Version),
		})
	}
	gv.Unavailable = unavailableViews(api, &g.Name)
	return gv
}

// countGroupResources counts the resources of each group's preferred
// version.
func countGroupResources(groups []*groupView) {
	for _, g := range groups {
		for _, v := range g.Versions {
			if v.Preferred {
				g.Resources = len(v.Rows)
			}
		}
	}
}

// unavailableViews lists the unavailable group-versions: all of them when
// group is nil, else those of the named group.
func unavailableViews(api *model.API, group *string) []unavailableView {
	var out []unavailableView
	for _, u := range api.Unavailable {
		if group == nil || u.Group == *group {
			out = append(out, unavailableView{GroupVersion: u.GroupVersion(), Reason: u.Reason})
		}
	}
	return out
}

// buildResources makes one resource page per resource per group-version
// and fills each group version's table with links to them; the pages show
// what content's do, in order, when that is not nil.
func buildResources(api *model.API, groups []*groupView, slugs *slugger, ext string, ph *phrases, content []*resourceView) []*resourceView {
	var out []*resourceView
	for gi, g := range api.Groups {
		gv := groups[gi]
		groupSlug := strings.TrimSuffix(strings.TrimPrefix(gv.Path, "groups/"), ext)
		for vi, v := range g.Versions {
			versionSlug := slugs.slug("versions:"+groupSlug, v.Version)
			for _, r := range v.Resources {
				dir := "resources/" + groupSlug + "/" + versionSlug + "/"
				var rv *resourceView
				if content != nil {
					rv = contentOf(content[len(out)])
				} else {
					rv = buildResource(g, v.Version, r, gv, ph)
				}
				rv.GroupPath, rv.Path = gv.Path, dir+slugs.slug("resources:"+dir, r.Name)+ext
				out = append(out, rv)
				gv.Versions[vi].Rows = append(gv.Versions[vi].Rows, rowFor(g.Name, v.Version, r, rv.Path))
			}
		}
	}
	linkOtherVersions(out)
	return out
}

// contentOf is a copy of r without its links to other pages.
func contentOf(r *resourceView) *resourceView {
	c := *r
	c.Path, c.GroupPath, c.OtherVersions, c.Since = "", "", nil, nil
	return &c
}

func rowFor(group, version string, r model.Resource, path string) rowView {
	return rowView{
		Name: r.Name, ShortNames: strings.Join(r.ShortNames, ","), APIVersion: model.GroupVersion(group, version),
		Namespaced: boolText(r.Namespaced), Kind: r.Kind, Verbs: strings.Join(r.Verbs, ","),
		Categories: strings.Join(r.Categories, ","), Group: group, Path: path, VerbList: r.Verbs,
	}
}

func boolText(b bool) string {
	if b {
		return "true"
	}
	return "false"
}

func buildResource(g model.Group, version string, r model.Resource, gv *groupView, ph *phrases) *resourceView {
	scope := "Cluster"
	if r.Namespaced {
		scope = "Namespaced"
	}
	rv := &resourceView{
		Name: r.Name, Kind: r.Kind, APIVersion: model.GroupVersion(g.Name, version), Group: g.Name,
		GroupDisplay: gv.Display, Version: version, Scope: scope, Singular: r.SingularName,
		Stability: model.Stability(version), Preferred: version == g.PreferredVersion,
		ShortNames: r.ShortNames, Categories: r.Categories, Verbs: r.Verbs,
		Paths: PathsFor(g.Name, version, r), Endpoints: noteEndpoints(Endpoints(g.Name, version, r), ph),
	}
	for _, s := range r.Subresources {
		rv.Subresources = append(rv.Subresources, subresourceView{
			Name: s.Name, Path: rv.Paths.Item + "/" + s.Name, Verbs: strings.Join(s.Verbs, ","),
			Methods: strings.Join(SubresourceMethods(s.Verbs), ", "), ResponseKind: responseKind(s),
		})
	}
	return rv
}

func responseKind(s model.Subresource) string {
	if s.Kind == "" {
		return ""
	}
	return s.Kind + " (" + model.GroupVersion(s.Group, s.Version) + ")"
}

// linkOtherVersions links each resource page to the pages of the same
// resource in the group's other versions.
func linkOtherVersions(all []*resourceView) {
	byKey := map[string][]*resourceView{}
	var keys []string
	for _, r := range all {
		key := r.Group + "\x00" + r.Name
		if _, seen := byKey[key]; !seen {
			keys = append(keys, key)
		}
		byKey[key] = append(byKey[key], r)
	}
	for _, key := range keys {
		same := byKey[key]
		for _, r := range same {
			for _, o := range same {
				if o != r {
					r.OtherVersions = append(r.OtherVersions, linkView{Label: o.APIVersion, Path: o.Path})
				}
			}
		}
	}
}

// skeleton returns the smallest manifest of the resource's kind. The
// values go through the YAML encoder, so that odd kinds stay valid YAML.
func skeleton(r *resourceView) string {
	meta := yaml.Node{Kind: yaml.MappingNode}
	addPair(&meta, "name", "example")
	if r.Scope == "Namespaced" {
		addPair(&meta, "namespace", "default")
	}
	doc := yaml.Node{Kind: yaml.MappingNode}
	addPair(&doc, "apiVersion", r.APIVersion)
	addPair(&doc, "kind", r.Kind)
	doc.Content = append(doc.Content, &yaml.Node{Kind: yaml.ScalarNode, Value: "metadata"}, &meta)
	return encodeYAML(&doc)
}

func addPair(m *yaml.Node, key, value string) {
	m.Content = append(m.Content,
		&yaml.Node{Kind: yaml.ScalarNode, Value: key},
		&yaml.Node{Kind: yaml.ScalarNode, Value: value, Tag: "!!str"})
}

// preferredRows are the rows `kubectl api-resources` prints, linked to the
// page of the version the table shows.
func preferredRows(api *model.API, s *siteView) []rowView {
	var out []rowView
	for _, ref := range table.Rows(api, table.Options{}) {
		out = append(out, rowFor(ref.Group, ref.Version, ref.Resource, s.resourcePath(ref.Group, ref.Version, ref.Resource.Name)))
	}
	return out
}

// resourcePath finds the page of a resource in a group-version.
func (s *siteView) resourcePath(group, version, name string) string {
	if s.paths == nil {
		s.paths = make(map[string]string, len(s.Resources))
		for _, r := range s.Resources {
			s.paths[r.Group+"\x00"+r.Version+"\x00"+r.Name] = r.Path
		}
	}
	return s.paths[group+"\x00"+version+"\x00"+name]
}

func wideTable(api *model.API) string {
	var b bytes.Buffer
	if err := table.Resources(&b, api, table.Options{Output: "wide"}); err != nil {
		return ""
	}
	return b.String()
}

func countSite(api *model.API, s *siteView) countsView {
	c := countsView{Groups: len(api.Groups), GroupVersions: len(api.GroupVersions()), Resources: len(s.Resources), Unavailable: len(api.Unavailable)}
	kinds := map[string]bool{}
	for _, r := range s.Rows {
		kinds[r.Kind] = true
		if r.Namespaced == "true" {
			c.Namespaced++
		} else {
			c.ClusterScoped++
		}
	}
	c.Kinds = len(kinds)
	return c
}
