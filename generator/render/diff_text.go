package render

import (
	"bufio"
	"fmt"
	"io"
	"strings"
	"unicode"

	"github.com/kube-apidocs/kube-apidocs/generator/model"
)

// DiffText writes d for a terminal: a title, the summary, then one section
// per kind of change (only those that have entries). Control characters in
// names from a cluster are shown escaped, never sent to the terminal.
func DiffText(w io.Writer, d *model.APIDiff) error {
	v := newDiffView(d)
	bw := bufio.NewWriter(w)
	fmt.Fprintf(bw, "%s\n  old: %s\n  new: %s\n\nSummary\n", terminalSafe(v.Title), terminalSafe(v.Old), terminalSafe(v.New))
	for _, s := range v.Summary {
		fmt.Fprintf(bw, "  %-15s %s\n", s.Label, s.Text)
	}
	if v.Empty {
		fmt.Fprintf(bw, "\nNo differences.\n")
	}
	for _, sec := range v.Sections {
		fmt.Fprintf(bw, "\n%s\n", sec.Title)
		for _, it := range sec.Items {
			line := "  " + it.Mark + " " + terminalSafe(it.Subject)
			if it.Detail != "" {
				line += " " + terminalSafe(it.Detail)
			}
			fmt.Fprintln(bw, line)
			for _, f := range it.Fields {
				fmt.Fprintf(bw, "      %s\n", terminalSafe(f))
			}
			if it.Note != "" {
				fmt.Fprintf(bw, "      %s (%s)\n", it.Note, it.NoteURL)
			}
		}
	}
	return bw.Flush()
}

// terminalSafe escapes control and bidirectional-formatting characters so
// that text from a cluster cannot move the cursor or reorder the line.
func terminalSafe(s string) string {
	if !strings.ContainsFunc(s, unsafeRune) {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		if unsafeRune(r) {
			fmt.Fprintf(&b, `\u%04x`, r)
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

func unsafeRune(r rune) bool {
	return unicode.IsControl(r) || unicode.Is(unicode.Bidi_Control, r)
}
