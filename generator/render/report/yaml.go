package report

import (
	"bytes"
	"io"

	"go.yaml.in/yaml/v3"

	"github.com/kube-apidocs/kube-apidocs/generator/model"
)

// DiffYAML writes d as YAML: the document DiffJSON writes, the same keys in
// the same order.
func DiffYAML(w io.Writer, d *model.APIDiff) error { return writeYAML(w, d) }

// MatrixYAML writes m as YAML: the document MatrixJSON writes.
func MatrixYAML(w io.Writer, m model.Matrix) error { return writeYAML(w, m) }

// writeYAML writes v as the YAML form of its JSON document: encoded once by
// encoding/json (so the json tags, omitempty and order rule), then read as
// a YAML node tree, which keeps the key order, and printed in block style.
func writeYAML(w io.Writer, v any) error {
	var doc bytes.Buffer
	if err := writeJSON(&doc, v); err != nil {
		return err
	}
	var node yaml.Node
	if err := yaml.Unmarshal(doc.Bytes(), &node); err != nil {
		return err
	}
	blockStyle(&node)
	enc := yaml.NewEncoder(w)
	enc.SetIndent(2)
	if err := enc.Encode(&node); err != nil {
		return err
	}
	return enc.Close()
}

// blockStyle clears the flow and quoting styles that reading JSON gave
// every node, so the encoder picks YAML's plain block forms (and quotes
// only where a value needs it).
func blockStyle(n *yaml.Node) {
	n.Style = 0
	for _, c := range n.Content {
		blockStyle(c)
	}
}
