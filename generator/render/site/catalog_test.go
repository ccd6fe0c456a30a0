package site

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"text/template/parse"

	"go.yaml.in/yaml/v3"
)

// parseAll parses the embedded templates with the catalog of each
// language and returns every block's tree, by name, of both formats.
func parseAll(t *testing.T) (map[string]*parse.Tree, map[string]*catalog) {
	t.Helper()
	trees := map[string]*parse.Tree{}
	cats := map[string]*catalog{}
	for _, lang := range Languages() {
		sets, err := parseSets(SiteOptions{Language: lang})
		if err != nil {
			t.Fatalf("%s: %v", lang, err)
		}
		cats[lang] = sets.cat
		for _, tmpl := range sets.html.Templates() {
			if tmpl.Tree != nil {
				trees["html:"+tmpl.Name()] = tmpl.Tree
			}
		}
		for _, tmpl := range sets.md.Templates() {
			if tmpl.Tree != nil {
				trees["md:"+tmpl.Name()] = tmpl.Tree
			}
		}
	}
	return trees, cats
}

// TestCatalogsHaveTheSameKeys fails when a key is in one language's
// catalog and not in another's.
func TestCatalogsHaveTheSameKeys(t *testing.T) {
	_, cats := parseAll(t)
	if len(cats) < 2 {
		t.Fatalf("languages %v, want en and ko at least", Languages())
	}
	en := cats[DefaultLanguage]
	for lang, c := range cats {
		for key := range en.Messages {
			if _, ok := c.Messages[key]; !ok {
				t.Errorf("%s.yaml lacks %q (en.yaml has it)", lang, key)
			}
		}
		for key := range c.Messages {
			if _, ok := en.Messages[key]; !ok {
				t.Errorf("%s.yaml has %q, which en.yaml lacks", lang, key)
			}
		}
		for _, level := range []string{"alpha", "beta", "stable"} { // stability's keys, made in Go
			if _, ok := c.Messages["stability."+level]; !ok {
				t.Errorf("%s.yaml lacks stability.%s", lang, level)
			}
		}
	}
}

// TestTemplatesCallKnownKeys fails when a template calls t or plain with
// a key no catalog has, or with anything but a literal key (which this
// test could not check).
func TestTemplatesCallKnownKeys(t *testing.T) {
	trees, cats := parseAll(t)
	calls := 0
	for name, tree := range trees {
		walk(tree.Root, func(n parse.Node) {
			cmd, ok := n.(*parse.CommandNode)
			if !ok || len(cmd.Args) == 0 {
				return
			}
			id, ok := cmd.Args[0].(*parse.IdentifierNode)
			if !ok || (id.Ident != "t" && id.Ident != "plain") {
				return
			}
			calls++
			if len(cmd.Args) < 2 {
				t.Errorf("%s: %s without a key", name, cmd)
				return
			}
			key, ok := cmd.Args[1].(*parse.StringNode)
			if !ok {
				t.Errorf("%s: %s: the key must be a literal string", name, cmd)
				return
			}
			for lang, c := range cats {
				if _, ok := c.Messages[key.Text]; !ok {
					t.Errorf("%s: %s: %q is missing from %s.yaml", name, cmd, key.Text, lang)
				}
			}
		})
	}
	if calls < 100 {
		t.Errorf("found %d calls of t in the templates; the walk is broken", calls)
	}
}

// literalExempt are the blocks whose literal text is not wording: the
// per-language concept notes (written in their language) and shell
// commands.
var literalExempt = regexp.MustCompile(`^(html|md):(concepts-body(\..+)?|example-commands)$`)

// notWords are the English-looking words a page may print as they are:
// names of the API, of programs and of the protocol.
var notWords = []string{"apiVersion", "HTTP", "Kubernetes", "kubectl", "kube", "apidocs"}

