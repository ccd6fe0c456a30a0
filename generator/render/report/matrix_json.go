package report

import (
	"io"

	"github.com/kube-apidocs/kube-apidocs/generator/model"
)

// MatrixJSON writes m as the `kube-apidocs matrix -o json` document:
// {"columns": [{"label", "version", "source"}], "rows": [{"group",
// "resource", "cells": [{"versions", "preferred"}]}]}, one cell per column.
func MatrixJSON(w io.Writer, m model.Matrix) error {
	return writeJSON(w, m)
}
