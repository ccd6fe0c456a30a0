package site

import (
	"strings"
	"testing"
)

// TestSectionsBuiltOnceAndLetGo: the first format's page builds a
// resource's sections, the second's gets the same ones without building
// them again, each view loses them once its page is rendered, and the
// sections themselves go after the last format's page.
func TestSectionsBuiltOnceAndLetGo(t *testing.T) {
	s := buildForTest(t, smallAPI())
	for _, rv := range s.Resources {
		if rv.Kind != "Deployment" {
			continue
		}
		// a view as prepareSections leaves it, before its page renders
		first := contentOf(rv)
		first.Examples, first.Commands, first.YAML = nil, nil, ""
		sec := &sections{rs: rv.sections.rs, resource: rv.sections.resource}
		first.sections = sec
		second := contentOf(first)
		expectFormats([]*resourceView{first}, 2)
		phrases := testPhrases(t)

		if err := sec.fill(first, phrases); err != nil {
			t.Fatal(err)
		}
		if first.Commands == nil || len(first.Examples) == 0 || !strings.Contains(first.YAML, "kind: Deployment") {
			t.Fatalf("after fill: commands %v, %d examples, YAML %q; want all three", first.Commands, len(first.Examples), first.YAML)
		}
		built := first.Commands
		sec.release(first)
		if first.Commands != nil || first.Examples != nil || first.YAML != "" {
			t.Errorf("the first format's view keeps its sections after its page")
		}
		if sec.commands == nil {
			t.Fatal("sections let go after the first of two formats")
		}
		if err := sec.fill(second, phrases); err != nil {
			t.Fatal(err)
		}
		if second.Commands != built {
			t.Errorf("the second format's page built the commands again")
		}
		sec.release(second)
		if sec.commands != nil || sec.examples != nil || sec.skeleton != "" {
			t.Errorf("sections kept after the last format's page")
		}
		return
	}
	t.Fatal("the small API has no Deployment")
}

// TestSectionsKeepTheFieldManifest: a manifest from the kind's schema, or
// the reason there is none, is the page's own; fill and release leave it.
func TestSectionsKeepTheFieldManifest(t *testing.T) {
	s := buildForTest(t, smallAPI())
	for _, tc := range []struct {
		name, yaml, noManifest string
		schemaManifest         bool
	}{
		{name: "schema manifest", yaml: "apiVersion: v1\nkind: FromSchema\n", schemaManifest: true},
		{name: "no manifest", noManifest: "the kind's schema has no properties"},
	} {
		rv := contentOf(s.Resources[0])
		rv.YAML, rv.SchemaManifest, rv.NoManifest = tc.yaml, tc.schemaManifest, tc.noManifest
		sec := &sections{rs: rv.sections.rs, resource: rv.sections.resource}
		rv.sections = sec
		expectFormats([]*resourceView{rv}, 1)
		if err := sec.fill(rv, testPhrases(t)); err != nil {
			t.Fatal(err)
		}
		if rv.YAML != tc.yaml {
			t.Errorf("%s: while the page renders, YAML = %q, want %q", tc.name, rv.YAML, tc.yaml)
		}
		sec.release(rv)
		if rv.YAML != tc.yaml {
			t.Errorf("%s: after the page, YAML = %q, want %q", tc.name, rv.YAML, tc.yaml)
		}
	}
}

func testPhrases(t *testing.T) *phrases {
	t.Helper()
	sets, err := parseSets(SiteOptions{})
	if err != nil {
		t.Fatal(err)
	}
	return newPhrases(sets.md, budget{})
}
