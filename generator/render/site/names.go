package site

// groupName is how pages name a group: "core" for the core group, which has
// no name.
func groupName(g string) string {
	if g == "" {
		return coreSlug
	}
	return g
}

// ResourcePage is the path, relative to the site root, of the page Site
// gives the resource of group and version (ext ".html" or ".md"): the
// slugs buildSite picks, in a site where no two names collide (Site fails
// when they do). A diff report links into a site with it.
func ResourcePage(group, version, resource, ext string) string {
	slugs := newSlugger()
	slugs.reserve("groups", coreSlug, "")
	groupSlug := coreSlug
	if group != "" {
		groupSlug = slugs.slug("groups", group)
	}
	dir := "resources/" + groupSlug + "/" + slugs.slug("versions:"+groupSlug, version) + "/"
	return dir + slugs.slug("resources:"+dir, resource) + ext
}