var (
	dropHTML  = regexp.MustCompile(`(?s)<script.*?</script>|<style.*?</style>|<code.*?</code>|<pre.*?</pre>|&[a-z]+;|&#[0-9]+;`)
	humanAttr = regexp.MustCompile(`\s(?:placeholder|title|alt|aria-label|data-[a-z-]+)="([^"]*)"`)
	tag       = regexp.MustCompile(`(?s)<[^>]*>`)
	dropMD    = regexp.MustCompile("(?s)```.*?```|`[^`]*`|\\]\\([^)]*\\)|<[^>]*>|\\|-+")
	word      = regexp.MustCompile(`[A-Za-z]{2,}`)
)

// TestTemplatesPrintNoLiteralEnglish fails when a template's own text
// (its text nodes, outside code, names and markup, and the attributes a
// reader meets: placeholder, title, alt, aria-label, data-*) holds a word
// that is not in a catalog: every word must come through t.
func TestTemplatesPrintNoLiteralEnglish(t *testing.T) {
	trees, _ := parseAll(t)
	for name, tree := range trees {
		if literalExempt.MatchString(name) {
			continue
		}
		var b strings.Builder
		text(tree.Root, &b)
		if words := literalWords(name, b.String()); len(words) > 0 {
			t.Errorf("%s prints literal words (%s): put the sentence in templates/i18n/*.yaml and call t", name, strings.Join(words, " "))
		}
	}
}

// literalWords returns the words of a block's text (actions replaced by
// NUL) that a reader would see.
func literalWords(name, s string) []string {
	var visible []string
	if strings.HasPrefix(name, "html:") {
		s = dropHTML.ReplaceAllString(s, " ")
		for _, m := range humanAttr.FindAllStringSubmatch(s, -1) {
			visible = append(visible, m[1])
		}
		s = tag.ReplaceAllString(s, " ")
	} else {
		s = dropMD.ReplaceAllString(s, " ")
	}
	visible = append(visible, s)
	var out []string
	for _, v := range visible {
		for _, w := range word.FindAllString(v, -1) {
			if !slices.Contains(notWords, w) {
				out = append(out, w)
			}
		}
	}
	return out
}

// TestLiteralWordsFindsEnglish holds the check to an HTML and a Markdown
// block that print English of their own.
func TestLiteralWordsFindsEnglish(t *testing.T) {
	for _, c := range []struct{ name, text, want string }{
		{"html:x", `<h2>Fields</h2><input placeholder="Search here"><code>spec.replicas</code>` + "\x00", "Search here Fields"},
		{"html:x", `<p>` + "\x00" + `</p><script>var x = 1;</script><th>apiVersion</th>`, ""},
		{"md:x", "## Fields\n\n`kubectl explain` [" + "\x00" + "](groups/core.md) | --- |", "Fields"},
	} {
		if got := strings.Join(literalWords(c.name, c.text), " "); got != c.want {
			t.Errorf("literalWords(%q) = %q, want %q", c.text, got, c.want)
		}
	}
}

// text writes the literal text of a tree, with NUL for every action.
func text(n parse.Node, b *strings.Builder) {
	switch n := n.(type) {
	case *parse.ListNode:
		if n == nil {
			return
		}
		for _, c := range n.Nodes {
			text(c, b)
		}
	case *parse.TextNode:
		b.Write(n.Text)
	case *parse.IfNode:
		branch(&n.BranchNode, b)
	case *parse.RangeNode:
		branch(&n.BranchNode, b)
	case *parse.WithNode:
		branch(&n.BranchNode, b)
	default:
		b.WriteByte(0)
	}
}

func branch(n *parse.BranchNode, b *strings.Builder) {
	b.WriteByte(0)
	text(n.List, b)
	b.WriteByte(0)
	text(n.ElseList, b)
	b.WriteByte(0)
}

