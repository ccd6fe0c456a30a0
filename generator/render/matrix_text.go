package render

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/kube-apidocs/kube-apidocs/generator/model"
)

// MatrixText writes m as an aligned table: GROUP, RESOURCE, then one column
// per API surface, and a legend line.
func MatrixText(w io.Writer, m model.Matrix) error {
	tw := tabwriter.NewWriter(w, 0, 8, 2, ' ', 0)
	head := []string{"GROUP", "RESOURCE"}
	for _, c := range m.Columns {
		head = append(head, cleanText(c.Label))
	}
	fmt.Fprintln(tw, strings.Join(head, "\t"))
	for _, r := range m.Rows {
		cells := []string{cleanText(groupName(r.Group)), cleanText(r.Resource)}
		for _, c := range r.Cells {
			cells = append(cells, cleanText(matrixCell(c)))
		}
		fmt.Fprintln(tw, strings.Join(cells, "\t"))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	_, err := fmt.Fprintf(w, "\n%s\n", matrixLegend)
	return err
}
