package site

// The API tree diagram: "/" with "/api" (the core group's versions) and
// "/apis" (each named group and its versions) below it, laid out as an
// indented tree. Positions are computed here; the "api-tree" template only
// draws them, so the drawing is escaped like every other template value.

// Layout of the tree, in SVG user units.
const (
	treeRowHeight = 22
	treeIndent    = 22
	treeMargin    = 10
	treeCharWidth = 7.4 // average advance of the 12px monospace font
)

// treeView is the laid-out diagram.
type treeView struct {
	Width, Height int
	Links         bool // whether nodes link to pages (inline HTML) or the SVG is a plain picture
	Nodes         []treeNode
	Edges         []treeEdge
}

// treeNode is one label of the diagram.
type treeNode struct {
	X, Y      int
	Label     string
	Note      string // the tree-note phrase: "(preferred)" for a group's preferred version
	Path      string // the page the label links to; empty for none
	Class     string // root, group or version
	Preferred bool
}

// treeEdge is an elbow line from a parent down and across to a child.
type treeEdge struct {
	X1, Y1, X2, Y2 int
}

// treeItem is a node before layout: its depth and its parent's index.
type treeItem struct {
	node   treeNode
	depth  int
	parent int
}

// buildTree lays out the API tree of s. With links, labels link to the
// group pages (for inline HTML); without, the SVG is a plain picture.
func buildTree(s *siteView, links bool, ph *phrases) treeView {
	items := treeItems(s, links, ph)
	t := treeView{Links: links}
	widest := 0
	for i, it := range items {
		n := it.node
		n.X = treeMargin + it.depth*treeIndent
		n.Y = treeMargin + i*treeRowHeight + treeRowHeight/2
		items[i].node = n
		if w := n.X + int(float64(len([]rune(n.Label+" "+n.Note)))*treeCharWidth) + 16; w > widest {
			widest = w
		}
		if it.parent >= 0 {
			p := items[it.parent].node
			t.Edges = append(t.Edges, treeEdge{X1: p.X + 4, Y1: p.Y + 6, X2: n.X - 4, Y2: n.Y})
		}
		t.Nodes = append(t.Nodes, n)
	}
	t.Width = widest + treeMargin
	t.Height = 2*treeMargin + len(items)*treeRowHeight
	return t
}

func treeItems(s *siteView, links bool, ph *phrases) []treeItem {
	link := func(p string) string {
		if links {
			return p
		}
		return ""
	}
	items := []treeItem{{node: treeNode{Label: "/", Class: "root"}, parent: -1}}
	apis := -1
	for _, g := range s.Groups {
		parent := 0
		if g.Name != "" {
			if apis < 0 {
				items = append(items, treeItem{node: treeNode{Label: "/apis", Class: "root"}, depth: 1, parent: 0})
				apis = len(items) - 1
			}
			parent = apis
		}
		label := g.Name
		if g.Name == "" {
			label = "/api"
		}
		items = append(items, treeItem{node: treeNode{Label: label, Path: link(g.Path), Class: "group"}, depth: items[parent].depth + 1, parent: parent})
		gi := len(items) - 1
		for _, v := range g.Versions {
			n := treeNode{Label: v.Version, Path: link(g.Path + "#" + v.Anchor), Class: "version", Preferred: v.Preferred,
				Note: ph.cached("tree-note", struct{ Preferred bool }{v.Preferred})}
			items = append(items, treeItem{node: n, depth: items[gi].depth + 1, parent: gi})
		}
	}
	return items
}
