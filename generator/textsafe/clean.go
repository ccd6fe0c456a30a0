package textsafe

import (
	"fmt"
	"strings"
	"unicode"
)

// Clean makes an untrusted string safe to show as plain text: control
// characters and the invisible Unicode formatting characters that reorder
// or hide text are replaced by a visible \u{XXXX} escape. Text without them
// is returned unchanged.
func Clean(s string) string {
	if !strings.ContainsFunc(s, Invisible) {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		if Invisible(r) {
			fmt.Fprintf(&b, `\u{%04X}`, r)
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// Invisible reports runes that change how the text around them is shown
// without being seen themselves: control characters, Unicode format
// characters (Cf) and the replacement character.
func Invisible(r rune) bool {
	return r == unicode.ReplacementChar || unicode.IsControl(r) || unicode.In(r, unicode.Cf)
}

// CleanAll applies Clean to every string of in; nil stays nil.
func CleanAll(in []string) []string {
	if in == nil {
		return nil
	}
	out := make([]string, len(in))
	for i, s := range in {
		out[i] = Clean(s)
	}
	return out
}
