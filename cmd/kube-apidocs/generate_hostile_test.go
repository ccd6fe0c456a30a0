package main

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	xhtml "golang.org/x/net/html"
)

// TestGenerateHostileFixtureIsInert builds the site of a recording whose
// names carry markup, quotes, ../, javascript: URLs and direction overrides,
// and checks that no page (HTML, or Markdown once rendered) has an element,
// attribute or URL the generator did not put there, that no file lands
// outside --out, and that no invisible formatting character survives.
func TestGenerateHostileFixtureIsInert(t *testing.T) {
	t.Parallel()
	out := sharedSite(t, "--fixtures", "testdata/hostile")
	parent := filepath.Dir(out)

	entries, err := os.ReadDir(parent)
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 1 || entries[0].Name() != "site" {
		t.Errorf("the parent of --out holds %v, want only site", names(entries))
	}
	pages := 0
	filepath.WalkDir(out, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.Type()&fs.ModeSymlink != 0 {
			t.Errorf("%s is a symlink", p)
		}
		if d.IsDir() {
			return nil
		}
		checkNoInvisible(t, p)
		if strings.HasSuffix(p, ".html") || strings.HasSuffix(p, ".md") {
			pages++
			checkInert(t, out, p)
		}
		return nil
	})
	if pages < 30 {
		t.Errorf("only %d pages from the hostile fixture", pages)
	}
	index, err := os.ReadFile(filepath.Join(out, "assets", "search-index.js"))
	if err != nil {
		t.Fatal(err)
	}
	if bytes.ContainsAny(index, "<>") {
		t.Errorf("search-index.js holds a raw < or >: %s", index)
	}
}

func names(entries []os.DirEntry) []string {
	var out []string
	for _, e := range entries {
		out = append(out, e.Name())
	}
	return out
}

// allowedTags are the elements the templates, goldmark and the Markdown
// pages produce; anything else in a page came from the fixture.
var allowedTags = []string{
	"html", "head", "meta", "title", "link", "script", "body", "a", "header", "nav", "div", "input", "ol", "ul", "li",
	"button", "main", "footer", "p", "h1", "h2", "h3", "small", "dl", "dt", "dd", "code", "pre", "section", "figure",
	"svg", "style", "path", "text", "tspan", "table", "thead", "tbody", "tr", "th", "td", "strong", "em", "label", "span",
	"article", "img", "del", "blockquote", "hr", "br", "wbr", "details", "summary",
}

// checkInert fails on any element not in allowedTags, any on* attribute,
// any script other than the site's own, and any javascript: URL.
func checkInert(t *testing.T, out, p string) {
	t.Helper()
	rel, _ := filepath.Rel(out, p)
	scripts := 0
	z := xhtml.NewTokenizer(bytes.NewReader(pageHTML(t, p)))
	for tt := z.Next(); tt != xhtml.ErrorToken; tt = z.Next() {
		if tt != xhtml.StartTagToken && tt != xhtml.SelfClosingTagToken {
			continue
		}
		tok := z.Token()
		if !slices.Contains(allowedTags, tok.Data) {
			t.Errorf("%s: unexpected <%s> element", rel, tok.Data)
		}
		if tok.Data == "script" {
			scripts++
		}
		for _, a := range tok.Attr {
			checkAttr(t, rel, tok.Data, a)
		}
	}
	want := 3
	if rel == "flashcards.html" {
		want = 5 // + the cards' JSON and assets/flashcards.js
	}
	if strings.HasSuffix(p, ".html") && scripts != want {
		t.Errorf("%s: %d <script> elements, want the site's %d", rel, scripts, want)
	}
	if strings.HasSuffix(p, ".md") && scripts != 0 {
		t.Errorf("%s: a <script> element in Markdown", rel)
	}
}

func checkAttr(t *testing.T, rel, tag string, a xhtml.Attribute) {
	t.Helper()
	val := strings.ToLower(strings.TrimSpace(a.Val))
	switch {
	case strings.HasPrefix(a.Key, "on"):
		t.Errorf("%s: <%s %s=%q>", rel, tag, a.Key, a.Val)
	case (a.Key == "href" || a.Key == "src") && (strings.Contains(val, "javascript:") || strings.Contains(val, "data:")):
		t.Errorf("%s: <%s %s=%q>", rel, tag, a.Key, a.Val)
	case tag == "script" && a.Key == "src" && !strings.HasSuffix(val, "assets/site.js") && !strings.HasSuffix(val, "assets/search-index.js") &&
		!strings.HasSuffix(val, "assets/flashcards.js"):
		t.Errorf("%s: script from %q", rel, a.Val)
	}
}

// checkNoInvisible fails when a file holds a character that reorders or
// hides text (the fixture has U+202E and control characters).
func checkNoInvisible(t *testing.T, p string) {
	t.Helper()
	data, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range string(data) {
		if r == '\u202e' || r == '\u202d' || r == '\u2066' || r == 0 || r == 7 {
			t.Errorf("%s holds U+%04X", p, r)
			return
		}
	}
}
