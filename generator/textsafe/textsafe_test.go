package textsafe

import (
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

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

// TestInvisibleASCII holds Invisible's ASCII shortcut to the definition it
// skips for those runes.
func TestInvisibleASCII(t *testing.T) {
	for r := rune(0); r < utf8.RuneSelf; r++ {
		want := r == unicode.ReplacementChar || unicode.IsControl(r) || unicode.In(r, unicode.Cf)
		if got := Invisible(r); got != want {
			t.Errorf("Invisible(%U) = %v, want %v", r, got, want)
		}
	}
}

// BenchmarkClean is Clean on a schema description without invisible runes,
// the common case generate meets for every field.
func BenchmarkClean(b *testing.B) {
	s := strings.Repeat("Specification of the desired behavior of the Deployment. ", 8)
	for b.Loop() {
		_ = Clean(s)
	}
}

// TestCleanAfterASCII: an invisible rune after printable ASCII, and after
// other non-ASCII text, is still found.
func TestCleanAfterASCII(t *testing.T) {
	for in, want := range map[string]string{
		"plain text":           "plain text",
		"abc\u202edef":         `abc\u{202E}def`,
		"naïve\u200bword":      `naïve\u{200B}word`,
		"tab\there":            `tab\u{0009}here`,
		"ünïcode only, no hid": "ünïcode only, no hid",
	} {
		if got := Clean(in); got != want {
			t.Errorf("Clean(%q) = %q, want %q", in, got, want)
		}
	}
}
