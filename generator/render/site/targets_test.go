package site

import (
	"regexp"
	"strings"
	"testing"

	"github.com/kube-apidocs/kube-apidocs/generator/model"
)

// TestPrettyURL pins Hugo's links: a page's folder URL, the front page as
// its folder, other files and fragments kept.
func TestPrettyURL(t *testing.T) {
	hugo := markdownTargets[FrontMatterHugo]
	tests := []struct{ root, path, want string }{
		{"", "concepts.md", "concepts/"},
		{"", "index.md", "./"},
		{"", "api-tree.svg", "api-tree.svg"},
		{"../", "index.md", "../"},
		{"../../", "groups/apps.k8s.io.md#version-v1", "../../groups/apps.k8s.io/#version-v1"},
		{"../../../../", "resources/apps/v1/deployments.md", "../../../../resources/apps/v1/deployments/"},
	}
	for _, tc := range tests {
		if got := hugo.link(tc.root, tc.path); got != tc.want {
			t.Errorf("link(%q, %q) = %q, want %q", tc.root, tc.path, got, tc.want)
		}
	}
	for p, want := range map[string]string{"index.md": "", "concepts.md": "../", "resources/apps/v1/deployments.md": "../../../../"} {
		if got := hugo.root(p); got != want {
			t.Errorf("Hugo root(%q) = %q, want %q", p, got, want)
		}
	}
	if got := markdownTargets[FrontMatterMkDocs].link("../../", "groups/apps.md#x"); got != "../../groups/apps.md#x" {
		t.Errorf("MkDocs link = %q, want the .md path", got)
	}
}

// hostileAPI has a kind, a short name, a category and a server version
// that carry each generator's active syntax.
func hostileAPI() *model.API {
	return &model.API{
		Server: model.ServerVersion{GitVersion: "v1.33.0<img src=x onerror=alert(1)//>"},
		Groups: []model.Group{{Name: "ssg.example.com", PreferredVersion: "v1", Versions: []model.Version{{Version: "v1", Resources: []model.Resource{
			{Name: "shortcodes", Kind: "X{{< nosuch >}}", ShortNames: []string{"{{% param title %}}"}, Categories: []string{"{{< x >}}"}, Verbs: []string{"get", "list", "create"}, Namespaced: true},
			{Name: "scripts", Kind: "</script><script>alert(2)</script>", ShortNames: []string{"{alert(3)}"}, Verbs: []string{"get"}},
		}}}}},
	}
}

// TestMarkdownTargetsHostile renders a hostile API for each generator and
// checks the output for the syntax that generator would run: a shortcode
// opening anywhere in a Hugo page (code included), a backslash before '<'
// or '&' (no escape to Python-Markdown) or a raw '<' in an MkDocs title,
// an unescaped '{' or '<' outside code in MDX, a '<' in a Docusaurus title.
func TestMarkdownTargetsHostile(t *testing.T) {
	shortcode := regexp.MustCompile(`\{\{[<%]`)
	pyNoEscape := regexp.MustCompile(`\\[<&]`)
	for _, tc := range []struct {
		frontMatter, index string
		bad                func(path, page string) string
	}{
		{FrontMatterHugo, "_index.md", func(_, page string) string { return shortcode.FindString(page) }},
		{FrontMatterMkDocs, "index.md", func(_, page string) string {
			if m := pyNoEscape.FindString(page); m != "" {
				return m
			}
			return strings.Trim(regexp.MustCompile(`(?m)^title: .*[<>"].*$`).FindString(page), "\n")
		}},
		{FrontMatterDocusaurus, "index.md", func(_, page string) string {
			if m := regexp.MustCompile(`(?m)^(title|sidebar_label): .*<.*$`).FindString(page); m != "" {
				return m
			}
			return mdxActive(page)
		}},
	} {
		files, err := Site(hostileAPI(), SiteOptions{Formats: []string{FormatMarkdown}, FrontMatter: tc.frontMatter})
		if err != nil {
			t.Fatal(err)
		}
		seen := map[string]bool{}
		for _, f := range files {
			seen[f.Path] = true
			if !strings.HasSuffix(f.Path, ".md") {
				continue
			}
			if m := tc.bad(f.Path, string(f.Data)); m != "" {
				t.Errorf("%s: %s has %q", tc.frontMatter, f.Path, m)
			}
		}
		if !seen[tc.index] || !seen["resources/ssg.example.com/v1/shortcodes.md"] {
			t.Errorf("%s: no %s or shortcodes page among %d files", tc.frontMatter, tc.index, len(files))
		}
	}
}

// mdxActive returns the first '{' or '<' that MDX would read as an
// expression or a tag: one outside code spans and fences without a
// backslash before it. Lines of the front matter are skipped.
func mdxActive(page string) string {
	inFence, inFront := false, false
	for i, line := range strings.Split(page, "\n") {
		switch {
		case line == "---" && (i == 0 || inFront):
			inFront = !inFront
			continue
		case strings.HasPrefix(line, "```"):
			inFence = !inFence
			continue
		}
		if inFence || inFront {
			continue
		}
		for _, part := range outsideCode(line) {
			for j := 0; j < len(part); j++ {
				if part[j] == '\\' {
					j++
					continue
				}
				if (part[j] == '{' || part[j] == '<') && !headingID.MatchString(line[strings.Index(line, part)+j:]) {
					return line
				}
			}
		}
	}
	return ""
}

// headingID is the {#id} attribute Docusaurus reads at the end of a heading.
var headingID = regexp.MustCompile(`^\{#[a-z0-9-]+\}$`)

// outsideCode returns the parts of line outside single-backtick code spans.
func outsideCode(line string) []string {
	parts := strings.Split(line, "`")
	var out []string
	for i := 0; i < len(parts); i += 2 {
		out = append(out, parts[i])
	}
	return out
}

// TestMarkdownTargetAnchors checks that each generator gets the anchors it
// keeps: {#id} on the heading for Hugo and Docusaurus, an <a id> before it
// for MkDocs and GitHub.
func TestMarkdownTargetAnchors(t *testing.T) {
	want := map[string]string{
		FrontMatterHugo:       "## ssg.example.com/v1 (preferred) {#version-v1}\n",
		FrontMatterDocusaurus: "## ssg.example.com/v1 (preferred) {#version-v1}\n",
		FrontMatterMkDocs:     "<a id=\"version-v1\"></a>\n## ssg.example.com/v1 (preferred)\n",
		FrontMatterNone:       "<a id=\"version-v1\"></a>\n## ssg.example.com/v1 (preferred)\n",
	}
	for fm, heading := range want {
		files, err := Site(hostileAPI(), SiteOptions{Formats: []string{FormatMarkdown}, FrontMatter: fm})
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range files {
			if f.Path == "groups/ssg.example.com.md" && !strings.Contains(string(f.Data), heading) {
				t.Errorf("%s: the group page lacks %q:\n%s", fm, heading, f.Data)
			}
		}
	}
}
