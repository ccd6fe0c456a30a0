package main

import (
	"encoding/json"
	"reflect"
	"testing"

	"go.yaml.in/yaml/v3"
)

// TestYAMLIsTheJSONDocument: -o yaml of diff and matrix holds exactly the
// document -o json prints.
func TestYAMLIsTheJSONDocument(t *testing.T) {
	t.Parallel()
	for _, args := range [][]string{
		{"diff", "../../fixtures/v1.29.6", "builtin"},
		{"matrix", "../../fixtures/v1.29.6", "builtin"},
	} {
		j := apidocsStdout(t, append(args, "-o", "json")...)
		y := apidocsStdout(t, append(args, "-o", "yaml")...)
		var fromJSON, fromYAML any
		if err := json.Unmarshal([]byte(j), &fromJSON); err != nil {
			t.Fatal(err)
		}
		if err := yaml.Unmarshal([]byte(y), &fromYAML); err != nil {
			t.Fatalf("%v -o yaml is not YAML: %v", args, err)
		}
		// YAML numbers decode as int, JSON's as float64: compare through JSON
		norm, _ := json.Marshal(fromYAML)
		var again any
		_ = json.Unmarshal(norm, &again)
		if !reflect.DeepEqual(fromJSON, again) {
			t.Errorf("%v: -o yaml and -o json hold different documents", args)
		}
	}
}
