package source

import (
	"fmt"
	"strings"
	"unicode"
)

// cleanText makes a string from a server safe to show in a message on a
// terminal: control characters (ESC, CR, LF, ...) and the invisible
// Unicode formatting characters that reorder or hide text are replaced by
// a visible \u{XXXX} escape. It is the rule of generator/render's
// cleanText, so that a hostile string reads the same in an error line and
// on a page.
func cleanText(s string) string {
	if !strings.ContainsFunc(s, invisible) {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		if invisible(r) {
			fmt.Fprintf(&b, `\u{%04X}`, r)
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// invisible reports runes that change how the text around them is shown
// without being seen themselves.
func invisible(r rune) bool {
	return r == unicode.ReplacementChar || unicode.IsControl(r) || unicode.In(r, unicode.Cf)
}

// detail is an error's text for a one-line message: control characters
// escaped first, so that a CR or LF from the server is shown rather than
// obeyed, then runs of spaces collapsed.
func detail(err error) string {
	return strings.Join(strings.Fields(cleanText(err.Error())), " ")
}
