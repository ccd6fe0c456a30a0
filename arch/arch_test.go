package arch

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os/exec"
	"sort"
	"strings"
	"testing"
)

const module = "github.com/kube-apidocs/kube-apidocs"

// pkg is what the test reads of one `go list -json` record.
type pkg struct {
	ImportPath string
	Standard   bool
	Imports    []string
}

// rule forbids the import edges for which forbidden returns a reason.
type rule struct {
	name      string
	forbidden func(from, to pkg) bool
}

// TestImportArrows checks every import edge of the module's packages
// (tests excluded: they may reach across to build inputs) against the
// arrows that must never exist, and names each offending edge.
func TestImportArrows(t *testing.T) {
	pkgs := goList(t)
	var bad []string
	for _, from := range pkgs {
		if !inModule(from.ImportPath) {
			continue
		}
		for _, imp := range from.Imports {
			to, ok := pkgs[imp]
			if !ok {
				to = pkg{ImportPath: imp}
			}
			for _, r := range rules {
				if r.forbidden(from, to) {
					bad = append(bad, fmt.Sprintf("%s imports %s: %s", short(from.ImportPath), short(imp), r.name))
				}
			}
		}
	}
	sort.Strings(bad)
	for _, b := range bad {
		t.Error(b)
	}
}

// TestRulesCatchEdges shows each rule refuses the edge it is about and
// allows the ones the layout wants, so that TestImportArrows cannot pass
// because a rule never matches.
func TestRulesCatchEdges(t *testing.T) {
	p := func(path string, std bool) pkg { return pkg{ImportPath: path, Standard: std} }
	m := func(path string) pkg { return p(module+"/"+path, false) }
	cases := []struct {
		from, to pkg
		want     bool
	}{
		{m("generator/model"), p("sort", true), false},
		{m("generator/model"), m("generator/oneline"), true},
		{m("generator/model"), p("go.yaml.in/yaml/v3", false), true},
		{m("generator/render/site"), m("generator/render/table"), false},
		{m("generator/render/site"), m("generator/source"), true},
		{m("generator/render/table"), m("generator/recording"), true},
		{m("generator/render/report"), m("generator/replay"), true},
		{m("generator/source"), m("generator/render/table"), true},
		{m("generator/recording"), m("generator/render/site"), true},
		{m("generator/source"), m("generator/recording"), false},
		{m("cmd/kube-apidocs"), p("github.com/spf13/cobra", false), false},
		{m("generator/config"), p("github.com/spf13/cobra", false), true},
		{m("generator/source"), p("k8s.io/client-go/rest", false), false},
		{m("generator/replay"), p("k8s.io/client-go/discovery", false), false},
		{m("cmd/kube-apidocs"), p("k8s.io/client-go/rest", false), true},
		{m("generator/diff"), p("k8s.io/client-go/discovery", false), true},
		{m("generator/source"), p("k8s.io/client-go/util/flowcontrol", false), false},
	}
	for _, c := range cases {
		var got []string
		for _, r := range rules {
			if r.forbidden(c.from, c.to) {
				got = append(got, r.name)
			}
		}
		if (len(got) > 0) != c.want {
			t.Errorf("%s -> %s: forbidden by %q, want forbidden=%v", short(c.from.ImportPath), short(c.to.ImportPath), got, c.want)
		}
	}
}

var rules = []rule{
	{"generator/model may import only the standard library", func(from, to pkg) bool {
		return from.ImportPath == module+"/generator/model" && !to.Standard
	}},
	{"render packages and the packages that read recordings or clusters never import each other", func(from, to pkg) bool {
		return (isRender(from.ImportPath) && isReader(to.ImportPath)) || (isReader(from.ImportPath) && isRender(to.ImportPath))
	}},
	{"only cmd/... imports cobra", func(from, to pkg) bool {
		return isUnder(to.ImportPath, "github.com/spf13/cobra") && !isUnder(from.ImportPath, module+"/cmd")
	}},
	{"only generator/source, replay and recording import client-go's rest and discovery", func(from, to pkg) bool {
		clientGo := isUnder(to.ImportPath, "k8s.io/client-go/rest") || isUnder(to.ImportPath, "k8s.io/client-go/discovery")
		return clientGo && !isReader(from.ImportPath)
	}},
}

// isReader reports whether path is one of the packages that read
// recordings or clusters.
func isReader(path string) bool {
	for _, p := range []string{"generator/source", "generator/recording", "generator/replay"} {
		if isUnder(path, module+"/"+p) {
			return true
		}
	}
	return false
}

func isRender(path string) bool { return isUnder(path, module+"/generator/render") }

func inModule(path string) bool { return isUnder(path, module) }

// isUnder reports whether path is root or a package below it.
func isUnder(path, root string) bool {
	return path == root || strings.HasPrefix(path, root+"/")
}

func short(path string) string { return strings.TrimPrefix(path, module+"/") }

// goList runs `go list -deps -json ./...` at the module root and returns
// its packages by import path.
func goList(t *testing.T) map[string]pkg {
	t.Helper()
	cmd := exec.Command("go", "list", "-deps", "-json=ImportPath,Standard,Imports", "./...")
	cmd.Dir = ".."
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go list: %v\n%s", err, stderr.String())
	}
	pkgs := map[string]pkg{}
	dec := json.NewDecoder(bytes.NewReader(out))
	for {
		var p pkg
		err := dec.Decode(&p)
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatalf("reading go list output: %v", err)
		}
		pkgs[p.ImportPath] = p
	}
	if _, ok := pkgs[module+"/generator/model"]; !ok {
		t.Fatalf("go list did not list %s/generator/model", module)
	}
	return pkgs
}
