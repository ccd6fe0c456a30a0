package site

// groupName is how pages name a group: "core" for the core group, which has
// no name.
func groupName(g string) string {
	if g == "" {
		return coreSlug
	}
	return g
}
