package textsafe

import "strings"

// Markdown escapes s so that Markdown shows it as plain text: invisible
// characters become visible escapes (Clean), each character that could
// start markup (emphasis, links, HTML, entities, MDX expressions, math)
// gets a backslash, which also keeps '|' from ending a table cell, and line
// breaks become spaces.
func Markdown(s string) string {
	var b strings.Builder
	for _, r := range Clean(s) {
		switch {
		case r == '\n' || r == '\r':
			b.WriteByte(' ')
		case r < 128 && strings.ContainsRune(mdSpecial, r):
			b.WriteByte('\\')
			b.WriteRune(r)
		default:
			b.WriteRune(r)
		}
	}
	return noAutolinks.Replace(b.String())
}

// noAutolinks breaks what GitHub-flavoured Markdown turns into a link
// without any markup (its autolink literals: "http://…", "www.…"), so that
// a URL in cluster text stays text in GitHub, Hugo and Docusaurus.
var noAutolinks = strings.NewReplacer("://", `\://`, "www.", `www\.`, "WWW.", `WWW\.`)

// mdSpecial are the characters Markdown escapes.
const mdSpecial = "\\`*_{}[]<>#|!~&$"

// codeReplacer flattens line breaks and escapes table pipes in code spans.
var codeReplacer = strings.NewReplacer("\n", " ", "\r", " ", "|", `\|`)

// CodeSpan returns s as a Markdown code span whose backtick fence is longer
// than any backtick run inside; '|' is escaped so the span can sit in a
// table cell.
func CodeSpan(s string) string {
	s = codeReplacer.Replace(Clean(s))
	fence := strings.Repeat("`", longestRun(s, '`')+1)
	if s == "" || strings.HasPrefix(s, "`") || strings.HasSuffix(s, "`") {
		return fence + " " + s + " " + fence
	}
	return fence + s + fence
}

// Fence returns s as a fenced code block with the given info string,
// fenced with more backticks than any run inside. s is shown as it is:
// callers pass text they built from cleaned values.
func Fence(info, s string) string {
	fence := strings.Repeat("`", max(3, longestRun(s, '`')+1))
	if !strings.HasSuffix(s, "\n") {
		s += "\n"
	}
	return fence + info + "\n" + s + fence
}

func longestRun(s string, c rune) int {
	best, run := 0, 0
	for _, r := range s {
		if r == c {
			run++
			best = max(best, run)
		} else {
			run = 0
		}
	}
	return best
}
