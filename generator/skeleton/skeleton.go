package skeleton

import (
	"bytes"
	_ "embed"
	"fmt"
	"sort"
	"strings"
	"sync"

	"go.yaml.in/yaml/v3"

	"github.com/kube-apidocs/kube-apidocs/generator/model"
)

//go:embed placeholders.yaml
var placeholdersYAML []byte

// placeholders is the decoded placeholders.yaml.
type placeholders struct {
	// Types maps a type as kubectl explain prints it to a leaf's value.
	Types map[string]yaml.Node `yaml:"types"`
	// Formats maps an OpenAPI format to a leaf's value.
	Formats map[string]yaml.Node `yaml:"formats"`
	// Kinds maps "apiVersion Kind" to values by explain path.
	Kinds map[string]map[string]yaml.Node `yaml:"kinds"`
	// None maps "apiVersion Kind" to the reason the kind has no skeleton.
	None map[string]string `yaml:"none"`
}

// catalog is decoded once, when a skeleton is first built (not at start-up:
// 3,000 allocations every command would pay, BENCHMARKS.md);
// placeholders.yaml is part of the binary, so a decoding error is a build
// defect that the package's tests catch.
var catalog = sync.OnceValue(func() placeholders { return mustDecode(placeholdersYAML) })

func mustDecode(raw []byte) placeholders {
	var p placeholders
	if err := yaml.Unmarshal(raw, &p); err != nil {
		panic(fmt.Sprintf("skeleton: placeholders.yaml: %v", err))
	}
	return p
}

// Name is the metadata.name of every skeleton that does not set its own.
const Name = "example"

// Manifest is a kind's skeleton: a YAML manifest, or the reason there is
// none.
type Manifest struct {
	// YAML is the manifest, one document ending in a newline; empty when
	// Reason is set.
	YAML string
	// Reason says why the kind has no skeleton (from placeholders.yaml);
	// empty when YAML is set.
	Reason string
}

// Build returns the skeleton of a kind.
func Build(k *model.KindSchema) (Manifest, error) {
	m, _, err := build(k)
	return m, err
}

// key is how placeholders.yaml names a kind.
func key(k *model.KindSchema) string { return k.APIVersion() + " " + k.Kind }

// build returns the manifest and the placeholder paths that the kind's
// schema does not have (they are skipped; the tests keep the list empty for
// the newest recording).
func build(k *model.KindSchema) (Manifest, []string, error) {
	if reason, ok := catalog().None[key(k)]; ok {
		return Manifest{Reason: reason}, nil, nil
	}
	root := &yaml.Node{Kind: yaml.MappingNode}
	root.Content = append(root.Content,
		scalar("apiVersion"), scalar(k.APIVersion()),
		scalar("kind"), scalar(k.Kind),
		scalar("metadata"), mapping(scalar("name"), scalar(Name)))
	for _, f := range k.Fields {
		if f.Required && !isTypeMeta(f.Name) {
			setSorted(root, f.Name, generic(f))
		}
	}
	var skipped []string
	for _, path := range sortedPaths(catalog().Kinds[key(k)]) {
		value := catalog().Kinds[key(k)][path]
		if !apply(root, k.Fields, strings.Split(path, "."), &value) {
			skipped = append(skipped, path)
		}
	}
	var out bytes.Buffer
	enc := yaml.NewEncoder(&out)
	enc.SetIndent(2)
	if err := enc.Encode(root); err != nil {
		return Manifest{}, nil, fmt.Errorf("skeleton of %s: %w", key(k), err)
	}
	if err := enc.Close(); err != nil {
		return Manifest{}, nil, fmt.Errorf("skeleton of %s: %w", key(k), err)
	}
	return Manifest{YAML: out.String()}, skipped, nil
}

func isTypeMeta(name string) bool {
	return name == "apiVersion" || name == "kind" || name == "metadata"
}

