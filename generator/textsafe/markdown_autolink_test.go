package textsafe

import "testing"

// TestMarkdownBreaksAutolinks checks that URLs in cluster text do not become
// GFM autolink literals, which Docusaurus and GitHub make clickable.
func TestMarkdownBreaksAutolinks(t *testing.T) {
	for in, want := range map[string]string{
		"{fetch('http://127.0.0.1:9/mdx')}": `\{fetch('http\://127.0.0.1:9/mdx')\}`,
		"see www.example.com":               `see www\.example.com`,
		"a: b":                              "a: b",
	} {
		if got := Markdown(in); got != want {
			t.Errorf("Markdown(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestMDXBreaksAutolinks checks that Docusaurus, which links URLs in the
// text after escapes are resolved, gets them split by an empty expression.
func TestMDXBreaksAutolinks(t *testing.T) {
	if got, want := MDX.Text("{fetch('http://127.0.0.1:9/mdx')} www.x"), `\{fetch('http{''}://127.0.0.1:9/mdx')\} www{''}.x`; got != want {
		t.Errorf("MDX.Text = %q, want %q", got, want)
	}
}
