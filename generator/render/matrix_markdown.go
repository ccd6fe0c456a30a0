package render

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"github.com/kube-apidocs/kube-apidocs/generator/model"
)

// MatrixMarkdown writes m as a GFM table (group, resource, one column per
// API surface) followed by the legend.
func MatrixMarkdown(w io.Writer, m model.Matrix) error {
	bw := bufio.NewWriter(w)
	head := []string{"group", "resource"}
	sep := []string{"---", "---"}
	for _, c := range m.Columns {
		head = append(head, mdText(c.Label))
		sep = append(sep, "---")
	}
	fmt.Fprintf(bw, "| %s |\n| %s |\n", strings.Join(head, " | "), strings.Join(sep, " | "))
	for _, r := range m.Rows {
		cells := []string{mdText(groupName(r.Group)), mdCode(r.Resource)}
		for _, c := range r.Cells {
			cells = append(cells, mdText(matrixCell(c)))
		}
		fmt.Fprintf(bw, "| %s |\n", strings.Join(cells, " | "))
	}
	fmt.Fprintf(bw, "\n%s\n", mdText(matrixLegend))
	return bw.Flush()
}
