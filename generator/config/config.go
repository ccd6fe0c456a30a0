package config

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/kube-apidocs/kube-apidocs/generator/oneline"
)

// Config is the content of a configuration file. Every field is optional;
// a zero field means "not set here", so the flag default applies.
type Config struct {
	// Title heads every page.
	Title string `yaml:"title"`
	// BaseURL is where the HTML site will be published.
	BaseURL string `yaml:"baseURL"`
	// Out is the folder the site is written to.
	Out string `yaml:"out"`
	// Formats lists "html" and/or "markdown".
	Formats []string `yaml:"formats"`
	// FrontMatter is "none", "hugo", "mkdocs" or "docusaurus".
	FrontMatter string `yaml:"frontMatter"`
	// Templates is a folder of template overrides.
	Templates string `yaml:"templates"`
	// Source says where the API surface comes from.
	Source Source `yaml:"source"`
	// Compare lists recording folders (or "builtin") the version matrix
	// lines the source up with, as --compare does.
	Compare []string `yaml:"compare"`
	// Language is the language of the site's words ("en", "ko"), as
	// --lang sets it.
	Language string `yaml:"language"`
}

// Source selects a recording or a live cluster.
type Source struct {
	// Fixtures is a recording folder or "builtin"; empty means a live cluster.
	Fixtures string `yaml:"fixtures"`
	// LegacyDiscovery forces one request per group-version.
	LegacyDiscovery bool `yaml:"legacyDiscovery"`
	// Kubeconfig and Context select the live cluster, as kubectl's flags do.
	Kubeconfig string `yaml:"kubeconfig"`
	Context    string `yaml:"context"`
}

// keys is the schema unknown keys are checked against: for each mapping
// (by its dotted path, "" for the top) the keys it may hold.
var keys = map[string][]string{
	"":       {"title", "baseURL", "out", "formats", "frontMatter", "templates", "source", "compare", "language"},
	"source": {"fixtures", "legacyDiscovery", "kubeconfig", "context"},
}

// Load reads the configuration file at path. Relative paths in it (out,
// templates, source.fixtures, source.kubeconfig, compare) are taken relative to the
// file's folder, so a config works from any working directory; "~/" means
// the home folder in out, templates and source.kubeconfig.
func Load(path string) (*Config, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	cfg, err := Parse(data)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	cfg.resolve(filepath.Dir(path))
	return cfg, nil
}

// Parse decodes a configuration document. An empty document is an empty
// Config. Unknown keys, wrong types and more than one document are errors.
func Parse(data []byte) (*Config, error) {
	var root yaml.Node
	dec := yaml.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&root); err != nil {
		if errors.Is(err, io.EOF) {
			return &Config{}, nil
		}
		return nil, err
	}
	if err := dec.Decode(&yaml.Node{}); !errors.Is(err, io.EOF) {
		return nil, errors.New("holds more than one YAML document")
	}
	if err := checkKeys(&root, ""); err != nil {
		return nil, err
	}
	cfg := &Config{}
	strict := yaml.NewDecoder(bytes.NewReader(data))
	strict.KnownFields(true)
	if err := strict.Decode(cfg); err != nil {
		// the YAML decoder's type errors span several lines
		return nil, errors.New(oneline.Text(strings.TrimPrefix(err.Error(), "yaml: unmarshal errors:\n")))
	}
	return cfg, nil
}

// checkKeys walks the document and rejects the first key the schema does
// not know, naming it by its dotted path and line.
func checkKeys(n *yaml.Node, path string) error {
	if n.Kind == yaml.DocumentNode {
		for _, c := range n.Content {
			if err := checkKeys(c, path); err != nil {
				return err
			}
		}
		return nil
	}
	allowed, isMapping := keys[path]
	if !isMapping {
		return nil
	}
	if n.Kind != yaml.MappingNode {
		return fmt.Errorf("line %d: %s must be a mapping", n.Line, nameOf(path))
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k := n.Content[i]
		full := join(path, k.Value)
		if !contains(allowed, k.Value) {
			return fmt.Errorf("line %d: unknown key %q (allowed%s: %s)", k.Line, full, under(path), strings.Join(sorted(allowed), ", "))
		}
		if err := checkKeys(n.Content[i+1], full); err != nil {
			return err
		}
	}
	return nil
}

func join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

func nameOf(path string) string {
	if path == "" {
		return "the document"
	}
	return path
}

func under(path string) string {
	if path == "" {
		return ""
	}
	return " under " + path
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func sorted(in []string) []string {
	out := append([]string(nil), in...)
	sort.Strings(out)
	return out
}

// resolve makes the file's relative paths relative to dir and expands a
// leading "~/" to the home folder.
func (c *Config) resolve(dir string) {
	for _, p := range []*string{&c.Out, &c.Templates, &c.Source.Kubeconfig} {
		if home, err := os.UserHomeDir(); err == nil && strings.HasPrefix(*p, "~/") {
			*p = filepath.Join(home, (*p)[2:])
		}
		if *p != "" && !filepath.IsAbs(*p) {
			*p = filepath.Join(dir, *p)
		}
	}
	c.Source.Fixtures = recordingPath(dir, c.Source.Fixtures)
	for i, f := range c.Compare {
		c.Compare[i] = recordingPath(dir, f)
	}
}

// recordingPath resolves a recording folder against dir; "", "builtin" and
// absolute paths stay as they are.
func recordingPath(dir, f string) string {
	if f == "" || f == "builtin" || filepath.IsAbs(f) {
		return f
	}
	return filepath.Join(dir, f)
}
