package textsafe

import (
	"html"
	"strings"
)

// Dialect is the Markdown a page is written for: the renderer that reads
// it and the syntax that renderer treats as active beyond CommonMark. Each
// dialect's rules live in its methods, so that a page written for one
// static site generator escapes untrusted text in one place.
type Dialect int

// The dialects kube-apidocs writes Markdown for.
const (
	// CommonMark is GitHub-flavoured Markdown as GitHub and goldmark read
	// it: every ASCII punctuation character can be escaped with a
	// backslash.
	CommonMark Dialect = iota
	// Hugo is goldmark behind Hugo's shortcode lexer, which reads the raw
	// page before Markdown does and runs {{< … >}} and {{% … %}} wherever
	// they appear, code spans and fences included.
	Hugo
	// PythonMarkdown is Python-Markdown as MkDocs runs it: raw HTML passes
	// through, and only \ ` * _ { } [ ] ( ) > # + - . ! | take a
	// backslash escape ("\<" is a backslash and a tag), so '<' and '&'
	// become character references.
	PythonMarkdown
	// MDX is MDX 3 as Docusaurus runs it: '{' opens a JavaScript
	// expression and '<' a JSX element; backslash escapes hold.
	MDX
)

// String names the dialect.
func (d Dialect) String() string {
	switch d {
	case Hugo:
		return "Hugo"
	case PythonMarkdown:
		return "Python-Markdown"
	case MDX:
		return "MDX"
	}
	return "CommonMark"
}

// pyEscaped are the characters Python-Markdown escapes with a backslash;
// '<', '>' and '&' become entities instead, and '~' and '$' mean nothing
// to MkDocs' default extensions (a backslash before them would show).
const pyEscaped = "\\`*_{}[]#|!"

// pyEntities replaces the characters that start raw HTML or an entity in
// Python-Markdown.
var pyEntities = map[rune]string{'<': "&lt;", '>': "&gt;", '&': "&amp;"}

// Text escapes s so that d shows it as plain text, as Markdown does for
// CommonMark: invisible characters become visible escapes (Clean), markup
// characters are escaped.
func (d Dialect) Text(s string) string {
	switch d {
	case MDX:
		return mdxNoAutolinks.Replace(Markdown(s))
	case PythonMarkdown:
		return pythonMarkdownText(s)
	}
	return Markdown(s)
}

// pythonMarkdownText is Text for Python-Markdown: entities for '<', '>' and
// '&', a backslash only before the characters it takes one before.
func pythonMarkdownText(s string) string {
	var b strings.Builder
	for _, r := range Clean(s) {
		switch {
		case r == '\n' || r == '\r':
			b.WriteByte(' ')
		case pyEntities[r] != "":
			b.WriteString(pyEntities[r])
		case r < 128 && strings.ContainsRune(pyEscaped, r):
			b.WriteByte('\\')
			b.WriteRune(r)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// mdxNoAutolinks splits the autolink literals Markdown broke with a
// backslash by an empty expression instead: Docusaurus finds them in the
// text after escapes are resolved (remark-gfm), but not across two text
// nodes.
var mdxNoAutolinks = strings.NewReplacer(`\://`, "{''}://", `www\.`, "www{''}.", `WWW\.`, "WWW{''}.")

// CellCode returns s as a code span that can sit in a table cell (see
// CodeSpan). Python-Markdown does not split a cell at a '|' inside
// backticks, and shows a backslash before it there, so its '|' stays.
func (d Dialect) CellCode(s string) string {
	switch d {
	case PythonMarkdown:
		return d.Code(s)
	case Hugo:
		return CodeSpan(noShortcodes(s))
	}
	return CodeSpan(s)
}

// Code returns s as a code span outside a table: like CellCode, but '|' is
// kept as it is (CEL rules are full of "||").
func (d Dialect) Code(s string) string {
	s = Clean(s)
	if d == Hugo {
		s = noShortcodes(s)
	}
	fence := strings.Repeat("`", longestRun(s, '`')+1)
	if s == "" || strings.HasPrefix(s, "`") || strings.HasSuffix(s, "`") {
		return fence + " " + s + " " + fence
	}
	return fence + s + fence
}

// Fence returns s as a fenced code block (see Fence); for Hugo, shortcode
// delimiters in s are broken up.
func (d Dialect) Fence(info, s string) string {
	if d == Hugo {
		s = noShortcodes(s)
	}
	return Fence(info, s)
}

// Title cleans s for a page's front-matter title, which each generator
// puts into its HTML itself: MkDocs' templates do not escape it (it goes
// into <title>, the navigation and aria-label attributes), so it is
// HTML-escaped and reads as the original text; Docusaurus escapes it
// except inside the JSON-LD <script> of its breadcrumbs, where "</script>"
// would end the script, so '<' and '>' become the full-width ＜ and ＞.
// Hugo's templates escape it; shortcode openings are broken up as in code,
// for themes that render titles as Markdown. Invisible characters become visible
// escapes (Clean) for all.
func (d Dialect) Title(s string) string {
	s = Clean(s)
	switch d {
	case PythonMarkdown:
		return html.EscapeString(s)
	case MDX:
		return strings.NewReplacer("<", "＜", ">", "＞").Replace(s)
	case Hugo:
		return noShortcodes(s) // for themes that pass titles to RenderString
	}
	return s
}

// shortcodeBreaker puts a space between "{{" and '<' or '%', the two
// openings of a Hugo shortcode.
var shortcodeBreaker = strings.NewReplacer("{{<", "{{ <", "{{%", "{{ %")

// noShortcodes returns s with every Hugo shortcode opening broken up, so
// that code from a cluster shows in a Hugo page instead of running.
func noShortcodes(s string) string { return shortcodeBreaker.Replace(s) }
