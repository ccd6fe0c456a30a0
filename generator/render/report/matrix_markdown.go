package report

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"github.com/kube-apidocs/kube-apidocs/generator/model"
	"github.com/kube-apidocs/kube-apidocs/generator/textsafe"
)

// MatrixMarkdown writes m as a GFM table (group, resource, one column per
// API surface) followed by the legend.
func MatrixMarkdown(w io.Writer, m model.Matrix) error {
	bw := bufio.NewWriter(w)
	head := []string{word("matrix-group"), word("matrix-resource")}
	sep := []string{"---", "---"}
	for _, c := range m.Columns {
		head = append(head, textsafe.Markdown(c.Label))
		sep = append(sep, "---")
	}
	fmt.Fprintf(bw, "| %s |\n| %s |\n", strings.Join(head, " | "), strings.Join(sep, " | "))
	for _, r := range m.Rows {
		cells := []string{textsafe.Markdown(groupName(r.Group)), textsafe.CodeSpan(r.Resource)}
		for _, c := range r.Cells {
			cells = append(cells, textsafe.Markdown(matrixCell(c)))
		}
		fmt.Fprintf(bw, "| %s |\n", strings.Join(cells, " | "))
	}
	fmt.Fprintf(bw, "\n%s\n", textsafe.Markdown(word("matrix-legend")))
	return bw.Flush()
}
