package report

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/kube-apidocs/kube-apidocs/templates"
)

// TestEveryPhraseIsUsed: each block of report/phrases.txt.tmpl is named by
// the package's writers or the diff page, and each section title by a
// section of the diff view, so no wording is left behind in Go or forgotten
// in the template.
func TestEveryPhraseIsUsed(t *testing.T) {
	var code strings.Builder
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		code.Write(b)
	}
	page, err := fs.ReadFile(templates.FS, "report/diff.html.tmpl")
	if err != nil {
		t.Fatal(err)
	}
	code.Write(page)
	used := code.String()
	for _, tmpl := range phrases().Templates() {
		name := tmpl.Name()
		if name == "phrases" || name == "phrases.txt.tmpl" {
			continue
		}
		if !strings.Contains(used, `"`+name+`"`) {
			t.Errorf("phrase %q is not used by any writer", name)
		}
	}
	src, err := fs.ReadFile(templates.FS, "report/phrases.txt.tmpl")
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range regexp.MustCompile(`eq \.Name "([a-z-]+)"`).FindAllStringSubmatch(string(src), -1) {
		if !strings.Contains(used, `"`+m[1]+`"`) {
			t.Errorf("name %q of a phrase is never asked for", m[1])
		}
	}
}

// TestUnknownSectionHasNoTitle: a section name the template does not know
// is an error, not an empty heading.
func TestUnknownSectionHasNoTitle(t *testing.T) {
	defer func() {
		if r := recover(); r == nil || !strings.Contains(r.(string), `no phrase for "nosuch"`) {
			t.Errorf("sectionTitle(nosuch): recovered %v, want the template's error", r)
		}
	}()
	sectionTitle("nosuch")
}