// walk calls fn for every node of the tree.
func walk(n parse.Node, fn func(parse.Node)) {
	if n == nil {
		return
	}
	fn(n)
	switch n := n.(type) {
	case *parse.ListNode:
		for _, c := range n.Nodes {
			walk(c, fn)
		}
	case *parse.ActionNode:
		walk(n.Pipe, fn)
	case *parse.PipeNode:
		for _, c := range n.Cmds {
			walk(c, fn)
		}
	case *parse.CommandNode:
		for _, a := range n.Args {
			walk(a, fn)
		}
	case *parse.IfNode:
		walkBranch(&n.BranchNode, fn)
	case *parse.RangeNode:
		walkBranch(&n.BranchNode, fn)
	case *parse.WithNode:
		walkBranch(&n.BranchNode, fn)
	case *parse.TemplateNode:
		if n.Pipe != nil {
			walk(n.Pipe, fn)
		}
	}
}

func walkBranch(n *parse.BranchNode, fn func(parse.Node)) {
	walk(n.Pipe, fn)
	if n.List != nil {
		walk(n.List, fn)
	}
	if n.ElseList != nil {
		walk(n.ElseList, fn)
	}
}

// TestNoManifestReasonsMatchSkeleton: every kind generator/skeleton gives
// no manifest has its reason in each non-English catalog, and no catalog
// translates a kind skeleton does not name.
func TestNoManifestReasonsMatchSkeleton(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("..", "..", "skeleton", "placeholders.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	var file struct {
		None map[string]string `yaml:"none"`
	}
	if err := yaml.Unmarshal(data, &file); err != nil || len(file.None) == 0 {
		t.Fatalf("placeholders.yaml: %v, %d kinds without a skeleton", err, len(file.None))
	}
	_, cats := parseAll(t)
	for lang, c := range cats {
		if lang == DefaultLanguage {
			continue
		}
		for kind := range file.None {
			if c.NoManifest[kind] == "" {
				t.Errorf("%s.yaml: noManifest lacks %q", lang, kind)
			}
		}
		for kind := range c.NoManifest {
			if _, ok := file.None[kind]; !ok {
				t.Errorf("%s.yaml: noManifest has %q, which placeholders.yaml does not name", lang, kind)
			}
		}
	}
}

// TestCatalogKeysAreUsed fails on a message no template or Go file of the
// site calls, which would go on being translated for nothing.
func TestCatalogKeysAreUsed(t *testing.T) {
	_, cats := parseAll(t)
	var src strings.Builder
	for _, pattern := range []string{"../../../templates/*.tmpl", "*.go"} {
		names, _ := filepath.Glob(pattern)
		for _, n := range names {
			data, err := os.ReadFile(n)
			if err != nil {
				t.Fatal(err)
			}
			src.Write(data)
		}
	}
	for key := range cats[DefaultLanguage].Messages {
		if !strings.HasPrefix(key, "stability.") && !strings.Contains(src.String(), `"`+key+`"`) {
			t.Errorf("en.yaml: %q is used nowhere", key)
		}
	}
}

// TestFillPlaceholders pins how a message's {1} … {9} take the arguments:
// every placeholder replaced wherever it stands, one past the arguments
// and anything else in braces kept as written.
func TestFillPlaceholders(t *testing.T) {
	c := &catalog{}
	arg := func(a any) string { return "<" + a.(string) + ">" }
	for _, tc := range []struct {
		text string
		args []any
		want string
	}{
		{"no placeholder", []any{"a"}, "no placeholder"},
		{"{1} and {2}", []any{"a", "b"}, "<a> and <b>"},
		{"{2}{1}{2}", []any{"a", "b"}, "<b><a><b>"},
		{"{{1}}", []any{"a"}, "{<a>}"},
		{"{0} {10} {a} {1", []any{"a"}, "{0} {10} {a} {1"},
		{"{3} past", []any{"a"}, "{3} past"},
		{"ends {", []any{"a"}, "ends {"},
		{"{1}", nil, "{1}"},
		{"{9}", []any{"1", "2", "3", "4", "5", "6", "7", "8", "9"}, "<9>"},
	} {
		if got := c.fill(tc.text, tc.args, arg); got != tc.want {
			t.Errorf("fill(%q, %v) = %q, want %q", tc.text, tc.args, got, tc.want)
		}
	}
}
