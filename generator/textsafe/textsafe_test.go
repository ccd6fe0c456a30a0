package textsafe

import "testing"

func TestMarkdownEscaping(t *testing.T) {
	tests := []struct{ in, text, code string }{
		{"Deployment", "Deployment", "`Deployment`"},
		{"<script>a|b</script>", `\<script\>a\|b\</script\>`, "`<script>a\\|b</script>`"},
		{"[x](javascript:y)", `\[x\](javascript:y)`, "`[x](javascript:y)`"},
		{"a`b", "a\\`b", "``a`b``"},
		{"`x", "\\`x", "`` `x ``"},
		{"{{.Site}}", `\{\{.Site\}\}`, "`{{.Site}}`"},
	}
	for _, tc := range tests {
		if got := Markdown(tc.in); got != tc.text {
			t.Errorf("Markdown(%q) = %q, want %q", tc.in, got, tc.text)
		}
		if got := CodeSpan(tc.in); got != tc.code {
			t.Errorf("CodeSpan(%q) = %q, want %q", tc.in, got, tc.code)
		}
	}
	if got := Fence("sh", "a\n```\nb"); got != "````sh\na\n```\nb\n````" {
		t.Errorf("Fence = %q", got)
	}
}

func TestCleanText(t *testing.T) {
	if got := Clean("a\u202eb\x00c\u200bd"); got != `a\u{202E}b\u{0000}c\u{200B}d` {
		t.Errorf("Clean = %q", got)
	}
}

func TestCodeSpan(t *testing.T) {
	cases := map[string]string{
		"plain":    "`plain`",
		"a`b":      "``a`b``",
		"`a":       "`` `a ``",
		"a``b`":    "``` a``b` ```",
		"a|b":      "`a\\|b`",
		"":         "`  `",
		"x\ny":     "`x\\u{000A}y`",
		"a\u202eb": "`a\\u{202E}b`",
	}
	for in, want := range cases {
		if got := CodeSpan(in); got != want {
			t.Errorf("CodeSpan(%q) = %q, want %q", in, got, want)
		}
	}
}
