package textsafe

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Clean makes an untrusted string safe to show as plain text: control
// characters and the invisible Unicode formatting characters that reorder
// or hide text are replaced by a visible \u{XXXX} escape. Text without them
// is returned unchanged.
func Clean(s string) string {
	if !hasInvisible(s) {
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

// hasInvisible reports whether s holds a rune Invisible reports: a pass
// over the bytes while they are printable ASCII, then rune by rune.
func hasInvisible(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c >= 0x7f {
			return strings.ContainsFunc(s[i:], Invisible)
		}
	}
	return false
}

// Invisible reports runes that change how the text around them is shown
// without being seen themselves: control characters, Unicode format
// characters (Cf) and the replacement character.
func Invisible(r rune) bool {
	if r < utf8.RuneSelf {
		// ASCII, nearly every rune of a schema: the C0 controls and DEL
		// (no ASCII rune is Cf), without the table searches below.
		return r < 0x20 || r == 0x7f
	}
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
