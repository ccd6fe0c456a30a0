package report

import (
	"bufio"
	"fmt"
	"io"

	"github.com/kube-apidocs/kube-apidocs/generator/model"
	"github.com/kube-apidocs/kube-apidocs/generator/textsafe"
)

// DiffMarkdown writes d as a CommonMark/GFM document: a title, the summary
// table, then one section per kind of change. Names from a cluster are put
// in code spans or escaped, so they cannot add markup or raw HTML.
func DiffMarkdown(w io.Writer, d *model.APIDiff) error {
	v := newDiffView(d)
	bw := bufio.NewWriter(w)
	fmt.Fprintf(bw, "# %s\n\n- %s: %s\n- %s: %s\n\n## %s\n\n| | |\n|---|---|\n", textsafe.Markdown(v.Title),
		word("side-old"), textsafe.Markdown(v.Old), word("side-new"), textsafe.Markdown(v.New), word("summary-heading"))
	for _, s := range v.Summary {
		fmt.Fprintf(bw, "| %s | %s |\n", s.Label, textsafe.Markdown(s.Text))
	}
	if v.Empty {
		fmt.Fprintf(bw, "\n%s\n", word("no-differences"))
	}
	for _, sec := range v.Sections {
		fmt.Fprintf(bw, "\n## %s\n\n", sec.Title)
		for _, it := range sec.Items {
			fmt.Fprintf(bw, "- %s", textsafe.CodeSpan(it.Subject))
			if it.Detail != "" {
				fmt.Fprintf(bw, " %s", textsafe.Markdown(it.Detail))
			}
			if it.Note != "" {
				fmt.Fprintf(bw, " — %s ([%s](%s))", textsafe.Markdown(it.Note), word("guide-link"), it.NoteURL)
			}
			bw.WriteString("\n")
			for _, f := range it.Fields {
				fmt.Fprintf(bw, "  - %s\n", textsafe.Markdown(f))
			}
		}
	}
	return bw.Flush()
}
