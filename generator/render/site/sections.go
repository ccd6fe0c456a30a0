package site

import (
	"sync"
	"sync/atomic"

	"github.com/kube-apidocs/kube-apidocs/generator/model"
)

// sections builds the parts of a resource page that take the longest to
// build and hold the most memory: the example, the skeleton manifest and
// the commands section. They are built when the first format renders the
// page and let go when the last one has, so that the site never holds
// every page's sections at once: together they were 19 MiB of generate's
// peak memory at 1,000 CRDs (BENCHMARKS.md, seventh pass). The views of
// both formats share one sections per resource.
type sections struct {
	rs       resolver
	resource model.Resource
	// left counts the formats that have still to render the page; the
	// last one lets go of what was built.
	left atomic.Int32

	once     sync.Once
	examples []exampleView
	skeleton string
	commands *commandsView
	err      error
}

// expectFormats sets how many formats will render each page of resources.
func expectFormats(resources []*resourceView, formats int) {
	for _, rv := range resources {
		rv.sections.left.Store(int32(formats))
	}
}

// fill builds the sections on first call, worded by ph (a goroutine's
// own), and sets them on rv, one format's view of the page.
func (s *sections) fill(rv *resourceView, ph *phrases) error {
	s.once.Do(func() {
		s.examples = examples(rv, ph)
		if !rv.SchemaManifest && rv.NoManifest == "" {
			s.skeleton = skeleton(rv) // else the field tree gave the manifest, or there is none
		}
		s.commands = commandsFor(s.rs, rv, s.resource, ph)
		s.err = ph.err // once set, the fork's phrases are all ""
	})
	if s.err != nil {
		return s.err
	}
	rv.Examples, rv.Commands = s.examples, s.commands
	if s.skeleton != "" {
		rv.YAML = s.skeleton
	}
	return nil
}

// release takes the sections off rv once its page is rendered and lets
// go of them after the last format's page.
func (s *sections) release(rv *resourceView) {
	rv.Examples, rv.Commands = nil, nil
	if s.skeleton != "" {
		rv.YAML = ""
	}
	if s.left.Add(-1) == 0 {
		s.examples, s.skeleton, s.commands = nil, "", nil
	}
}
