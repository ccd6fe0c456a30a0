// Command linkcheck checks the links of built static sites: every relative
// href and src of every HTML page resolves to a file of the site, and every
// #fragment to an element id in the page it names. make ssg runs it over
// the Hugo, MkDocs and Docusaurus builds of kube-apidocs' Markdown.
//
// Usage: go run ./hack/ssg/linkcheck SITE_DIR...
//
// It prints each broken link and a summary line per site, and exits 1 when
// a link is broken or a site has no page.
package main

import (
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"golang.org/x/net/html"
)

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: linkcheck SITE_DIR...")
		os.Exit(2)
	}
	failed := false
	for _, dir := range os.Args[1:] {
		if !report(dir) {
			failed = true
		}
	}
	if failed {
		os.Exit(1)
	}
}

// report checks one site and prints what it found; false when it failed.
func report(dir string) bool {
	r, err := Check(dir)
	if err != nil {
		fmt.Fprintf(os.Stderr, "linkcheck: %v\n", err)
		return false
	}
	for _, p := range append(r.Broken, r.BrokenFragments...) {
		fmt.Printf("%s: %s\n", dir, p)
	}
	fmt.Printf("%s: %d pages, %d relative links, %d broken, %d broken fragments\n",
		dir, r.Pages, r.Links, len(r.Broken), len(r.BrokenFragments))
	return r.Pages > 0 && len(r.Broken)+len(r.BrokenFragments) == 0
}

// Problem is one link that does not resolve.
type Problem struct {
	// Page is the page holding the link, relative to the site root.
	Page string
	// Link is the href or src as the page has it.
	Link string
	// Reason says what is missing.
	Reason string
}

func (p Problem) String() string { return fmt.Sprintf("%s: %q: %s", p.Page, p.Link, p.Reason) }

// Report is the result of Check.
type Report struct {
	// Pages and Links count the HTML pages read and the relative links
	// checked (fragments included).
	Pages, Links int
	// Broken are the links that do not resolve to a file; BrokenFragments
	// those whose file exists but holds no element with the fragment's id.
	Broken, BrokenFragments []Problem
}

// page is what Check keeps of one HTML page.
type page struct {
	ids   map[string]bool
	links []string
}

// Check reads every .html file under root and checks its links. A link
// starting with "/" is resolved against root (a site served at "/"); links
// with a scheme (https:, mailto:, data:) are not checked, except that a
// javascript: URL is always broken.
func Check(root string) (Report, error) {
	pages, err := readPages(root)
	if err != nil {
		return Report{}, err
	}
	var r Report
	r.Pages = len(pages)
	names := make([]string, 0, len(pages))
	for name := range pages {
		names = append(names, name)
	}
	slices.Sort(names)
	for _, name := range names {
		for _, link := range pages[name].links {
			problem, checked := checkLink(root, pages, name, link)
			if checked {
				r.Links++
			}
			switch {
			case problem == nil:
			case problem.Reason == reasonNoID:
				r.BrokenFragments = append(r.BrokenFragments, *problem)
			default:
				r.Broken = append(r.Broken, *problem)
			}
		}
	}
	return r, nil
}

const reasonNoID = "no element with this id"

// checkLink resolves link on the page name; checked is false for links it
// does not check (other schemes, other hosts).
func checkLink(root string, pages map[string]*page, name, link string) (problem *Problem, checked bool) {
	fail := func(reason string) (*Problem, bool) { return &Problem{Page: name, Link: link, Reason: reason}, true }
	u, err := url.Parse(strings.TrimSpace(link))
	if err != nil {
		return fail("not a URL")
	}
	if strings.EqualFold(u.Scheme, "javascript") {
		return fail("a javascript: URL")
	}
	if u.Scheme != "" || u.Host != "" || link == "" {
		return nil, false
	}
	target := name
	if u.Path != "" {
		p := u.Path
		if !strings.HasPrefix(p, "/") {
			p = path.Join(path.Dir(name), p)
		}
		if strings.HasPrefix(path.Clean("/"+p), "/..") || strings.HasPrefix(path.Clean(p), "..") {
			return fail("leaves the site")
		}
		var ok bool
		if target, ok = resolve(root, strings.TrimPrefix(path.Clean(p), "/"), strings.HasSuffix(u.Path, "/")); !ok {
			return fail("no such file")
		}
	}
	if u.Fragment == "" {
		return nil, true
	}
	pg, ok := pages[target]
	if !ok {
		return nil, true // a fragment into an SVG or other file: not checked
	}
	if !pg.ids[u.Fragment] {
		return fail(reasonNoID)
	}
	return nil, true
}

// resolve maps a site path to the file a static server would answer with:
// the file itself, or the index.html of a folder.
func resolve(root, p string, dir bool) (string, bool) {
	if p == "." {
		p = ""
	}
	full := filepath.Join(root, filepath.FromSlash(p))
	st, err := os.Stat(full)
	if err == nil && !st.IsDir() && !dir {
		return p, true
	}
	if err == nil && st.IsDir() {
		idx := path.Join(p, "index.html")
		if _, err := os.Stat(filepath.Join(root, filepath.FromSlash(idx))); err == nil {
			return idx, true
		}
	}
	return "", false
}

// readPages parses every .html file under root.
func readPages(root string) (map[string]*page, error) {
	pages := map[string]*page{}
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".html") {
			return err
		}
		rel, err := filepath.Rel(root, p)
		if err != nil {
			return err
		}
		f, err := os.Open(p)
		if err != nil {
			return err
		}
		defer f.Close()
		doc, err := html.Parse(f)
		if err != nil {
			return fmt.Errorf("%s: %w", p, err)
		}
		pg := &page{ids: map[string]bool{}}
		collect(doc, pg)
		pages[filepath.ToSlash(rel)] = pg
		return nil
	})
	return pages, err
}

// collect records the ids and the links (a/link href, img/script/source
// src) of the tree under n.
func collect(n *html.Node, pg *page) {
	if n.Type == html.ElementNode {
		for _, a := range n.Attr {
			switch {
			case a.Key == "id" || (a.Key == "name" && n.Data == "a"):
				pg.ids[a.Val] = true
			case a.Key == "href" && (n.Data == "a" || n.Data == "link" || n.Data == "area"):
				pg.links = append(pg.links, a.Val)
			case a.Key == "src" && (n.Data == "img" || n.Data == "script" || n.Data == "source" || n.Data == "iframe"):
				pg.links = append(pg.links, a.Val)
			}
		}
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		collect(c, pg)
	}
}
