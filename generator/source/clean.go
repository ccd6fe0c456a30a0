package source

import (
	"github.com/kube-apidocs/kube-apidocs/generator/oneline"
	"github.com/kube-apidocs/kube-apidocs/generator/textsafe"
)

// detail is an error's text for a one-line message: control characters
// escaped first, so that a CR or LF from the server is shown rather than
// obeyed, then runs of spaces collapsed.
func detail(err error) string {
	return oneline.Text(textsafe.Clean(err.Error()))
}
