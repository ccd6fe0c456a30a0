package report

import (
	"bufio"
	"fmt"
	"io"

	"github.com/kube-apidocs/kube-apidocs/generator/model"
	"github.com/kube-apidocs/kube-apidocs/generator/textsafe"
)

// DiffText writes d for a terminal: a title, the summary, then one section
// per kind of change (only those that have entries). Control characters in
// names from a cluster are shown escaped, never sent to the terminal.
func DiffText(w io.Writer, d *model.APIDiff) error {
	v := newDiffView(d)
	bw := bufio.NewWriter(w)
	fmt.Fprintf(bw, "%s\n  %s: %s\n  %s: %s\n\n%s\n", textsafe.Clean(v.Title), word("side-old"), textsafe.Clean(v.Old),
		word("side-new"), textsafe.Clean(v.New), word("summary-heading"))
	for _, s := range v.Summary {
		fmt.Fprintf(bw, "  %-15s %s\n", s.Label, s.Text)
	}
	if v.Empty {
		fmt.Fprintf(bw, "\n%s\n", word("no-differences"))
	}
	for _, sec := range v.Sections {
		fmt.Fprintf(bw, "\n%s\n", sec.Title)
		for _, it := range sec.Items {
			line := "  " + it.Mark + " " + textsafe.Clean(it.Subject)
			if it.Detail != "" {
				line += " " + textsafe.Clean(it.Detail)
			}
			fmt.Fprintln(bw, line)
			for _, f := range it.Fields {
				fmt.Fprintf(bw, "      %s\n", textsafe.Clean(f))
			}
			if it.Note != "" {
				fmt.Fprintf(bw, "      %s (%s)\n", it.Note, it.NoteURL)
			}
		}
	}
	return bw.Flush()
}
