package report

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/kube-apidocs/kube-apidocs/generator/model"
	"github.com/kube-apidocs/kube-apidocs/generator/textsafe"
)

// MatrixText writes m as an aligned table: GROUP, RESOURCE, then one column
// per API surface, and a legend line.
func MatrixText(w io.Writer, m model.Matrix) error {
	tw := tabwriter.NewWriter(w, 0, 8, 2, ' ', 0)
	head := []string{strings.ToUpper(word("matrix-group")), strings.ToUpper(word("matrix-resource"))}
	for _, c := range m.Columns {
		head = append(head, textsafe.Clean(c.Label))
	}
	fmt.Fprintln(tw, strings.Join(head, "\t"))
	for _, r := range m.Rows {
		cells := []string{textsafe.Clean(groupName(r.Group)), textsafe.Clean(r.Resource)}
		for _, c := range r.Cells {
			cells = append(cells, textsafe.Clean(matrixCell(c)))
		}
		fmt.Fprintln(tw, strings.Join(cells, "\t"))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	_, err := fmt.Fprintf(w, "\n%s\n", word("matrix-legend"))
	return err
}
