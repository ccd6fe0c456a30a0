package report

import (
	"strings"

	"github.com/kube-apidocs/kube-apidocs/generator/model"
)

// matrixCell renders a cell as "v1*, v1beta1": the serving versions in the
// server's order, the one kubectl shows marked with *, "-" when not served.
func matrixCell(c model.MatrixCell) string {
	if !c.Served() {
		return "-"
	}
	parts := make([]string, len(c.Versions))
	for i, v := range c.Versions {
		parts[i] = v
		if v == c.Preferred {
			parts[i] += "*"
		}
	}
	return strings.Join(parts, ", ")
}
