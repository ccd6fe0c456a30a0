// Package textsafe makes untrusted text — names, kinds and verbs served by
// a cluster or read from a recording — safe to show.
//
// The rule: a character that changes how the text around it is shown
// without being seen itself (control characters such as ESC, CR, LF and
// TAB, the Unicode format characters: bidirectional overrides and
// isolates, zero-width characters, and U+FFFD) is replaced by a visible
// \u{XXXX} escape. Clean applies the rule to plain text (terminal tables,
// text reports); Markdown, CodeSpan and Fence apply it and then escape
// Markdown, so a name cannot add markup. HTML escaping is html/template's
// job. Every renderer of generator/render and the error messages of
// generator/source use this package, so the rule
// lives in one place.
package textsafe
