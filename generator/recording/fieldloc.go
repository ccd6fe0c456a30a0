package recording

import "k8s.io/apimachinery/pkg/util/validation/field"

// loc is a field path held as a value while the checks walk a document,
// and made a *field.Path only for a problem: building a *field.Path for
// every resource and verb checked was nearly half of a load's allocations.
type loc struct {
	segs [maxLocDepth]locSeg
	n    int
}

// maxLocDepth is deeper than any path of a discovery document
// (items[i].versions[j].resources[k].subresources[m].responseKind.kind is 10).
const maxLocDepth = 12

// locSeg is a child name, or an index when name is "".
type locSeg struct {
	name  string
	index int
}

// newLoc starts a path at a top-level field, like field.NewPath.
func newLoc(names ...string) loc {
	return loc{}.child(names...)
}

func (l loc) child(names ...string) loc {
	for _, name := range names {
		l = l.add(locSeg{name: name})
	}
	return l
}

func (l loc) index(i int) loc {
	return l.add(locSeg{index: i})
}

func (l loc) add(s locSeg) loc {
	if l.n < maxLocDepth {
		l.segs[l.n] = s
		l.n++
	}
	return l
}

// path is l as apimachinery's field path; nil for the document itself.
func (l loc) path() *field.Path {
	var p *field.Path
	for _, s := range l.segs[:l.n] {
		switch {
		case s.name == "":
			p = p.Index(s.index)
		case p == nil:
			p = field.NewPath(s.name)
		default:
			p = p.Child(s.name)
		}
	}
	return p
}

// String is the path as field.Path prints it ("resources[3].verbs[0]").
func (l loc) String() string {
	return l.path().String()
}