func sortedPaths(values map[string]yaml.Node) []string {
	paths := make([]string, 0, len(values))
	for p := range values {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	return paths
}

// generic is the placeholder of a required field: its first non-empty enum
// value, one element for a list, one entry for a map, the required children
// of an object, the placeholder of its format or type for a leaf.
func generic(f model.Field) *yaml.Node {
	switch {
	case f.IsArray():
		return &yaml.Node{Kind: yaml.SequenceNode, Content: []*yaml.Node{element(f, strings.TrimPrefix(f.Type, "[]"))}}
	case f.IsMap():
		return mapping(scalar(Name), element(f, strings.TrimPrefix(f.Type, "map[string]")))
	}
	return element(f, f.Type)
}

// element is the placeholder of one value of type typ (the field's own
// type, or its list or map element type) whose children are f's.
func element(f model.Field, typ string) *yaml.Node {
	if strings.HasPrefix(typ, "[]") || strings.HasPrefix(typ, "map[") {
		return generic(model.Field{Type: typ, Fields: f.Fields})
	}
	for _, v := range f.Enum {
		if v != "" {
			return scalar(v)
		}
	}
	if len(f.Fields) > 0 {
		obj := &yaml.Node{Kind: yaml.MappingNode}
		for _, c := range f.Fields {
			if c.Required {
				setSorted(obj, c.Name, generic(c))
			}
		}
		return obj
	}
	if v, ok := catalog().Formats[f.Format]; ok && f.Format != "" {
		return clone(&v)
	}
	if v, ok := catalog().Types[typ]; ok {
		return clone(&v)
	}
	return &yaml.Node{Kind: yaml.MappingNode}
}

// apply sets value at the explain path segs under node, whose schema
// fields are fields. A list on the way holds one element, which is
// followed; the path fails (false) where the schema has no such field or
// passes through a map.
func apply(node *yaml.Node, fields []model.Field, segs []string, value *yaml.Node) bool {
	f, ok := findField(fields, segs[0])
	if !ok {
		return false
	}
	if len(segs) == 1 {
		setSorted(node, f.Name, clone(value))
		return true
	}
	if f.IsMap() {
		return false
	}
	next := get(node, f.Name)
	if f.IsArray() {
		if next == nil || next.Kind != yaml.SequenceNode || len(next.Content) == 0 {
			next = &yaml.Node{Kind: yaml.SequenceNode, Content: []*yaml.Node{{Kind: yaml.MappingNode}}}
			setSorted(node, f.Name, next)
		}
		next = next.Content[0]
	} else if next == nil || next.Kind != yaml.MappingNode {
		next = &yaml.Node{Kind: yaml.MappingNode}
		setSorted(node, f.Name, next)
	}
	if next.Kind != yaml.MappingNode {
		return false
	}
	return apply(next, f.Fields, segs[1:], value)
}

func findField(fields []model.Field, name string) (model.Field, bool) {
	for _, f := range fields {
		if f.Name == name {
			return f, true
		}
	}
	return model.Field{}, false
}

// get returns the value of key in a mapping node.
func get(m *yaml.Node, key string) *yaml.Node {
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			return m.Content[i+1]
		}
	}
	return nil
}

// setSorted replaces key's value, or inserts key in name order after
// apiVersion, kind and metadata, which stay first.
func setSorted(m *yaml.Node, key string, value *yaml.Node) {
	at := len(m.Content)
	for i := 0; i+1 < len(m.Content); i += 2 {
		k := m.Content[i].Value
		if k == key {
			m.Content[i+1] = value
			return
		}
		if at == len(m.Content) && !isTypeMeta(k) && k > key {
			at = i
		}
	}
	m.Content = append(m.Content[:at], append([]*yaml.Node{scalar(key), value}, m.Content[at:]...)...)
}

// scalar is a string node. Strings that YAML 1.1 reads as booleans or null
// ("on", "no", "y") are quoted: kubectl's YAML decoder is YAML 1.1.
func scalar(s string) *yaml.Node {
	n := &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: s}
	switch strings.ToLower(s) {
	case "y", "yes", "n", "no", "on", "off", "true", "false", "null", "~", "":
		n.Style = yaml.DoubleQuotedStyle
	}
	return n
}

func mapping(content ...*yaml.Node) *yaml.Node {
	return &yaml.Node{Kind: yaml.MappingNode, Content: content}
}

// clone deep-copies a node from the catalog, without its position and
// comments, so that manifests never share nodes.
func clone(n *yaml.Node) *yaml.Node {
	if n.Kind == yaml.AliasNode && n.Alias != nil {
		return clone(n.Alias)
	}
	// Keep a scalar's quoting; lists and maps are printed in block style.
	c := &yaml.Node{Kind: n.Kind, Tag: n.Tag, Value: n.Value, Style: n.Style &^ (yaml.TaggedStyle | yaml.FlowStyle)}
	if n.Kind == yaml.DocumentNode && len(n.Content) == 1 {
		return clone(n.Content[0])
	}
	for _, ch := range n.Content {
		c.Content = append(c.Content, clone(ch))
	}
	return c
}
