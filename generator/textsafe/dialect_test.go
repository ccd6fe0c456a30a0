package textsafe

import "testing"

// TestDialectText pins how each dialect writes hostile text: backslashes
// for CommonMark, Hugo and MDX (whose `\{` and `\<` hold), entities for
// Python-Markdown, where "\<" is a backslash followed by a tag.
func TestDialectText(t *testing.T) {
	tests := []struct {
		in                      string
		commonMark, python, mdx string
	}{
		{"Deployment", "Deployment", "Deployment", "Deployment"},
		{"<img src=x onerror=alert(1)>", `\<img src=x onerror=alert(1)\>`, "&lt;img src=x onerror=alert(1)&gt;", `\<img src=x onerror=alert(1)\>`},
		{"a & b; &lt;", `a \& b; \&lt;`, "a &amp; b; &amp;lt;", `a \& b; \&lt;`},
		{"{alert(1)}", `\{alert(1)\}`, `\{alert(1)\}`, `\{alert(1)\}`},
		{"X{{< nosuch >}}", `X\{\{\< nosuch \>\}\}`, `X\{\{&lt; nosuch &gt;\}\}`, `X\{\{\< nosuch \>\}\}`},
		{"~a~ $x$ | *b*", `\~a\~ \$x\$ \| \*b\*`, `~a~ $x$ \| \*b\*`, `\~a\~ \$x\$ \| \*b\*`},
		{"a\nb\u202e", `a\\u\{000A\}b\\u\{202E\}`, `a\\u\{000A\}b\\u\{202E\}`, `a\\u\{000A\}b\\u\{202E\}`},
	}
	for _, tc := range tests {
		for _, c := range []struct {
			d    Dialect
			want string
		}{{CommonMark, tc.commonMark}, {Hugo, tc.commonMark}, {PythonMarkdown, tc.python}, {MDX, tc.mdx}} {
			if got := c.d.Text(tc.in); got != c.want {
				t.Errorf("%v.Text(%q) = %q, want %q", c.d, tc.in, got, c.want)
			}
		}
	}
}

// TestDialectCode pins code spans and fences: Hugo's shortcode openings
// are broken up even there (Hugo runs them before Markdown), and
// Python-Markdown keeps '|' in a cell's code span, which it shows with a
// backslash otherwise.
func TestDialectCode(t *testing.T) {
	tests := []struct {
		d                Dialect
		in, cell, inline string
	}{
		{CommonMark, "a|b {{< x >}}", "`a\\|b {{< x >}}`", "`a|b {{< x >}}`"},
		{Hugo, "a|b {{< x >}} {{% y %}}", "`a\\|b {{ < x >}} {{ % y %}}`", "`a|b {{ < x >}} {{ % y %}}`"},
		{Hugo, "{{{<x", "`{{{ <x`", "`{{{ <x`"},
		{PythonMarkdown, "a|b <i>", "`a|b <i>`", "`a|b <i>`"},
		{MDX, "{x} <y/>", "`{x} <y/>`", "`{x} <y/>`"},
	}
	for _, tc := range tests {
		if got := tc.d.CellCode(tc.in); got != tc.cell {
			t.Errorf("%v.CellCode(%q) = %q, want %q", tc.d, tc.in, got, tc.cell)
		}
		if got := tc.d.Code(tc.in); got != tc.inline {
			t.Errorf("%v.Code(%q) = %q, want %q", tc.d, tc.in, got, tc.inline)
		}
	}
	if got := Hugo.Fence("yaml", "kind: X{{< nosuch >}}\n"); got != "```yaml\nkind: X{{ < nosuch >}}\n```" {
		t.Errorf("Hugo.Fence = %q", got)
	}
	if got := MDX.Fence("yaml", "kind: {x}\n"); got != "```yaml\nkind: {x}\n```" {
		t.Errorf("MDX.Fence = %q", got)
	}
}

// TestDialectTitle pins front-matter titles: HTML-escaped for MkDocs,
// whose templates print them raw; no '<' for Docusaurus, which puts them
// into a JSON-LD script; as they are for Hugo, whose templates escape.
func TestDialectTitle(t *testing.T) {
	in := `</script><img src=x onerror="a('1')">` + " &"
	tests := map[Dialect]string{
		CommonMark:     `</script><img src=x onerror="a('1')"> &`,
		Hugo:           `</script><img src=x onerror="a('1')"> &`,
		PythonMarkdown: `&lt;/script&gt;&lt;img src=x onerror=&#34;a(&#39;1&#39;)&#34;&gt; &amp;`,
		MDX:            `＜/script＞＜img src=x onerror="a('1')"＞ &`,
	}
	for d, want := range tests {
		if got := d.Title(in); got != want {
			t.Errorf("%v.Title = %q, want %q", d, got, want)
		}
	}
}
