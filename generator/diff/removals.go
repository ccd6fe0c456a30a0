package diff

import (
	_ "embed"
	"errors"
	"fmt"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/kube-apidocs/kube-apidocs/generator/model"
	"github.com/kube-apidocs/kube-apidocs/generator/oneline"
)

//go:embed removals.yaml
var builtinRemovals []byte

// removalFile is the shape of removals.yaml.
type removalFile struct {
	Removals     []removalRow     `yaml:"removals"`
	Deprecations []deprecationRow `yaml:"deprecations"`
}

type deprecationRow struct {
	Group        string `yaml:"group"`
	Version      string `yaml:"version"`
	Kind         string `yaml:"kind"`
	Resource     string `yaml:"resource"`
	DeprecatedIn string `yaml:"deprecatedIn"`
	RemovedIn    string `yaml:"removedIn"`
	Replacement  string `yaml:"replacement"`
	Source       string `yaml:"source"`
}

type removalRow struct {
	Group       string `yaml:"group"`
	Version     string `yaml:"version"`
	Kind        string `yaml:"kind"`
	Resource    string `yaml:"resource"`
	RemovedIn   string `yaml:"removedIn"`
	Replacement string `yaml:"replacement"`
	Since       string `yaml:"since"`
	Source      string `yaml:"source"`
}

// BuiltinRemovals returns the Kubernetes API removals of releases 1.16 to
// 1.32 as the official deprecation guide lists them (removals.yaml, embedded).
func BuiltinRemovals() []model.Removal {
	rows, err := ParseRemovals(builtinRemovals, "removals.yaml")
	if err != nil {
		panic(err) // the embedded file is checked by the package tests
	}
	return rows
}

// ParseRemovals decodes removal rows in the removals.yaml format. name is
// used in error messages. Every row needs group (may be "" only for the core
// group, which then still needs a version), version, kind, resource,
// removedIn, replacement and an https source.
func ParseRemovals(data []byte, name string) ([]model.Removal, error) {
	f, err := decodeNotes(data, name)
	if err != nil {
		return nil, err
	}
	if len(f.Removals) == 0 {
		return nil, fmt.Errorf("%s: removals: no rows", name)
	}
	out := make([]model.Removal, 0, len(f.Removals))
	for i, r := range f.Removals {
		if err := r.validate(); err != nil {
			return nil, fmt.Errorf("%s: removals[%d]: %w", name, i, err)
		}
		out = append(out, model.Removal(r))
	}
	return out, nil
}

func (r removalRow) validate() error {
	if err := required(
		"version", r.Version, "kind", r.Kind, "resource", r.Resource,
		"removedIn", r.RemovedIn, "replacement", r.Replacement, "source", r.Source,
	); err != nil {
		return err
	}
	if !strings.HasPrefix(r.Source, "https://") {
		return errors.New("source must be an https URL")
	}
	return nil
}

func decodeNotes(data []byte, name string) (removalFile, error) {
	var f removalFile
	dec := yaml.NewDecoder(strings.NewReader(string(data)))
	dec.KnownFields(true)
	if err := dec.Decode(&f); err != nil {
		return removalFile{}, fmt.Errorf("%s: %w", name, oneline.Error(err))
	}
	return f, nil
}

// BuiltinDeprecations returns the deprecated but still served kinds of
// removals.yaml (its deprecations list), from the deprecation guide and the
// API's own deprecation notices.
func BuiltinDeprecations() []model.Deprecation {
	rows, err := ParseDeprecations(builtinRemovals, "removals.yaml")
	if err != nil {
		panic(err) // the embedded file is checked by the package tests
	}
	return rows
}

// ParseDeprecations decodes the deprecations list of a file in the
// removals.yaml format; a file without one gives none. Every row needs
// version, kind, resource, deprecatedIn and a source that is an https URL,
// an "openapi:" description or a "k8s.io/api@" package.
func ParseDeprecations(data []byte, name string) ([]model.Deprecation, error) {
	f, err := decodeNotes(data, name)
	if err != nil {
		return nil, err
	}
	out := make([]model.Deprecation, 0, len(f.Deprecations))
	for i, r := range f.Deprecations {
		if err := r.validate(); err != nil {
			return nil, fmt.Errorf("%s: deprecations[%d]: %w", name, i, err)
		}
		out = append(out, model.Deprecation(r))
	}
	return out, nil
}

func (r deprecationRow) validate() error {
	if err := required("version", r.Version, "kind", r.Kind, "resource", r.Resource, "deprecatedIn", r.DeprecatedIn, "source", r.Source); err != nil {
		return err
	}
	for _, prefix := range []string{"https://", "openapi:", "k8s.io/api@"} {
		if strings.HasPrefix(r.Source, prefix) {
			return nil
		}
	}
	return errors.New("source must be an https URL, an openapi: description or a k8s.io/api@ package")
}

// required returns an error naming the first of the name, value pairs
// whose value is blank.
func required(pairs ...string) error {
	for i := 0; i+1 < len(pairs); i += 2 {
		if strings.TrimSpace(pairs[i+1]) == "" {
			return fmt.Errorf("%s is empty", pairs[i])
		}
	}
	return nil
}
